import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { isFunctionNode, skipWrappers, staticKeyName, walk, type FunctionNode } from "./ast.js";
import { resolveCallee, type ResolvedValue } from "./imports.js";
import { enclosingClassBody, instanceClass } from "./classes.js";
import type { ExtraGuards } from "./guards.js";
import { contentWritesOf, hasPropertyWrites, variableOf, writesOf, type SourceCode, type Variable } from "./scope.js";

/** What the data-flow needs to know about library calls: which carry their arguments' data, which clean it. */
export interface FlowKnowledge {
  /** A call of this export returns data derived from its (non-function) arguments. */
  propagates(resolved: ResolvedValue): boolean;
  /** A call of this export returns data that carries nothing from its arguments (a coercion or an encoder). */
  sanitizes(resolved: ResolvedValue): boolean;
  /** Methods whose result carries the receiver's and the arguments' data (`trim`, `join`, `map`, ...). */
  propagatingMethods: ReadonlySet<string>;
  /** Of those, the methods whose non-callback arguments flow into the result too (`concat`, `replace`). */
  argumentPassingMethods: ReadonlySet<string>;
  /** Properties whose value never carries injectable data (`length`, `size`). */
  inertProperties: ReadonlySet<string>;
  /** Methods whose callback receives the receiver's elements (`forEach`, `map`, ...). */
  iteratingMethods: ReadonlySet<string>;
  /** Checks that make a value safe for this family of sinks only, beside the generic guards. */
  guards: ExtraGuards;
  /**
   * Expressions whose value this family of sinks never needs to fear, whatever their parts carry: for file paths, one
   * whose last segment the code fixes (`path.join(dir, "package.json")`).
   */
  isClean?(sourceCode: SourceCode, node: TSESTree.Node): boolean;
}

type Origins = ReadonlySet<Variable>;
const NONE: Origins = new Set();

function union(sets: Origins[]): Origins {
  const nonEmpty = sets.filter((set) => set.size > 0);
  if (nonEmpty.length === 0) return NONE;
  if (nonEmpty.length === 1) return nonEmpty[0];
  const result = new Set<Variable>();
  for (const set of nonEmpty) for (const variable of set) result.add(variable);
  return result;
}

/**
 * Intra-file data flow. `origins(e)` is the set of parameter variables (of any function in the file) whose data may
 * reach `e`, through variables, destructuring, template literals, `+`, array and object literals, `await`, string
 * methods, library propagators and the return values of same-file functions. The analysis is flow-insensitive and
 * memoised per node; guards are applied by `TaintTracker` only on the few paths that reach a sink.
 */
export class DataFlow {
  private readonly memo = new Map<TSESTree.Node, Origins>();
  private readonly inProgress = new Set<TSESTree.Node>();
  private readonly returnedParamsMemo = new Map<FunctionNode, ReadonlySet<number>>();
  private readonly paramIndexMemo = new Map<FunctionNode, Map<Variable, number>>();

  constructor(
    readonly sourceCode: SourceCode,
    readonly knowledge: FlowKnowledge,
  ) {}

  origins(node: TSESTree.Node): Origins {
    const cached = this.memo.get(node);
    if (cached) return cached;
    if (this.inProgress.has(node)) return NONE;
    this.inProgress.add(node);
    let result: Origins = NONE;
    try {
      result = this.compute(node, (child) => this.origins(child), (variable) => this.variableOrigins(variable));
    } finally {
      this.inProgress.delete(node);
    }
    this.memo.set(node, result);
    return result;
  }

  private variableOrigins(variable: Variable): Origins {
    const own: Origins = variable.defs.some((def) => def.type === "Parameter") ? new Set([variable]) : NONE;
    return union([own, ...writesOf(variable).map((write) => this.origins(write.value)), ...contentWritesOf(variable).map((value) => this.origins(value))]);
  }

