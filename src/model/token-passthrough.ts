import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { calleeName, findProperty, isFunctionNode, skipWrappers, staticKeyName } from "../analysis/ast.js";
import { getNodeIndex } from "../analysis/node-index.js";
import { functionReferenced, returnExpressions } from "../analysis/dataflow.js";
import { objectLiteralOf, variableOf, writesOf, type SourceCode } from "../analysis/scope.js";
import { CLIENT_CREDENTIAL_OPTIONS, CLIENT_TOKEN_PATHS, HEADER_READ_METHODS, OUTBOUND_CALL_NAMES, REQUEST_MARK, REQUEST_SEGMENTS, TOKEN_CARRYING_METHODS } from "../knowledge/auth.js";
import { textIncludes } from "../analysis/text.js";

const MAX_DEPTH = 6;

/** An access path: the root (a parameter, or `getRequestContext()`) and the properties read below it. */
interface AccessPath {
  segments: string[];
  /** The root is a function parameter or mcp-framework's request context: data from the incoming request. */
  fromRequest: boolean;
}

function accessPath(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): AccessPath | null {
  if (depth > MAX_DEPTH) return null;
  const node = skipWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = variableOf(sourceCode, node);
      if (!variable || variable.defs.length === 0) return null;
      if (variable.defs.some((def) => def.type === "Parameter")) return { segments: [node.name.toLowerCase()], fromRequest: true };
      const writes = writesOf(variable);
      if (writes.length !== 1 || writes[0].path === null || writes[0].iterated) return null;
      const base = accessPath(sourceCode, writes[0].value, depth + 1);
      return base ? { ...base, segments: [...base.segments, ...writes[0].path.map((s) => s.toLowerCase())] } : null;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticKeyName(node);
      if (name === null) return null;
      const base = accessPath(sourceCode, node.object, depth + 1);
      return base ? { ...base, segments: [...base.segments, name.toLowerCase()] } : null;
    }
    case AST_NODE_TYPES.CallExpression:
      return calleeName(node.callee) === "getRequestContext" ? { segments: ["getrequestcontext()"], fromRequest: true } : null;
    case AST_NODE_TYPES.AwaitExpression:
      return accessPath(sourceCode, node.argument, depth + 1);
    default:
      return null;
  }
}

function isClientTokenPath(sourceCode: SourceCode, path: AccessPath | null): boolean {
  if (!path || !path.fromRequest) return false;
  const { segments } = path;
  if (segments.length >= 2 && segments[segments.length - 2] === "session" && fastmcpSessionTokenKeys(sourceCode).has(segments[segments.length - 1])) return true;
  return CLIENT_TOKEN_PATHS.some((pattern) => {
    const requestMarked = pattern[0] === REQUEST_MARK;
    const suffix = requestMarked ? pattern.slice(1) : pattern;
    if (suffix.length > segments.length) return false;
    const start = segments.length - suffix.length;
    const matches = suffix.every((segment, i) => (typeof segment === "string" ? segments[start + i] === segment : segment.includes(segments[start + i])));
    return matches && (!requestMarked || fromIncomingRequest(segments.slice(0, start)));
  });
}

/** Whether an access path (up to the part that matters) goes through an incoming request object. */
function fromIncomingRequest(segments: readonly string[]): boolean {
  return segments.some((segment) => REQUEST_SEGMENTS.has(segment));
}

/**
 * The expression that reads the client's access token, when `raw` carries it: the token itself, a header read
 * (`req.headers.authorization`, `request.headers.get("Authorization")`), or a string built from it (template,
 * `+`, `replace`/`slice`/`split(" ")[1]`), through variables of this file and the parameters of same-file
 * helpers whose callers pass it. Null otherwise (the server's own credential, a token obtained by an exchange).
 */
