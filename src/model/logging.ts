import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { calleeName, findProperty, isFunctionNode, skipWrappers, staticKeyName } from "../analysis/ast.js";
import { GLOBAL_MODULE, importedModules, resolveCallee, resolveValue } from "../analysis/imports.js";
import { callsNamed, getNodeIndex } from "../analysis/node-index.js";
import { producerOf } from "../analysis/producers.js";
import { objectLiteralOf, variableOf, writesOf, type SourceCode } from "../analysis/scope.js";
import { INERT_PROPERTIES } from "../knowledge/flow.js";
import {
  CLIENT_LOG_METHODS,
  CONSOLE_PRINT_METHODS,
  LOG_FUNCTION_NAMES,
  LOG_METHODS,
  LOGGER_EXPORTS_ONLY,
  LOGGER_FACTORY_METHODS,
  LOGGER_MODULES,
  LOGGER_NAME,
  RECORDING_CALL_NAME,
} from "../knowledge/logging.js";
import { isCatalogueName, isSecretEnvName, isSecretName } from "../knowledge/secrets.js";
import { shortText } from "../util/describe.js";
import { clientTokenIn, incomingHeaders } from "./token-passthrough.js";
import { textIncludes } from "../analysis/text.js";

/** A call that writes a log record. */
export interface LogCall {
  call: TSESTree.CallExpression;
  /** The record goes to the MCP client (`sendLoggingMessage`, FastMCP `context.log`, mcp-framework `this.log`). */
  toClient: boolean;
}

/** The log calls of a file, in source order. */
export function logCalls(sourceCode: SourceCode): LogCall[] {
  const result: LogCall[] = [];
  const index = getNodeIndex(sourceCode);
  // Without a logging module only a log method or a log function logs, found by name; with one, any call may be a
  // logger made by a factory (`const log = createDebug("x"); log(...)`).
  const candidates = textFacts(sourceCode).importsLogger ? index.calls : callsNamed(index, LOG_CALL_NAMES);
  for (const call of candidates) {
    const found = logCall(sourceCode, call);
    if (found) result.push(found);
  }
  return result;
}

/**
 * A call that logs: `console.*`, a level method of a logger (an instance or default export of pino, winston, bunyan,
 * log4js, consola, tslog..., or a value named `logger`/`log`), a `debug` instance or a plain `log(...)` function, and
 * MCP-protocol logging (`sendLoggingMessage`, FastMCP `context.log.*`, mcp-framework `this.log`, v2 `ctx.mcpReq.log`).
 */
export function logCall(sourceCode: SourceCode, call: TSESTree.CallExpression): LogCall | null {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // Most calls end here: their method is no log method.
    const name = staticKeyName(callee);
    if (name === null || !ANY_LOG_METHOD.has(name)) return null;
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (LOG_FUNCTION_NAMES.has(callee.name)) return { call, toClient: false };
    if (!textFacts(sourceCode).importsLogger) return null;
    // An import itself (`createDebug`, `pino`) is a factory; what a factory call returns (`const d = createDebug("x")`) logs.
    if (resolveValue(sourceCode, callee)) return null;
    const producer = producerOf(sourceCode, callee);
    return producer && isLoggerModule(producer.module, producer.path) ? { call, toClient: false } : null;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = staticKeyName(callee);
  if (method === null) return null;
  const object = skipWrappers(callee.object);
  if (CLIENT_LOG_METHODS.has(method)) return { call, toClient: true };
  if (method === "log" && object.type === AST_NODE_TYPES.ThisExpression) {
    return { call, toClient: textIncludes(sourceCode.text, "mcp-framework") };
  }
  if (method === "log" && object.type === AST_NODE_TYPES.MemberExpression && staticKeyName(object) === "mcpReq") return { call, toClient: true };
  // `console`, or a local one (`const console = new Console(process.stderr)`): a logger either way.
  if (object.type === AST_NODE_TYPES.Identifier && object.name === "console") {
    return LOG_METHODS.has(method) || CONSOLE_PRINT_METHODS.has(method) ? { call, toClient: false } : null;
  }
  if (!LOG_METHODS.has(method) || !isLogger(sourceCode, object, 0)) return null;
  return { call, toClient: isFastmcpContextLog(sourceCode, object) };
}