  /**
   * One step of the flow, shared by the memoised pass and the guard-aware pass of `TaintTracker`: `visit` gives the
   * origins of a sub-expression and `ofVariable` those of a variable read here.
   */
  compute(
    raw: TSESTree.Node,
    visit: (node: TSESTree.Node) => Origins,
    ofVariable: (variable: Variable, read: TSESTree.Identifier) => Origins,
    returned: (fn: FunctionNode) => ReadonlySet<number> = (fn) => this.returnedParams(fn),
  ): Origins {
    const node = skipWrappers(raw);
    if (this.knowledge.isClean && node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression && this.knowledge.isClean(this.sourceCode, node)) {
      return NONE;
    }
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = variableOf(this.sourceCode, node);
        return variable && variable.defs.length > 0 ? ofVariable(variable, node) : NONE;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = staticKeyName(node);
        if (name !== null && this.knowledge.inertProperties.has(name)) return NONE;
        const field = name === null ? null : this.literalField(node.object, [name]);
        return field === undefined ? NONE : field ? visit(field) : visit(node.object);
      }
      case AST_NODE_TYPES.TemplateLiteral:
        return union(node.expressions.map(visit));
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return accessKey(node.tag) === "String.raw" ? union(node.quasi.expressions.map(visit)) : NONE;
      case AST_NODE_TYPES.BinaryExpression:
        return node.operator === "+" ? union([visit(node.left), visit(node.right)]) : NONE;
      case AST_NODE_TYPES.LogicalExpression:
        return union([visit(node.left), visit(node.right)]);
      case AST_NODE_TYPES.ConditionalExpression:
        return union([visit(node.consequent), visit(node.alternate)]);
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === "=" ? visit(node.right) : node.operator === "+=" ? union([visit(node.left), visit(node.right)]) : NONE;
      case AST_NODE_TYPES.SequenceExpression:
        return visit(node.expressions[node.expressions.length - 1]);
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.SpreadElement:
        return visit(node.argument);
      case AST_NODE_TYPES.ArrayExpression:
        return union(node.elements.map((element) => (element ? visit(element) : NONE)));
      case AST_NODE_TYPES.ObjectExpression:
        return union(
          node.properties.map((property) =>
            property.type === AST_NODE_TYPES.SpreadElement ? visit(property.argument) : isFunctionNode(property.value) ? NONE : visit(property.value),
          ),
        );
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        return this.callOrigins(node, visit, returned);
      default:
        return NONE;
    }
  }

  /**
   * Field sensitivity for object literals: the value at `path` of the literal `node` stands for (directly or through a
   * `const` whose properties are never assigned). `undefined` when the literal has no such property; null when the
   * value is not a literal, so the whole object must be followed.
   */
  literalField(raw: TSESTree.Node, path: readonly string[], depth = 0): TSESTree.Node | null | undefined {
    if (path.length === 0) return raw;
    const node = skipWrappers(raw);
    if (node.type === AST_NODE_TYPES.ObjectExpression) {
      if (node.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return null;
      const property = node.properties.find(
        (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && staticKeyName(candidate) === path[0],
      );
      if (!property) return undefined;
      return path.length === 1 ? property.value : this.literalField(property.value, path.slice(1), depth + 1);
    }
    if (node.type === AST_NODE_TYPES.Identifier && depth < 4) {
      const variable = variableOf(this.sourceCode, node);
      if (!variable || variable.defs.some((def) => def.type === "Parameter") || hasPropertyWrites(variable)) return null;
      const writes = writesOf(variable);
      if (writes.length !== 1 || writes[0].path?.length !== 0 || writes[0].iterated || writes[0].compound) return null;
      return this.literalField(writes[0].value, path, depth + 1);
    }
    return null;
  }

  private callOrigins(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    visit: (node: TSESTree.Node) => Origins,
    returnedBy: (fn: FunctionNode) => ReadonlySet<number>,
  ): Origins {
    const fn = this.functionCalled(call);
    if (fn) {
      const returned = returnedBy(fn);
      if (returned.size === 0) return NONE;
      return union(
        call.arguments.map((argument, index) => (this.argumentReachesParams(fn, index, returned) ? visit(argument) : NONE)),
      );
    }
    const resolved = resolveCallee(this.sourceCode, call);
    if (resolved) {
      if (this.knowledge.sanitizes(resolved)) return NONE;
      if (this.knowledge.propagates(resolved)) return union(call.arguments.filter((arg) => !isFunctionNode(arg)).map(visit));
    }
    const callee = skipWrappers(call.callee);
    if (call.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = staticKeyName(callee);
      if (method !== null && this.knowledge.propagatingMethods.has(method)) {
        const parts = [visit(callee.object)];
        for (const argument of call.arguments) {
          const inner = skipWrappers(argument);
          if (isFunctionNode(inner)) parts.push(this.returnOrigins(inner, visit));
          else if (this.knowledge.argumentPassingMethods.has(method)) parts.push(visit(argument));
        }
        return union(parts);
      }
    }
    return NONE;
  }

  private argumentReachesParams(fn: FunctionNode, index: number, returned: ReadonlySet<number>): boolean {
    if (returned.has(index)) return true;
    const last = fn.params.length - 1;
    return last >= 0 && index >= last && fn.params[last].type === AST_NODE_TYPES.RestElement && returned.has(last);
  }

  /** Origins of what a callback returns (its own parameters included: the caller decides whether they matter). */
  private returnOrigins(fn: FunctionNode, visit: (node: TSESTree.Node) => Origins): Origins {
    return union(returnExpressions(fn).map(visit));
  }

  /** Indexes of the parameters whose data can flow to the function's return value. */
  returnedParams(fn: FunctionNode): ReadonlySet<number> {
    const cached = this.returnedParamsMemo.get(fn);
    if (cached) return cached;
    const paramIndex = this.paramIndex(fn);
    const result = new Set<number>();
    // Recursion through the same function sees no returned params rather than looping.
    this.returnedParamsMemo.set(fn, result);
    for (const expression of returnExpressions(fn)) {
      for (const variable of this.origins(expression)) {
        const index = paramIndex.get(variable);
        if (index !== undefined) result.add(index);
      }
    }
    return result;
  }

  /** Each parameter variable of `fn` (destructured ones included) with the index of the parameter declaring it. */
  paramIndex(fn: FunctionNode): Map<Variable, number> {
    const cached = this.paramIndexMemo.get(fn);
    if (cached) return cached;
    const result = new Map<Variable, number>();
    for (const variable of this.sourceCode.getDeclaredVariables(fn)) {
      for (const def of variable.defs) {
        if (def.type !== "Parameter") continue;
        const index = fn.params.findIndex((param) => param.range[0] <= def.name.range[0] && def.name.range[1] <= param.range[1]);
        if (index >= 0) result.set(variable, index);
      }
    }
    this.paramIndexMemo.set(fn, result);
    return result;
  }

  /** The same-file function a call invokes: a declared function, a `const f = () => ...`, or `this.method()`. */
  functionCalled(call: TSESTree.CallExpression | TSESTree.NewExpression): FunctionNode | null {
    return call.type === AST_NODE_TYPES.CallExpression ? functionReferenced(this.sourceCode, call.callee) : null;
  }
}

function accessKey(node: TSESTree.Node): string | null {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const base = accessKey(inner.object);
    const name = staticKeyName(inner);
    return base && name ? `${base}.${name}` : null;
  }
  return null;
}

