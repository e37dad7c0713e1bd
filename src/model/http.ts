/**
 * HTTP serving in one file: whether it serves MCP over HTTP, and which of its `listen`-like calls bind every network
 * interface (an explicit `0.0.0.0`/`::`, a configuration default of it, or no host where the server's default is
 * every interface). Built once per file and shared.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { findProperty, isFunctionNode, skipWrappers, staticKeyName } from "../analysis/ast.js";
import { constantString, constantValue } from "../analysis/constants.js";
import { importedModules, isExport, resolveCallee } from "../analysis/imports.js";
import { callsNamed, getNodeIndex } from "../analysis/node-index.js";
import { objectLiteralOf, variableOf, writesOf, type SourceCode } from "../analysis/scope.js";
import { perFile } from "../analysis/per-file.js";
import {
  ALL_INTERFACES_HOSTS,
  FASTMCP_HTTP_TRANSPORTS,
  HONO_SERVE,
  LOOPBACK_HOSTS,
  MCP_FRAMEWORK_HTTP_TRANSPORTS,
  MCP_HTTP_MODULES,
  MCP_HTTP_NAMES_BY_MODULE,
  SAFE_HOST,
  SERVER_FACTORIES,
  type ServerFactory,
} from "../knowledge/http.js";
import { textIncludes } from "../analysis/text.js";

/** A text edit that makes a binding loopback-only. */
export interface HostEdit {
  range: readonly [number, number];
  text: string;
}

/** A call that binds every network interface. */
export interface AllInterfacesBinding {
  /** `explicit`: the host is all-interfaces; `default`: a configuration read falls back to it; `missing`: no host. */
  kind: "explicit" | "default" | "missing";
  /** Where to report: the host expression, or the binding call's method name. */
  node: TSESTree.Node;
  /** The binding call as text for messages: `app.listen()`. */
  call: string;
  /** The all-interfaces host as written (`"0.0.0.0"`), or the server's default for a missing host. */
  host: string;
  /** An edit binding 127.0.0.1 instead, when mechanical. */
  edit: HostEdit | null;
}

/** Whether the file serves MCP over HTTP: it imports an SDK HTTP transport or app factory. */
export function servesMcpOverHttp(sourceCode: SourceCode): boolean {
  let serves = servesMemo.get(sourceCode.ast);
  if (serves === undefined) {
    serves = importsMcpHttp(sourceCode);
    servesMemo.set(sourceCode.ast, serves);
  }
  return serves;
}

const servesMemo = new WeakMap<TSESTree.Program, boolean>();

function importsMcpHttp(sourceCode: SourceCode): boolean {
  const modules = importedModules(sourceCode.ast, sourceCode.text);
  for (const module of modules) {
    if (MCP_HTTP_MODULES.has(module)) return true;
    const names = MCP_HTTP_NAMES_BY_MODULE[module];
    if (names?.some((name) => textIncludes(sourceCode.text, name))) return true;
  }
  return false;
}

/** The calls of this file that bind an MCP server's socket to every interface. */
export const allInterfacesBindings: (sourceCode: SourceCode) => AllInterfacesBinding[] = perFile(findBindings, () => []);