/** Every method name a member log call can have. */
const ANY_LOG_METHOD: ReadonlySet<string> = new Set([...LOG_METHODS, ...CONSOLE_PRINT_METHODS, ...CLIENT_LOG_METHODS]);
const LOG_CALL_NAMES = [...ANY_LOG_METHOD, ...LOG_FUNCTION_NAMES];

/** Cheap facts about a file that decide which analyses can find anything in it, each computed when first asked. */
class TextFacts {
  private importsLoggerValue: boolean | undefined;
  private mayReadTokenValue: boolean | undefined;
  private mayReadHeadersValue: boolean | undefined;

  constructor(private readonly sourceCode: SourceCode) {}

  /** It imports or requires a logging module: only then are callees resolved to find loggers. */
  get importsLogger(): boolean {
    if (this.importsLoggerValue === undefined) {
      // The file's imports and `require`/`import()` calls, read once for every rule.
      const { ast, text } = this.sourceCode;
      this.importsLoggerValue = [...importedModules(ast, text)].some((module) => LOGGER_MODULES.has(module));
    }
    return this.importsLoggerValue;
  }

  /** It may read the client's token (`authInfo`, an Authorization header, a FastMCP session, mcp-framework's context). */
  get mayReadToken(): boolean {
    const text = this.sourceCode.text;
    return (this.mayReadTokenValue ??= ["authInfo", "uthorization", "auth.token", "getRequestContext", "session"].some((word) => textIncludes(text, word)));
  }

  /** It may read incoming request headers. */
  get mayReadHeaders(): boolean {
    const text = this.sourceCode.text;
    return (this.mayReadHeadersValue ??= textIncludes(text, "header") || textIncludes(text, "Header"));
  }
}

const factsMemo = new WeakMap<SourceCode, TextFacts>();

function textFacts(sourceCode: SourceCode): TextFacts {
  let facts = factsMemo.get(sourceCode);
  if (!facts) {
    facts = new TextFacts(sourceCode);
    factsMemo.set(sourceCode, facts);
  }
  return facts;
}

/** How messages name a log call: `console.log()`, `logger.info()`, `ctx.log.warn()`. */
export function logLabel(sourceCode: SourceCode, log: LogCall): string {
  return `${shortText(sourceCode, skipWrappers(log.call.callee))}()`;
}

function isLoggerModule(module: string, path: readonly string[]): boolean {
  if (!LOGGER_MODULES.has(module)) return false;
  const only = LOGGER_EXPORTS_ONLY.get(module);
  return !only || (path.length > 0 && only.has(path[0]));
}

/** A logger: a value named like one, an import of a logging module, an instance one creates, or a child logger. */
function isLogger(sourceCode: SourceCode, node: TSESTree.Node, depth: number): boolean {
  if (depth > 3) return false;
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      if (LOGGER_NAME.test(node.name)) return true;
      break;
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticKeyName(node);
      if (name !== null && LOGGER_NAME.test(name)) return true;
      break;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = staticKeyName(callee);
        if (method !== null && LOGGER_FACTORY_METHODS.has(method)) return isLogger(sourceCode, skipWrappers(callee.object), depth + 1);
      }
      break;
    }
    default:
      return false;
  }
  if (!textFacts(sourceCode).importsLogger) return false;
  const resolved = resolveValue(sourceCode, node);
  if (resolved) return isLoggerModule(resolved.module, resolved.path);
  const producer = producerOf(sourceCode, node);
  return producer !== null && isLoggerModule(producer.module, producer.path);
}

/** FastMCP's `context.log` (`ctx.log.info(...)`, or `log` destructured from the context): records sent to the client. */
function isFastmcpContextLog(sourceCode: SourceCode, object: TSESTree.Node): boolean {
  if (!textIncludes(sourceCode.text, "fastmcp")) return false;
  if (object.type === AST_NODE_TYPES.MemberExpression) {
    const base = skipWrappers(object.object);
    return staticKeyName(object) === "log" && base.type === AST_NODE_TYPES.Identifier && isParameter(sourceCode, base);
  }
  return object.type === AST_NODE_TYPES.Identifier && object.name === "log" && isParameter(sourceCode, object);
}

function isParameter(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  return variableOf(sourceCode, identifier)?.defs.some((def) => def.type === "Parameter") ?? false;
}

/**
 * Whether a call records an event for the operator: a log call, or a call whose name says it logs, audits, reports,
 * tracks or emits (`auditLog()`, `Sentry.captureException()`, `this.emit("authFailed")`, `metrics.increment()`).
 */