export function clientTokenIn(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): TSESTree.Node | null {
  if (depth > MAX_DEPTH) return null;
  const node = skipWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = variableOf(sourceCode, node);
      if (!variable || variable.defs.length === 0) return null;
      const def = variable.defs[0];
      if (def.type === "Parameter") return parameterFromCallers(sourceCode, def.node as TSESTree.Node, node, depth);
      // `const token = extra.authInfo.token`: name the read itself; `const { authorization } = req.headers`: the variable.
      for (const write of writesOf(variable)) {
        if (write.path === null || write.iterated || write.path.length > 0) continue;
        const found = clientTokenIn(sourceCode, write.value, depth + 1);
        if (found) return found;
      }
      return isClientTokenPath(sourceCode, accessPath(sourceCode, node, depth)) ? node : null;
    }
    case AST_NODE_TYPES.MemberExpression: {
      if (isClientTokenPath(sourceCode, accessPath(sourceCode, node, depth))) return node;
      // `header.split(" ")[1]`
      if (node.computed && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === "number") return clientTokenIn(sourceCode, node.object, depth + 1);
      return null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === "String" && node.arguments[0]) return clientTokenIn(sourceCode, node.arguments[0], depth + 1);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const method = staticKeyName(callee);
      if (method !== null && TOKEN_CARRYING_METHODS.has(method)) return clientTokenIn(sourceCode, callee.object, depth + 1);
      // `request.headers.get("authorization")`, `req.header("Authorization")`, `c.req.header("authorization")`
      const first = node.arguments[0] ? skipWrappers(node.arguments[0]) : null;
      if (method !== null && HEADER_READ_METHODS.has(method) && first?.type === AST_NODE_TYPES.Literal && String(first.value).toLowerCase() === "authorization") {
        const receiver = accessPath(sourceCode, callee.object, depth + 1);
        if (receiver?.fromRequest && fromIncomingRequest(receiver.segments)) return node;
      }
      return null;
    }
    case AST_NODE_TYPES.TemplateLiteral:
      for (const expression of node.expressions) {
        const found = clientTokenIn(sourceCode, expression, depth + 1);
        if (found) return found;
      }
      return null;
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === "+" ? (clientTokenIn(sourceCode, node.left, depth + 1) ?? clientTokenIn(sourceCode, node.right, depth + 1)) : null;
    case AST_NODE_TYPES.LogicalExpression:
      return clientTokenIn(sourceCode, node.left, depth + 1) ?? clientTokenIn(sourceCode, node.right, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return clientTokenIn(sourceCode, node.consequent, depth + 1) ?? clientTokenIn(sourceCode, node.alternate, depth + 1);
    case AST_NODE_TYPES.AwaitExpression:
      return clientTokenIn(sourceCode, node.argument, depth + 1);
    default:
      return null;
  }
}

/** A plain parameter of a same-file named function: the client token some caller passes in its place. */
function parameterFromCallers(sourceCode: SourceCode, fnNode: TSESTree.Node, param: TSESTree.Identifier, depth: number): TSESTree.Node | null {
  if (!isFunctionNode(fnNode)) return null;
  const index = fnNode.params.findIndex((p) => p.type === AST_NODE_TYPES.Identifier && p.name === param.name);
  if (index === -1) return null;
  let binding: TSESTree.Identifier | null = null;
  if (fnNode.type === AST_NODE_TYPES.FunctionDeclaration) binding = fnNode.id;
  else if (fnNode.parent?.type === AST_NODE_TYPES.VariableDeclarator && fnNode.parent.id.type === AST_NODE_TYPES.Identifier) binding = fnNode.parent.id;
  const variable = binding ? variableOf(sourceCode, binding) : null;
  for (const reference of variable?.references ?? []) {
    const call = reference.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) continue;
    const argument = call.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const found = clientTokenIn(sourceCode, argument, depth + 1);
    if (found) return found;
  }
  return null;
}

/** A place where an outbound request takes a credential: a header value, a spread of all request headers, a client's `auth`. */
export interface OutboundCredential {
  /** The value (or spread) written into the outbound request. */
  node: TSESTree.Node;
  /** The header or option name (null for a computed one). */
  name: string | null;
  /** A whole headers object (spread, or the value of `headers`), not one header. */
  all: boolean;
}

