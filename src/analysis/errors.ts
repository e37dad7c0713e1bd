/**
 * Caught errors: whether a name is bound to an error the code caught (a `catch` clause, a promise `.catch()` callback,
 * an error middleware, an `"error"` listener), through aliases and destructuring; and whether a use of it is narrowed
 * by an `instanceof`/`typeof` check. Generic JavaScript: nothing here knows about MCP.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { isFunctionNode, skipWrappers, staticKeyName, type FunctionNode } from "./ast.js";
import { constantString } from "./constants.js";
import { pathInPattern, variableOf, writesOf, type SourceCode, type Variable } from "./scope.js";

/** Methods that take a callback whose first parameter is the error: `p.catch(cb)`, Hono `app.onError(cb)`, Fastify `setErrorHandler(cb)`. */
const ERROR_CALLBACK_METHODS: ReadonlySet<string> = new Set(["catch", "onError", "setErrorHandler"]);

/** Events whose listener's first parameter is an error: `emitter.on("error", (err) => ...)`. */
const ERROR_EVENTS: ReadonlySet<string> = new Set(["error"]);

/** Methods that register event listeners. */
const LISTENER_METHODS: ReadonlySet<string> = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener"]);

/** The last parameter of an Express error middleware `(err, req, res, next)`. */
const NEXT_PARAM = /^_*next$/;

/** How an error was caught. */
export type CatchKind = "catchClause" | "promiseCatch" | "errorCallback" | "errorMiddleware" | "errorListener";

/** The binding of a caught error. */
export interface CaughtError {
  kind: CatchKind;
  /** The `catch` clause, or the callback whose first parameter is the error. */
  handler: TSESTree.CatchClause | FunctionNode;
  /** The variable bound to the error (or, with a destructuring pattern, to a part of it). */
  variable: Variable;
  /** Properties read from the error to get the variable: `["stack"]` for `catch ({ stack })`, `[]` for `catch (e)`. */
  path: readonly string[];
}

/**
 * The caught error an identifier is bound to: the parameter of a `catch` clause, the first parameter of a promise
 * `.catch(cb)` / `.then(ok, cb)` callback, of Hono `onError` / Fastify `setErrorHandler`, of an Express error middleware
 * `(err, req, res, next)`, or of an `on("error", cb)` listener. Null for anything else (aliases: see `caughtErrorIn`).
 */
export function caughtErrorOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): CaughtError | null {
  const variable = variableOf(sourceCode, identifier);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def) return null;
  const name = def.name as TSESTree.Node;
  if (def.type === "CatchClause") {
    const clause = def.node as TSESTree.CatchClause;
    const path = pathInPattern(name);
    return path ? { kind: "catchClause", handler: clause, variable, path } : null;
  }
  if (def.type !== "Parameter" || !isFunctionNode(def.node as TSESTree.Node)) return null;
  const fn = def.node as FunctionNode;
  const first = fn.params[0];
  if (!first || !(first.range[0] <= name.range[0] && name.range[1] <= first.range[1])) return null;
  const path = pathInPattern(name);
  const kind = callbackKind(sourceCode, fn);
  return path && kind ? { kind, handler: fn, variable, path } : null;
}

function callbackKind(sourceCode: SourceCode, fn: FunctionNode): CatchKind | null {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const callee = skipWrappers(parent.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
    const index = parent.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
    if (method === "catch" && index === 0) return "promiseCatch";
    if (method === "then" && index === 1) return "promiseCatch";
    if (method !== null && ERROR_CALLBACK_METHODS.has(method) && method !== "catch" && index === 0) return "errorCallback";
    if (method !== null && LISTENER_METHODS.has(method) && index === 1) {
      const event = parent.arguments[0] ? constantString(sourceCode, parent.arguments[0]) : null;
      if (event !== null && ERROR_EVENTS.has(event)) return "errorListener";
    }
  }
  if (fn.params.length === 4) {
    const last = fn.params[3];
    const lastName = last.type === AST_NODE_TYPES.Identifier ? last.name : null;
    const inUse =
      parent?.type === AST_NODE_TYPES.CallExpression &&
      skipWrappers(parent.callee).type === AST_NODE_TYPES.MemberExpression &&
      staticKeyName(skipWrappers(parent.callee) as TSESTree.MemberExpression) === "use";
    if (inUse || (lastName !== null && NEXT_PARAM.test(lastName))) return "errorMiddleware";
  }
  return null;
}

