import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { accessPathKey, skipWrappers, staticKeyName } from "./ast.js";
import { constantValue } from "./constants.js";
import { resolveCallee, GLOBAL_MODULE } from "./imports.js";
import { variableOf, writesOf, type SourceCode } from "./scope.js";

/**
 * Syntactic dominance: whether a check that makes the value at `key` (an access path such as `args.ref`) safe
 * precedes `site` on every path to it. Recognised checks: an anchored regular expression `.test()`/`.match()`, an
 * allowlist (`includes`, `has`, `hasOwn`, `in`, equality with constants, a `switch` on literals), a numeric type
 * check, and a validator named like one (`isValidX`, `validateX`); as the condition of an enclosing `if`/`?:`/`&&`, or
 * negated before an early `return`/`throw`/`continue`/`break`.
 */
export function isGuarded(sourceCode: SourceCode, key: string, site: TSESTree.Node, extra: ExtraGuards = NO_EXTRA_GUARDS): boolean {
  let bySite = guardMemo.get(site);
  if (!bySite) {
    bySite = new Map();
    guardMemo.set(site, bySite);
  }
  const memoKey = `${extra.id}\0${key}`;
  let result = bySite.get(memoKey);
  if (result === undefined) {
    result = computeGuarded(
      { sourceCode, checks: extra.checks, falsyChecks: extra.falsyChecks ?? [], acceptsRegExp: extra.acceptsRegExp, validatorName: extra.validatorName },
      key,
      site,
    );
    bySite.set(memoKey, result);
  }
  return result;
}

/**
 * A check that makes a value safe for one family of sinks only (a containment check for paths, a host allowlist for
 * URLs): given a test expression and the access path of the value, whether the value is safe when the test is truthy.
 */
export type GuardCheck = (sourceCode: SourceCode, test: TSESTree.Node, key: string) => boolean;

/** Family-specific checks, with an id that keeps their answers apart in the memo. */
export interface ExtraGuards {
  id: string;
  checks: readonly GuardCheck[];
  /** Checks that make the value safe when `test` is falsy (`if (x.startsWith("-")) throw ...`). */
  falsyChecks?: readonly GuardCheck[];
  /**
   * Whether an anchored regular expression is a guard for this family too (the generic guard accepts any that cannot
   * match arbitrary text; for argv, one that admits a leading `-` is no guard).
   */
  acceptsRegExp?: (pattern: string, flags: string) => boolean;
  /**
   * Which names of validator functions make a check for this family (`if (!isAllowedUrl(x)) throw ...`), instead of
   * the generic `isValidX`/`validateX`/`checkX` names: a URL can be valid and still lead to an internal host.
   */
  validatorName?: (name: string) => boolean;
}

export const NO_EXTRA_GUARDS: ExtraGuards = { id: "", checks: [] };

interface GuardContext {
  sourceCode: SourceCode;
  checks: readonly GuardCheck[];
  falsyChecks: readonly GuardCheck[];
  acceptsRegExp?: (pattern: string, flags: string) => boolean;
  validatorName?: (name: string) => boolean;
}

/** The answer depends only on the site and the access path, so queries for several sinks and rules share it. */
const guardMemo = new WeakMap<TSESTree.Node, Map<string, boolean>>();

function computeGuarded(ctx: GuardContext, key: string, site: TSESTree.Node): boolean {
  let child: TSESTree.Node = site;
  let parent = site.parent;
  while (parent) {
    if (guardsChild(ctx, key, parent, child)) return true;
    child = parent;
    parent = parent.parent;
  }
  return false;
}

function guardsChild(ctx: GuardContext, key: string, parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      if (child === parent.consequent) return holdsWhenTrue(ctx, parent.test, key);
      if (child === parent.alternate) return holdsWhenFalse(ctx, parent.test, key);
      return false;
    case AST_NODE_TYPES.LogicalExpression:
      if (child !== parent.right) return false;
      if (parent.operator === "&&") return holdsWhenTrue(ctx, parent.left, key);
      if (parent.operator === "||") return holdsWhenFalse(ctx, parent.left, key);
      return false;
    case AST_NODE_TYPES.SwitchCase: {
      const statement = parent.parent as TSESTree.SwitchStatement;
      if (parent.test && parent.consequent.includes(child as TSESTree.Statement) && accessPathKey(statement.discriminant) === key) {
        if (constantValue(ctx.sourceCode, parent.test) !== null) return true;
      }
      return precededByExit(ctx, key, parent.consequent, child);
    }
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.StaticBlock:
      return precededByExit(ctx, key, parent.body as TSESTree.Node[], child);
    default:
      return false;
  }
}