export function isRecordingCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const name = calleeName(call.callee);
  if (name !== null && RECORDING_CALL_NAME.test(name)) return true;
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const receiver = calleeName(callee.object);
    if (receiver !== null && RECORDING_CALL_NAME.test(receiver)) return true;
  }
  return logCall(sourceCode, call) !== null;
}

/** What kind of secret a log call carries. */
export type SecretKind = "clientToken" | "headers" | "envSecret" | "env" | "named";

/** A secret in the arguments of a log call. */
export interface LoggedSecret {
  /** The expression inside the log call's arguments that carries it. */
  node: TSESTree.Node;
  kind: SecretKind;
  /** Where it comes from, for messages: `extra.authInfo.token`, `API_KEY`, `req.headers`, `apiKey`. */
  source: string;
}

const MAX_DEPTH = 8;

/** Functions whose result carries their arguments' text (serialisers, encoders, copies). */
const CARRYING_GLOBALS: ReadonlySet<string> = new Set([
  "JSON.stringify",
  "String",
  "encodeURIComponent",
  "encodeURI",
  "btoa",
  "Buffer.from",
  "Object.entries",
  "Object.values",
  "Object.fromEntries",
  "Object.assign",
  "Array.from",
  "structuredClone",
]);
const CARRYING_UTIL: ReadonlySet<string> = new Set(["inspect", "format", "formatWithOptions"]);
/** The last names of the calls above: only these callees are resolved. */
const CARRYING_CALL_NAMES: ReadonlySet<string> = new Set([...[...CARRYING_GLOBALS].map((name) => name.split(".").pop()!), ...CARRYING_UTIL]);

/** String and collection methods whose result still carries the receiver's secret. */
const CARRYING_METHODS: ReadonlySet<string> = new Set([
  "toString",
  "toJSON",
  "trim",
  "trimStart",
  "trimEnd",
  "toLowerCase",
  "toUpperCase",
  "replace",
  "replaceAll",
  "split",
  "slice",
  "substring",
  "substr",
  "concat",
  "join",
  "padStart",
  "padEnd",
  "entries",
  "values",
  "normalize",
]);

/** Methods whose arguments are also carried into the result (`"Bearer ".concat(token)`). */
const ARGUMENT_CARRYING_METHODS: ReadonlySet<string> = new Set(["concat"]);

/** Methods that read one entry by name: `headers.get("x-api-key")`, `req.header("Cookie")`, `c.req.header("authorization")`. */
const NAMED_READ_METHODS: ReadonlySet<string> = new Set(["get", "header", "getHeader"]);

/**
 * The secret a value passed to a logger carries: the client's access token or credentials (through
 * `clientTokenIn`), a whole set of incoming request headers, a secret environment variable or the whole
 * environment, or a value whose name says it is a secret (`apiKey`, `clientSecret`, `password`, `x-api-key`,
 * `authInfo`), inside template literals, concatenations, object and array literals and serialisers, and through the
 * variables of this file. Masked or derived values are not secrets: `token.length`, `!!token`, `typeof token`,
 * `token.slice(0, 4)`, `mask(token)`, `redact(...)`, `Object.keys(headers)`, comparisons.
 */
export function secretIn(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): LoggedSecret | null {
  if (depth > MAX_DEPTH) return null;
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Literal) return null;
  const cached = secretMemo.get(node);
  if (cached !== undefined) return cached;
  // A cycle through variables (`x = x + y`) finds nothing new.
  secretMemo.set(node, null);
  let result: LoggedSecret | null = null;
  try {
    result = computeSecret(sourceCode, node, depth);
  } finally {
    secretMemo.set(node, result);
  }
  return result;
}

/** Per node: what a value carries does not depend on the log call it reaches. */
const secretMemo = new WeakMap<TSESTree.Node, LoggedSecret | null>();