/** A caught error found below an expression, with the properties read from it on the way. */
export interface CaughtErrorUse {
  caught: CaughtError;
  /** Properties read below the error: `["response", "data"]` for `err.response.data`. */
  path: readonly string[];
  /**
   * Where the part first appears: the member read (`err.stack`), the destructured name (`{ stack }`), or the
   * expression itself when it is the whole error.
   */
  origin: TSESTree.Node;
  /** The error is known to be an `Error` here: a cast (`e as Error`) or an `instanceof` alias on the way. */
  knownError: boolean;
}

/**
 * The caught error an expression reads: the error itself (`e`, `e as Error`, `const err = e`,
 * `const err = e instanceof Error ? e : new Error(String(e))`), or a part of it (`e.stack`, `e.response?.data`,
 * `const { stack } = e`). `resolveParam` lets a caller map a helper's parameter to the argument a call site passes.
 */
export function caughtErrorIn(
  sourceCode: SourceCode,
  raw: TSESTree.Node,
  resolveParam?: (variable: Variable) => TSESTree.Node | null,
  depth = 0,
): CaughtErrorUse | null {
  if (depth > 6) return null;
  const knownError = isErrorCast(raw);
  const node = skipWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier: {
      const direct = caughtErrorOf(sourceCode, node);
      if (direct) {
        const origin = direct.path.length > 0 ? (direct.variable.defs[0].name as TSESTree.Node) : node;
        return { caught: direct, path: direct.path, origin, knownError };
      }
      const variable = variableOf(sourceCode, node);
      if (!variable || variable.defs.length !== 1) return null;
      const def = variable.defs[0];
      if (def.type === "Parameter") {
        const argument = resolveParam?.(variable);
        const found = argument ? caughtErrorIn(sourceCode, argument, resolveParam, depth + 1) : null;
        if (!found) return null;
        return { ...found, origin: found.path.length > 0 ? found.origin : node, knownError: found.knownError || knownError || isErrorTyped(def.name as TSESTree.Node) };
      }
      const writes = writesOf(variable);
      if (writes.length !== 1 || writes[0].path === null || writes[0].iterated || writes[0].compound) return null;
      const found = caughtErrorIn(sourceCode, writes[0].value, resolveParam, depth + 1);
      if (!found) return null;
      const path = [...found.path, ...writes[0].path];
      const origin = writes[0].path.length > 0 && found.path.length === 0 ? (def.name as TSESTree.Node) : path.length > 0 ? found.origin : node;
      return { caught: found.caught, path, origin, knownError: knownError || found.knownError || isErrorTyped(def.name as TSESTree.Node) };
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticKeyName(node);
      if (name === null) return null;
      const found = caughtErrorIn(sourceCode, node.object, resolveParam, depth + 1);
      if (!found) return null;
      // The whole chain as written (`err.response?.data`), unless the part was named earlier (`const { response } = err`).
      const inChain = found.path.length === 0 || (found.origin.range[0] >= node.range[0] && found.origin.range[1] <= node.range[1]);
      return { ...found, path: [...found.path, name], origin: inChain ? node : found.origin };
    }
    case AST_NODE_TYPES.ConditionalExpression: {
      // `e instanceof Error ? e : new Error(String(e))`: the error either way (the other branch wraps it).
      const consequent = caughtErrorIn(sourceCode, node.consequent, resolveParam, depth + 1);
      const alternate = caughtErrorIn(sourceCode, node.alternate, resolveParam, depth + 1);
      const found = consequent && !alternate && isConstruction(node.alternate) ? consequent : alternate && !consequent && isConstruction(node.consequent) ? alternate : null;
      if (!found || found.path.length > 0) return null;
      return { ...found, knownError: found.knownError || knownError || isInstanceofTest(node.test) };
    }
    default:
      return null;
  }
}

function isConstruction(raw: TSESTree.Node): boolean {
  return skipWrappers(raw).type === AST_NODE_TYPES.NewExpression;
}

/** `e as Error`, `<Error>e`, `e as AxiosError`. */
function isErrorCast(raw: TSESTree.Node): boolean {
  if (raw.type !== AST_NODE_TYPES.TSAsExpression && raw.type !== AST_NODE_TYPES.TSTypeAssertion) return false;
  return isErrorType(raw.typeAnnotation);
}