function precededByExit(ctx: GuardContext, key: string, statements: readonly TSESTree.Node[], child: TSESTree.Node): boolean {
  for (const statement of exitGuardCandidates(statements)) {
    if (statement.range[0] >= child.range[0]) return false;
    if (isExitGuard(ctx, statement, key)) return true;
  }
  return false;
}

const candidatesMemo = new WeakMap<readonly TSESTree.Node[], TSESTree.Node[]>();

/** The statements of a block that could be an early-exit guard or an assertion (few, in most blocks). */
function exitGuardCandidates(statements: readonly TSESTree.Node[]): TSESTree.Node[] {
  let candidates = candidatesMemo.get(statements);
  if (!candidates) {
    candidates = statements.filter(
      (statement) =>
        (statement.type === AST_NODE_TYPES.IfStatement && (alwaysExits(statement.consequent) || (statement.alternate !== null && alwaysExits(statement.alternate)))) ||
        (statement.type === AST_NODE_TYPES.ExpressionStatement && checkingStatementCall(statement) !== null),
    );
    candidatesMemo.set(statements, candidates);
  }
  return candidates;
}

function isExitGuard(ctx: GuardContext, statement: TSESTree.Node, key: string): boolean {
  if (statement.type === AST_NODE_TYPES.IfStatement) {
    if (alwaysExits(statement.consequent) && holdsWhenFalse(ctx, statement.test, key)) return true;
    if (statement.alternate && alwaysExits(statement.alternate) && holdsWhenTrue(ctx, statement.test, key)) return true;
    return false;
  }
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const call = checkingStatementCall(statement);
    if (!call) return false;
    // `assert(test)` holds its test; `assertPathAllowed(p)` is the check itself.
    if (isAssertion(call)) return call.arguments.length > 0 && holdsWhenTrue(ctx, call.arguments[0], key);
    return holdsWhenTrue(ctx, call, key);
  }
  return false;
}

/** A statement that only calls an assertion (`assert(x)`) or a throwing check (`await assertAllowed(p)`). */
export function checkingStatementCall(statement: TSESTree.ExpressionStatement): TSESTree.CallExpression | null {
  let expression = skipWrappers(statement.expression);
  const awaited = expression.type === AST_NODE_TYPES.AwaitExpression;
  if (awaited) expression = skipWrappers((expression as TSESTree.AwaitExpression).argument);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return null;
  if (!awaited && isAssertion(expression)) return expression;
  const callee = skipWrappers(expression.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
  return name !== null && THROWING_CHECK_NAME.test(name) ? expression : null;
}

/** Checks called for their throw, not their result: `assertPathAllowed(p)`, `validateInput(x)`, `ensureInside(p)`. */
const THROWING_CHECK_NAME = /^(?:assert|ensure|validate|verify|check)[A-Z_]/;

function isAssertion(call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? `${accessPathKey(callee.object) ?? ""}.${staticKeyName(callee) ?? ""}`
        : "";
  return name === "assert" || name === "invariant" || name === "assert.ok" || name === "assert.strict" || name === "node:assert";
}

/** Whether control never falls through the statement (throw, return, continue, break, process.exit). */
export function alwaysExits(statement: TSESTree.Node): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ContinueStatement:
    case AST_NODE_TYPES.BreakStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.length > 0 && statement.body.some((inner) => alwaysExits(inner));
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate !== null && alwaysExits(statement.consequent) && alwaysExits(statement.alternate);
    case AST_NODE_TYPES.ExpressionStatement: {
      const expression = skipWrappers(statement.expression);
      return (
        expression.type === AST_NODE_TYPES.CallExpression &&
        accessPathKey(expression.callee) === "process.exit"
      );
    }
    default:
      return false;
  }
}

/**
 * Whether `test` being truthy (or falsy) makes the value at `key` safe, for checks that are not at a site: the return
 * value of a helper that checks its parameter (`return rel !== "" && !rel.startsWith("..")`).
 */
export function testMakesSafe(sourceCode: SourceCode, test: TSESTree.Node, key: string, extra: ExtraGuards, truthy: boolean): boolean {
  const ctx: GuardContext = { sourceCode, checks: extra.checks, falsyChecks: extra.falsyChecks ?? [], acceptsRegExp: extra.acceptsRegExp };
  return truthy ? holdsWhenTrue(ctx, test, key) : holdsWhenFalse(ctx, test, key);
}

