/**
 * What an MCP server tells its client about its errors. Every framework forwards a thrown error's message verbatim
 * (and, for resources, prompts and low-level handlers, its `data`), and whatever a handler returns reaches the client.
 * This model follows, backwards from what the client receives, the values that come from a caught error: its stack,
 * the whole error object, its cause chain, the response and request configuration of a failed HTTP call, and the body
 * of a failed upstream response. Built once per file.
 *
 * What the client receives:
 * - in an MCP handler (tool, resource, prompt): the values it returns, and the errors it throws that are not caught by
 *   a `catch` of the handler which itself keeps the error from the client;
 * - in a module that serves MCP over HTTP: the bodies of HTTP responses (`res.json/send/end/write`, `reply.send`,
 *   Hono `c.json/text`, `new Response()`).
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { ancestors, calleeName, contains, isFunctionNode, skipWrappers, staticKeyName, type FunctionNode } from "../analysis/ast.js";
import { returnExpressions, functionReferenced } from "../analysis/dataflow.js";
import { caughtErrorIn, narrowingAt, type CaughtErrorUse } from "../analysis/errors.js";
import { isExport, resolveCallee } from "../analysis/imports.js";
import { callsNamed, callsWithin, getNodeIndex } from "../analysis/node-index.js";
import { constantString } from "../analysis/constants.js";
import { contentWritesOf, isGlobalReference, variableOf, writesOf, type SourceCode, type Variable } from "../analysis/scope.js";
import {
  BODY_READ_METHODS,
  ERROR_CLASS_NAME,
  ERROR_CONSTRUCTORS,
  ERROR_PROPERTIES,
  INSPECT_EXPORTS,
  NOT_RESPONSE_ROOT,
  OBJECT_PARTS,
  PROMISE_METHODS,
  RESPONSE_METHODS,
  RESPONSE_STATUS_PROPERTIES,
  SAFE_RESPONSE_FIELDS,
  TEXT_ARGUMENT_METHODS,
  TEXT_METHODS,
} from "../knowledge/errors.js";
import { callLabel } from "../util/describe.js";
import { servesMcpOverHttp } from "./http.js";

export type DisclosureKind = "stack" | "wholeError" | "errorToString" | "cause" | "upstreamResponse" | "requestConfig" | "failedResponseBody" | "message";

/** Something about an error that reaches the client. */
export interface Disclosure {
  kind: DisclosureKind;
  /** The expression that discloses it: `err.stack`, `JSON.stringify(err)`, `${err}`'s `err`, `await res.text()`. */
  node: TSESTree.Node;
  /** Where it goes, for messages: `the result of tool "x"`, `the HTTP response of res.status().json()`. */
  sink: string;
  /** For `errorToString` and `stack`: the expression of the error itself (for a suggestion). */
  error: TSESTree.Node | null;
}

/** The value's role where it ends up: a value serialised as JSON, text, or a thrown value (whose message is sent). */
type Mode = "value" | "text" | "thrown";

/** Arguments that call sites pass for the parameters of same-file helpers being followed. */
type Env = ReadonlyMap<Variable, TSESTree.Node>;
const EMPTY_ENV: Env = new Map();
const MAX_DEPTH = 12;
const MAX_HELPER_DEPTH = 3;

class Tracer {
  readonly findings = new Map<TSESTree.Node, Disclosure>();
  /** Catch clauses (and error callbacks) whose error reached the client: errors thrown in their `try` reach it too. */
  readonly forwarded = new Set<TSESTree.Node>();
  sink = "";
  /** Whether upstream response bodies count (MCP handlers: yes; an HTTP proxy's error pass-through: no). */
  upstreamBodies = true;
  private readonly active = new Set<TSESTree.Node>();
  private readonly activeHelpers = new Set<FunctionNode>();
  private readonly done: Record<Mode, Set<TSESTree.Node>> = { value: new Set(), text: new Set(), thrown: new Set() };

  constructor(
    readonly sourceCode: SourceCode,
    /** Whether a function holds something a disclosure can start from (a `catch`, a body read). */
    private readonly holdsStart: (fn: FunctionNode) => boolean,
  ) {}

