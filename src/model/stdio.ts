import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { ancestors, calleeName, contains, findProperty, isFunctionNode, skipWrappers, staticKeyName } from "../analysis/ast.js";
import { constantString } from "../analysis/constants.js";
import { isExport, resolveCallee } from "../analysis/imports.js";
import { absolutePath, loadModule, readModuleText } from "../analysis/modules.js";
import { callsNamed, getNodeIndex } from "../analysis/node-index.js";
import { producerOf, type Producer } from "../analysis/producers.js";
import { isGlobalReference, type SourceCode } from "../analysis/scope.js";
import {
  FASTMCP_HTTP_TRANSPORTS,
  HTTP_CALLBACK_METHODS,
  HTTP_FUNCTION_NAME,
  HTTP_MODE_FLAG,
  HTTP_MODE_VALUE,
  MCP_FRAMEWORK_HTTP_TRANSPORTS,
  STDIO_CREATION_HINT,
  STDIO_MODE_FLAG,
  STDIO_MODE_VALUE,
  STDIO_TEXT_HINT,
  STDOUT_CONSOLE_METHODS,
  TRANSPORT_CALLEE_NAMES,
  TRANSPORT_EXPORTS,
} from "../knowledge/stdio.js";
import { MAX_IMPORT_HOPS } from "./cross-file.js";
import { getMcpModel } from "./index.js";
import { importsReach, projectFilesNear } from "./project-index.js";
import type { ModelSettings } from "./settings.js";
import { textIncludes } from "../analysis/text.js";

/** A call that writes to the process's stdout. */
export interface StdoutWrite {
  call: TSESTree.CallExpression;
  /** The callee as written: `console.log`, `process.stdout.write`. */
  callee: TSESTree.MemberExpression;
  /** `console.log()`. */
  label: string;
  /** The property to rename for the stderr twin (`log` -> `error`, `stdout` -> `stderr`). */
  stderrTwin: { node: TSESTree.Node; text: string } | null;
}

/** Where a module starts transports. */
export interface TransportSites {
  /** Creations of stdio transports (`new StdioServerTransport()`, `serveStdio()`, FastMCP `start()`, `new MCPServer()`). */
  stdio: TSESTree.Node[];
  /** Creations of HTTP transports and `listen()` calls. */
  http: TSESTree.Node[];
  /** `new FastMCP({...})` without a `logger` option. */
  fastmcpWithoutLogger: TSESTree.NewExpression[];
}

const sitesMemo = new WeakMap<TSESTree.Program, TransportSites>();

/** The transports a module starts. */
export function transportSites(sourceCode: SourceCode): TransportSites {
  let sites = sitesMemo.get(sourceCode.ast);
  if (!sites) {
    sites = { stdio: [], http: [], fastmcpWithoutLogger: [] };
    if (STDIO_TEXT_HINT.test(sourceCode.text)) {
      try {
        collectSites(sourceCode, sites);
      } catch {
        // An unexpected shape: the sites found so far stand.
      }
    }
    sitesMemo.set(sourceCode.ast, sites);
  }
  return sites;
}

function collectSites(sourceCode: SourceCode, sites: TransportSites): void {
  const index = getNodeIndex(sourceCode);
  const names = new Set([...TRANSPORT_CALLEE_NAMES, ...importAliases(sourceCode)]);
  for (const node of [...index.news, ...index.calls]) {
    const name = calleeName(node.callee);
    if (name === null || !(names.has(name) || HTTP_FUNCTION_NAME.test(name))) continue;
    const resolved = resolveCallee(sourceCode, node);
    const known = resolved ? TRANSPORT_EXPORTS.find((entry) => isExport(resolved, entry.module, ...entry.path)) : undefined;
    if (known) {
      if (known.transport === "stdio" && !usesProcessStdout(sourceCode, node, known.path[0])) continue;
      sites[known.transport].push(node);
      continue;
    }
    if (node.type === AST_NODE_TYPES.NewExpression) {
      if (isExport(resolved, "fastmcp", "FastMCP")) {
        const options = node.arguments[0] ? skipWrappers(node.arguments[0]) : null;
        if (options?.type === AST_NODE_TYPES.ObjectExpression && !findProperty(options, "logger") && !options.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) {
          sites.fastmcpWithoutLogger.push(node);
        }
      } else if (isExport(resolved, "mcp-framework", "MCPServer")) {
        const transport = mcpFrameworkTransport(sourceCode, node);
        if (transport) sites[transport].push(node);
      }
      continue;
    }
    // `startHttpServer(port)`, `express()`: the HTTP mode of a server whose HTTP code lives elsewhere.
    if (HTTP_FUNCTION_NAME.test(name) || resolved?.module === "express") {
      sites.http.push(node);
      continue;
    }
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = staticKeyName(callee);
    if (method === "listen") sites.http.push(node);
    else if (method === "start" && isFastMcp(producerOf(sourceCode, callee.object))) {
      const transport = fastmcpTransport(sourceCode, node);
      if (transport) sites[transport].push(node);
    }
  }
}

