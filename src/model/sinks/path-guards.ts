import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { accessPathKey, isFunctionNode, skipWrappers, staticKeyName, walk, type FunctionNode } from "../../analysis/ast.js";
import { constantString } from "../../analysis/constants.js";
import { functionReferenced, returnExpressions } from "../../analysis/dataflow.js";
import { subjectIs, testMakesSafe, type ExtraGuards, type GuardCheck } from "../../analysis/guards.js";
import { resolveCallee, resolveValue } from "../../analysis/imports.js";
import { variableOf, writesOf, type SourceCode } from "../../analysis/scope.js";
import { matchesAny } from "../../knowledge/flow.js";
import { PATH_JOINERS, PATH_RELATIVE, PATH_RESOLVERS } from "../../knowledge/path-sinks.js";

/**
 * Sound path containment, as guards: a resolved path that starts with the root plus a separator
 * (`resolved.startsWith(root + path.sep)`), a `path.relative(root, p)` that does not start with `..`, the same checks
 * in a same-file helper (`isInside(p)`, `dirs.some((dir) => isInside(p, dir))`), and imported checks named for it
 * (`isPathWithinAllowedDirectories(p, dirs)`).
 */
export const PATH_GUARDS: readonly GuardCheck[] = [
  (sourceCode, test, key) => isSoundPrefixCheck(sourceCode, test, key),
  (sourceCode, test, key) => isEqualityWithRoot(test, key),
  (sourceCode, test, key) => isContainmentHelperCall(sourceCode, test, key, true),
  (sourceCode, test, key) => isCallbackContainment(sourceCode, test, key),
];

/** Checks that make the path safe when they fail: `rel.startsWith("..")`, `isOutside(p)`. */
export const PATH_FALSY_GUARDS: readonly GuardCheck[] = [
  (sourceCode, test, key) => isRelativeEscapeCheck(sourceCode, test, key),
  (sourceCode, test, key) => isInequalityWithRoot(test, key),
  (sourceCode, test, key) => isContainmentHelperCall(sourceCode, test, key, false),
];

/** Names of imported checks whose answer is containment (`isPathWithinAllowedDirectories`, `isSafePath`). */
const CONTAINMENT_CHECK_NAME = /^(?:is|has)\w*(?:Within|Inside|Under|Contained|InRoot|InWorkspace|InAllowed|Allowed|Permitted|Safe|Valid)/;
/** A check named for paths (`assertPathAllowed`, `validatePath`, `isWithinRoot`): on another value, it does not count. */
const NAMED_PATH_CHECK = /^(?:is|has|assert|ensure|validate|verify|check)\w*(?:Path|Dir|Within|Inside|Allowed)/;
const ESCAPE_CHECK_NAME = /^(?:is|has)\w*(?:Outside|Escape|Traversal)/;

export const PATH_EXTRA_GUARDS: ExtraGuards = {
  id: "path",
  checks: PATH_GUARDS,
  falsyChecks: PATH_FALSY_GUARDS,
  acceptsRegExp: acceptsPathRegExp,
};

/** An anchored pattern is a path guard only if it rejects every way out of a directory. */
export function acceptsPathRegExp(pattern: string, flags: string): boolean {
  let regExp: RegExp;
  try {
    regExp = new RegExp(pattern, flags);
  } catch {
    return false;
  }
  return !ESCAPES.some((escape) => regExp.test(escape));
}

const ESCAPES = ["..", "../x", "x/../../y", "..\\x", "/etc/passwd", "C:\\x", "\\\\host\\share"];

/** `K.startsWith(root + path.sep)` where `K` is resolved. */
function isSoundPrefixCheck(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const check = prefixCheckOf(raw);
  if (!check || !isResolvedSubject(sourceCode, check.subject, key, 0)) return false;
  return endsWithSeparator(sourceCode, check.prefix, 0);
}

/** `K !== root`, falsy: the root itself. */
function isInequalityWithRoot(raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== "!==" && test.operator !== "!=")) return false;
  return isEqualityWithRoot({ ...test, operator: "===" } as TSESTree.BinaryExpression, key);
}

