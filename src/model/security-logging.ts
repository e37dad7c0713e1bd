import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { calleeName, contains, findProperty, isFunctionNode, skipWrappers, staticKeyName, walk, type FunctionNode } from "../analysis/ast.js";
import { constantValue } from "../analysis/constants.js";
import { callsWithin, getNodeIndex } from "../analysis/node-index.js";
import { objectLiteralOf, type SourceCode } from "../analysis/scope.js";
import { VERIFIER_PROPERTY_NAMES } from "../knowledge/auth.js";
import type { McpHandler } from "./handlers.js";
import { isRecordingCall } from "./logging.js";
import { verifierName } from "./token-verification.js";
import { textIncludes } from "../analysis/text.js";

/** Text a file must contain for an authentication rejection to be found in it. */
export const AUTH_REJECTION_HINT = /verify|authenticat|validate(?:Access)?Token|checkToken|401/i;

/** Verifier names that say the function checks a credential (not `verifyPath`, `verifySignature` of a webhook, ...). */
const CREDENTIAL_VERIFIER_NAME = /token|jwt|auth|api_?key|bearer|credential|password|session/i;

/** Status methods and response helpers whose numeric argument is the HTTP status (`res.status(401)`, `c.json(body, 401)`). */
const STATUS_METHODS: ReadonlySet<string> = new Set(["status", "sendStatus", "writeHead", "json", "text", "body", "code"]);

/** A place where a function rejects a request's credentials, with no logging on the way there. */
export interface UnloggedRejection {
  node: TSESTree.Node;
  /** How messages name the function: `verifyAccessToken`, `authenticate`, `this function`. */
  fn: string;
  /** How messages name the rejection: `throw`, `return undefined`, `a 401 response`. */
  how: string;
}

/**
 * Authentication failures that nothing records: in an authentication verifier (a function recognised by
 * `verifierName` whose name says it checks a credential, the SDK's `verifyAccessToken`, FastMCP's or mcp-framework's
 * `authenticate`), a `throw` (outside a `try` that catches it) or, for a function the framework calls, a `return`
 * of nothing, `null` or `false`; in any function, a 401 response (`res.status(401)`, `res.sendStatus(401)`,
 * `res.writeHead(401)`, Hono `c.json(body, 401)`, `new Response(body, { status: 401 })`). A rejection counts as
 * logged when a recording call (a log call, an audit, metrics or error-tracker call, an emitted event) comes before it
 * in a block around it.
 */
export function unloggedAuthRejections(sourceCode: SourceCode, functions: readonly FunctionNode[]): UnloggedRejection[] {
  const result: UnloggedRejection[] = [];
  const seen = new Set<TSESTree.Node>();
  const index = getNodeIndex(sourceCode);
  const unauthorized = unauthorizedResponses(sourceCode);
  for (const fn of functions) {
    const points: { node: TSESTree.Node; how: string }[] = [];
    const name = verifierName(sourceCode, fn);
    const framework = name !== null && (VERIFIER_PROPERTY_NAMES.has(name) || /^authenticat/i.test(name));
    if (name !== null && (framework || CREDENTIAL_VERIFIER_NAME.test(name))) {
      for (const statement of ownStatements(fn)) {
        if (statement.type === AST_NODE_TYPES.ThrowStatement && !caughtWithin(statement, fn)) points.push({ node: statement, how: "throws" });
        if (framework && statement.type === AST_NODE_TYPES.ReturnStatement && returnsNothing(sourceCode, statement) && !caughtWithin(statement, fn) && !noRequestCase(statement, fn)) {
          points.push({ node: statement, how: `returns ${statement.argument ? sourceCode.getText(statement.argument) : "nothing"}` });
        }
      }
    }
    if (!RESPONSE_BUILDER_NAME.test(functionName(fn) ?? "")) {
      // `throw new Response(null, { status: 401 })` is one rejection, reported at the throw.
      for (const response of unauthorized) if (ownerOf(response) === fn && !points.some((point) => contains(point.node, response))) points.push({ node: response, how: "answers 401" });
    }
    if (points.length === 0) continue;
    const recordings = callsWithin(index, fn).filter((call) => ownerOf(call) === fn && isRecordingCall(sourceCode, call));
    for (const point of points) {
      if (seen.has(point.node) || recordings.some((call) => loggedBefore(call, point.node))) continue;
      seen.add(point.node);
      result.push({ node: point.node, fn: name ?? "this function", how: point.how });
    }
  }
  return result;
}