function computeSecret(sourceCode: SourceCode, node: TSESTree.Node, depth: number): LoggedSecret | null {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return secretInIdentifier(sourceCode, node, depth);
    case AST_NODE_TYPES.MemberExpression:
      return secretInMember(sourceCode, node, depth);
    case AST_NODE_TYPES.TemplateLiteral:
      return first(node.expressions, (expression) => secretIn(sourceCode, expression, depth + 1));
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === "+" ? (secretIn(sourceCode, node.left, depth + 1) ?? secretIn(sourceCode, node.right, depth + 1)) : null;
    case AST_NODE_TYPES.LogicalExpression:
      return (node.operator === "&&" ? null : secretIn(sourceCode, node.left, depth + 1)) ?? secretIn(sourceCode, node.right, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return secretIn(sourceCode, node.consequent, depth + 1) ?? secretIn(sourceCode, node.alternate, depth + 1);
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.SpreadElement:
      return secretIn(sourceCode, node.argument, depth + 1);
    case AST_NODE_TYPES.ArrayExpression:
      return first(node.elements, (element) => (element ? secretIn(sourceCode, element, depth + 1) : null));
    case AST_NODE_TYPES.ObjectExpression:
      return first(node.properties, (property) => secretInProperty(sourceCode, property, depth));
    case AST_NODE_TYPES.CallExpression:
      return secretInCall(sourceCode, node, depth);
    default:
      return null;
  }
}

function first<T>(items: readonly T[], find: (item: T) => LoggedSecret | null): LoggedSecret | null {
  for (const item of items) {
    const found = find(item);
    if (found) return found;
  }
  return null;
}

/** The secret found below `inner`, reported at `outer` (the expression in the log call). */
function at(outer: TSESTree.Node, found: LoggedSecret | null): LoggedSecret | null {
  return found ? { ...found, node: outer } : null;
}

function secretInProperty(sourceCode: SourceCode, property: TSESTree.ObjectLiteralElement, depth: number): LoggedSecret | null {
  if (property.type === AST_NODE_TYPES.SpreadElement) return secretIn(sourceCode, property.argument, depth + 1);
  const value = skipWrappers(property.value as TSESTree.Node);
  if (isFunctionNode(value)) return null;
  const found = secretIn(sourceCode, value, depth + 1);
  if (found) return found;
  // `{ token: t }`, `{ apiKey: config.key }`: the key names the secret the value holds.
  const key = staticKeyName(property);
  if (key !== null && isSecretName(key) && holdsValue(value)) return { node: value, kind: "named", source: key };
  return null;
}

/** A plain value read (a variable or a property), not a literal, a flag or a derived number. */
function holdsValue(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name !== "undefined";
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(node);
    return name === null || !INERT_PROPERTIES.has(name);
  }
  return false;
}

/** The client's token read by `node` (`clientTokenIn`), in files that may read one. */
function clientToken(sourceCode: SourceCode, node: TSESTree.Node): LoggedSecret | null {
  if (!textFacts(sourceCode).mayReadToken) return null;
  const token = clientTokenIn(sourceCode, node);
  return token ? { node, kind: "clientToken", source: shortText(sourceCode, token) } : null;
}

/** A whole set of incoming request headers read by `node` (`incomingHeaders`), in files that may read them. */
function allHeaders(sourceCode: SourceCode, node: TSESTree.Node): LoggedSecret | null {
  if (!textFacts(sourceCode).mayReadHeaders) return null;
  const headers = incomingHeaders(sourceCode, node);
  return headers ? { node, kind: "headers", source: shortText(sourceCode, headers) } : null;
}

function secretInIdentifier(sourceCode: SourceCode, node: TSESTree.Identifier, depth: number): LoggedSecret | null {
  if (node.name === "undefined") return null;
  const variable = variableOf(sourceCode, node);
  const declared = variable !== null && variable.defs.length > 0;
  // A parameter never holds an environment variable; a global (`process` itself) is no secret.
  if (declared && !variable.defs.some((def) => def.type === "Parameter")) {
    const env = envSecret(sourceCode, node);
    if (env !== undefined) return env;
  }
  if (declared) {
    for (const write of writesOf(variable).slice(0, 4)) {
      if (write.path === null || write.iterated) continue;
      if (write.path.length === 0) {
        const found = at(node, secretIn(sourceCode, write.value, depth + 1));
        if (found) return found;
        continue;
      }
      // `const { authorization: auth } = req.headers`, `const { token: t } = body`
      const last = write.path[write.path.length - 1];
      const token = /^(?:token|authorization)$/i.test(last) ? clientToken(sourceCode, node) : null;
      if (token) return token;
      // `const { headers } = req`
      const headers = last === "headers" ? allHeaders(sourceCode, node) : null;
      if (headers) return headers;
      if (isSecretName(last)) return { node, kind: "named", source: last };
    }
  }
  return isSecretName(node.name) && !holdsNoSecret(variable) ? { node, kind: "named", source: node.name } : null;
}