/** `K === root`: the root itself is inside the root (the other half of `K === root || K.startsWith(root + sep)`). */
function isEqualityWithRoot(raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== "===" && test.operator !== "==")) return false;
  const other = subjectIs(test.left, key) ? test.right : subjectIs(test.right, key) ? test.left : null;
  if (!other) return false;
  const inner = skipWrappers(other);
  return (inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.MemberExpression) && accessPathKey(inner) !== null;
}

/** `rel.startsWith("..")` (or `rel === ".."`) where `rel` is `path.relative(root, K)`: falsy means inside. */
function isRelativeEscapeCheck(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  let subject: TSESTree.Node | null = null;
  const check = prefixCheckOf(test);
  if (check && isDotDot(sourceCode, check.prefix)) subject = check.subject;
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === "===" || test.operator === "==")) {
    if (constantString(sourceCode, test.right) === "..") subject = test.left;
    else if (constantString(sourceCode, test.left) === "..") subject = test.right;
  }
  return subject !== null && isRelativeOf(sourceCode, subject, key, 0);
}

function isDotDot(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const value = constantString(sourceCode, raw);
  if (value === ".." || value === "../" || value === "..\\") return true;
  const node = skipWrappers(raw);
  // `".." + path.sep`, `` `..${path.sep}` ``
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === "+") return constantString(sourceCode, node.left) === ".." && isSeparator(sourceCode, node.right);
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.quasis.length === 2 && node.expressions.length === 1) {
    return node.quasis[0].value.cooked === ".." && node.quasis[1].value.cooked === "" && isSeparator(sourceCode, node.expressions[0]);
  }
  return false;
}

/** `path.relative(root, K)` inline or through a `const`. */
function isRelativeOf(sourceCode: SourceCode, raw: TSESTree.Node, key: string, depth: number): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    if (node.arguments.length < 2 || !matchesAny(resolveCallee(sourceCode, node), PATH_RELATIVE)) return false;
    return mentionsKey(sourceCode, node.arguments[1], key, 0);
  }
  const written = singleWrite(sourceCode, node);
  return written !== null && depth < 3 && isRelativeOf(sourceCode, written, key, depth + 1);
}

/** The value at `key` itself, or a resolver call of it (`path.resolve(K)`, `normalize(resolve(K))`). */
function mentionsKey(sourceCode: SourceCode, raw: TSESTree.Node, key: string, depth: number): boolean {
  if (subjectIs(raw, key)) return true;
  const node = skipWrappers(raw);
  if (depth > 3) return false;
  if (node.type === AST_NODE_TYPES.AwaitExpression) return mentionsKey(sourceCode, node.argument, key, depth + 1);
  if (node.type !== AST_NODE_TYPES.CallExpression || !matchesAny(resolveCallee(sourceCode, node), PATH_RESOLVERS)) return false;
  return node.arguments.some((argument) => mentionsKey(sourceCode, argument, key, depth + 1));
}

/**
 * Whether the checked value is a resolved path: `K` (or `path.resolve(K)` inline) where every write of `K` is a call
 * of `path.resolve`/`join`/`normalize`/`realpath`. A check on the raw text lets `root/../etc/passwd` through.
 */
export function isResolvedSubject(sourceCode: SourceCode, raw: TSESTree.Node, key: string, depth: number): boolean {
  const node = skipWrappers(raw);
  if (isResolverCall(sourceCode, node)) return mentionsKey(sourceCode, node, key, 0);
  if (!subjectIs(node, key)) return false;
  return isResolvedValue(sourceCode, node, depth);
}

function isResolvedValue(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): boolean {
  const node = skipWrappers(raw);
  if (isResolverCall(sourceCode, node)) return true;
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 3) return false;
  const variable = variableOf(sourceCode, node);
  const writes = variable ? writesOf(variable) : [];
  return writes.length > 0 && writes.every((write) => write.path?.length === 0 && isResolvedValue(sourceCode, write.value, depth + 1));
}

function isResolverCall(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  let node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipWrappers(node.argument);
  return node.type === AST_NODE_TYPES.CallExpression && matchesAny(resolveCallee(sourceCode, node), PATH_RESOLVERS) !== null;
}

