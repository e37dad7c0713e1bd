/**
 * CORS on MCP HTTP servers: middleware and headers that let any web page read the server's responses (`cors()` with
 * its `*` default, `origin: "*"`/`true`, an origin callback that accepts everything, `Access-Control-Allow-Origin: *`
 * or the request's own `Origin` echoed back without a check).
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { accessPathKey, findProperty, isFunctionNode, skipWrappers, staticKeyName, walk, type FunctionNode } from "../analysis/ast.js";
import { constantValue } from "../analysis/constants.js";
import { isGuarded } from "../analysis/guards.js";
import { constructionOf, isExport, resolveCallee } from "../analysis/imports.js";
import { callsNamed, getNodeIndex } from "../analysis/node-index.js";
import { objectLiteralOf, variableOf, writesOf, type SourceCode } from "../analysis/scope.js";
import {
  ALLOW_ORIGIN_HEADER,
  CORS_MIDDLEWARE,
  FASTMCP_HTTP_TRANSPORTS,
  HEADER_GETTERS,
  HEADER_OBJECT_SETTERS,
  HEADER_SETTERS,
  MCP_FRAMEWORK_HTTP_TRANSPORTS,
} from "../knowledge/http.js";
import { fastmcpAuthOption, mcpFrameworkAuthOption } from "./access-control.js";
import { servesMcpOverHttp } from "./http.js";
import { textIncludes } from "../analysis/text.js";

export type CorsProblem = "defaultOrigin" | "anyOrigin" | "reflectedOrigin" | "frameworkDefault";

export interface PermissiveCors {
  kind: CorsProblem;
  /** Where to report: the `cors()` call, its `origin` value, or the header value. */
  node: TSESTree.Node;
  /** What grants the access, for messages: `cors()`, `origin: "*"`, `Access-Control-Allow-Origin`. */
  what: string;
}

const cache = new WeakMap<TSESTree.Program, PermissiveCors[]>();

/** The CORS settings of this MCP HTTP module that let any origin read responses. */
export function permissiveCors(sourceCode: SourceCode): PermissiveCors[] {
  let found = cache.get(sourceCode.ast);
  if (!found) {
    found = [];
    try {
      const text = sourceCode.text;
      // The import test first: it is shared with the other HTTP rules, where the text tests are this rule's own.
      if (servesMcpOverHttp(sourceCode) && (/cors/i.test(text) || /access-control-allow-origin/i.test(text))) found = find(sourceCode);
      if (textIncludes(text, "fastmcp") || textIncludes(text, "mcp-framework")) found = [...found, ...frameworkDefaults(sourceCode)];
    } catch {
      found = [];
    }
    cache.set(sourceCode.ast, found);
  }
  return found;
}

function find(sourceCode: SourceCode): PermissiveCors[] {
  const result: PermissiveCors[] = [];
  for (const call of getNodeIndex(sourceCode).calls) {
    const resolved = resolveCallee(sourceCode, call);
    const middleware = CORS_MIDDLEWARE.find((entry) => isExport(resolved, entry.module, ...entry.path));
    if (middleware) {
      const problem = corsOptionsProblem(sourceCode, call, middleware.label);
      if (problem) result.push(problem);
      continue;
    }
    const callee = skipWrappers(call.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
    if (method === null) continue;
    if (HEADER_SETTERS.has(method) && call.arguments.length >= 2) {
      const name = constantValue(sourceCode, call.arguments[0])?.value;
      if (typeof name === "string" && name.toLowerCase() === ALLOW_ORIGIN_HEADER) {
        const problem = headerValueProblem(sourceCode, call.arguments[1], call);
        if (problem) result.push(problem);
        continue;
      }
    }
    if (HEADER_OBJECT_SETTERS.has(method)) {
      for (const argument of call.arguments) {
        const headers = objectLiteralOf(sourceCode, argument);
        if (!headers) continue;
        for (const property of headers.properties) {
          if (property.type !== AST_NODE_TYPES.Property || staticKeyName(property)?.toLowerCase() !== ALLOW_ORIGIN_HEADER) continue;
          const problem = headerValueProblem(sourceCode, property.value, call);
          if (problem) result.push(problem);
        }
      }
    }
  }
  return result;
}

/** `cors()`, `cors({ credentials: true })`, `cors({ origin: "*" | true | (origin, cb) => cb(null, true) })`. */
function corsOptionsProblem(sourceCode: SourceCode, call: TSESTree.CallExpression, label: string): PermissiveCors | null {
  const argument = call.arguments[0];
  if (!argument) return { kind: "defaultOrigin", node: call, what: label };
  const options = objectLiteralOf(sourceCode, argument);
  if (!options || options.properties.some((property) => property.type !== AST_NODE_TYPES.Property)) return null;
  const origin = findProperty(options, "origin");
  if (!origin) return { kind: "defaultOrigin", node: call, what: label };
  const value = skipWrappers(origin.value);
  const constant = constantValue(sourceCode, value);
  if (constant) {
    if (constant.value === "*") return { kind: "anyOrigin", node: value, what: `origin: ${sourceCode.getText(value)}` };
    if (constant.value === true) return { kind: "reflectedOrigin", node: value, what: "origin: true" };
    return null;
  }
  const fn = functionOf(sourceCode, value);
  if (fn && acceptsEveryOrigin(sourceCode, fn)) return { kind: "reflectedOrigin", node: value, what: "an origin callback that accepts every origin" };
  return null;
}

/** A function, directly or through a same-file name. */
function functionOf(sourceCode: SourceCode, node: TSESTree.Node): FunctionNode | null {
  if (isFunctionNode(node)) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, node);
  if (!variable) return null;
  const declaration = variable.defs.find((def) => def.type === "FunctionName")?.node as TSESTree.Node | undefined;
  if (declaration && isFunctionNode(declaration)) return declaration;
  const writes = writesOf(variable);
  const value = writes.length === 1 ? skipWrappers(writes[0].value) : null;
  return value && isFunctionNode(value) ? value : null;
}