/** A variable named like a secret that never holds one: a loop element, or only literals, flags and numbers. */
function holdsNoSecret(variable: ReturnType<typeof variableOf>): boolean {
  if (!variable || variable.defs.length === 0) return false;
  if (variable.defs.some((def) => def.type === "FunctionName" || def.type === "ClassName")) return true;
  const writes = writesOf(variable);
  if (writes.length === 0) return false;
  return writes.every((write) => {
    if (write.iterated) return true;
    if (write.path === null || write.path.length > 0) return false;
    const value = skipWrappers(write.value);
    return value.type === AST_NODE_TYPES.Literal || value.type === AST_NODE_TYPES.UnaryExpression || (value.type === AST_NODE_TYPES.BinaryExpression && value.operator !== "+");
  });
}

function secretInMember(sourceCode: SourceCode, node: TSESTree.MemberExpression, depth: number): LoggedSecret | null {
  const name = staticKeyName(node);
  if (name !== null && INERT_PROPERTIES.has(name)) return null;
  const env = envSecret(sourceCode, node);
  if (env !== undefined) return env;
  const headers = allHeaders(sourceCode, node);
  if (headers) return headers;
  // The client's token sits under `token` or `authorization` (`extra.authInfo.token`, `req.headers.authorization`).
  const token = name !== null && /^(?:token|authorization)$/i.test(name) ? clientToken(sourceCode, node) : null;
  if (token) return token;
  // `LogId.atlasCheckCredentials`: a catalogue of ids or codes names its keys after what they are about.
  const object = skipWrappers(node.object);
  const objectName = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(object) : null;
  if (objectName !== null && isCatalogueName(objectName)) return null;
  const literalValue = name !== null ? literalMemberValue(sourceCode, node, name) : undefined;
  if (literalValue !== undefined) return literalValue && at(node, secretIn(sourceCode, literalValue, depth + 1));
  if (name !== null && isSecretName(name)) return { node, kind: "named", source: name };
  // `header.split(" ")[1]`
  if (node.computed && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === "number") return at(node, secretIn(sourceCode, node.object, depth + 1));
  return null;
}

/**
 * What `object.name` reads when `object` is a `const` object literal that says it plainly: the value of its property
 * (`{ token: figmaToken.source }` holds where the token came from, not the token), or null when it has no such
 * property. Undefined, to judge by the name, when the literal has spreads or the value is computed (`await fetchToken()`).
 */
function literalMemberValue(sourceCode: SourceCode, node: TSESTree.MemberExpression, name: string): TSESTree.Node | null | undefined {
  const object = skipWrappers(node.object);
  // One name deep (`objectLiteralOf` from depth 2): `onlyReadByName` vouches for this variable, not for one it copies.
  const literal = object.type === AST_NODE_TYPES.ObjectExpression ? object : object.type === AST_NODE_TYPES.Identifier && onlyReadByName(sourceCode, object) ? objectLiteralOf(sourceCode, object, 2) : null;
  if (!literal || literal.properties.some((property) => property.type !== AST_NODE_TYPES.Property || property.computed)) return undefined;
  const property = findProperty(literal, name);
  if (!property) return null;
  const value = skipWrappers(property.value);
  return PLAIN_VALUES.has(value.type) ? value : undefined;
}

/**
 * A variable used only to read its properties by name (`sources.token`), and at most handed back by a `return` when
 * its function is done (`return { sources }`): no write, call or spread here can change what it holds.
 */
function onlyReadByName(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(sourceCode, identifier);
  if (!variable) return false;
  return variable.references.every((reference) => {
    if (reference.init || isReturned(reference.identifier)) return true;
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier || parent.computed) return false;
    const user = parent.parent;
    const written =
      (user?.type === AST_NODE_TYPES.AssignmentExpression && user.left === parent) ||
      user?.type === AST_NODE_TYPES.UpdateExpression ||
      (user?.type === AST_NODE_TYPES.UnaryExpression && user.operator === "delete");
    return !written;
  });
}

/** `return value` or `return { value, other }`. */
function isReturned(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ReturnStatement) return true;
  return parent?.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent?.parent?.type === AST_NODE_TYPES.ReturnStatement;
}

/** Values judged by what they are: names, members, literals and templates (calls and the rest by the property's name). */
const PLAIN_VALUES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
]);