/** `X.startsWith(P)` or `X.indexOf(P) === 0`. */
export function prefixCheckOf(raw: TSESTree.Node): { subject: TSESTree.Node; prefix: TSESTree.Node } | null {
  const test = skipWrappers(raw);
  if (test.type === AST_NODE_TYPES.CallExpression && test.arguments.length > 0) {
    const callee = skipWrappers(test.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === "startsWith") return { subject: callee.object, prefix: test.arguments[0] };
  }
  if (test.type === AST_NODE_TYPES.BinaryExpression && test.operator === "===") {
    const [call, zero] = skipWrappers(test.left).type === AST_NODE_TYPES.CallExpression ? [test.left, test.right] : [test.right, test.left];
    const inner = skipWrappers(call);
    if (inner.type === AST_NODE_TYPES.CallExpression && zero.type === AST_NODE_TYPES.Literal && zero.value === 0 && inner.arguments.length > 0) {
      const callee = skipWrappers(inner.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === "indexOf") return { subject: callee.object, prefix: inner.arguments[0] };
    }
  }
  return null;
}

/** A prefix that ends with a separator: `root + path.sep`, `` `${root}/` ``, a constant ending in `/`, or a `const` of one. */
export function endsWithSeparator(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): boolean {
  const node = skipWrappers(raw);
  const value = constantString(sourceCode, node);
  if (value !== null) return value.endsWith("/") || value.endsWith("\\");
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === "+") return endsWithSeparator(sourceCode, node.right, depth + 1) || isSeparator(sourceCode, node.right);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    const last = node.quasis[node.quasis.length - 1].value.cooked ?? "";
    if (last !== "") return last.endsWith("/") || last.endsWith("\\");
    const expression = node.expressions[node.expressions.length - 1];
    return expression !== undefined && (isSeparator(sourceCode, expression) || endsWithSeparator(sourceCode, expression, depth + 1));
  }
  if (isSeparator(sourceCode, node)) return true;
  const written = depth < 3 ? singleWrite(sourceCode, node) : null;
  return written !== null && endsWithSeparator(sourceCode, written, depth + 1);
}

/** `path.sep`, `sep` imported from `path`, `"/"`. */
function isSeparator(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  const value = constantString(sourceCode, node);
  if (value !== null) return value === "/" || value === "\\";
  if (node.type === AST_NODE_TYPES.MemberExpression && staticKeyName(node) === "sep") return true;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const resolved = resolveValue(sourceCode, node);
    return resolved !== null && resolved.module === "path" && resolved.path[resolved.path.length - 1] === "sep";
  }
  return false;
}

function singleWrite(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.Node | null {
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, node);
  const writes = variable ? writesOf(variable) : [];
  return writes.length === 1 && writes[0].path?.length === 0 && !writes[0].iterated ? writes[0].value : null;
}

let helperDepth = 0;

/**
 * `isInside(K)`: a same-file helper whose every return makes its parameter safe, or an imported check named for
 * containment. With `truthy` false: a helper named for escape (`isOutside(K)`) whose falsy answer means inside.
 */
