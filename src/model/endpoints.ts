/**
 * MCP HTTP endpoints of one file: the apps that serve them (`express()`, `http.createServer`, Hono, Fastify, the SDK
 * factories), the routes that reach an MCP transport, the middleware in front of them (Host validation,
 * authentication, or something the model cannot see into), where the server listens, and the framework-level
 * equivalents (v2 `createMcpHandler`, FastMCP `start({ transportType: "httpStream" })`, mcp-framework `http-stream`,
 * Cloudflare `McpAgent.serve`). Built once per file; `require-dns-rebinding-protection` and `require-endpoint-auth`
 * report what it finds.
 *
 * The picture is per file: evidence of protection anywhere in the file (a validator call, a read of the `Host` or
 * `Authorization` header, middleware the model cannot see into) counts for every endpoint of the file, so that a
 * report always means "nothing in this file protects it".
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { ancestors, calleeName, contains, findProperty, isFunctionNode, skipWrappers, staticKeyName, type FunctionNode } from "../analysis/ast.js";
import { constantString, constantValue } from "../analysis/constants.js";
import { functionReferenced } from "../analysis/dataflow.js";
import { constructionOf, importedModules, isExport, normalizeModule, resolveCallee, resolveValue, type ResolvedValue } from "../analysis/imports.js";
import { isLocalSpecifier } from "../analysis/modules.js";
import { callsNamed, callsWithin, getNodeIndex } from "../analysis/node-index.js";
import { producerOf } from "../analysis/producers.js";
import { objectLiteralOf, variableOf, writesOf, type SourceCode } from "../analysis/scope.js";
import { perFile } from "../analysis/per-file.js";
import {
  APP_FACTORIES,
  APP_FACTORY_NAMES,
  AUTH_HEADER_NAME,
  AUTH_MIDDLEWARE,
  AUTH_QUERY_NAME,
  AUTH_TEXT_HINT,
  FETCH_SERVE_GLOBALS,
  HARMLESS_MIDDLEWARE_MODULES,
  HARMLESS_MIDDLEWARE_NAME,
  HOST_HEADER_NAMES,
  HOST_VALIDATORS,
  HTTP_TRANSPORTS,
  MCP_AGENT,
  MCP_AGENT_SERVE_METHODS,
  MCP_HANDLER_FACTORY,
  MIDDLEWARE_METHODS,
  NODE_HANDLER_ADAPTER,
  ROUTE_METHODS,
  TRANSPORT_ENTRY_METHODS,
  type AppFactory,
  type ExportRef,
} from "../knowledge/endpoints.js";
import { FASTMCP_HTTP_TRANSPORTS, HONO_SERVE, MCP_FRAMEWORK_HTTP_TRANSPORTS } from "../knowledge/http.js";
import { hostClassOf, listenHostOf, servesMcpOverHttp, type HostClass } from "./http.js";
import { fastmcpAuthOption, mcpFrameworkAuthOption } from "./access-control.js";
import { textIncludes } from "../analysis/text.js";

export type RebindingKind = "unprotectedApp" | "protectionWithoutHosts" | "factoryHost" | "handlerWithoutGuard";

/** An MCP endpoint that a web page can reach through DNS rebinding. */
export interface RebindingFinding {
  kind: RebindingKind;
  /** Where to report: the app creation, the option, the `createMcpHandler` call. */
  node: TSESTree.Node;
  /** What serves the endpoint, for messages: `express()`, `http.createServer()`, `createMcpExpressApp()`. */
  what: string;
}

export type AuthKind = "noAuth" | "canAccessWithoutAuth";

/** An MCP endpoint that anyone who reaches it can use. */
export interface AuthFinding {
  kind: AuthKind;
  node: TSESTree.Node;
  /** The endpoint, for messages: `app.post("/mcp")`, `createMcpHandler()`, `FastMCP httpStream`. */
  what: string;
}

export interface EndpointFindings {
  rebinding: RebindingFinding[];
  auth: AuthFinding[];
}

/** An app or server made in this file. */
interface App {
  creation: TSESTree.CallExpression | TSESTree.NewExpression;
  factory: AppFactory;
  label: string;
  /** For SDK factories: the `host` option (null: absent) and whether `allowedHosts`/`allowedOrigins` is set. */
  hostOption: TSESTree.Node | null;
  allowed: boolean;
}

/** A route (or a server's request handler) that reaches an MCP transport. */
interface Route {
  /** The app the route is on, when the receiver was made in this file. */
  app: App | null;
  factory: AppFactory;
  node: TSESTree.Node;
  label: string;
  /** Receiver key for grouping (`app`, `this.app`). */
  key: string;
}

const EMPTY: EndpointFindings = { rebinding: [], auth: [] };
/** The MCP HTTP endpoints of this file without Host validation, and those without authentication. */
export const endpointFindings: (sourceCode: SourceCode) => EndpointFindings = perFile(build, () => EMPTY);

