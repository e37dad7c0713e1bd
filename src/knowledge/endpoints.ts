/**
 * MCP HTTP endpoints: the apps that serve them, the transports they reach, and the middleware that validates the Host
 * header or authenticates clients in front of them. Plain data; `model/endpoints.ts` finds them.
 */

import { BEARER_AUTH_EXPORTS } from "./access-control.js";
import type { ExportRef } from "./flow.js";

export type { ExportRef };

export type AppKind = "express" | "node" | "hono" | "fastify" | "sdk";

/** A call that makes an HTTP app or server, and what `listen` without a host binds. */
export interface AppFactory extends ExportRef {
  kind: AppKind;
  /** `listen()` without a host binds every interface (Node's default); Fastify binds `localhost`. */
  missingHostLoopback: boolean;
}

const SDK_EXPRESS_MODULES = ["@modelcontextprotocol/sdk/server/express", "@modelcontextprotocol/sdk/server/index", "@modelcontextprotocol/sdk/server", "@modelcontextprotocol/express"];

export const APP_FACTORIES: readonly AppFactory[] = [
  { module: "express", path: [], kind: "express", missingHostLoopback: false },
  { module: "express", path: ["express"], kind: "express", missingHostLoopback: false },
  { module: "express", path: ["Router"], kind: "express", missingHostLoopback: false },
  ...["http", "https"].map((module) => ({ module, path: ["createServer"], kind: "node" as const, missingHostLoopback: false })),
  { module: "http2", path: ["createServer"], kind: "node", missingHostLoopback: false },
  { module: "http2", path: ["createSecureServer"], kind: "node", missingHostLoopback: false },
  { module: "hono", path: ["Hono"], kind: "hono", missingHostLoopback: false },
  { module: "fastify", path: [], kind: "fastify", missingHostLoopback: true },
  { module: "fastify", path: ["fastify"], kind: "fastify", missingHostLoopback: true },
  ...SDK_EXPRESS_MODULES.map((module) => ({ module, path: ["createMcpExpressApp"], kind: "sdk" as const, missingHostLoopback: false })),
  { module: "@modelcontextprotocol/hono", path: ["createMcpHonoApp"], kind: "sdk", missingHostLoopback: false },
  { module: "@modelcontextprotocol/fastify", path: ["createMcpFastifyApp"], kind: "sdk", missingHostLoopback: true },
];

/** Callee names worth resolving when looking for apps (local names of default and namespace imports are added per file). */
export const APP_FACTORY_NAMES: ReadonlySet<string> = new Set([
  "express",
  "createServer",
  "createSecureServer",
  "Hono",
  "fastify",
  "Fastify",
  "createMcpExpressApp",
  "createMcpHonoApp",
  "createMcpFastifyApp",
  "Router",
]);

/** Modules whose default or namespace import names an app factory. */
export const APP_MODULES: ReadonlySet<string> = new Set(["express", "http", "https", "http2", "fastify", "hono"]);

/** MCP HTTP transports. */
export const HTTP_TRANSPORTS: readonly ExportRef[] = [
  { module: "@modelcontextprotocol/sdk/server/streamableHttp", path: ["StreamableHTTPServerTransport"] },
  { module: "@modelcontextprotocol/sdk/server/webStandardStreamableHttp", path: ["WebStandardStreamableHTTPServerTransport"] },
  { module: "@modelcontextprotocol/sdk/server/sse", path: ["SSEServerTransport"] },
  { module: "@modelcontextprotocol/server", path: ["WebStandardStreamableHTTPServerTransport"] },
  { module: "@modelcontextprotocol/node", path: ["NodeStreamableHTTPServerTransport"] },
  { module: "@modelcontextprotocol/server-legacy/sse", path: ["SSEServerTransport"] },
];

/** Methods through which a request reaches a transport (`transport.handleRequest(req, res)`, SSE `handlePostMessage`). */
export const TRANSPORT_ENTRY_METHODS: ReadonlySet<string> = new Set(["handleRequest", "handlePostMessage"]);

/** v2 `toNodeHandler(handler)`: a Node `(req, res)` function that serves a `createMcpHandler()` result. */
export const NODE_HANDLER_ADAPTER: ExportRef = { module: "@modelcontextprotocol/node", path: ["toNodeHandler"] };

/** v2 `createMcpHandler(factory, opts)`: a fetch handler with no Host validation and no token verification. */
export const MCP_HANDLER_FACTORY: ExportRef = { module: "@modelcontextprotocol/server", path: ["createMcpHandler"] };