  trace(raw: TSESTree.Node, mode: Mode, env: Env, depth: number): void {
    if (depth > MAX_DEPTH || this.active.has(raw)) return;
    // Outside helpers, a node traced once in a mode gives the same findings again (reported at the first sink).
    if (env.size === 0) {
      const done = this.done[mode];
      if (done.has(raw)) return;
      done.add(raw);
    }
    this.active.add(raw);
    try {
      this.step(raw, mode, env, depth);
    } finally {
      this.active.delete(raw);
    }
  }

  private step(raw: TSESTree.Node, mode: Mode, env: Env, depth: number): void {
    const node = skipWrappers(raw);
    if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) {
      const use = caughtErrorIn(this.sourceCode, raw, (variable) => env.get(variable) ?? null);
      if (use) {
        this.caughtUse(use, raw, mode);
        return;
      }
    }
    const next = depth + 1;
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = variableOf(this.sourceCode, node);
        if (!variable || variable.defs.length === 0) return;
        const bound = env.get(variable);
        if (bound) {
          this.trace(bound, mode, env, next);
          return;
        }
        for (const write of writesOf(variable)) {
          if (write.path?.length === 0 && !write.iterated) this.trace(write.value, mode, env, next);
        }
        for (const value of contentWritesOf(variable)) this.trace(value, mode === "thrown" ? "text" : mode, env, next);
        return;
      }
      case AST_NODE_TYPES.TemplateLiteral:
        for (const expression of node.expressions) this.trace(expression, "text", env, next);
        return;
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator === "+") {
          this.trace(node.left, "text", env, next);
          this.trace(node.right, "text", env, next);
        }
        return;
      case AST_NODE_TYPES.LogicalExpression:
        // `a && b` yields `a` only when it is falsy: nothing to disclose.
        if (node.operator !== "&&") this.trace(node.left, mode, env, next);
        this.trace(node.right, mode, env, next);
        return;
      case AST_NODE_TYPES.ConditionalExpression:
        this.trace(node.consequent, mode, env, next);
        this.trace(node.alternate, mode, env, next);
        return;
      case AST_NODE_TYPES.AwaitExpression:
        this.trace(node.argument, mode, env, next);
        return;
      case AST_NODE_TYPES.SpreadElement:
        this.trace(node.argument, mode === "text" ? "text" : "value", env, next);
        return;
      case AST_NODE_TYPES.SequenceExpression:
        this.trace(node.expressions[node.expressions.length - 1], mode, env, next);
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        if (node.operator === "=") this.trace(node.right, mode, env, next);
        return;
      case AST_NODE_TYPES.ArrayExpression:
        for (const element of node.elements) if (element) this.trace(element, mode === "thrown" ? "text" : mode, env, next);
        return;
      case AST_NODE_TYPES.ObjectExpression:
        // An object as text is `[object Object]`.
        if (mode === "text") return;
        for (const property of node.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) this.trace(property.argument, "value", env, next);
          else if (!isFunctionNode(property.value)) this.trace(property.value, "value", env, next);
        }
        return;
      case AST_NODE_TYPES.CallExpression:
        this.call(node, mode, env, next);
        return;
      case AST_NODE_TYPES.NewExpression:
        this.construct(node, env, next);
        return;
      default:
        return;
    }
  }

  /** A caught error, or a part of it, reaches the client as `mode`. */
  private caughtUse(use: CaughtErrorUse, raw: TSESTree.Node, mode: Mode): void {
    const { path, origin, caught } = use;
    if (path.length === 0) {
      this.forwarded.add(caught.handler);
      // `throw err`: a rethrow sends the message, as the framework would have anyway.
      if (mode === "thrown") return;
      if (mode === "value") {
        this.report("wholeError", raw, raw);
        return;
      }
      const inner = skipWrappers(raw);
      const variable = inner.type === AST_NODE_TYPES.Identifier ? variableOf(this.sourceCode, inner) : null;
      const narrowing = use.knownError ? "error" : variable ? narrowingAt(this.sourceCode, raw, variable) : null;
      // A string thrown as it is, or the fallback of `e instanceof Error ? e.message : String(e)`: what the message would be.
      if (narrowing === "primitive" || narrowing === "fallback") return;
      this.report(narrowing === "error" ? "message" : "errorToString", printingExpression(raw), raw);
      return;
    }
    const part = Object.hasOwn(ERROR_PROPERTIES, path[0]) ? ERROR_PROPERTIES[path[0]] : undefined;
    if (!part) return;
    // `err.response?.data` as written; `stack` when it was destructured or aliased before.
    const at = contains(raw, origin) ? raw : origin;
    const asText = mode !== "value";
    switch (part) {
      case "message":
        if (path.length === 1) {
          this.forwarded.add(caught.handler);
          this.report("message", at, null);
        }
        return;
      case "stack":
        this.forwarded.add(caught.handler);
        this.report("stack", at, path.length === 1 ? origin : null);
        return;
      case "cause":
        // `throw err.cause`: a rethrow of the cause.
        if (path.length === 1 && mode === "thrown") return;
        if (path.length === 1 || path[1] === "stack" || path[1] === "message" || path[1] === "cause") this.report("cause", at, null);
        return;
      case "upstreamResponse":
        if (path.length >= 2 && SAFE_RESPONSE_FIELDS.has(path[1])) return;
        if (asText && path.length === 1) return;
        if (asText && path[1] === "headers" && path.length === 2) return;
        this.report("upstreamResponse", at, null);
        return;
      case "requestConfig":
        if (path.length >= 2 && (path[1] === "url" || path[1] === "method" || path[1] === "baseURL")) return;
        if (asText && path.length <= 2 && OBJECT_PARTS.has(part)) return;
        this.report("requestConfig", at, null);
        return;
      default:
        return;
    }
  }

  private call(call: TSESTree.CallExpression, mode: Mode, env: Env, depth: number): void {
    const callee = skipWrappers(call.callee);
    const [first, second] = call.arguments;
    const textMode: Mode = "text";
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === "String" && isGlobalReference(this.sourceCode, callee)) {
      if (first) this.trace(first, textMode, env, depth);
      return;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = staticKeyName(callee);
      const object = skipWrappers(callee.object);
      if (method === "stringify" && object.type === AST_NODE_TYPES.Identifier && object.name === "JSON" && isGlobalReference(this.sourceCode, object)) {
        if (first) this.serialised(call, first, second ?? null, env, depth);
        return;
      }
      if ((method === "reject" || method === "resolve") && object.type === AST_NODE_TYPES.Identifier && object.name === "Promise") {
        if (first) this.trace(first, method === "reject" ? "thrown" : mode, env, depth);
        return;
      }
      if (method === "toString" && call.arguments.length === 0) {
        this.trace(callee.object, textMode, env, depth);
        return;
      }
      if (method !== null && TEXT_METHODS.has(method)) {
        this.trace(callee.object, textMode, env, depth);
        if (TEXT_ARGUMENT_METHODS.has(method)) for (const argument of call.arguments) this.trace(argument, textMode, env, depth);
        return;
      }
      if (method !== null && PROMISE_METHODS.has(method)) {
        if (method !== "then") this.trace(callee.object, mode, env, depth);
        for (const argument of call.arguments) {
          const fn = skipWrappers(argument);
          if (isFunctionNode(fn)) for (const returned of returnExpressions(fn)) this.trace(returned, mode, env, depth);
        }
        return;
      }
      if (method !== null && BODY_READ_METHODS.has(method) && this.upstreamBodies && call.arguments.length === 0) {
        if (object.type === AST_NODE_TYPES.Identifier && readAfterFailure(this.sourceCode, call, object)) this.report("failedResponseBody", call, null);
        return;
      }
    }
    const name = calleeName(call.callee);
    if (name !== null && INSPECT_EXPORTS.some((target) => target.path[target.path.length - 1] === name && isExport(resolveCallee(this.sourceCode, call), target.module, ...target.path))) {
      for (const argument of call.arguments) this.serialised(call, argument, null, env, depth);
      return;
    }
    const fn = functionReferenced(this.sourceCode, call.callee);
    if (fn) this.helper(fn, call, mode, env, depth);
  }

  /** `JSON.stringify(x, replacer)`, `util.inspect(x)`: the whole value, own properties and all. */
  private serialised(call: TSESTree.CallExpression, value: TSESTree.Node, replacer: TSESTree.Node | null, env: Env, depth: number): void {
    const resolve = (variable: Variable) => env.get(variable) ?? null;
    const whole = caughtErrorIn(this.sourceCode, value, resolve);
    if (whole && whole.path.length === 0) {
      this.forwarded.add(whole.caught.handler);
      this.report("wholeError", call, null);
      return;
    }
    // `JSON.stringify(x, Object.getOwnPropertyNames(err))`: the non-enumerable `stack` and `message` included.
    const names = replacer ? skipWrappers(replacer) : null;
    if (names?.type === AST_NODE_TYPES.CallExpression && calleeName(names.callee) === "getOwnPropertyNames" && names.arguments[0]) {
      const listed = caughtErrorIn(this.sourceCode, names.arguments[0], resolve);
      if (listed && listed.path.length === 0) {
        this.forwarded.add(listed.caught.handler);
        this.report("wholeError", call, null);
        return;
      }
    }
    this.trace(value, "value", env, depth);
  }

  /**
   * A same-file helper: what it returns, with its parameters bound to this call's arguments when one of them is a
   * caught error. A helper that gets no caught error and holds no `catch` or body read of its own is not followed.
   */
  private helper(fn: FunctionNode, call: TSESTree.CallExpression, mode: Mode, env: Env, depth: number): void {
    if (this.activeHelpers.has(fn) || this.activeHelpers.size >= MAX_HELPER_DEPTH) return;
    const resolve = (variable: Variable) => env.get(variable) ?? null;
    const passesError = call.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && caughtErrorIn(this.sourceCode, argument, resolve) !== null);
    if (!passesError) {
      if (!this.holdsStart(fn)) return;
      this.activeHelpers.add(fn);
      try {
        for (const returned of returnExpressions(fn)) this.trace(returned, mode, EMPTY_ENV, depth);
      } finally {
        this.activeHelpers.delete(fn);
      }
      return;
    }
    const bound = new Map(env);
    for (const variable of this.sourceCode.getDeclaredVariables(fn)) {
      const def = variable.defs[0];
      if (def?.type !== "Parameter") continue;
      const index = fn.params.findIndex((param) => {
        const inner = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
        return inner === def.name || (inner.type === AST_NODE_TYPES.Identifier && inner.range[0] === def.name.range[0]);
      });
      const argument = index >= 0 ? call.arguments[index] : undefined;
      if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) bound.set(variable, argument);
    }
    this.activeHelpers.add(fn);
    try {
      for (const returned of returnExpressions(fn)) if (!returnsPrimitive(this.sourceCode, returned)) this.trace(returned, mode, bound, depth);
    } finally {
      this.activeHelpers.delete(fn);
    }
  }

  /** `new Error(message)`, `new McpError(code, message, data)`, FastMCP `new UserError(message, extras)`. */
  private construct(node: TSESTree.NewExpression, env: Env, depth: number): void {
    const name = calleeName(node.callee);
    if (name === null) return;
    const spec = Object.hasOwn(ERROR_CONSTRUCTORS, name) ? ERROR_CONSTRUCTORS[name] : ERROR_CLASS_NAME.test(name) ? { message: 0, data: null } : null;
    if (!spec) return;
    const message = node.arguments[spec.message];
    if (message) this.trace(message, "text", env, depth);
    const data = spec.data === null ? undefined : node.arguments[spec.data];
    if (data) {
      const sink = this.sink;
      this.sink = `the data of new ${name}() (${sink})`;
      try {
        this.trace(data, "value", env, depth);
      } finally {
        this.sink = sink;
      }
    }
  }

  private report(kind: DisclosureKind, node: TSESTree.Node, error: TSESTree.Node | null): void {
    if (!this.findings.has(node)) this.findings.set(node, { kind, node, sink: this.sink, error });
  }

  /** A thrown value: its message, and the data of MCP errors. */
  thrown(node: TSESTree.Node): void {
    this.trace(node, "thrown", EMPTY_ENV, 0);
  }
}