function build(sourceCode: SourceCode): EndpointFindings {
  const text = sourceCode.text;
  const sdk = textIncludes(text, "@modelcontextprotocol/");
  const fastmcp = textIncludes(text, "fastmcp");
  const mcpFramework = textIncludes(text, "mcp-framework");
  const agents = textIncludes(text, "McpAgent");
  if (!sdk && !fastmcp && !mcpFramework && !agents) return EMPTY;
  const result: EndpointFindings = { rebinding: [], auth: [] };
  const modules = importedModules(sourceCode.ast, text);
  if (sdk && servesMcpOverHttp(sourceCode)) sdkEndpoints(sourceCode, modules, result);
  if (fastmcp && (modules.has("fastmcp") || modules.has("fastmcp/edge"))) fastmcpEndpoints(sourceCode, result);
  if (mcpFramework && modules.has("mcp-framework")) mcpFrameworkEndpoints(sourceCode, result);
  if (agents && modules.has(MCP_AGENT.module)) mcpAgentEndpoints(sourceCode, result);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// SDK transports on Express, Node http, Hono and Fastify apps; v2 createMcpHandler.

interface SdkPicture {
  apps: App[];
  routes: Route[];
  handlers: TSESTree.CallExpression[];
  /** Transports with `enableDnsRebindingProtection: true`: the property, and whether hosts or origins are listed. */
  transportProtection: Array<{ property: TSESTree.Property; allowed: boolean }>;
  /** Some Host validation is in the file (a validator, a check of the Host or Origin header, a protected transport). */
  hostValidated: boolean;
  /** Some authentication is in the file. */
  authenticated: boolean;
  /** Middleware the model cannot see into sits on an app: both questions are unknown. */
  unknownMiddleware: boolean;
  /** Where the file's servers listen. */
  listens: Array<HostClass | null>;
  /** `export default` in the file: a fetch handler for a platform that serves it publicly (Workers, Vercel). */
  exportsDefault: boolean;
}

function sdkEndpoints(sourceCode: SourceCode, modules: ReadonlySet<string>, result: EndpointFindings): void {
  const picture = sdkPicture(sourceCode, modules);
  if (picture.routes.length === 0 && picture.handlers.length === 0 && picture.apps.every((app) => app.factory.kind !== "sdk")) return;
  rebindingFindings(sourceCode, picture, result);
  authFindings(picture, result);
}

function rebindingFindings(sourceCode: SourceCode, picture: SdkPicture, result: EndpointFindings): void {
  if (picture.unknownMiddleware) return;
  const transportsProtected = picture.transportProtection.some((entry) => entry.allowed);
  const validated = picture.hostValidated || transportsProtected;
  // SDK factories whose host is not loopback and that list no allowed hosts install no validation.
  let factoryProtected = false;
  for (const app of picture.apps) {
    if (app.factory.kind !== "sdk") continue;
    const host = app.hostOption ? hostClassOf(sourceCode, app.hostOption) : "loopback";
    if (app.allowed || host === "loopback") factoryProtected = true;
    else if (host !== null && !validated) result.rebinding.push({ kind: "factoryHost", node: app.hostOption!, what: app.label });
  }
  if (validated) return;
  for (const entry of picture.transportProtection) {
    if (!entry.allowed) result.rebinding.push({ kind: "protectionWithoutHosts", node: entry.property, what: "enableDnsRebindingProtection: true" });
  }
  // The transport option is where the fix goes: the app is not reported a second time.
  if (picture.transportProtection.length > 0) return;
  const reported = new Set<TSESTree.Node | string>();
  for (const route of picture.routes) {
    if (route.factory.kind === "sdk") continue;
    const node = route.app?.creation ?? route.node;
    if (reported.has(route.app?.creation ?? route.key)) continue;
    reported.add(route.app?.creation ?? route.key);
    result.rebinding.push({ kind: "unprotectedApp", node, what: route.app?.label ?? route.label });
  }
  // Only a handler this file serves on a socket: a fetch handler exported to a platform (Workers) is a public server.
  if (factoryProtected || !servesHandlers(picture) || picture.listens.length === 0) return;
  for (const handler of picture.handlers) result.rebinding.push({ kind: "handlerWithoutGuard", node: handler, what: "createMcpHandler()" });
}

function authFindings(picture: SdkPicture, result: EndpointFindings): void {
  if (picture.authenticated || picture.unknownMiddleware) return;
  const exposure = exposureOf(picture);
  const reported = new Set<string>();
  if (exposure === "exposed") {
    for (const route of picture.routes) {
      if (reported.has(route.key)) continue;
      reported.add(route.key);
      result.auth.push({ kind: "noAuth", node: route.node, what: route.label });
    }
  }
  // A fetch handler exported for a platform that serves it (Workers, Vercel) is public.
  const handlerExposed = exposure === "exposed" || (exposure === null && picture.listens.length === 0 && picture.exportsDefault);
  if (handlerExposed && servesHandlers(picture)) {
    for (const handler of picture.handlers) result.auth.push({ kind: "noAuth", node: handler, what: "createMcpHandler()" });
  }
}

/**
 * Whether `createMcpHandler()` results are served by the file itself, not through a route (routes carry the findings
 * then): a `listen`/`serve` call or a default export for a fetch platform. Handlers called in-process are not.
 */
function servesHandlers(picture: SdkPicture): boolean {
  return picture.routes.length === 0 && (picture.listens.length > 0 || picture.exportsDefault);
}

/** Whether the file's servers are reachable from other machines: "exposed", "loopback", or null when unknown. */
function exposureOf(picture: SdkPicture): "exposed" | "loopback" | null {
  if (picture.listens.some((host) => host === "all" || host === "other")) return "exposed";
  if (picture.listens.length > 0) return picture.listens.every((host) => host === "loopback") ? "loopback" : null;
  return null;
}

/** The methods of an app the picture looks at: routes, middleware, `listen`, and `on("request")`. */
const APP_CALL_METHODS = [...ROUTE_METHODS, ...MIDDLEWARE_METHODS, "listen", "on"];

function sdkPicture(sourceCode: SourceCode, modules: ReadonlySet<string>): SdkPicture {
  const text = sourceCode.text;
  const index = getNodeIndex(sourceCode);
  const picture: SdkPicture = {
    apps: [],
    routes: [],
    handlers: [],
    transportProtection: [],
    hostValidated: false,
    authenticated: AUTH_TEXT_HINT.test(text) || readsAuthHeader(text),
    unknownMiddleware: false,
    listens: [],
    exportsDefault: sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) || /\bmodule\.exports\b|\bexport\s*\{[^}]*\bdefault\b/.test(text),
  };
  const names = new Set([...APP_FACTORY_NAMES, ...refNames(HTTP_TRANSPORTS), ...refNames(HOST_VALIDATORS), ...refNames(AUTH_MIDDLEWARE), ...refNames([MCP_HANDLER_FACTORY, NODE_HANDLER_ADAPTER]), "serve"]);
  const adapters: TSESTree.CallExpression[] = [];
  for (const name of importedLocalNames(sourceCode.ast, modules)) names.add(name);

  const transports: TSESTree.NewExpression[] = [];
  const serves: Array<{ call: TSESTree.CallExpression; property: string }> = [];
  const appByCreation = new Map<TSESTree.Node, App>();
  for (const node of [...index.news, ...callsNamed(index, [...names])]) {
    const name = calleeName(node.callee);
    if (name === null || !names.has(name)) continue;
    const resolved = resolveCallee(sourceCode, node);
    if (!resolved) continue;
    const factory = APP_FACTORIES.find((entry) => isExport(resolved, entry.module, ...entry.path));
    if (factory) {
      const app = appOf(sourceCode, node, factory);
      picture.apps.push(app);
      appByCreation.set(node, app);
      continue;
    }
    if (node.type === AST_NODE_TYPES.NewExpression && matchesRef(resolved, HTTP_TRANSPORTS)) {
      transports.push(node);
      const protection = transportProtection(sourceCode, node);
      if (protection) picture.transportProtection.push(protection);
      continue;
    }
    if (matchesRef(resolved, HOST_VALIDATORS)) picture.hostValidated = true;
    else if (matchesRef(resolved, AUTH_MIDDLEWARE)) picture.authenticated = true;
    else if (node.type === AST_NODE_TYPES.CallExpression && isExport(resolved, MCP_HANDLER_FACTORY.module, ...MCP_HANDLER_FACTORY.path)) picture.handlers.push(node);
    else if (node.type === AST_NODE_TYPES.CallExpression && isExport(resolved, NODE_HANDLER_ADAPTER.module, ...NODE_HANDLER_ADAPTER.path)) adapters.push(node);
    else if (node.type === AST_NODE_TYPES.CallExpression && isExport(resolved, HONO_SERVE.module, ...HONO_SERVE.path)) serves.push({ call: node, property: HONO_SERVE.hostProperty });
    else if (node.type === AST_NODE_TYPES.CallExpression && matchesRef(resolved, FETCH_SERVE_GLOBALS)) serves.push({ call: node, property: "hostname" });
  }
  for (const serve of serves) picture.listens.push(fetchServeHost(sourceCode, serve.call, serve.property, picture.apps));
  if (!picture.hostValidated) picture.hostValidated = readsHostHeader(sourceCode);
  const handlerVariables = new Set([...picture.handlers, ...adapters].map((call) => assignedVariable(call)).filter((name): name is string => name !== null));
  const reach = new Reach(sourceCode, transports, handlerVariables);

  // `http.createServer((req, res) => transport.handleRequest(req, res))`: the server's handler is the route.
  for (const app of picture.apps) {
    if (app.factory.kind !== "node") continue;
    const handler = app.creation.arguments.find((argument) => functionReferenced(sourceCode, argument) !== null);
    const fn = handler ? functionReferenced(sourceCode, handler) : null;
    if (fn && reach.reaches(fn)) picture.routes.push({ app, factory: app.factory, node: app.creation, label: app.label, key: app.label });
  }

  for (const call of callsNamed(index, APP_CALL_METHODS)) {
    const callee = skipWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = staticKeyName(callee);
    if (method === null) continue;
    const isRoute = ROUTE_METHODS.has(method) && call.arguments.length >= 2 && isRoutePath(sourceCode, call.arguments[0]);
    const isMiddleware = MIDDLEWARE_METHODS.has(method) && call.arguments.length >= 1;
    const isListen = method === "listen";
    const isServerHandler = method === "on" && call.arguments.length === 2 && constantString(sourceCode, call.arguments[0]) === "request";
    if (!isRoute && !isMiddleware && !isListen && !isServerHandler) continue;
    const factory = appFactoryOf(sourceCode, callee.object);
    if (!factory) continue;
    if (isListen) {
      picture.listens.push(listenClass(sourceCode, call, factory, picture.apps));
      continue;
    }
    const app = appOfReceiver(callee.object, appByCreation);
    // An app handed in from elsewhere (a parameter, an import): its middleware is out of sight.
    if (!app && !isClassField(callee.object)) continue;
    if (isServerHandler) {
      const fn = functionReferenced(sourceCode, call.arguments[1]);
      if (fn && reach.reaches(fn)) picture.routes.push({ app, factory, node: call, label: `${sourceCode.getText(callee)}("request")`, key: sourceCode.getText(callee.object) });
      continue;
    }
    // Route: `app.post("/mcp", ...middleware, handler)`; middleware: `app.use([path,] ...middleware)`.
    const args = call.arguments;
    const handlerArg = isRoute ? args[args.length - 1] : null;
    const middleware = isRoute ? args.slice(1, -1) : args;
    for (const argument of middleware) {
      const verdict = classifyMiddleware(sourceCode, argument, method === "addHook" || method === "register");
      if (verdict === "host") picture.hostValidated = true;
      else if (verdict === "auth") picture.authenticated = true;
      else if (verdict === "unknown") picture.unknownMiddleware = true;
    }
    if (!handlerArg) continue;
    const fn = functionReferenced(sourceCode, handlerArg);
    if (!fn || !reach.reaches(fn)) continue;
    const path = constantString(sourceCode, args[0]);
    const label = `${sourceCode.getText(callee)}(${path !== null ? JSON.stringify(path) : "…"})`;
    picture.routes.push({ app, factory, node: args[0], label, key: sourceCode.getText(callee.object) });
  }
  return picture;
}