function findBindings(sourceCode: SourceCode): AllInterfacesBinding[] {
  const text = sourceCode.text;
  const overHttp = servesMcpOverHttp(sourceCode);
  const fastmcp = textIncludes(text, "fastmcp");
  const mcpFramework = textIncludes(text, "mcp-framework");
  if (!overHttp && !fastmcp && !mcpFramework) return [];
  const modules = importedModules(sourceCode.ast, text);
  const index = getNodeIndex(sourceCode);
  const result: AllInterfacesBinding[] = [];
  const add = (binding: AllInterfacesBinding | null) => {
    if (binding) result.push(binding);
  };
  // Resolving every call is only worth it in a file that imports Hono's server.
  const mayServeHono = overHttp && modules.has(HONO_SERVE.module);
  for (const call of mayServeHono ? index.calls : callsNamed(index, ["listen", "start"])) {
    const callee = skipWrappers(call.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
    if (overHttp && method === "listen" && callee.type === AST_NODE_TYPES.MemberExpression) add(listenBinding(sourceCode, call, callee));
    else if (mayServeHono && isExport(resolveCallee(sourceCode, call), HONO_SERVE.module, ...HONO_SERVE.path)) add(honoBinding(sourceCode, call));
    else if (method === "start" && (modules.has("fastmcp") || modules.has("fastmcp/edge"))) add(fastmcpBinding(sourceCode, call));
  }
  if (mcpFramework && modules.has("mcp-framework")) {
    for (const creation of index.news) {
      if (isExport(resolveCallee(sourceCode, creation), "mcp-framework", "MCPServer")) add(mcpFrameworkBinding(sourceCode, creation));
    }
  }
  return result;
}

/** `x.listen(port, host?, cb?)` or `x.listen({ port, host })` on a Node, Express or Fastify server. */
function listenBinding(sourceCode: SourceCode, call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): AllInterfacesBinding | null {
  const factory = serverFactoryOf(sourceCode, callee.object, 0);
  const label = `${sourceCode.getText(callee)}()`;
  const [first, second] = call.arguments;
  if (!first) return factory?.missingHostBindsAll ? missing(callee.property, label, null) : null;
  if (first.type === AST_NODE_TYPES.SpreadElement) return null;
  const options = objectLiteralOf(sourceCode, first);
  if (options) {
    if (options.properties.some((property) => property.type !== AST_NODE_TYPES.Property)) return null;
    const host = findProperty(options, "host");
    if (host) return hostBinding(sourceCode, host.value, label, call);
    if (findProperty(options, "path") || !factory?.missingHostBindsAll) return null;
    return missing(callee.property, label, options === first ? addProperty(options, "host") : null);
  }
  // `listen("/tmp/mcp.sock")`: a Unix socket or a named pipe, not a network interface.
  const port = constantValue(sourceCode, first);
  if (port && typeof port.value === "string" && !/^\d+$/.test(port.value)) return null;
  if (!second || isCallback(sourceCode, second)) {
    if (!factory?.missingHostBindsAll) return null;
    return missing(callee.property, label, { range: [first.range[1], first.range[1]], text: `, "${SAFE_HOST}"` });
  }
  if (second.type === AST_NODE_TYPES.SpreadElement) return null;
  return hostBinding(sourceCode, second, label, call);
}

/** `serve({ fetch: app.fetch, port, hostname })` of `@hono/node-server`. */
function honoBinding(sourceCode: SourceCode, call: TSESTree.CallExpression): AllInterfacesBinding | null {
  const options = call.arguments[0] ? objectLiteralOf(sourceCode, call.arguments[0]) : null;
  if (!options || options.properties.some((property) => property.type !== AST_NODE_TYPES.Property)) return null;
  const label = `${sourceCode.getText(call.callee)}()`;
  const hostname = findProperty(options, HONO_SERVE.hostProperty);
  if (hostname) return hostBinding(sourceCode, hostname.value, label, call);
  return missing(call.callee, label, options === skipWrappers(call.arguments[0]) ? addProperty(options, HONO_SERVE.hostProperty) : null);
}

/** FastMCP `server.start({ transportType: "httpStream", httpStream: { host } })`: its default host is `localhost`. */
function fastmcpBinding(sourceCode: SourceCode, call: TSESTree.CallExpression): AllInterfacesBinding | null {
  const options = call.arguments[0] ? objectLiteralOf(sourceCode, call.arguments[0]) : null;
  const transport = options ? findProperty(options, "transportType") : null;
  const type = transport ? constantString(sourceCode, transport.value) : null;
  if (!options || !type || !FASTMCP_HTTP_TRANSPORTS.has(type)) return null;
  const settingsProperty = findProperty(options, type) ?? findProperty(options, "httpStream");
  const settings = settingsProperty ? objectLiteralOf(sourceCode, settingsProperty.value) : null;
  const host = settings ? findProperty(settings, "host") : null;
  return host ? hostBinding(sourceCode, host.value, `${sourceCode.getText(call.callee)}()`, call) : null;
}

/** mcp-framework `new MCPServer({ transport: { type: "http-stream", options: { host } } })`: default `127.0.0.1`. */
function mcpFrameworkBinding(sourceCode: SourceCode, creation: TSESTree.NewExpression): AllInterfacesBinding | null {
  const options = creation.arguments[0] ? objectLiteralOf(sourceCode, creation.arguments[0]) : null;
  const transportProperty = options ? findProperty(options, "transport") : null;
  const transport = transportProperty ? objectLiteralOf(sourceCode, transportProperty.value) : null;
  const typeProperty = transport ? findProperty(transport, "type") : null;
  const type = typeProperty ? constantString(sourceCode, typeProperty.value) : null;
  if (!transport || !type || !MCP_FRAMEWORK_HTTP_TRANSPORTS.has(type)) return null;
  const settingsProperty = findProperty(transport, "options");
  const settings = settingsProperty ? objectLiteralOf(sourceCode, settingsProperty.value) : null;
  const host = settings ? findProperty(settings, "host") : null;
  return host ? hostBinding(sourceCode, host.value, `new ${sourceCode.getText(creation.callee)}()`, creation) : null;
}

function missing(node: TSESTree.Node, call: string, edit: HostEdit | null): AllInterfacesBinding {
  return { kind: "missing", node, call, host: "::", edit };
}

function addProperty(object: TSESTree.ObjectExpression, name: string): HostEdit | null {
  const last = object.properties[object.properties.length - 1];
  if (!last) return null;
  return { range: [last.range[1], last.range[1]], text: `, ${name}: "${SAFE_HOST}"` };
}

/** A host expression that is, or falls back to, every interface. */
function hostBinding(sourceCode: SourceCode, node: TSESTree.Node, call: string, within: TSESTree.Node): AllInterfacesBinding | null {
  const host = classifyHost(sourceCode, node, false, 0);
  if (!host) return null;
  const literal = host.literal;
  const inCall = literal.range[0] >= within.range[0] && literal.range[1] <= within.range[1];
  const quote = sourceCode.getText(literal).startsWith("'") ? "'" : '"';
  const edit: HostEdit | null = inCall && literal.type === AST_NODE_TYPES.Literal ? { range: literal.range, text: `${quote}${SAFE_HOST}${quote}` } : null;
  return { kind: host.defaulted ? "default" : "explicit", node, call, host: host.value, edit };
}

interface AllInterfacesHost {
  value: string;
  /** The expression holding the all-interfaces value. */
  literal: TSESTree.Node;
  /** The value is the fallback of a configuration read. */
  defaulted: boolean;
}

/**
 * Whether a host expression is every interface: a constant, a same-file constant, or the fallback of a read that may
 * be missing (`process.env.HOST ?? "0.0.0.0"`, `||`). Loopback, other hosts and unknown values are not.
 */
function classifyHost(sourceCode: SourceCode, raw: TSESTree.Node, defaulted: boolean, depth: number): AllInterfacesHost | null {
  if (depth > 4) return null;
  const node = skipWrappers(raw);
  const value = constantString(sourceCode, node);
  if (value !== null) {
    const host = value.trim();
    if (LOOPBACK_HOSTS.has(host) || !ALL_INTERFACES_HOSTS.has(host)) return null;
    return { value: host, literal: node, defaulted };
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression && (node.operator === "??" || node.operator === "||")) {
    if (constantValue(sourceCode, node.left)) return null;
    return classifyHost(sourceCode, node.right, true, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    // `const { HOST = "0.0.0.0" } = process.env`: the default of a destructured read.
    const declared = variable?.defs[0]?.name as TSESTree.Node | undefined;
    const pattern = declared?.parent;
    if (variable?.defs.length === 1 && pattern?.type === AST_NODE_TYPES.AssignmentPattern && pattern.left === declared) {
      return classifyHost(sourceCode, pattern.right, true, depth + 1);
    }
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0 && !writes[0].iterated && !writes[0].compound) {
      return classifyHost(sourceCode, writes[0].value, defaulted, depth + 1);
    }
  }
  return null;
}

/** A listen callback: a function, or a name bound to one. */
function isCallback(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (isFunctionNode(node)) return true;
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, node);
  if (!variable) return false;
  if (variable.defs.some((def) => def.type === "FunctionName")) return true;
  const writes = writesOf(variable);
  return writes.length === 1 && isFunctionNode(skipWrappers(writes[0].value));
}