/** `String(err)` and `err.toString()` for the `err` they print; the expression itself otherwise (`${err}`). */
function printingExpression(node: TSESTree.Node): TSESTree.Node {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node && calleeName(parent.callee) === "String") return parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && staticKeyName(parent) === "toString" && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
    return parent.parent;
  }
  return node;
}

/**
 * Whether `call` (`res.text()`) reads the body of a response known to have failed: inside `if (!res.ok)` (or
 * `res.status >= 400`, `res.status !== 200`), in the `else` of `if (res.ok)`, or after `if (res.ok) return ...`.
 */
function readAfterFailure(sourceCode: SourceCode, call: TSESTree.Node, response: TSESTree.Identifier): boolean {
  const variable = variableOf(sourceCode, response);
  if (!variable) return false;
  let child: TSESTree.Node = call;
  for (const current of ancestors(call)) {
    if (isFunctionNode(current)) return false;
    if ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && child !== current.test) {
      const verdict = statusTest(sourceCode, current.test, variable);
      if (verdict !== null && (child === current.consequent) === (verdict === "failed")) return true;
    }
    if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program) {
      const index = (current.body as TSESTree.Node[]).indexOf(child);
      for (let i = index - 1; i >= 0; i--) {
        const statement = current.body[i];
        if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && statusTest(sourceCode, statement.test, variable) === "ok" && exits(statement.consequent)) {
          return true;
        }
      }
    }
    child = current;
  }
  return false;
}

