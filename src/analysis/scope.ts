import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers, staticKeyName } from "./ast.js";

export type Variable = TSESLint.Scope.Variable;
export type SourceCode = Readonly<TSESLint.SourceCode>;

/** The variable an identifier refers to, or null for an undeclared global. */
export function variableOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): Variable | null {
  try {
    // By name from the identifier's own scope: given the node, `findVariable` first scans the scope's child scopes for
    // one that holds it (none does), which costs a pass over every top-level function of a large module per lookup.
    const found = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
    return found ?? null;
  } catch {
    return null;
  }
}

/** Whether the identifier names a global (not declared anywhere in the file, or only implicitly). */
export function isGlobalReference(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(sourceCode, identifier);
  return variable === null || variable.defs.length === 0;
}

/** A value written to a variable, with the property path from the written value to the variable (destructuring). */
export interface VariableWrite {
  /** The node the value comes from (an initializer, the right side of an assignment, a for-of iterable). */
  value: TSESTree.Node;
  /** Properties read from `value` to get the variable, e.g. `["exec"]` for `const { exec } = cp`; null if unknown. */
  path: string[] | null;
  /** Where the write happens. */
  site: TSESTree.Node;
  /** The value is an element of `value` (for-of), not `value` itself. */
  iterated: boolean;
  /** A compound assignment (`+=`): the previous value flows too. */
  compound: boolean;
}

const writesCache = new WeakMap<Variable, VariableWrite[]>();

/** Every value written to the variable, from declarations, assignments and destructuring. */
export function writesOf(variable: Variable): VariableWrite[] {
  const cached = writesCache.get(variable);
  if (cached) return cached;
  const writes: VariableWrite[] = [];
  for (const reference of variable.references) {
    if (!reference.isWrite() || !reference.writeExpr) continue;
    const write = describeWrite(reference.identifier as TSESTree.Node, reference.writeExpr as TSESTree.Node);
    if (write) writes.push(write);
  }
  writesCache.set(variable, writes);
  return writes;
}

/**
 * The property path from the root of a destructuring pattern down to `identifier` (`["a", "b"]` for `{ a: { b } }`),
 * or null when it goes through an array or rest element or a computed key. `[]` for a plain identifier.
 */
export function pathInPattern(identifier: TSESTree.Node): string[] | null {
  const path: string[] = [];
  let current: TSESTree.Node = identifier;
  for (;;) {
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === current && parent.parent?.type === AST_NODE_TYPES.ObjectPattern) {
      const name = staticKeyName(parent);
      if (name === null) return null;
      path.unshift(name);
      current = parent.parent;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.AssignmentPattern && parent.left === current) {
      current = parent;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.ArrayPattern || parent?.type === AST_NODE_TYPES.RestElement) return null;
    return path;
  }
}

function describeWrite(identifier: TSESTree.Node, writeExpr: TSESTree.Node): VariableWrite | null {
  const path: string[] = [];
  let known = true;
  let current: TSESTree.Node = identifier;
  // Climb the pattern from the identifier to its root, collecting the property names on the way.
  for (;;) {
    const parent = current.parent;
    if (!parent) return null;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current && parent.parent?.type === AST_NODE_TYPES.ObjectPattern) {
      const name = staticKeyName(parent);
      if (name === null) known = false;
      else path.unshift(name);
      current = parent.parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === current) {
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.ArrayPattern || parent.type === AST_NODE_TYPES.RestElement) {
      known = false;
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.VariableDeclarator) {
      const grand = parent.parent?.parent;
      const iterated =
        (grand?.type === AST_NODE_TYPES.ForOfStatement || grand?.type === AST_NODE_TYPES.ForInStatement) &&
        grand.left === parent.parent;
      return { value: writeExpr, path: known ? path : null, site: parent, iterated, compound: false };
    }
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === current) {
      return { value: writeExpr, path: known ? path : null, site: parent, iterated: false, compound: parent.operator !== "=" };
    }
    if (parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) {
      return { value: writeExpr, path: known ? path : null, site: parent, iterated: true, compound: false };
    }
    return { value: writeExpr, path: known ? path : null, site: parent, iterated: false, compound: false };
  }
}

/** Whether some code assigns a property of the variable's value (`opts.cmd = x`), which a literal does not show. */
export function hasPropertyWrites(variable: Variable): boolean {
  return variable.references.some((reference) => {
    let node: TSESTree.Node = reference.identifier as TSESTree.Node;
    while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) node = node.parent;
    if (node === reference.identifier) return false;
    const parent = node.parent;
    return (
      (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) ||
      (parent?.type === AST_NODE_TYPES.UpdateExpression && parent.argument === node) ||
      (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node)
    );
  });
}

const MUTATING_METHODS: Readonly<Record<string, number>> = { push: 0, unshift: 0, splice: 2, add: 0, set: 1, fill: 0 };
const contentWritesCache = new WeakMap<Variable, TSESTree.Node[]>();

/**
 * Values stored *into* the variable's object or array after it was created (`args.push(x)`, `opts.cmd = x`,
 * `map.set(k, x)`): the variable's contents then carry their data too.
 */
export function contentWritesOf(variable: Variable): TSESTree.Node[] {
  const cached = contentWritesCache.get(variable);
  if (cached) return cached;
  const values: TSESTree.Node[] = [];
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Node;
    const member = identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) continue;
    const parent = member.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) {
      values.push(parent.right);
    } else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === member) {
      const method = staticKeyName(member);
      const first = method !== null && Object.hasOwn(MUTATING_METHODS, method) ? MUTATING_METHODS[method] : -1;
      if (first >= 0) values.push(...parent.arguments.slice(first));
    }
  }
  contentWritesCache.set(variable, values);
  return values;
}

/** An object literal, directly or through a same-file `const`. */
export function objectLiteralOf(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): TSESTree.ObjectExpression | null {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
  if (inner.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const variable = variableOf(sourceCode, inner);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0) return objectLiteralOf(sourceCode, writes[0].value, depth + 1);
  }
  return null;
}