/**
 * The same-file function an expression refers to: a function, a name bound to one, `this.method` in a class,
 * `ClassName.staticMethod`, or `object.method` of a `const` object literal.
 */
export function functionReferenced(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): FunctionNode | null {
  if (depth > 0) return functionReferencedUncached(sourceCode, raw, depth);
  const cached = referencedMemo.get(raw);
  if (cached !== undefined) return cached;
  const result = functionReferencedUncached(sourceCode, raw, depth);
  referencedMemo.set(raw, result);
  return result;
}

/** Per node: the answer does not depend on the sink family, so every tracker of a file shares it. */
const referencedMemo = new WeakMap<TSESTree.Node, FunctionNode | null>();

function functionReferencedUncached(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): FunctionNode | null {
  const node = skipWrappers(raw);
  if (depth > 4) return null;
  if (isFunctionNode(node)) return node;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    if (!variable) return null;
    for (const def of variable.defs) {
      if (def.type === "FunctionName" && isFunctionNode(def.node as TSESTree.Node)) return def.node as FunctionNode;
    }
    const writes = writesOf(variable);
    if (writes.length === 1 && writes[0].path?.length === 0 && !writes[0].iterated) {
      return functionReferenced(sourceCode, writes[0].value, depth + 1);
    }
    return null;
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = staticKeyName(node);
  if (!name) return null;
  const object = skipWrappers(node.object);
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    const classBody = enclosingClassBody(node);
    return classBody ? classMember(classBody, name, isInStaticMember(node)) : null;
  }
  const container = containerOf(sourceCode, object, depth);
  if (container?.type === AST_NODE_TYPES.ClassBody) return classMember(container, name, true);
  if (!container) {
    const instance = instanceClass(sourceCode, object);
    if (instance?.kind === "local") return classMember(instance.body, name, false);
  }
  if (container?.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of container.properties) {
      if (property.type === AST_NODE_TYPES.Property && staticKeyName(property) === name) return functionReferenced(sourceCode, property.value, depth + 1);
    }
  }
  return null;
}