function isErrorTyped(name: TSESTree.Node): boolean {
  const annotation = (name as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation;
  return annotation ? isErrorType(annotation.typeAnnotation) : false;
}

function isErrorType(type: TSESTree.TypeNode): boolean {
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const name = type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : type.typeName.type === AST_NODE_TYPES.TSQualifiedName ? type.typeName.right.name : "";
  return /Error$|Exception$/.test(name);
}

function isInstanceofTest(raw: TSESTree.Node): boolean {
  const test = skipWrappers(raw);
  return test.type === AST_NODE_TYPES.BinaryExpression && test.operator === "instanceof";
}

/**
 * What a check around a use says about a caught error: `"error"` under an `instanceof` check (an Error: printed, its
 * name and message); `"fallback"` where it is known not to be one, in `e instanceof Error ? e.message : String(e)` or
 * `e.message || String(e)`; `"primitive"` inside `typeof e === "string"` (or `"number"`, `"boolean"`, `"bigint"`).
 */
export type Narrowing = "error" | "fallback" | "primitive" | null;

/** How the checks around `use`, up to the enclosing function, narrow `variable` (see `Narrowing`). */
export function narrowingAt(sourceCode: SourceCode, use: TSESTree.Node, variable: Variable): Narrowing {
  let child: TSESTree.Node = use;
  for (let current = use.parent; current && !isFunctionNode(current); child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.ConditionalExpression || current.type === AST_NODE_TYPES.IfStatement) {
      if (child === current.test) continue;
      const inConsequent = child === current.consequent;
      // `if (!error) return error`: a falsy value is a primitive.
      const falsy = falsyTestOf(sourceCode, current.test, variable);
      if (falsy !== null && falsy === inConsequent) return "primitive";
      const check = typeCheckOf(sourceCode, current.test, variable);
      if (!check) continue;
      if (check.kind === "typeof") return check.primitive === (inConsequent !== check.negated) ? "primitive" : "fallback";
      return inConsequent !== check.negated ? "error" : "fallback";
    }
    if (current.type === AST_NODE_TYPES.LogicalExpression && child === current.right) {
      if (current.operator === "&&") {
        const check = typeCheckOf(sourceCode, current.left, variable);
        if (check) return check.kind === "typeof" ? (check.primitive !== check.negated ? "primitive" : "fallback") : check.negated ? "fallback" : "error";
      } else if (readsMessageOf(sourceCode, current.left, variable)) {
        return "fallback";
      }
    }
  }
  return null;
}

/** Whether a test is true when the variable is falsy (`!e`, `e == null`, `e === undefined`), or false (`e`); else null. */
function falsyTestOf(sourceCode: SourceCode, raw: TSESTree.Node, variable: Variable): boolean | null {
  const test = skipWrappers(raw);
  if (refersTo(sourceCode, test, variable)) return false;
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!" && refersTo(sourceCode, test.argument, variable)) return true;
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== "==" && test.operator !== "===")) return null;
  const empty = (node: TSESTree.Node) => (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined");
  return (refersTo(sourceCode, test.left, variable) && empty(test.right)) || (refersTo(sourceCode, test.right, variable) && empty(test.left)) ? true : null;
}

interface TypeCheck {
  kind: "instanceof" | "typeof";
  /** A `typeof` check for a primitive type (`"string"`, `"number"`, `"boolean"`, `"bigint"`). */
  primitive: boolean;
  negated: boolean;
}

function typeCheckOf(sourceCode: SourceCode, raw: TSESTree.Node, variable: Variable): TypeCheck | null {
  const test = skipWrappers(raw);
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!") {
    const inner = typeCheckOf(sourceCode, test.argument, variable);
    return inner ? { ...inner, negated: !inner.negated } : null;
  }
  if (test.type === AST_NODE_TYPES.LogicalExpression) {
    return typeCheckOf(sourceCode, test.left, variable) ?? typeCheckOf(sourceCode, test.right, variable);
  }
  if (test.type !== AST_NODE_TYPES.BinaryExpression) return null;
  if (test.operator === "instanceof") return refersTo(sourceCode, test.left, variable) ? { kind: "instanceof", primitive: false, negated: false } : null;
  if (!["===", "==", "!==", "!="].includes(test.operator)) return null;
  const negated = test.operator.startsWith("!");
  for (const [left, right] of [
    [test.left, test.right],
    [test.right, test.left],
  ] as const) {
    const typeofNode = skipWrappers(left);
    if (typeofNode.type !== AST_NODE_TYPES.UnaryExpression || typeofNode.operator !== "typeof" || !refersTo(sourceCode, typeofNode.argument, variable)) continue;
    const type = constantString(sourceCode, right);
    return { kind: "typeof", primitive: type !== null && ["string", "number", "boolean", "bigint"].includes(type), negated };
  }
  return null;
}

function refersTo(sourceCode: SourceCode, raw: TSESTree.Node, variable: Variable): boolean {
  const node = skipWrappers(raw);
  return node.type === AST_NODE_TYPES.Identifier && variableOf(sourceCode, node) === variable;
}

function readsMessageOf(sourceCode: SourceCode, raw: TSESTree.Node, variable: Variable): boolean {
  const node = skipWrappers(raw);
  return node.type === AST_NODE_TYPES.MemberExpression && staticKeyName(node) === "message" && refersTo(sourceCode, node.object, variable);
}