/**
 * `process.env.API_KEY` (directly, destructured or through an alias of `process.env`), or all of `process.env`; null
 * for an environment variable that is no secret (`process.env.TOKEN_URL`), undefined for a value that is not one.
 */
function envSecret(sourceCode: SourceCode, node: TSESTree.Identifier | TSESTree.MemberExpression): LoggedSecret | null | undefined {
  const resolved = resolveValue(sourceCode, node);
  if (!resolved || resolved.module !== GLOBAL_MODULE || resolved.path[0] !== "process" || resolved.path[1] !== "env") return undefined;
  if (resolved.path.length === 2) return { node, kind: "env", source: "process.env" };
  const name = resolved.path[2];
  return resolved.path.length === 3 && isSecretEnvName(name) ? { node, kind: "envSecret", source: name } : null;
}

function secretInCall(sourceCode: SourceCode, call: TSESTree.CallExpression, depth: number): LoggedSecret | null {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticKeyName(callee);
    if (method === null) return null;
    if (CARRYING_METHODS.has(method)) {
      if (masks(method, call.arguments)) return null;
      const found = secretIn(sourceCode, callee.object, depth + 1);
      if (found) return at(call, found);
      if (ARGUMENT_CARRYING_METHODS.has(method)) return at(call, first(call.arguments, (argument) => secretIn(sourceCode, argument, depth + 1)));
    }
    if (NAMED_READ_METHODS.has(method)) return namedRead(sourceCode, call, callee, method);
  }
  const name = calleeName(callee);
  if (name === null || !CARRYING_CALL_NAMES.has(name)) return null;
  const resolved = resolveCallee(sourceCode, call);
  if (!resolved) return null;
  const carries =
    (resolved.module === GLOBAL_MODULE && CARRYING_GLOBALS.has(resolved.path.join("."))) ||
    ((resolved.module === "util" || resolved.module === "buffer") && resolved.path.length > 0 && (CARRYING_UTIL.has(resolved.path[0]) || resolved.path.join(".") === "Buffer.from"));
  if (!carries) return null;
  return at(call, first(call.arguments, (argument) => (isFunctionNode(skipWrappers(argument)) ? null : secretIn(sourceCode, argument, depth + 1))));
}

/** `token.slice(0, 4)`, `key.substring(0, 8)`, `token.slice(-4)`, `key.replace(/./g, "*")`: a masked or shortened secret. */
function masks(method: string, args: readonly TSESTree.CallExpressionArgument[]): boolean {
  if (method === "slice" || method === "substring" || method === "substr") {
    if (args.length >= 2) return true;
    const only = args[0] ? skipWrappers(args[0]) : null;
    return only?.type === AST_NODE_TYPES.UnaryExpression && only.operator === "-";
  }
  if (method === "replace" || method === "replaceAll") {
    const replacement = args[1] ? skipWrappers(args[1]) : null;
    return replacement?.type === AST_NODE_TYPES.Literal && typeof replacement.value === "string" && /\*|•|redact|hidden|x{3}/i.test(replacement.value);
  }
  return false;
}

/** `headers.get("x-api-key")`, `req.header("Cookie")`, `c.req.header()` (every header), `Deno.env.get("API_KEY")`. */
function namedRead(sourceCode: SourceCode, call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string): LoggedSecret | null {
  if (call.arguments.length === 0) {
    if (method !== "header") return null;
    const receiver = skipWrappers(callee.object);
    // Hono `c.req.header()`: every header of the request.
    const isRequest = receiver.type === AST_NODE_TYPES.MemberExpression && /^(?:req|request)$/i.test(staticKeyName(receiver) ?? "");
    return isRequest ? { node: call, kind: "headers", source: shortText(sourceCode, call) } : null;
  }
  const first = skipWrappers(call.arguments[0]);
  if (first.type !== AST_NODE_TYPES.Literal || typeof first.value !== "string") return null;
  const token = first.value.toLowerCase() === "authorization" ? clientToken(sourceCode, call) : null;
  if (token) return token;
  const receiver = skipWrappers(callee.object);
  if (receiver.type === AST_NODE_TYPES.MemberExpression && staticKeyName(receiver) === "env") {
    return isSecretEnvName(first.value) ? { node: call, kind: "envSecret", source: first.value } : null;
  }
  return isSecretName(first.value) ? { node: call, kind: "named", source: first.value } : null;
}