/** What a test says about a response: `"failed"` when true means the call failed, `"ok"` when it means success. */
function statusTest(sourceCode: SourceCode, raw: TSESTree.Node, variable: Variable): "failed" | "ok" | null {
  const test = skipWrappers(raw);
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!") {
    const inner = statusTest(sourceCode, test.argument, variable);
    return inner === null ? null : inner === "ok" ? "failed" : "ok";
  }
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === "||") {
    const left = statusTest(sourceCode, test.left, variable);
    return left === "failed" ? left : statusTest(sourceCode, test.right, variable) === "failed" ? "failed" : null;
  }
  if (test.type === AST_NODE_TYPES.MemberExpression) return isResponseField(sourceCode, test, variable, "ok") ? "ok" : null;
  if (test.type !== AST_NODE_TYPES.BinaryExpression) return null;
  const left = skipWrappers(test.left);
  if (left.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (isResponseField(sourceCode, left, variable, "ok")) {
    const right = skipWrappers(test.right);
    if (right.type !== AST_NODE_TYPES.Literal || typeof right.value !== "boolean") return null;
    const equal = test.operator === "===" || test.operator === "==";
    return equal === right.value ? "ok" : "failed";
  }
  const name = staticKeyName(left);
  if (name === null || !RESPONSE_STATUS_PROPERTIES.has(name) || !isResponseField(sourceCode, left, variable, name)) return null;
  switch (test.operator) {
    case ">=":
    case ">":
    case "!==":
    case "!=":
      return "failed";
    case "===":
    case "==":
    case "<":
    case "<=":
      return "ok";
    default:
      return null;
  }
}