/** The server-making call a receiver comes from: `express()`, `http.createServer(app)`, `Fastify()`, ... */
function serverFactoryOf(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): ServerFactory | null {
  if (depth > 4) return null;
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const resolved = resolveCallee(sourceCode, node);
    return SERVER_FACTORIES.find((factory) => isExport(resolved, factory.module, ...factory.path)) ?? null;
  }
  if (node.type === AST_NODE_TYPES.AwaitExpression) return serverFactoryOf(sourceCode, node.argument, depth + 1);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0 && !writes[0].iterated) return serverFactoryOf(sourceCode, writes[0].value, depth + 1);
  }
  return null;
}

/** What a host expression binds: loopback, every interface, another host, or unknown (null). */
export type HostClass = "loopback" | "all" | "other";

/**
 * The class of a host expression: a constant, a same-file constant, or the fallback of a configuration read
 * (`process.env.HOST ?? "127.0.0.1"` is loopback: the default decides). Null when it cannot be told.
 */
export function hostClassOf(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): HostClass | null {
  if (depth > 4) return null;
  const node = skipWrappers(raw);
  const value = constantString(sourceCode, node);
  if (value !== null) {
    const host = value.trim().toLowerCase();
    if (LOOPBACK_HOSTS.has(host)) return "loopback";
    return ALL_INTERFACES_HOSTS.has(host) || host === "" ? "all" : "other";
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression && (node.operator === "??" || node.operator === "||")) {
    if (constantValue(sourceCode, node.left)) return null;
    return hostClassOf(sourceCode, node.right, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    const declared = variable?.defs[0]?.name as TSESTree.Node | undefined;
    const pattern = declared?.parent;
    if (variable?.defs.length === 1 && pattern?.type === AST_NODE_TYPES.AssignmentPattern && pattern.left === declared) {
      return hostClassOf(sourceCode, pattern.right, depth + 1);
    }
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0 && !writes[0].iterated && !writes[0].compound) {
      return hostClassOf(sourceCode, writes[0].value, depth + 1);
    }
  }
  return null;
}

/**
 * The host argument of `x.listen(port, host?, cb?)` / `x.listen({ port, host })`: the host expression, `"missing"`
 * when none is given, `"socket"` for a Unix socket or named pipe, null when it cannot be told.
 */
export function listenHostOf(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.Node | "missing" | "socket" | null {
  const [first, second] = call.arguments;
  if (!first) return "missing";
  if (first.type === AST_NODE_TYPES.SpreadElement) return null;
  const options = objectLiteralOf(sourceCode, first);
  if (options) {
    if (options.properties.some((property) => property.type !== AST_NODE_TYPES.Property)) return null;
    const host = findProperty(options, "host");
    if (host) return host.value;
    return findProperty(options, "path") ? "socket" : "missing";
  }
  const port = constantValue(sourceCode, first);
  if (port && typeof port.value === "string" && !/^\d+$/.test(port.value)) return "socket";
  if (!second || isCallback(sourceCode, second)) return "missing";
  return second.type === AST_NODE_TYPES.SpreadElement ? null : second;
}