/**
 * An origin callback that never rejects: the express `cors` form `(origin, callback) => callback(null, true | origin)`
 * with no call that passes `false` or an error, or the Hono form `(origin) => origin` (returned without a check).
 */
function acceptsEveryOrigin(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const [originParam, callbackParam] = fn.params;
  if (originParam?.type !== AST_NODE_TYPES.Identifier) return false;
  const origin = originParam.name;
  if (callbackParam?.type === AST_NODE_TYPES.Identifier) {
    const callback = callbackParam.name;
    let accepts = 0;
    let rejects = 0;
    walk(fn.body, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = skipWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== callback) return;
      const [error, allowed] = node.arguments;
      const errorValue = error ? constantValue(sourceCode, error) : null;
      const allowedNode = allowed ? skipWrappers(allowed) : null;
      const allowedValue = allowedNode ? constantValue(sourceCode, allowedNode) : null;
      const acceptsAll =
        errorValue !== null &&
        (errorValue.value === null || errorValue.value === undefined) &&
        (allowedValue?.value === true || allowedValue?.value === "*" || (allowedNode?.type === AST_NODE_TYPES.Identifier && allowedNode.name === origin && !isGuarded(sourceCode, origin, node)));
      if (acceptsAll) accepts++;
      else rejects++;
    });
    return accepts > 0 && rejects === 0;
  }
  // Hono: the origin to allow is the return value.
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
    const body = skipWrappers(fn.body);
    return (body.type === AST_NODE_TYPES.Identifier && body.name === origin) || constantValue(sourceCode, body)?.value === "*";
  }
  return false;
}

/** `"*"`, or the request's `Origin` echoed back with no allowlist check before it. */
function headerValueProblem(sourceCode: SourceCode, raw: TSESTree.Node, site: TSESTree.Node): PermissiveCors | null {
  const value = skipWrappers(raw);
  if (constantValue(sourceCode, value)?.value === "*") return { kind: "anyOrigin", node: value, what: `Access-Control-Allow-Origin: ${sourceCode.getText(value)}` };
  if (!readsOriginHeader(sourceCode, value, 0)) return null;
  const key = accessPathKey(value);
  if (key !== null && isGuarded(sourceCode, key, site)) return null;
  return { kind: "reflectedOrigin", node: value, what: "Access-Control-Allow-Origin set to the request's Origin" };
}