/** When `test` is truthy, the value at `key` is known safe. */
function holdsWhenTrue(ctx: GuardContext, raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  if (ctx.checks.some((check) => check(ctx.sourceCode, test, key))) return true;
  switch (test.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return test.operator === "!" && holdsWhenFalse(ctx, test.argument, key);
    case AST_NODE_TYPES.LogicalExpression:
      if (test.operator === "&&") return holdsWhenTrue(ctx, test.left, key) || holdsWhenTrue(ctx, test.right, key);
      if (test.operator === "||") return holdsWhenTrue(ctx, test.left, key) && holdsWhenTrue(ctx, test.right, key);
      return false;
    case AST_NODE_TYPES.BinaryExpression:
      if (test.operator === "===" || test.operator === "==") return isEqualityWithConstant(ctx, test, key);
      if (test.operator === "in") return subjectIs(test.left, key) && isTrustedCollection(ctx.sourceCode, test.right);
      return false;
    case AST_NODE_TYPES.CallExpression:
      return isPassingCheckCall(ctx, test, key);
    default:
      return false;
  }
}

/** When `test` is falsy, the value at `key` is known safe. */
function holdsWhenFalse(ctx: GuardContext, raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  if (ctx.falsyChecks.some((check) => check(ctx.sourceCode, test, key))) return true;
  switch (test.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return test.operator === "!" && holdsWhenTrue(ctx, test.argument, key);
    case AST_NODE_TYPES.LogicalExpression:
      if (test.operator === "||") return holdsWhenFalse(ctx, test.left, key) || holdsWhenFalse(ctx, test.right, key);
      if (test.operator === "&&") return holdsWhenFalse(ctx, test.left, key) && holdsWhenFalse(ctx, test.right, key);
      return false;
    case AST_NODE_TYPES.BinaryExpression:
      if (test.operator === "!==" || test.operator === "!=") return isEqualityWithConstant(ctx, test, key);
      return false;
    default:
      return false;
  }
}

export function subjectIs(node: TSESTree.Node, key: string): boolean {
  const inner = skipWrappers(node);
  if (accessPathKey(inner) === key) return true;
  // `String(x)` checks the same value as `x`.
  if (inner.type === AST_NODE_TYPES.CallExpression && inner.arguments.length === 1) {
    const callee = skipWrappers(inner.callee);
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === "String") return accessPathKey(inner.arguments[0]) === key;
  }
  return false;
}

function isEqualityWithConstant(ctx: GuardContext, test: TSESTree.BinaryExpression, key: string): boolean {
  const [subject, other] = subjectIs(test.left, key) ? [test.left, test.right] : subjectIs(test.right, key) ? [test.right, test.left] : [null, null];
  if (subject && other) {
    const value = constantValue(ctx.sourceCode, other);
    return value !== null && value.value !== null && value.value !== undefined;
  }
  // `typeof x === "number"`
  const typeofSide = [test.left, test.right].find(
    (side) => side.type === AST_NODE_TYPES.UnaryExpression && side.operator === "typeof" && subjectIs(side.argument, key),
  );
  if (!typeofSide) return false;
  const otherSide = typeofSide === test.left ? test.right : test.left;
  const typeName = constantValue(ctx.sourceCode, otherSide)?.value;
  return typeName === "number" || typeName === "boolean" || typeName === "bigint";
}

const VALIDATOR_NAME = /^(?:is|has)_?(?:valid|safe|allowed|permitted|whitelisted|allowlisted)|^(?:validate|sanitize|check|assert|ensure|verify)/i;

function isPassingCheckCall(ctx: GuardContext, call: TSESTree.CallExpression, key: string): boolean {
  const callee = skipWrappers(call.callee);
  const args = call.arguments;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticKeyName(callee);
    const receiver = callee.object;
    if (method === "test" && args.length > 0 && subjectIs(args[0], key)) return isAnchoredRegExp(ctx.sourceCode, receiver) && familyAccepts(ctx, receiver);
    if (method === "match" && args.length > 0 && subjectIs(receiver, key)) return isAnchoredRegExp(ctx.sourceCode, args[0]) && familyAccepts(ctx, args[0]);
    if ((method === "includes" || method === "has") && args.length > 0 && subjectIs(args[0], key)) {
      return isTrustedCollection(ctx.sourceCode, receiver);
    }
    if (method === "hasOwnProperty" && args.length > 0 && subjectIs(args[0], key)) return isTrustedCollection(ctx.sourceCode, receiver);
    if (method === "call" && args.length > 1 && accessPathKey(receiver) === "Object.prototype.hasOwnProperty" && subjectIs(args[1], key)) {
      return isTrustedCollection(ctx.sourceCode, args[0]);
    }
    if (method === "hasOwn" && args.length > 1 && accessPathKey(receiver) === "Object" && subjectIs(args[1], key)) {
      return isTrustedCollection(ctx.sourceCode, args[0]);
    }
    if (
      (method === "isInteger" || method === "isSafeInteger" || method === "isFinite") &&
      accessPathKey(receiver) === "Number" &&
      args.length > 0 &&
      subjectIs(args[0], key)
    ) {
      return true;
    }
  }
  const calleeName =
    callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
  const namedLikeValidator = calleeName !== null && (ctx.validatorName ? ctx.validatorName(calleeName) : VALIDATOR_NAME.test(calleeName));
  if (namedLikeValidator && args.some((arg) => subjectIs(arg, key))) {
    const resolved = resolveCallee(ctx.sourceCode, call);
    return !(resolved?.module === GLOBAL_MODULE);
  }
  return false;
}