/** Functions that build the 401 response for others to send (`createUnauthorizedResponse`): the decision is elsewhere. */
const RESPONSE_BUILDER_NAME = /unauthori[sz]ed|error|response|challenge|reject|deny/i;

/** The name a function is declared or stored under (a declaration, a variable, a property or method key). */
function functionName(fn: FunctionNode): string | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name ?? null;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && parent.value === fn) {
    return staticKeyName(parent);
  }
  return null;
}

/** `if (!request) return undefined;`: no request at all (stdio), not a rejected credential. */
function noRequestCase(statement: TSESTree.ReturnStatement, fn: FunctionNode): boolean {
  const first = fn.params[0];
  if (first?.type !== AST_NODE_TYPES.Identifier) return false;
  for (let current: TSESTree.Node | undefined = statement.parent; current && current !== fn; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.IfStatement) continue;
    const test = skipWrappers(current.test);
    if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!") {
      const argument = skipWrappers(test.argument);
      return argument.type === AST_NODE_TYPES.Identifier && argument.name === first.name;
    }
    return false;
  }
  return false;
}

/** The nearest function around a node. */
function ownerOf(node: TSESTree.Node): TSESTree.Node | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return null;
}

/** The throw and return statements of a function, not of functions nested in it. */
function ownStatements(fn: FunctionNode): TSESTree.Node[] {
  const result: TSESTree.Node[] = [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return result;
  walk(fn.body, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ThrowStatement || node.type === AST_NODE_TYPES.ReturnStatement) result.push(node);
    return true;
  });
  return result;
}

/** Inside the `try` block of a `try`/`catch` of the same function: the `catch` decides what happens. */
function caughtWithin(node: TSESTree.Node, fn: FunctionNode): boolean {
  let child: TSESTree.Node = node;
  for (let current: TSESTree.Node | undefined = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.block === child && current.handler) return true;
    child = current;
  }
  return false;
}

/** `return;`, `return undefined`, `return null`, `return false`: a framework-called verifier saying "not authenticated". */
function returnsNothing(sourceCode: SourceCode, statement: TSESTree.ReturnStatement): boolean {
  if (!statement.argument) return true;
  const argument = skipWrappers(statement.argument);
  if (argument.type === AST_NODE_TYPES.Identifier) return argument.name === "undefined";
  if (argument.type !== AST_NODE_TYPES.Literal) return false;
  const value = constantValue(sourceCode, argument);
  return value !== null && (value.value === null || value.value === false);
}

/** Whether `call` runs before `point` on every path to it: it ends before, in a block that holds `point`. */
function loggedBefore(call: TSESTree.CallExpression, point: TSESTree.Node): boolean {
  if (contains(point, call)) return true;
  if (call.range[1] > point.range[0]) return false;
  for (let current: TSESTree.Node | undefined = call.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return false;
    if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.SwitchCase || current.type === AST_NODE_TYPES.StaticBlock) return contains(current, point);
  }
  return false;
}

/** The 401 responses of a file: status calls with the literal 401, and `new Response(body, { status: 401 })`. */
function unauthorizedResponses(sourceCode: SourceCode): TSESTree.Node[] {
  if (!textIncludes(sourceCode.text, "401")) return [];
  const index = getNodeIndex(sourceCode);
  const result: TSESTree.Node[] = [];
  for (const call of index.calls) {
    const callee = skipWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = staticKeyName(callee);
    if (method === null || !STATUS_METHODS.has(method)) continue;
    const position = method === "json" || method === "text" || method === "body" ? 1 : 0;
    const argument = call.arguments[position];
    if (argument && is401(argument)) result.push(call);
  }
  for (const construction of index.news) {
    if (calleeName(construction.callee) !== "Response") continue;
    const options = construction.arguments[1] ? objectLiteralOf(sourceCode, construction.arguments[1]) : null;
    const status = options ? findProperty(options, "status") : null;
    if (status && is401(status.value)) result.push(construction);
  }
  return result;
}