function isResponseField(sourceCode: SourceCode, member: TSESTree.MemberExpression, variable: Variable, name: string): boolean {
  const object = skipWrappers(member.object);
  return staticKeyName(member) === name && object.type === AST_NODE_TYPES.Identifier && variableOf(sourceCode, object) === variable;
}

/** A statement that always leaves: `return`, `throw`, or a block ending in one. */
function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body[statement.body.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
}

/** The `catch` clause of the handler that catches what `node` throws, if any (function boundaries are crossed). */
function catcherOf(node: TSESTree.Node, within: FunctionNode): TSESTree.CatchClause | null {
  let child: TSESTree.Node = node;
  for (const current of ancestors(node)) {
    if (current === within) return null;
    if (current.type === AST_NODE_TYPES.TryStatement && child === current.block && current.handler) return current.handler;
    child = current;
  }
  return null;
}

const cache = new WeakMap<TSESTree.Program, Disclosure[]>();

/**
 * The disclosures of a file: in its MCP handlers (returns and escaping throws) and, when it serves MCP over HTTP, in
 * its HTTP responses. `throws`, `catchClauses` and `returnStatements` are the file's `throw` statements, `catch`
 * clauses and `return` statements (collected during the traversal).
 */
export function errorDisclosures(
  sourceCode: SourceCode,
  handlers: readonly ResultProducer[],
  throws: readonly TSESTree.ThrowStatement[],
  catchClauses: readonly TSESTree.CatchClause[],
  returnStatements: readonly TSESTree.ReturnStatement[],
): Disclosure[] {
  let found = cache.get(sourceCode.ast);
  if (!found) {
    try {
      found = findDisclosures(sourceCode, handlers, throws, catchClauses, returnStatements);
    } catch {
      // A shape the model does not understand must never crash a lint run.
      found = [];
    }
    cache.set(sourceCode.ast, found);
  }
  return found;
}