/** `req.headers.origin`, `req.headers["origin"]`, `req.get("origin")`, `c.req.header("origin")`, or a same-file name for one. */
function readsOriginHeader(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): boolean {
  if (depth > 3) return false;
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.LogicalExpression) return readsOriginHeader(sourceCode, node.left, depth + 1);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const object = skipWrappers(node.object);
    return staticKeyName(node)?.toLowerCase() === "origin" && object.type === AST_NODE_TYPES.MemberExpression && staticKeyName(object) === "headers";
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipWrappers(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
    const name = node.arguments[0] ? constantValue(sourceCode, node.arguments[0])?.value : undefined;
    return method !== null && HEADER_GETTERS.has(method) && typeof name === "string" && name.toLowerCase() === "origin";
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    return writes.length === 1 && writes[0].path?.length === 0 && readsOriginHeader(sourceCode, writes[0].value, depth + 1);
  }
  return false;
}

/**
 * FastMCP `start({ transportType: "httpStream" })` with `cors` unset or `true`, on a `new FastMCP()` without
 * `authenticate`/`auth`/`oauth`; mcp-framework `new MCPServer({ transport: { type: "http-stream" } })` without
 * `cors.allowedOrigins` and without `auth`. Both answer every origin by default.
 */
function frameworkDefaults(sourceCode: SourceCode): PermissiveCors[] {
  const result: PermissiveCors[] = [];
  const index = getNodeIndex(sourceCode);
  for (const call of callsNamed(index, ["start"])) {
    const callee = skipWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || staticKeyName(callee) !== "start" || !call.arguments[0]) continue;
    const options = objectLiteralOf(sourceCode, call.arguments[0]);
    const transport = options ? findProperty(options, "transportType") : null;
    const type = transport ? constantValue(sourceCode, transport.value)?.value : undefined;
    if (!options || !transport || typeof type !== "string" || !FASTMCP_HTTP_TRANSPORTS.has(type)) continue;
    const settingsProperty = findProperty(options, type) ?? findProperty(options, "httpStream");
    const settings = settingsProperty ? objectLiteralOf(sourceCode, settingsProperty.value) : null;
    if (settingsProperty && !settings) continue;
    const cors = settings ? findProperty(settings, "cors") : null;
    if (cors && constantValue(sourceCode, cors.value)?.value !== true) continue;
    const server = constructionOf(sourceCode, callee.object, "fastmcp", "FastMCP");
    const serverOptions = server?.arguments[0] ? objectLiteralOf(sourceCode, server.arguments[0]) : null;
    if (!serverOptions || serverOptions.properties.some((property) => property.type !== AST_NODE_TYPES.Property)) continue;
    if (fastmcpAuthOption(serverOptions)) continue;
    result.push({ kind: "frameworkDefault", node: transport.value, what: `FastMCP ${type}` });
  }
  for (const creation of index.news) {
    if (!isExport(resolveCallee(sourceCode, creation), "mcp-framework", "MCPServer") || !creation.arguments[0]) continue;
    const options = objectLiteralOf(sourceCode, creation.arguments[0]);
    const transportProperty = options ? findProperty(options, "transport") : null;
    const transport = transportProperty ? objectLiteralOf(sourceCode, transportProperty.value) : null;
    const typeProperty = transport ? findProperty(transport, "type") : null;
    const type = typeProperty ? constantValue(sourceCode, typeProperty.value)?.value : undefined;
    if (!transport || !typeProperty || typeof type !== "string" || !MCP_FRAMEWORK_HTTP_TRANSPORTS.has(type)) continue;
    const settingsProperty = findProperty(transport, "options");
    const settings = settingsProperty ? objectLiteralOf(sourceCode, settingsProperty.value) : null;
    if (settingsProperty && (!settings || settings.properties.some((property) => property.type !== AST_NODE_TYPES.Property))) continue;
    if (options && mcpFrameworkAuthOption(sourceCode, options)) continue;
    const corsProperty = settings ? findProperty(settings, "cors") : null;
    const cors = corsProperty ? objectLiteralOf(sourceCode, corsProperty.value) : null;
    if (corsProperty && (!cors || findProperty(cors, "allowedOrigins") || !allowsAnyOrigin(sourceCode, cors))) continue;
    result.push({ kind: "frameworkDefault", node: typeProperty.value, what: `mcp-framework ${type}` });
  }
  return result;
}

/** An mcp-framework `cors` object that keeps the `*` default: no `allowOrigin`, or `allowOrigin: "*"`. */
function allowsAnyOrigin(sourceCode: SourceCode, cors: TSESTree.ObjectExpression): boolean {
  const allowOrigin = findProperty(cors, "allowOrigin");
  return !allowOrigin || constantValue(sourceCode, allowOrigin.value)?.value === "*";
}