/** The header values and credential options of an outbound request call (`fetch(url, { headers })`, `axios.get(url, { headers })`, `new Octokit({ auth })`). */
/** The names a call that can carry credentials out is called by (`outboundCredentials` looks at no other call). */
export const OUTBOUND_CREDENTIAL_CALL_NAMES: readonly string[] = [...OUTBOUND_CALL_NAMES, ...CLIENT_CREDENTIAL_OPTIONS.keys()];

export function outboundCredentials(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): OutboundCredential[] {
  const name = calleeName(call.callee);
  if (name === null) return [];
  const result: OutboundCredential[] = [];
  const credentialOption = CLIENT_CREDENTIAL_OPTIONS.get(name);
  if (!OUTBOUND_CALL_NAMES.has(name) && !credentialOption) return [];
  for (const argument of call.arguments) {
    const options = objectLiteralOf(sourceCode, argument);
    if (!options) continue;
    for (const property of options.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticKeyName(property);
      if (credentialOption && key === credentialOption) result.push({ node: property.value, name: key, all: false });
      if (key !== "headers") continue;
      let headersValue = skipWrappers(property.value);
      if (headersValue.type === AST_NODE_TYPES.NewExpression && calleeName(headersValue.callee) === "Headers" && headersValue.arguments[0]) headersValue = skipWrappers(headersValue.arguments[0]);
      const headers = objectLiteralOf(sourceCode, headersValue);
      if (!headers) {
        // `headers: req.headers`: every incoming header.
        result.push({ node: headersValue, name: null, all: true });
        continue;
      }
      for (const header of headers.properties) {
        if (header.type === AST_NODE_TYPES.SpreadElement) result.push({ node: header, name: null, all: true });
        else result.push({ node: header.value, name: staticKeyName(header), all: false });
      }
    }
  }
  return result;
}

/** `req.headers` (spread or whole): every incoming header, the client's Authorization among them. */
export function incomingHeaders(sourceCode: SourceCode, raw: TSESTree.Node): TSESTree.Node | null {
  const node = raw.type === AST_NODE_TYPES.SpreadElement ? raw.argument : raw;
  const path = accessPath(sourceCode, node, 0);
  if (!path?.fromRequest || path.segments.length < 2 || path.segments[path.segments.length - 1] !== "headers") return null;
  return fromIncomingRequest(path.segments.slice(0, -1)) ? node : null;
}

const sessionKeysMemo = new WeakMap<SourceCode, Set<string>>();

/**
 * FastMCP: the keys of the session object an `authenticate` function returns that hold the client's token
 * (`authenticate: async (request) => ({ token: request.headers.authorization })`); tools read them as
 * `context.session.token`. Lower case; empty in files that are not FastMCP servers.
 */
function fastmcpSessionTokenKeys(sourceCode: SourceCode): Set<string> {
  const cached = sessionKeysMemo.get(sourceCode);
  if (cached) return cached;
  const keys = new Set<string>();
  // Set first: the token search below asks again (a cycle), and sees no session keys yet.
  sessionKeysMemo.set(sourceCode, keys);
  if (!textIncludes(sourceCode.text, "fastmcp") || !textIncludes(sourceCode.text, "authenticate")) return keys;
  for (const object of getNodeIndex(sourceCode).objects) {
    const node = findProperty(object, "authenticate");
    if (!node) continue;
    const fn = isFunctionNode(skipWrappers(node.value)) ? (skipWrappers(node.value) as Parameters<typeof returnExpressions>[0]) : functionReferenced(sourceCode, node.value);
    if (!fn) continue;
    for (const returned of returnExpressions(fn)) {
      const object = objectLiteralOf(sourceCode, skipWrappers(returned).type === AST_NODE_TYPES.AwaitExpression ? (skipWrappers(returned) as TSESTree.AwaitExpression).argument : returned);
      for (const property of object?.properties ?? []) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = staticKeyName(property);
        if (key !== null && clientTokenIn(sourceCode, property.value)) keys.add(key.toLowerCase());
      }
    }
  }
  return keys;
}