function isFastMcp(producer: Producer | null): boolean {
  return producer !== null && producer.module === "fastmcp" && producer.path.join(".") === "FastMCP" && producer.members.length === 0;
}

/**
 * Whether a stdio transport writes to this process's stdout: not when it is given its own output stream
 * (`new StdioServerTransport(input, output)`), nor when it sits in a function that is never called (`void example`).
 */
function usesProcessStdout(sourceCode: SourceCode, node: TSESTree.CallExpression | TSESTree.NewExpression, exported: string): boolean {
  if (exported === "StdioServerTransport" && node.arguments.length >= 2 && sourceCode.getText(skipWrappers(node.arguments[1])) !== "process.stdout") return false;
  for (const ancestor of ancestors(node)) {
    if (!isFunctionNode(ancestor)) continue;
    return !neverCalled(sourceCode, ancestor);
  }
  return true;
}

/** A function declared here, not exported, whose name is used only as `void name` (or not at all). */
function neverCalled(sourceCode: SourceCode, fn: TSESTree.Node): boolean {
  const holder = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent : null;
  if (!holder) return false;
  const exported = holder.type === AST_NODE_TYPES.FunctionDeclaration ? holder.parent : holder.parent?.parent;
  if (exported?.type === AST_NODE_TYPES.ExportNamedDeclaration || exported?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return false;
  const variable = sourceCode.getDeclaredVariables(holder)[0];
  if (!variable) return false;
  return variable.references.every((reference) => reference.init || (reference.identifier.parent?.type === AST_NODE_TYPES.UnaryExpression && reference.identifier.parent.operator === "void"));
}

/** Local names of imports (`import { StdioServerTransport as Stdio }`): aliases of the transports. */
function importAliases(sourceCode: SourceCode): string[] {
  const names: string[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.local.name !== (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value)) {
        names.push(specifier.local.name);
      }
    }
  }
  return names;
}

/** FastMCP `start()`: stdio without an argument or a `transportType`; null when it cannot be told. */
function fastmcpTransport(sourceCode: SourceCode, call: TSESTree.CallExpression): "stdio" | "http" | null {
  if (call.arguments.length === 0) return "stdio";
  const options = skipWrappers(call.arguments[0]);
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const type = findProperty(options, "transportType");
  if (!type) return options.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement) ? null : "stdio";
  return transportOfValue(sourceCode, type.value, FASTMCP_HTTP_TRANSPORTS);
}

/** mcp-framework `new MCPServer({ transport: { type } })`: stdio by default. */
function mcpFrameworkTransport(sourceCode: SourceCode, node: TSESTree.NewExpression): "stdio" | "http" | null {
  if (node.arguments.length === 0) return "stdio";
  const options = skipWrappers(node.arguments[0]);
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const transport = findProperty(options, "transport");
  if (!transport) return findProperty(options, "transports") || options.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement) ? null : "stdio";
  const object = skipWrappers(transport.value);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const type = findProperty(object, "type");
  return type ? transportOfValue(sourceCode, type.value, MCP_FRAMEWORK_HTTP_TRANSPORTS) : "stdio";
}

/** A constant transport name, or a conditional that may choose stdio. */
function transportOfValue(sourceCode: SourceCode, raw: TSESTree.Node, http: ReadonlySet<string>): "stdio" | "http" | null {
  const node = skipWrappers(raw);
  const value = constantString(sourceCode, node);
  if (value !== null) return value === "stdio" ? "stdio" : http.has(value) ? "http" : null;
  if (node.type === AST_NODE_TYPES.ConditionalExpression || node.type === AST_NODE_TYPES.LogicalExpression) {
    const [a, b] = node.type === AST_NODE_TYPES.ConditionalExpression ? [node.consequent, node.alternate] : [node.left, node.right];
    if (constantString(sourceCode, a) === "stdio" || constantString(sourceCode, b) === "stdio") return "stdio";
  }
  return null;
}