/** A regular expression anchored at both ends whose body cannot match arbitrary text. */
export function isAnchoredRegExp(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const source = regExpSource(sourceCode, node);
  return source !== null && isAnchoredPattern(source.pattern, source.flags);
}

/** The pattern and flags of a regular expression literal, `new RegExp("...")`, or a `const` holding one. */
export function regExpOf(sourceCode: SourceCode, node: TSESTree.Node): { pattern: string; flags: string } | null {
  return regExpSource(sourceCode, node);
}

/** A pattern anchored at both ends whose body cannot match arbitrary text. */
export function isAnchoredPattern(pattern: string, flags: string): boolean {
  if (flags.includes("m")) return false;
  if (!pattern.startsWith("^") || !/(?:^|[^\\])(?:\\\\)*\$$/.test(pattern)) return false;
  const body = pattern.slice(1, -1);
  return !hasTopLevelAlternation(body) && !matchesAnything(body);
}

function familyAccepts(ctx: GuardContext, node: TSESTree.Node): boolean {
  if (!ctx.acceptsRegExp) return true;
  const source = regExpSource(ctx.sourceCode, node);
  return source !== null && ctx.acceptsRegExp(source.pattern, source.flags);
}

function regExpSource(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): { pattern: string; flags: string } | null {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Literal && "regex" in node && node.regex) return node.regex;
  if (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === "RegExp" && node.arguments.length > 0) {
      const pattern = constantValue(sourceCode, node.arguments[0])?.value;
      const flags = node.arguments.length > 1 ? constantValue(sourceCode, node.arguments[1])?.value : "";
      return typeof pattern === "string" && typeof flags === "string" ? { pattern, flags } : null;
    }
  }
  if (node.type === AST_NODE_TYPES.Identifier && depth < 4) {
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0) return regExpSource(sourceCode, writes[0].value, depth + 1);
  }
  return null;
}

/** Whether a regular expression body has a `|` outside groups and classes (which defeats `^...$` anchoring). */
export function hasTopLevelAlternation(body: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      continue;
    }
    if (char === "[") inClass = true;
    else if (char === "(") depth++;
    else if (char === ")") depth--;
    else if (char === "|" && depth === 0) return true;
  }
  return false;
}

/** `.`, negated classes and `\S`/`\W`/`\D` let shell metacharacters through. */
function matchesAnything(body: string): boolean {
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === "\\") {
      const next = body[i + 1];
      if (next === "S" || next === "W" || next === "D") return true;
      i++;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      continue;
    }
    if (char === "[") {
      if (body[i + 1] === "^") return true;
      inClass = true;
    } else if (char === ".") {
      return true;
    }
  }
  return false;
}

/**
 * A collection the server controls: a literal of constants, or a name declared at module level, imported, or read
 * from `this`/a module-level object. Collections built inside the handler could hold client data.
 */
export function isTrustedCollection(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.ArrayExpression || node.type === AST_NODE_TYPES.ObjectExpression) {
    return constantValue(sourceCode, node) !== null;
  }
  if (node.type === AST_NODE_TYPES.NewExpression) {
    return node.arguments.length > 0 && isTrustedCollection(sourceCode, node.arguments[0]);
  }
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length > 0) {
    const callee = accessPathKey(node.callee);
    if (callee === "Object.keys" || callee === "Object.values") return isTrustedCollection(sourceCode, node.arguments[0]);
    return false;
  }
  let root: TSESTree.Node = node;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, root);
  if (!variable) return false;
  if (variable.defs.some((def) => def.type === "ImportBinding")) return true;
  const scopeType = variable.scope.type;
  return (scopeType === "module" || scopeType === "global") && variable.defs.every((def) => def.type === "Variable" || def.type === "ClassName");
}
