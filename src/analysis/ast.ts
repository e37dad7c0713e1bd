import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { visitorKeys } from "@typescript-eslint/visitor-keys";

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

const TS_WRAPPERS = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSInstantiationExpression,
  AST_NODE_TYPES.ChainExpression,
]);

/** The expression under TS wrappers (`as`, `!`, `satisfies`, `<T>x`) and optional chains: the one place they are unwrapped. */
export function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (TS_WRAPPERS.has(current.type)) {
    current = (current as { expression: TSESTree.Node }).expression;
  }
  return current;
}

export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The name of a non-computed key, or of a computed key that is a string literal. */
export function staticKeyName(
  node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition,
): string | null {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  if (!node.computed) {
    if (key.type === AST_NODE_TYPES.Identifier) return key.name;
    if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  }
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === "string") return key.value;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === "number") return String(key.value);
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0].value.cooked;
  return null;
}

/** The name a call's callee ends with: `exec` for `exec()`, `cp.exec()` and `(0, cp.exec)()`. */
export function calleeName(raw: TSESTree.Node): string | null {
  let callee = skipWrappers(raw);
  if (callee.type === AST_NODE_TYPES.SequenceExpression) callee = skipWrappers(callee.expressions[callee.expressions.length - 1]);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return staticKeyName(callee);
  return null;
}

/** Property `name` of an object literal (last one wins, like JS), skipping spreads and computed keys. */
export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | null {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const property = object.properties[i];
    if (property.type === AST_NODE_TYPES.Property && staticKeyName(property) === name) return property;
  }
  return null;
}

/**
 * A stable key for an access path such as `args.cmd` or `this.opts.dir` (wrappers removed), used to match a guard's
 * subject with a later use. Null for anything that is not a plain chain of static property reads.
 */
export function accessPathKey(node: TSESTree.Node): string | null {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.ThisExpression) return "this";
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(inner);
    const base = accessPathKey(inner.object);
    return name !== null && base !== null ? `${base}.${name}` : null;
  }
  return null;
}

/** The ancestors of `node`, nearest first. */
export function* ancestors(node: TSESTree.Node): Generator<TSESTree.Node> {
  let current = node.parent;
  while (current) {
    yield current;
    current = current.parent;
  }
}

/** Whether `inner` lies within `outer` (inclusive), by source range. */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

const SKIPPED_KEYS = new Set(["typeAnnotation", "returnType", "typeParameters", "typeArguments", "decorators", "superTypeArguments", "implements"]);

/** Visit every node below `root` in source order, not entering nodes for which `enter` returns false. Types are skipped. */
export function walk(root: TSESTree.Node, enter: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k];
      if (SKIPPED_KEYS.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) stack.push(value[i]);
      } else if (isNode(value)) {
        stack.push(value);
      }
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}