function refNames(refs: readonly ExportRef[]): string[] {
  return refs.map((ref) => ref.path[ref.path.length - 1]).filter((name): name is string => name !== undefined);
}

function matchesRef(resolved: ResolvedValue | null, refs: readonly ExportRef[]): boolean {
  return refs.some((ref) => isExport(resolved, ref.module, ...ref.path));
}

/** Local names of every import and top-level require of the file's packages (aliases, default and namespace names). */
function importedLocalNames(program: TSESTree.Program, modules: ReadonlySet<string>): string[] {
  const names: string[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (isLocalSpecifier(statement.source.value)) continue;
      for (const specifier of statement.specifiers) names.push(specifier.local.name);
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init ? skipWrappers(declarator.init) : null;
        const source = init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === "require" ? init.arguments[0] : null;
        if (source?.type !== AST_NODE_TYPES.Literal || typeof source.value !== "string" || !modules.has(normalizeModule(source.value))) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) names.push(declarator.id.name);
        else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of declarator.id.properties) {
            if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) names.push(property.value.name);
          }
        }
      }
    } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      names.push(statement.id.name);
    }
  }
  return names;
}

function appOf(sourceCode: SourceCode, creation: TSESTree.CallExpression | TSESTree.NewExpression, factory: AppFactory): App {
  const label = `${creation.type === AST_NODE_TYPES.NewExpression ? "new " : ""}${sourceCode.getText(creation.callee)}()`;
  const app: App = { creation, factory, label, hostOption: null, allowed: false };
  if (factory.kind !== "sdk") return app;
  const options = creation.arguments[0] ? objectLiteralOf(sourceCode, creation.arguments[0]) : null;
  if (creation.arguments[0] && (!options || options.properties.some((property) => property.type !== AST_NODE_TYPES.Property))) {
    // Options the model cannot read: assume they are safe.
    app.allowed = true;
    return app;
  }
  if (options) {
    app.hostOption = findProperty(options, "host")?.value ?? null;
    app.allowed = findProperty(options, "allowedHosts") !== null || findProperty(options, "allowedOrigins") !== null;
  }
  return app;
}