/** Where disclosures can start in a file (see `disclosureStarts`). */
interface Starts {
  nodes: TSESTree.Node[];
  /** An error middleware may be declared by name (`function errorHandler(err, req, res, next)`): anywhere. */
  anywhere: boolean;
}

const startsMemo = new WeakMap<TSESTree.Program, Starts>();

/**
 * Where a disclosure can start: `catch` clauses, calls that take an error callback (`.catch()`, `onError()`,
 * `on("error")`, an error middleware in `use()`) and reads of a response body. A file with none has nothing to
 * disclose; a handler with none inside, in a file with none outside its handlers, is not traced.
 */
function disclosureStarts(sourceCode: SourceCode, catchClauses: readonly TSESTree.CatchClause[]): Starts {
  let starts = startsMemo.get(sourceCode.ast);
  if (starts) return starts;
  const nodes: TSESTree.Node[] = [...catchClauses];
  for (const call of callsNamed(getNodeIndex(sourceCode), DISCLOSURE_START_METHODS)) {
    const callee = skipWrappers(call.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
    if (method === null) continue;
    if (BODY_READ_METHODS.has(method) ? call.arguments.length === 0 : ERROR_CALLBACK_CALLS.has(method) && call.arguments.some((argument) => isFunctionNode(argument))) {
      nodes.push(call);
    }
  }
  starts = { nodes, anywhere: /\bnext\s*\)/.test(sourceCode.text) };
  startsMemo.set(sourceCode.ast, starts);
  return starts;
}

function isBodyRead(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
  return method !== null && BODY_READ_METHODS.has(method);
}

/** Whether the file has anything a disclosure can start from (cheap: the rule asks before building the model). */
export function mayDisclose(sourceCode: SourceCode, catchClauses: readonly TSESTree.CatchClause[]): boolean {
  const starts = disclosureStarts(sourceCode, catchClauses);
  return starts.anywhere || starts.nodes.length > 0;
}

/** Calls whose function argument may receive an error. */
const ERROR_CALLBACK_CALLS: ReadonlySet<string> = new Set(["catch", "then", "onError", "setErrorHandler", "on", "once", "use"]);

const DISCLOSURE_START_METHODS = [...BODY_READ_METHODS, ...ERROR_CALLBACK_CALLS];