/** The methods a write to stdout is called by: `console.log()`, `process.stdout.write()`. */
const STDOUT_WRITE_METHODS = [...STDOUT_CONSOLE_METHODS, "write"];

/** The calls of a module that write to stdout: `console.log/info/debug/dir/table/...()`, `process.stdout.write()`. */

export function stdoutWrites(sourceCode: SourceCode): StdoutWrite[] {
  const text = sourceCode.text;
  if (!textIncludes(text, "console") && !textIncludes(text, "stdout")) return [];
  const writes: StdoutWrite[] = [];
  for (const call of callsNamed(getNodeIndex(sourceCode), STDOUT_WRITE_METHODS)) {
    const callee = skipWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = staticKeyName(callee);
    if (method === null) continue;
    const object = skipWrappers(callee.object);
    if (STDOUT_CONSOLE_METHODS.has(method) && object.type === AST_NODE_TYPES.Identifier && object.name === "console" && isGlobalReference(sourceCode, object)) {
      writes.push({ call, callee, label: `console.${method}()`, stderrTwin: callee.computed ? null : { node: callee.property, text: "error" } });
    } else if (method === "write" && isProcessStdout(sourceCode, object)) {
      const stream = object as TSESTree.MemberExpression;
      writes.push({ call, callee, label: "process.stdout.write()", stderrTwin: stream.computed ? null : { node: stream.property, text: "stderr" } });
    }
  }
  return writes;
}

function isProcessStdout(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression || staticKeyName(node) !== "stdout") return false;
  const object = skipWrappers(node.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === "process" && isGlobalReference(sourceCode, object);
}

/**
 * Whether a write runs only when the server is not on stdio: inside a function or branch that starts an HTTP
 * transport (or calls `listen`) and no stdio one, in a callback of `listen()` or of an HTTP route
 * (`app.post("/mcp", ...)`), or in a block that ends the process (`--help` output before the server starts, a
 * `listTools()` that prints and exits).
 */
export function runsOnlyWithoutStdio(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const sites = transportSites(sourceCode);
  let child: TSESTree.Node = node;
  for (const ancestor of ancestors(node)) {
    if (ancestor.type === AST_NODE_TYPES.Program) break;
    if (runsInHttpMode(ancestor, child)) return true;
    if (isRegion(ancestor, child) || isFunctionNode(ancestor)) {
      const region = isFunctionNode(ancestor) ? ancestor : child;
      const hasStdio = sites.stdio.some((site) => contains(region, site));
      if (hasStdio) return false;
      if (sites.http.some((site) => contains(region, site))) return true;
    }
    if (isFunctionNode(ancestor) && isHttpCallback(sourceCode, ancestor)) return true;
    if (ancestor.type === AST_NODE_TYPES.BlockStatement && endsProcess(ancestor.body)) return true;
    if (ancestor.type === AST_NODE_TYPES.SwitchCase && endsProcess(ancestor.consequent)) return true;
    child = ancestor;
  }
  return false;
}

/**
 * `child` runs only when a mode flag says the server is not on stdio: the consequent of `if (isHTTP)`,
 * `if (!isStdioMode)` or `transport === "http" ? ... : ...`, the alternate of `if (isStdio)`, the right of `useSse && ...`.
 */
function runsInHttpMode(ancestor: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (ancestor.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      if (child === ancestor.consequent) return modeOfTest(ancestor.test) === "http";
      return child === ancestor.alternate && modeOfTest(ancestor.test) === "stdio";
    case AST_NODE_TYPES.LogicalExpression:
      return child === ancestor.right && ancestor.operator === "&&" && modeOfTest(ancestor.left) === "http";
    default:
      return false;
  }
}