/** The app factory a receiver was made by (`app` of `const app = express()`, `this.app`, `http.createServer(app)`). */
function appFactoryOf(sourceCode: SourceCode, receiver: TSESTree.Node): AppFactory | null {
  const producer = producerOf(sourceCode, receiver);
  if (!producer || producer.members.length > 0) return null;
  return APP_FACTORIES.find((factory) => factory.module === producer.module && samePath(producer.path, factory.path)) ?? null;
}

function samePath(actual: readonly string[], expected: readonly string[]): boolean {
  const path = actual[0] === "default" ? actual.slice(1) : actual;
  return path.length === expected.length && path.every((segment, index) => segment === expected[index]);
}

/** The creation of this file a receiver names through one `const`/`let` write. */
function appOfReceiver(receiver: TSESTree.Node, apps: ReadonlyMap<TSESTree.Node, App>): App | null {
  let node = skipWrappers(receiver);
  if (isClassField(node)) {
    const name = staticKeyName(node as TSESTree.MemberExpression);
    for (const [creation, app] of apps) {
      const parent = creation.parent;
      if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === creation && staticKeyName(parent) === name) return app;
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === creation && isClassField(parent.left) && staticKeyName(parent.left as TSESTree.MemberExpression) === name) return app;
    }
    return null;
  }
  for (let depth = 0; depth < 3; depth++) {
    const app = apps.get(node);
    if (app) return app;
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const declarator = declaratorOf(node);
    if (!declarator?.init) return null;
    node = skipWrappers(declarator.init);
    if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipWrappers(node.argument);
  }
  return null;
}