function findDisclosures(
  sourceCode: SourceCode,
  allHandlers: readonly ResultProducer[],
  throws: readonly TSESTree.ThrowStatement[],
  catchClauses: readonly TSESTree.CatchClause[],
  returnStatements: readonly TSESTree.ReturnStatement[],
): Disclosure[] {
  const starts = disclosureStarts(sourceCode, catchClauses);
  if (!starts.anywhere && starts.nodes.length === 0) return [];
  // A start in a function that is not a handler may be in a helper that handlers call: then every handler is traced.
  const inHelper = (start: TSESTree.Node) => !allHandlers.some((handler) => contains(handler.fn, start)) && [...ancestors(start)].some(isFunctionNode);
  const outside = starts.anywhere || starts.nodes.some(inHelper);
  const handlers = outside ? allHandlers : allHandlers.filter((handler) => starts.nodes.some((start) => contains(handler.fn, start)));
  const tracer = new Tracer(sourceCode, (fn) => starts.nodes.some((start) => contains(fn, start)));
  const returns = returnsByFunction(returnStatements.filter((statement) => handlers.some((handler) => contains(handler.fn, statement))));
  for (const handler of handlers) {
    tracer.sink = `the result of ${handler.label}`;
    const body = handler.fn.body;
    if (body && body.type !== AST_NODE_TYPES.BlockStatement) tracer.trace(body, "value", EMPTY_ENV, 0);
    for (const statement of returns.get(handler.fn) ?? []) if (statement.argument) tracer.trace(statement.argument, "value", EMPTY_ENV, 0);
  }
  // Throws escape to the client unless a `catch` of the handler catches them and keeps its error to itself; a catch
  // that forwards its error (found by tracing) lets them through, which can reveal more catches that forward.
  let pending = throwEntries(sourceCode, handlers, throws);
  for (let changed = true; changed && pending.length > 0; ) {
    changed = false;
    const waiting: typeof pending = [];
    for (const entry of pending) {
      const caught = [catcherOf(entry.statement, entry.within), entry.callSite ? catcherOf(entry.callSite, entry.handler.fn) : null];
      if (caught.some((catcher) => catcher !== null && !tracer.forwarded.has(catcher))) {
        waiting.push(entry);
        continue;
      }
      tracer.sink = `the error thrown in ${entry.handler.label}`;
      tracer.thrown(entry.statement.argument);
      changed = true;
    }
    pending = waiting;
  }
  // An HTTP response discloses a caught error from inside the `catch` or the error callback that has it.
  const errorScopes = starts.nodes.filter((start) => start.type === AST_NODE_TYPES.CatchClause || !isBodyRead(start));
  if ((errorScopes.length > 0 || starts.anywhere) && servesMcpOverHttp(sourceCode)) {
    tracer.upstreamBodies = false;
    const index = getNodeIndex(sourceCode);
    for (const call of index.calls) {
      if (!starts.anywhere && !errorScopes.some((scope) => contains(scope, call))) continue;
      const mode = responseMode(sourceCode, call);
      if (!mode || !call.arguments[0]) continue;
      tracer.sink = `the HTTP response of ${callLabel(sourceCode, call)}`;
      tracer.trace(call.arguments[0], mode, EMPTY_ENV, 0);
    }
    for (const creation of index.news) {
      const callee = skipWrappers(creation.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== "Response" || !creation.arguments[0] || !isGlobalReference(sourceCode, callee)) continue;
      if (!starts.anywhere && !errorScopes.some((scope) => contains(scope, creation))) continue;
      tracer.sink = "the HTTP response of new Response()";
      tracer.trace(creation.arguments[0], "text", EMPTY_ENV, 0);
    }
  }
  return [...tracer.findings.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** The `return` statements of each function (not of the functions nested in it). */
function returnsByFunction(statements: readonly TSESTree.ReturnStatement[]): Map<TSESTree.Node, TSESTree.ReturnStatement[]> {
  const result = new Map<TSESTree.Node, TSESTree.ReturnStatement[]>();
  for (const statement of statements) {
    for (const current of ancestors(statement)) {
      if (!isFunctionNode(current)) continue;
      const list = result.get(current);
      if (list) list.push(statement);
      else result.set(current, [statement]);
      break;
    }
  }
  return result;
}

/** What produces results for the client: a handler's label and function. */
export interface ResultProducer {
  label: string;
  fn: FunctionNode;
}

/**
 * Static resources, whose read callbacks take no client input (so `findHandlers` does not list them) but whose results
 * reach the client all the same: `registerResource(name, "uri", config, cb)`, `resource(name, "uri", cb)`, FastMCP
 * `addResource({ load })`. Only in files that import an MCP framework.
 */
export function staticResourceReaders(sourceCode: SourceCode, known: readonly ResultProducer[]): ResultProducer[] {
  const result: ResultProducer[] = [];
  for (const call of callsNamed(getNodeIndex(sourceCode), ["registerResource", "resource", "addResource"])) {
    const callee = skipWrappers(call.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
    let fn: TSESTree.Node | null = null;
    let name: TSESTree.Node | undefined;
    if ((method === "registerResource" || method === "resource") && call.arguments.length >= 3) {
      fn = skipWrappers(call.arguments[call.arguments.length - 1]);
      name = call.arguments[0];
    } else if (method === "addResource" && call.arguments[0]) {
      const definition = skipWrappers(call.arguments[0]);
      if (definition.type !== AST_NODE_TYPES.ObjectExpression) continue;
      const load = definition.properties.find((property) => property.type === AST_NODE_TYPES.Property && staticKeyName(property) === "load") as TSESTree.Property | undefined;
      const nameProperty = definition.properties.find((property) => property.type === AST_NODE_TYPES.Property && staticKeyName(property) === "name") as TSESTree.Property | undefined;
      fn = load ? skipWrappers(load.value) : null;
      name = nameProperty?.value;
    }
    if (!fn || !isFunctionNode(fn) || known.some((producer) => producer.fn === fn)) continue;
    const label = name ? constantString(sourceCode, name) : null;
    result.push({ label: `resource ${label === null ? "(unnamed)" : `"${label}"`}`, fn });
  }
  return result;
}

/** `if (typeof error !== "object") return error;`: what is handed back there is no error object (supabase-mcp). */
function returnsPrimitive(sourceCode: SourceCode, returned: TSESTree.Node): boolean {
  const value = skipWrappers(returned);
  const variable = value.type === AST_NODE_TYPES.Identifier ? variableOf(sourceCode, value) : null;
  return variable !== null && narrowingAt(sourceCode, value, variable) === "primitive";
}

/** A `throw` whose error may reach the client: in a handler, or in a same-file helper a handler calls. */
interface ThrowEntry {
  statement: TSESTree.ThrowStatement;
  handler: ResultProducer;
  /** The function the throw must escape first: the handler, or the helper. */
  within: FunctionNode;
  /** For a helper: the call in the handler, which must escape the handler's `catch` too. */
  callSite: TSESTree.Node | null;
}

function throwEntries(sourceCode: SourceCode, handlers: readonly ResultProducer[], throws: readonly TSESTree.ThrowStatement[]): ThrowEntry[] {
  const entries: ThrowEntry[] = [];
  const outside: Array<{ statement: TSESTree.ThrowStatement; fn: FunctionNode }> = [];
  for (const statement of throws) {
    const handler = innermostHandler(handlers, statement);
    if (handler) {
      entries.push({ statement, handler, within: handler.fn, callSite: null });
      continue;
    }
    const fn = [...ancestors(statement)].find(isFunctionNode);
    if (fn) outside.push({ statement, fn });
  }
  if (outside.length === 0) return entries;
  // Helpers called directly from handlers (`this.request(...)`, `callApi(...)`), with their call sites; only calls
  // by the name of a function that throws are resolved.
  const names = new Set(outside.map(({ fn }) => functionName(fn)).filter((name): name is string => name !== null));
  if (names.size === 0) return entries;
  const index = getNodeIndex(sourceCode);
  const callers = new Map<FunctionNode, Array<{ call: TSESTree.CallExpression; handler: ResultProducer }>>();
  for (const handler of handlers) {
    for (const call of callsWithin(index, handler.fn)) {
      const name = calleeName(call.callee);
      if (name === null || !names.has(name)) continue;
      const fn = functionReferenced(sourceCode, call.callee);
      if (!fn || contains(handler.fn, fn) || handlers.some((other) => other.fn === fn)) continue;
      const list = callers.get(fn);
      if (list) list.push({ call, handler });
      else callers.set(fn, [{ call, handler }]);
    }
  }
  for (const { statement, fn } of outside) {
    for (const { call, handler } of callers.get(fn) ?? []) entries.push({ statement, handler, within: fn, callSite: call });
  }
  return entries;
}

/** The name a function is called by: its declaration, variable, method or property name. */
function functionName(fn: FunctionNode): string | null {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    return staticKeyName(parent);
  }
  return null;
}

function innermostHandler(handlers: readonly ResultProducer[], node: TSESTree.Node): ResultProducer | null {
  let best: ResultProducer | null = null;
  for (const handler of handlers) {
    if (contains(handler.fn, node) && (!best || contains(best.fn, handler.fn))) best = handler;
  }
  return best;
}

/**
 * How an HTTP response call sends its first argument: `res.json(x)` / `res.status(500).send(x)` / `c.json(x)` as a
 * value, `res.end(x)` / `c.text(x)` as text; `Response.json(x)`. Null for anything else. The receiver must hang off a
 * parameter (the handler's `res`, `reply` or `c`) that is not named like a stream or a logger.
 */
function responseMode(sourceCode: SourceCode, call: TSESTree.CallExpression): Mode | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = staticKeyName(callee);
  if (method === null || !Object.hasOwn(RESPONSE_METHODS, method)) return null;
  let root: TSESTree.Node = skipWrappers(callee.object);
  for (let i = 0; i < 6; i++) {
    if (root.type === AST_NODE_TYPES.CallExpression) root = skipWrappers(root.callee);
    else if (root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
    else break;
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return null;
  if (root.name === "Response" && method === "json" && isGlobalReference(sourceCode, root)) return "value";
  if (NOT_RESPONSE_ROOT.test(root.name)) return null;
  const variable = variableOf(sourceCode, root);
  if (!variable || !variable.defs.some((def) => def.type === "Parameter")) return null;
  return RESPONSE_METHODS[method] === "value" ? "value" : "text";
}