/** Which mode a test's truth means: `isHTTP`, `useSse`, `transport === "http"`; `isStdio`, `mode === "stdio"`. */
function modeOfTest(raw: TSESTree.Node): "stdio" | "http" | null {
  const test = skipWrappers(raw);
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!") return otherMode(modeOfTest(test.argument));
  if (test.type === AST_NODE_TYPES.BinaryExpression && ["===", "==", "!==", "!="].includes(test.operator)) {
    const value = constantModeName(test.right) ?? constantModeName(test.left);
    const mode = value === null ? null : STDIO_MODE_VALUE.test(value) ? "stdio" : HTTP_MODE_VALUE.test(value) ? "http" : null;
    return test.operator.startsWith("!") ? otherMode(mode) : mode;
  }
  const name = test.type === AST_NODE_TYPES.Identifier ? test.name : test.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(test) : null;
  if (name === null) return null;
  if (STDIO_MODE_FLAG.test(name)) return "stdio";
  return HTTP_MODE_FLAG.test(name) ? "http" : null;
}

function otherMode(mode: "stdio" | "http" | null): "stdio" | "http" | null {
  return mode === "stdio" ? "http" : mode === "http" ? "stdio" : null;
}

function constantModeName(node: TSESTree.Node): string | null {
  const inner = skipWrappers(node);
  return inner.type === AST_NODE_TYPES.Literal && typeof inner.value === "string" ? inner.value : null;
}

/** `child` is a branch of `ancestor`: an `if` consequent or alternate, a `switch` case, a conditional's branch. */
function isRegion(ancestor: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (ancestor.type) {
    case AST_NODE_TYPES.IfStatement:
      return child !== ancestor.test;
    case AST_NODE_TYPES.ConditionalExpression:
      return child !== ancestor.test;
    case AST_NODE_TYPES.SwitchStatement:
      return child !== ancestor.discriminant;
    default:
      return false;
  }
}

function isHttpCallback(sourceCode: SourceCode, fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = skipWrappers(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = staticKeyName(callee);
  if (method === null || !HTTP_CALLBACK_METHODS.has(method)) return false;
  if (method === "listen") return true;
  const route = parent.arguments[0] ? constantString(sourceCode, parent.arguments[0]) : null;
  return route !== null && route.startsWith("/");
}

function endsProcess(statements: readonly TSESTree.Node[]): boolean {
  return statements.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const expression = skipWrappers(statement.expression);
    if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipWrappers(expression.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === "exit" && skipWrappers(callee.object).type === AST_NODE_TYPES.Identifier && (skipWrappers(callee.object) as TSESTree.Identifier).name === "process";
  });
}

/** Why a module runs in a stdio server's process: it starts the transport, or a stdio server imports its handler code. */
export type StdioReason = { kind: "server" } | { kind: "imported"; server: string };

/**
 * Whether a module's stdout is a stdio server's JSON-RPC stream: the module creates a stdio transport, or it holds
 * handler code (handlers, or functions that handlers elsewhere call) and a stdio server module of the project imports
 * it (within the import hop limit).
 */
export function stdioReasonOf(sourceCode: SourceCode, filename: string, settings: ModelSettings): StdioReason | null {
  if (transportSites(sourceCode).stdio.length > 0) return { kind: "server" };
  const file = absolutePath(filename);
  // Text tests first (cached per listing and per file), then the model of this file, and a parse of a candidate last.
  const candidates = stdioCandidatesIn(projectFilesNear(file, settings)).filter((candidate) => candidate !== file && importsReach(candidate, file, MAX_IMPORT_HOPS));
  if (candidates.length === 0) return null;
  if (!getMcpModel(sourceCode, file, settings).hasToolInput()) return null;
  const server = candidates.find(createsStdio);
  return server ? { kind: "imported", server } : null;
}

const serversMemo = new WeakMap<readonly string[], string[]>();

/** The modules of a project listing whose text may create a stdio transport, once per listing. */
function stdioCandidatesIn(files: readonly string[]): string[] {
  let servers = serversMemo.get(files);
  if (!servers) {
    servers = files.filter((file) => {
      const text = readModuleText(file);
      return text !== null && STDIO_CREATION_HINT.test(text);
    });
    serversMemo.set(files, servers);
  }
  return servers;
}

const createsStdioMemo = new Map<string, { text: string; result: boolean }>();

function createsStdio(file: string): boolean {
  const text = readModuleText(file);
  if (text === null) return false;
  const cached = createsStdioMemo.get(file);
  if (cached && cached.text === text) return cached.result;
  let result = false;
  if (STDIO_TEXT_HINT.test(text)) {
    const sourceCode = loadModule(file);
    result = sourceCode !== null && transportSites(sourceCode).stdio.length > 0;
  }
  if (createsStdioMemo.size > 20_000) createsStdioMemo.clear();
  createsStdioMemo.set(file, { text, result });
  return result;
}