function declaratorOf(identifier: TSESTree.Identifier): TSESTree.VariableDeclarator | null {
  // Cheap: the scope manager is not needed for the common `const app = express()` in the same or an outer block.
  let scope: TSESTree.Node | undefined = identifier.parent;
  while (scope) {
    const body = scope.type === AST_NODE_TYPES.Program || scope.type === AST_NODE_TYPES.BlockStatement ? scope.body : null;
    if (body) {
      for (const statement of body) {
        const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
        if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === identifier.name) return declarator;
        }
      }
    }
    scope = scope.parent;
  }
  return null;
}

/** `this.app`: an app kept in a class field, made and configured in the class. */
function isClassField(receiver: TSESTree.Node): boolean {
  const node = skipWrappers(receiver);
  return node.type === AST_NODE_TYPES.MemberExpression && skipWrappers(node.object).type === AST_NODE_TYPES.ThisExpression;
}

/** The variable name a call's result is stored in (`const handler = createMcpHandler(...)`). */
function assignedVariable(call: TSESTree.CallExpression): string | null {
  let node: TSESTree.Node = call;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.AwaitExpression || node.parent.type === AST_NODE_TYPES.TSAsExpression)) node = node.parent;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  return null;
}

/** A route's path: a constant string or a list of them (`"/mcp"`, `["/mcp", "/sse"]`, Hono `"*"`). */
function isRoutePath(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const value = constantValue(sourceCode, raw)?.value;
  if (typeof value === "string") return value.startsWith("/") || value === "*";
  return Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === "string" && entry.startsWith("/"));
}

/** `listen()`'s host: loopback, every interface, another host, or null when unknown. */
function listenClass(sourceCode: SourceCode, call: TSESTree.CallExpression, factory: AppFactory, apps: readonly App[]): HostClass | null {
  const host = listenHostOf(sourceCode, call);
  if (host === null) return null;
  if (host === "socket") return "loopback";
  if (host !== "missing") return hostClassOf(sourceCode, host);
  if (factory.missingHostLoopback) return "loopback";
  // `createMcpExpressApp()` with its default host: taken as meant for loopback (no-bind-all-interfaces reports the bind).
  if (factory.kind === "sdk") {
    const sdkApps = apps.filter((app) => app.factory.kind === "sdk");
    return sdkApps.length > 0 && sdkAppsLoopback(sourceCode, sdkApps) ? "loopback" : null;
  }
  return "all";
}

/** `serve({ fetch, hostname })` of `@hono/node-server`, `Bun.serve`, `Deno.serve`: every interface by default. */
function fetchServeHost(sourceCode: SourceCode, call: TSESTree.CallExpression, property: string, apps: readonly App[]): HostClass | null {
  const options = call.arguments[0] ? objectLiteralOf(sourceCode, call.arguments[0]) : null;
  if (!options || options.properties.some((entry) => entry.type !== AST_NODE_TYPES.Property)) return null;
  const host = findProperty(options, property);
  if (host) return hostClassOf(sourceCode, host.value);
  return apps.length > 0 && sdkAppsLoopback(sourceCode, apps) ? "loopback" : "all";
}