/** Host and Origin validation: SDK middleware, guards and fetch helpers. Any of them in a file counts as protection. */
export const HOST_VALIDATORS: readonly ExportRef[] = [
  ...["hostHeaderValidation", "localhostHostValidation"].map((name) => ({ module: "@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation", path: [name] })),
  ...["@modelcontextprotocol/express", "@modelcontextprotocol/hono", "@modelcontextprotocol/fastify", "@modelcontextprotocol/node"].flatMap((module) =>
    ["hostHeaderValidation", "localhostHostValidation", "originValidation", "localhostOriginValidation"].map((name) => ({ module, path: [name] })),
  ),
  ...["validateHostHeader", "hostHeaderValidationResponse", "validateOriginHeader", "originValidationResponse"].map((name) => ({ module: "@modelcontextprotocol/server", path: [name] })),
];

/** Authentication middleware and wrappers: any of them in a file counts as authentication. */
export const AUTH_MIDDLEWARE: readonly ExportRef[] = [
  ...BEARER_AUTH_EXPORTS,
  { module: "@modelcontextprotocol/server", path: ["verifyBearerToken"] },
  { module: "@modelcontextprotocol/server-legacy/auth", path: ["requireBearerAuth"] },
  { module: "@cloudflare/workers-oauth-provider", path: [] },
  { module: "@cloudflare/workers-oauth-provider", path: ["OAuthProvider"] },
  { module: "hono/bearer-auth", path: ["bearerAuth"] },
  { module: "hono/basic-auth", path: ["basicAuth"] },
  { module: "hono/jwt", path: ["jwt"] },
  { module: "express-basic-auth", path: [] },
  { module: "express-jwt", path: ["expressjwt"] },
  { module: "express-oauth2-jwt-bearer", path: ["auth"] },
  { module: "passport", path: ["authenticate"] },
];

/**
 * Source text that shows the file authenticates requests in a way the model does not follow (a custom check of the
 * `Authorization` or an API-key header, a token compared in constant time, `req.auth` set by middleware elsewhere).
 * Any match makes the authentication question "unknown": nothing is reported.
 */
export const AUTH_TEXT_HINT =
  /requireBearerAuth|bearerAuth|basicAuth|verifyBearerToken|timingSafeEqual|passport\.|OAuthProvider|mcpAuthRouter|authInfo|\b(?:req|request)\.auth\b|\.(?:verifyAccessToken|verifyToken|validateToken|checkAuth|authenticate)\s*\(/;

/** Request headers (lower case) whose read counts as a client credential check. */
export const AUTH_HEADER_NAME = /^(?:authorization|proxy-authorization|cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-mcp-(?:token|key|auth)|[\w-]*(?:api[-_]?key|token|secret|password|auth)[\w-]*)$/;

/** Query parameters whose read counts as a credential check (`?token=`, `?api_key=`). */
export const AUTH_QUERY_NAME = /^(?:token|access_token|api_key|apikey|apiKey|key|auth|secret)$/;

/** Request headers whose read may be a Host or Origin check. */
export const HOST_HEADER_NAMES: ReadonlySet<string> = new Set(["host", "origin", "x-forwarded-host", "referer"]);

/**
 * Middleware whose name says it neither authenticates nor validates the Host (loggers, body parsers, CORS, rate
 * limits): unknown middleware with such a name does not make the answer unknown.
 */
export const HARMLESS_MIDDLEWARE_NAME = /log|morgan|metric|monitor|trac|json|urlencoded|body|pars|static|compress|cors|helmet|rate|limit|timeout|error|cookie|request-?id|health|raw|text/i;

/** Modules whose middleware neither authenticates nor validates the Host. */
export const HARMLESS_MIDDLEWARE_MODULES: ReadonlySet<string> = new Set([
  "express",
  "body-parser",
  "cors",
  "hono/cors",
  "hono/logger",
  "hono/body-limit",
  "hono/secure-headers",
  "helmet",
  "morgan",
  "compression",
  "cookie-parser",
  "express-rate-limit",
  "@fastify/cors",
]);

/** Route methods of Express, Hono and Fastify apps. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set(["get", "post", "put", "delete", "patch", "all", "on", "options"]);

/** Methods that install middleware for every route: Express/Hono `use`, Fastify `addHook`/`register`. */
export const MIDDLEWARE_METHODS: ReadonlySet<string> = new Set(["use", "addHook", "register"]);


/** Cloudflare Agents: `class MyMCP extends McpAgent`, served with `MyMCP.serve("/mcp")` or `serveSSE("/sse")`. */
export const MCP_AGENT: ExportRef = { module: "agents/mcp", path: ["McpAgent"] };
export const MCP_AGENT_SERVE_METHODS: ReadonlySet<string> = new Set(["serve", "serveSSE", "mount"]);

/** Fetch servers whose `hostname` option defaults to every interface: `Bun.serve`, `Deno.serve`. */
export const FETCH_SERVE_GLOBALS: readonly ExportRef[] = [
  { module: "globalThis", path: ["Bun", "serve"] },
  { module: "globalThis", path: ["Deno", "serve"] },
];