/** The class body or object literal a name stands for (`Markdownify` -> its class, `tools` -> `const tools = {...}`). */
function containerOf(sourceCode: SourceCode, node: TSESTree.Node, depth: number): TSESTree.ClassBody | TSESTree.ObjectExpression | null {
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return node.body;
  if (node.type === AST_NODE_TYPES.ObjectExpression) return node;
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 4) return null;
  const variable = variableOf(sourceCode, node);
  if (!variable) return null;
  for (const def of variable.defs) {
    if (def.type === "ClassName" && (def.node.type === AST_NODE_TYPES.ClassDeclaration || def.node.type === AST_NODE_TYPES.ClassExpression)) {
      return def.node.body;
    }
  }
  const writes = writesOf(variable);
  if (writes.length !== 1 || writes[0].path?.length !== 0 || hasPropertyWrites(variable)) return null;
  return containerOf(sourceCode, skipWrappers(writes[0].value), depth + 1);
}

export function classMember(classBody: TSESTree.ClassBody, name: string, isStatic: boolean): FunctionNode | null {
  for (const member of classBody.body) {
    if (
      (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) &&
      member.static === isStatic &&
      staticKeyName(member) === name &&
      member.value &&
      isFunctionNode(member.value)
    ) {
      return member.value;
    }
  }
  return null;
}

function isInStaticMember(node: TSESTree.Node): boolean {
  let current = node.parent;
  while (current && current.type !== AST_NODE_TYPES.ClassBody) {
    if ((current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.PropertyDefinition) && current.parent?.type === AST_NODE_TYPES.ClassBody) {
      return current.static;
    }
    current = current.parent;
  }
  return false;
}

const returnsMemo = new WeakMap<FunctionNode, TSESTree.Node[]>();

/** The expressions a function returns (its expression body, or its `return` arguments outside nested functions). */
export function returnExpressions(fn: FunctionNode): TSESTree.Node[] {
  const cached = returnsMemo.get(fn);
  if (cached) return cached;
  const result: TSESTree.Node[] = [];
  if (fn.body && fn.body.type !== AST_NODE_TYPES.BlockStatement) {
    result.push(fn.body);
  } else if (fn.body) {
    walk(fn.body, (node) => {
      if (isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) result.push(node.argument);
      return true;
    });
  }
  returnsMemo.set(fn, result);
  return result;
}