/** Every app of the file comes from an SDK factory with its default (or a loopback) host. */
function sdkAppsLoopback(sourceCode: SourceCode, apps: readonly App[]): boolean {
  return apps.every((app) => app.factory.kind === "sdk" && (app.hostOption === null || hostClassOf(sourceCode, app.hostOption) === "loopback"));
}

/** `enableDnsRebindingProtection: true` on a transport, and whether `allowedHosts`/`allowedOrigins` is listed. */
function transportProtection(sourceCode: SourceCode, creation: TSESTree.NewExpression): { property: TSESTree.Property; allowed: boolean } | null {
  for (const argument of creation.arguments) {
    const options = objectLiteralOf(sourceCode, argument);
    const property = options ? findProperty(options, "enableDnsRebindingProtection") : null;
    if (!options || !property) continue;
    const value = constantValue(sourceCode, property.value);
    // A computed switch: assume it is on and configured.
    if (!value) return { property, allowed: true };
    if (value.value !== true) return null;
    const spreads = options.properties.some((entry) => entry.type !== AST_NODE_TYPES.Property);
    return { property, allowed: spreads || findProperty(options, "allowedHosts") !== null || findProperty(options, "allowedOrigins") !== null };
  }
  return null;
}

type MiddlewareVerdict = "host" | "auth" | "harmless" | "unknown";

/** What one middleware argument does, as far as the file shows. */
function classifyMiddleware(sourceCode: SourceCode, raw: TSESTree.Node, hook: boolean): MiddlewareVerdict {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.SpreadElement) return "unknown";
  if (constantValue(sourceCode, node)) return "harmless";
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    const verdicts = node.elements.map((element) => (element ? classifyMiddleware(sourceCode, element, hook) : "harmless"));
    return verdicts.find((verdict) => verdict !== "harmless") ?? "harmless";
  }
  // A function of this file: its header reads are what the file-level text checks look at.
  if (isFunctionNode(node) || functionReferenced(sourceCode, node)) return "harmless";
  let target: TSESTree.Node = node;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0) target = skipWrappers(writes[0].value);
    if (target.type === AST_NODE_TYPES.ConditionalExpression || target.type === AST_NODE_TYPES.LogicalExpression) return "unknown";
  }
  const resolved =
    target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.NewExpression ? resolveCallee(sourceCode, target) : resolveValue(sourceCode, target);
  if (matchesRef(resolved, HOST_VALIDATORS)) return "host";
  if (matchesRef(resolved, AUTH_MIDDLEWARE)) return "auth";
  if (resolved && HARMLESS_MIDDLEWARE_MODULES.has(resolved.module)) return "harmless";
  const text = sourceCode.getText(target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.NewExpression ? target.callee : target);
  return HARMLESS_MIDDLEWARE_NAME.test(text) && !/auth|guard|host|origin|secur|protect|token|verif/i.test(text) ? "harmless" : "unknown";
}

/** Whether a function reaches an MCP transport: creates one, calls `handleRequest`, or a `createMcpHandler` result's `fetch`. */
class Reach {
  private readonly memo = new Map<FunctionNode, boolean>();

  constructor(
    private readonly sourceCode: SourceCode,
    private readonly transports: readonly TSESTree.NewExpression[],
    private readonly handlerVariables: ReadonlySet<string>,
  ) {}

  reaches(fn: FunctionNode, depth = 0): boolean {
    const cached = this.memo.get(fn);
    if (cached !== undefined) return cached;
    this.memo.set(fn, false);
    const result = this.compute(fn, depth);
    this.memo.set(fn, result);
    return result;
  }

  private compute(fn: FunctionNode, depth: number): boolean {
    if (this.transports.some((transport) => contains(fn, transport))) return true;
    const index = getNodeIndex(this.sourceCode);
    for (const call of callsWithin(index, fn.body)) {
      const callee = skipWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = staticKeyName(callee);
        if (method !== null && TRANSPORT_ENTRY_METHODS.has(method)) return true;
        const object = skipWrappers(callee.object);
        if (method === "fetch" && object.type === AST_NODE_TYPES.Identifier && this.handlerVariables.has(object.name)) return true;
      } else if (callee.type === AST_NODE_TYPES.Identifier && this.handlerVariables.has(callee.name)) {
        // `nodeHandler(req, res)` of `const nodeHandler = toNodeHandler(handler)`.
        return true;
      }
      if (depth >= 3) continue;
      const target = functionReferenced(this.sourceCode, call.callee);
      if (target && target !== fn && !contains(target, fn) && this.reaches(target, depth + 1)) return true;
    }
    return false;
  }
}