function isContainmentHelperCall(sourceCode: SourceCode, raw: TSESTree.Node, key: string, truthy: boolean): boolean {
  const test = skipWrappers(raw);
  if (test.type !== AST_NODE_TYPES.CallExpression) return false;
  const index = test.arguments.findIndex((argument) => mentionsKey(sourceCode, argument, key, 0));
  if (index < 0) return false;
  const fn = functionReferenced(sourceCode, test.callee);
  if (fn) return helperChecksParam(sourceCode, fn, index, truthy);
  const callee = skipWrappers(test.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
  if (!name) return false;
  return truthy ? CONTAINMENT_CHECK_NAME.test(name) : ESCAPE_CHECK_NAME.test(name);
}

function helperChecksParam(sourceCode: SourceCode, fn: FunctionNode, index: number, truthy: boolean): boolean {
  const param = fn.params[index];
  if (!param || param.type !== AST_NODE_TYPES.Identifier || helperDepth > 2) return false;
  const returns = returnExpressions(fn);
  if (returns.length === 0) return false;
  helperDepth++;
  try {
    return returns.every((expression) => {
      const literal = skipWrappers(expression);
      if (literal.type === AST_NODE_TYPES.Literal && literal.value === !truthy) return true;
      return testMakesSafe(sourceCode, expression, param.name, PATH_EXTRA_GUARDS, truthy);
    });
  } finally {
    helperDepth--;
  }
}

/** `dirs.some((dir) => K.startsWith(dir + path.sep))`: a callback whose answer is containment of `K`. */
function isCallbackContainment(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  if (test.type !== AST_NODE_TYPES.CallExpression || test.arguments.length === 0) return false;
  const callee = skipWrappers(test.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || (staticKeyName(callee) !== "some" && staticKeyName(callee) !== "every")) return false;
  const callback = skipWrappers(test.arguments[0]);
  if (!isFunctionNode(callback) || helperDepth > 2) return false;
  helperDepth++;
  try {
    const returns = returnExpressions(callback);
    return returns.length > 0 && returns.every((expression) => testMakesSafe(sourceCode, expression, key, PATH_EXTRA_GUARDS, true));
  } finally {
    helperDepth--;
  }
}

/** Why a containment-looking check does not confine a path, or null when it is not one. */
export type UnsoundReason = "prefix" | "unresolved" | "dotdot" | "other";

/**
 * The containment-looking checks inside `test` (nested callbacks included) and what is wrong with each: a prefix
 * without a separator, a check on a path not yet resolved, a `..` substring search; `other` for a sound check (which,
 * when the value still reaches the sink, was made on another value).
 */
export function containmentChecksIn(sourceCode: SourceCode, test: TSESTree.Node): { node: TSESTree.Node; reason: UnsoundReason }[] {
  const found: { node: TSESTree.Node; reason: UnsoundReason }[] = [];
  walk(test, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const callee = skipWrappers(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
    const prefix = prefixCheckOf(node);
    if (prefix && !isDotDot(sourceCode, prefix.prefix)) {
      const subjectKey = accessPathKey(skipWrappers(prefix.subject));
      if (constantString(sourceCode, prefix.prefix) !== null && !endsWithSeparator(sourceCode, prefix.prefix, 0) && !/[/\\]/.test(constantString(sourceCode, prefix.prefix)!)) return true;
      if (!endsWithSeparator(sourceCode, prefix.prefix, 0)) found.push({ node, reason: "prefix" });
      else if (subjectKey !== null && !isResolvedValue(sourceCode, prefix.subject, 0)) found.push({ node, reason: "unresolved" });
      else found.push({ node, reason: "other" });
      return true;
    }
    if ((method === "includes" || method === "indexOf") && node.arguments.length > 0) {
      const value = constantString(sourceCode, node.arguments[0]);
      if (value === ".." || value === "../" || value === "..\\") found.push({ node, reason: "dotdot" });
    }
    if (method === "relative" && matchesAny(resolveCallee(sourceCode, node), PATH_RELATIVE)) found.push({ node, reason: "other" });
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : method;
    if (name && NAMED_PATH_CHECK.test(name)) found.push({ node, reason: "other" });
    return true;
  });
  return found;
}

/**
 * A path whose last segment the code fixes: `path.join(dir, ".taskmaster", "tasks.json")`, `` `${dir}/package.json` ``,
 * `dir + "/README.md"`. A client who picks `dir` picks where, not which file: no traversal to `~/.ssh/id_rsa`.
 */
export function fixesFileName(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const last = node.arguments[node.arguments.length - 1];
    if (!last || node.arguments.length < 2 || last.type === AST_NODE_TYPES.SpreadElement) return false;
    if (!matchesAny(resolveCallee(sourceCode, node), PATH_JOINERS)) return false;
    return isFixedName(constantString(sourceCode, last), false);
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    if (node.expressions.length === 0) return false;
    return isFixedName(node.quasis[node.quasis.length - 1].value.cooked ?? null, true);
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === "+") {
    return isFixedName(constantString(sourceCode, node.right), true);
  }
  return false;
}

/** `tasks.json`, `.taskmaster/state.json`; with `separated`, the text must start a new segment (`/tasks.json`). */
function isFixedName(text: string | null, separated: boolean): boolean {
  if (text === null) return false;
  const match = /(?:^|[/\\])([^/\\]+)$/.exec(text);
  if (!match || match[1] === "." || match[1] === "..") return false;
  if (separated && !/[/\\]/.test(text)) return false;
  return !text.split(/[/\\]/).includes("..");
}