function is401(node: TSESTree.Node): boolean {
  const inner = skipWrappers(node);
  return inner.type === AST_NODE_TYPES.Literal && inner.value === 401;
}

/** A `catch` of a tool handler that swallows the error. */
export interface SwallowedCatch {
  clause: TSESTree.CatchClause;
  handler: McpHandler;
}

/**
 * The `catch` clauses of handlers that swallow the error: they neither log (nor record it otherwise), nor throw, nor
 * use the caught error at all, nor return an `isError` result. An empty `catch` with a comment in it is a documented
 * choice and is not reported.
 */
export function swallowedCatches(sourceCode: SourceCode, handlers: readonly McpHandler[]): SwallowedCatch[] {
  const result: SwallowedCatch[] = [];
  const seen = new Set<TSESTree.Node>();
  const catches = getNodeIndex(sourceCode).catches;
  for (const handler of handlers) {
    if (!handler.fn.body || handler.fn.body.type !== AST_NODE_TYPES.BlockStatement) continue;
    for (const clause of catches) {
      if (seen.has(clause) || !contains(handler.fn.body, clause)) continue;
      seen.add(clause);
      if (swallows(sourceCode, clause)) result.push({ clause, handler });
    }
  }
  return result;
}

/** Calls whose failure is an answer, not an incident: `JSON.parse(text)` (is it JSON?), `new URL(s)` (is it a URL?). */
const PROBING_CALL_NAMES: ReadonlySet<string> = new Set(["parse", "URL", "decodeURIComponent", "decodeURI", "atob", "parseInt", "parseFloat", "BigInt"]);

/**
 * A `try` block that parses or converts a value, with no I/O (no `await`, no `*Sync` call): its `catch` is a fallback
 * for malformed input (`try { return format(JSON.parse(text)); } catch { return text; }`).
 */
function onlyProbes(block: TSESTree.BlockStatement): boolean {
  let probes = false;
  let io = false;
  walk(block, (node) => {
    if (io || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression) io = true;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const name = calleeName(node.callee);
      if (name !== null && PROBING_CALL_NAMES.has(name)) probes = true;
      else if (name === null || name.endsWith("Sync")) io = true;
    }
    return true;
  });
  return probes && !io;
}

function swallows(sourceCode: SourceCode, clause: TSESTree.CatchClause): boolean {
  const body = clause.body;
  if (body.body.length === 0 && sourceCode.getCommentsInside(body).length > 0) return false;
  if (clause.parent.type === AST_NODE_TYPES.TryStatement && onlyProbes(clause.parent.block)) return false;
  if (sourceCode.getDeclaredVariables(clause).some((variable) => variable.references.length > 0)) return false;
  let handled = false;
  walk(body, (node) => {
    if (handled) return false;
    if (node.type === AST_NODE_TYPES.ThrowStatement) handled = true;
    else if (node.type === AST_NODE_TYPES.CallExpression && isRecordingCall(sourceCode, node)) handled = true;
    else if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && isErrorResult(sourceCode, node.argument)) handled = true;
    else if (node.type === AST_NODE_TYPES.Property && staticKeyName(node) === "isError") handled = true;
    return !isFunctionNode(node);
  });
  return !handled;
}

/** `{ isError: true, content }`, or a helper that builds an error result (`errorResult("...")`, `createErrorResponse(...)`). */
function isErrorResult(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(node.callee);
    return name !== null && /error|fail/i.test(name);
  }
  const object = objectLiteralOf(sourceCode, node);
  const isError = object ? findProperty(object, "isError") : null;
  return isError !== null;
}