/**
 * Whether the file reads the `Authorization` header, an API-key or token header, or a token query parameter: a
 * custom authentication check the model does not follow.
 */
function readsAuthHeader(text: string): boolean {
  const headerReads = /\bheaders\s*(?:\?\.|\.)\s*(?!get\b|has\b|set\b)([A-Za-z_$][\w$]*)|\bheaders\s*(?:\?\.)?\[\s*["'`]([^"'`]+)["'`]\s*\]|\.(?:get|header)\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g;
  for (const match of text.matchAll(headerReads)) {
    const name = (match[1] ?? match[2] ?? match[3] ?? "").toLowerCase();
    if (name !== "mcp-session-id" && AUTH_HEADER_NAME.test(name)) return true;
  }
  const queryReads = /\b(?:query|searchParams)\s*(?:\?\.|\.)\s*(?:get\s*\(\s*["'`]([^"'`]+)["'`]|([A-Za-z_$][\w$]*))/g;
  for (const match of text.matchAll(queryReads)) {
    if (AUTH_QUERY_NAME.test(match[1] ?? match[2] ?? "")) return true;
  }
  return false;
}

/** Whether the file reads the `Host` or `Origin` header other than to build a URL: a custom Host check. */
function readsHostHeader(sourceCode: SourceCode): boolean {
  const text = sourceCode.text;
  const reads = /\bheaders\s*(?:\?\.|\.)\s*(host|origin|referer)\b|\bheaders\s*(?:\?\.)?\[\s*["'`]([^"'`]+)["'`]\s*\]|\.(?:get|header)\s*\(\s*["'`]([^"'`]+)["'`]\s*\)|\b(?:req|request)\.(hostname)\b/gi;
  for (const match of text.matchAll(reads)) {
    const name = (match[1] ?? match[2] ?? match[3] ?? match[4] ?? "").toLowerCase();
    if (name !== "hostname" && !HOST_HEADER_NAMES.has(name)) continue;
    const node = sourceCode.getNodeByRangeIndex(match.index + match[0].length - 1) as TSESTree.Node | null;
    if (!node || !buildsUrl(sourceCode, node, 0)) return true;
  }
  return false;
}

/** A header read used only to build a URL or a message: in a template literal, `new URL()`, a concatenation. */
function buildsUrl(sourceCode: SourceCode, node: TSESTree.Node, depth: number): boolean {
  for (const ancestor of ancestors(node)) {
    switch (ancestor.type) {
      case AST_NODE_TYPES.TemplateLiteral:
        return true;
      case AST_NODE_TYPES.NewExpression:
        if (calleeName(ancestor.callee) === "URL") return true;
        break;
      case AST_NODE_TYPES.BinaryExpression:
        if (ancestor.operator === "+") return true;
        return false;
      case AST_NODE_TYPES.VariableDeclarator: {
        if (ancestor.id.type !== AST_NODE_TYPES.Identifier || depth > 1) return false;
        const variable = variableOf(sourceCode, ancestor.id);
        const reads = variable?.references.filter((reference) => reference.isRead()) ?? [];
        return reads.length > 0 && reads.every((reference) => buildsUrl(sourceCode, reference.identifier as TSESTree.Node, depth + 1));
      }
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
        return false;
      default:
        break;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// FastMCP, mcp-framework, Cloudflare Agents.

/**
 * FastMCP `server.start({ transportType: "httpStream", httpStream: { host } })` on a `new FastMCP()` without
 * `authenticate`/`auth`/`oauth`, bound to a host that is not loopback (the default is `localhost`); and `canAccess` on
 * the tools of such a server, which FastMCP only enforces when authentication is configured.
 */
function fastmcpEndpoints(sourceCode: SourceCode, result: EndpointFindings): void {
  for (const call of callsNamed(getNodeIndex(sourceCode), ["start", "addTool", "addTools"])) {
    const callee = skipWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = staticKeyName(callee);
    if (method !== "start" && method !== "addTool" && method !== "addTools") continue;
    const serverOptions = fastmcpOptions(sourceCode, callee.object);
    if (!serverOptions || fastmcpAuthOption(serverOptions)) continue;
    if (method === "start") {
      const options = call.arguments[0] ? objectLiteralOf(sourceCode, call.arguments[0]) : null;
      const transport = options ? findProperty(options, "transportType") : null;
      const type = transport ? constantString(sourceCode, transport.value) : null;
      if (!options || !transport || type === null || !FASTMCP_HTTP_TRANSPORTS.has(type)) continue;
      const settingsProperty = findProperty(options, type) ?? findProperty(options, "httpStream");
      const settings = settingsProperty ? objectLiteralOf(sourceCode, settingsProperty.value) : null;
      const host = settings ? findProperty(settings, "host") : null;
      const hostClass = host ? hostClassOf(sourceCode, host.value) : "loopback";
      if (hostClass === "all" || hostClass === "other") result.auth.push({ kind: "noAuth", node: transport.value, what: `FastMCP ${type}` });
      continue;
    }
    for (const argument of call.arguments) {
      const tools = method === "addTools" ? skipWrappers(argument) : null;
      const definitions = tools?.type === AST_NODE_TYPES.ArrayExpression ? tools.elements : [argument];
      for (const definition of definitions) {
        const object = definition ? objectLiteralOf(sourceCode, definition) : null;
        const canAccess = object ? findProperty(object, "canAccess") : null;
        if (canAccess && !allowsAll(sourceCode, canAccess.value)) result.auth.push({ kind: "canAccessWithoutAuth", node: canAccess.key, what: "canAccess" });
      }
    }
  }
}

/** `canAccess: () => true`: a check that grants everything loses nothing when it is not enforced. */
function allowsAll(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (constantValue(sourceCode, node)?.value === true) return true;
  return isFunctionNode(node) && node.body.type !== AST_NODE_TYPES.BlockStatement && constantValue(sourceCode, node.body)?.value === true;
}

/** The options object of the `new FastMCP({...})` a receiver was made by, when it is a literal without spreads. */
function fastmcpOptions(sourceCode: SourceCode, receiver: TSESTree.Node): TSESTree.ObjectExpression | null {
  const node = constructionOf(sourceCode, receiver, "fastmcp", "FastMCP");
  if (!node) return null;
  const options = node.arguments[0] ? objectLiteralOf(sourceCode, node.arguments[0]) : null;
  if (!options || options.properties.some((property) => property.type !== AST_NODE_TYPES.Property)) return null;
  return options;
}

/** mcp-framework `new MCPServer({ transport: { type: "http-stream" | "sse", options: { host } } })` without `auth`. */
function mcpFrameworkEndpoints(sourceCode: SourceCode, result: EndpointFindings): void {
  for (const creation of getNodeIndex(sourceCode).news) {
    if (!creation.arguments[0] || !isExport(resolveCallee(sourceCode, creation), "mcp-framework", "MCPServer")) continue;
    const options = objectLiteralOf(sourceCode, creation.arguments[0]);
    if (!options || options.properties.some((property) => property.type !== AST_NODE_TYPES.Property) || mcpFrameworkAuthOption(sourceCode, options)) continue;
    const transportProperty = findProperty(options, "transport");
    const transport = transportProperty ? objectLiteralOf(sourceCode, transportProperty.value) : null;
    if (!transport || transport.properties.some((property) => property.type !== AST_NODE_TYPES.Property)) continue;
    const typeProperty = findProperty(transport, "type");
    const type = typeProperty ? constantString(sourceCode, typeProperty.value) : null;
    if (!typeProperty || type === null || !MCP_FRAMEWORK_HTTP_TRANSPORTS.has(type)) continue;
    const settingsProperty = findProperty(transport, "options");
    const settings = settingsProperty ? objectLiteralOf(sourceCode, settingsProperty.value) : null;
    if (settingsProperty && (!settings || settings.properties.some((property) => property.type !== AST_NODE_TYPES.Property))) continue;
    const host = settings ? findProperty(settings, "host") : null;
    const hostClass = host ? hostClassOf(sourceCode, host.value) : "loopback";
    if (hostClass === "all" || hostClass === "other") result.auth.push({ kind: "noAuth", node: typeProperty.value, what: `mcp-framework ${type}` });
  }
}

/** Cloudflare `MyMCP.serve("/mcp")` of a class extending `McpAgent`, with no OAuth wrapper or token check in the file. */
function mcpAgentEndpoints(sourceCode: SourceCode, result: EndpointFindings): void {
  if (AUTH_TEXT_HINT.test(sourceCode.text) || readsAuthHeader(sourceCode.text)) return;
  for (const call of callsNamed(getNodeIndex(sourceCode), [...MCP_AGENT_SERVE_METHODS])) {
    const callee = skipWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = staticKeyName(callee);
    if (method === null || !MCP_AGENT_SERVE_METHODS.has(method)) continue;
    const object = skipWrappers(callee.object);
    if (object.type !== AST_NODE_TYPES.Identifier || !extendsMcpAgent(sourceCode, object)) continue;
    result.auth.push({ kind: "noAuth", node: call, what: `${sourceCode.getText(callee)}()` });
  }
}

function extendsMcpAgent(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(sourceCode, identifier);
  const definition = variable?.defs.find((def) => def.type === "ClassName")?.node as TSESTree.Node | undefined;
  if (definition?.type !== AST_NODE_TYPES.ClassDeclaration && definition?.type !== AST_NODE_TYPES.ClassExpression) return false;
  const superClass = definition.superClass;
  return superClass !== null && superClass !== undefined && isExport(resolveValue(sourceCode, superClass), MCP_AGENT.module, ...MCP_AGENT.path);
}
