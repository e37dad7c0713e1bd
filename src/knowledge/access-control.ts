/**
 * Access control of MCP servers: the SDK's bearer-token middleware, the server and transport classes whose sharing
 * across requests leaked responses between clients (GHSA-345p-7cg4-v4c7), the places a web framework calls a
 * function once per request, and the names under which handlers consult the caller's scopes. Plain data.
 */

import type { ExportRef } from "./flow.js";

export type { ExportRef };

/**
 * `requireBearerAuth({ verifier, requiredScopes?, resourceMetadataUrl?, expectedResource? })`: v1 Express middleware,
 * v2 Express middleware, v2 fetch gate. The audience is compared only when `expectedResource` is set (v1 >= 1.32.0).
 */
export const BEARER_AUTH_EXPORTS: readonly ExportRef[] = [
  { module: "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth", path: ["requireBearerAuth"] },
  { module: "@modelcontextprotocol/express", path: ["requireBearerAuth"] },
  { module: "@modelcontextprotocol/server", path: ["requireBearerAuth"] },
];

/** The option of `requireBearerAuth` that makes it check the token's audience (RFC 8707 resource). */
export const EXPECTED_RESOURCE_OPTION = "expectedResource";

/** The option of `requireBearerAuth` listing scopes every request must carry. */
export const REQUIRED_SCOPES_OPTION = "requiredScopes";

/** MCP server classes: one instance serves one transport (`connect`), so one per client or per request. */
export const MCP_SERVER_CLASSES: ReadonlyArray<ExportRef & { label: string }> = [
  { module: "@modelcontextprotocol/sdk/server/mcp", path: ["McpServer"], label: "McpServer" },
  { module: "@modelcontextprotocol/sdk/server/index", path: ["Server"], label: "Server" },
  { module: "@modelcontextprotocol/sdk/server", path: ["Server"], label: "Server" },
  { module: "@modelcontextprotocol/server", path: ["McpServer"], label: "McpServer" },
  { module: "@modelcontextprotocol/server", path: ["Server"], label: "Server" },
];

/**
 * Streamable HTTP transports that are stateless when `sessionIdGenerator` is missing or `undefined`: such a transport
 * serves one request, and one kept across requests mixes up the clients' JSON-RPC ids.
 */
export const STATELESS_CAPABLE_TRANSPORTS: ReadonlyArray<ExportRef & { label: string }> = [
  { module: "@modelcontextprotocol/sdk/server/streamableHttp", path: ["StreamableHTTPServerTransport"], label: "StreamableHTTPServerTransport" },
  { module: "@modelcontextprotocol/sdk/server/webStandardStreamableHttp", path: ["WebStandardStreamableHTTPServerTransport"], label: "WebStandardStreamableHTTPServerTransport" },
  { module: "@modelcontextprotocol/server", path: ["WebStandardStreamableHTTPServerTransport"], label: "WebStandardStreamableHTTPServerTransport" },
  { module: "@modelcontextprotocol/node", path: ["NodeStreamableHTTPServerTransport"], label: "NodeStreamableHTTPServerTransport" },
];

/** The transport option whose absence (or `undefined`) makes a Streamable HTTP transport stateless. */
export const SESSION_ID_GENERATOR_OPTION = "sessionIdGenerator";

/** Methods of the server (`connect`) and of the transport (`handleRequest`) that bind them to the current request. */
export const CONNECT_METHOD = "connect";
export const HANDLE_REQUEST_METHOD = "handleRequest";

/** Route methods of Express, Hono, Fastify, Koa routers and the like: `app.post("/mcp", handler)`. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set(["get", "post", "put", "delete", "patch", "all", "use", "options", "head", "on"]);

/** Node servers whose callback runs once per request: `http.createServer((req, res) => ...)`. */
export const REQUEST_LISTENER_FACTORIES: readonly ExportRef[] = [
  { module: "http", path: ["createServer"] },
  { module: "https", path: ["createServer"] },
  { module: "http2", path: ["createServer"] },
  { module: "http2", path: ["createSecureServer"] },
];

/** Names of exported route handlers (Next.js / Vercel route modules, Cloudflare-style `fetch`). */
export const ROUTE_EXPORT_NAMES: ReadonlySet<string> = new Set(["GET", "POST", "PUT", "DELETE", "PATCH", "ALL", "fetch"]);

/** mcp-framework's option that installs an auth provider (on the server, its transport, or the transport's options). */
export const MCP_FRAMEWORK_AUTH_OPTION = "auth";

/** Properties and variables whose reading consults what the caller may do: `authInfo.scopes`, `session.role`. */
export const SCOPE_PROPERTY = /^(?:scopes?|roles?|permissions?|grants?|claims)$/i;

/** Calls that check what the caller may do: `requireScopes(...)`, `hasScope(...)`, `checkPermission(...)`, `canAccess(...)`. */
export const SCOPE_CHECK_CALL =
  /scope|permission|authori[sz]|canAccess|checkAccess|assertAccess|requireAccess|hasAccess|ensureAccess|verifyAccess|Role|isAdmin|isAllowed|ensureAllowed|forbid/i;

/** Registration options that gate a tool on the caller: v2 `scopeChallenge: requireScopes(...)`, FastMCP `canAccess`. */
export const TOOL_GATE_OPTIONS: readonly string[] = ["scopeChallenge", "canAccess"];

/** Properties below which a handler's context carries the caller's identity: passing them to a helper may check scopes there. */
export const IDENTITY_PROPERTIES: ReadonlySet<string> = new Set(["authInfo", "auth", "session", "user", "http"]);

/** Effects (see `knowledge/effects.ts`) that make a tool dangerous enough to need a scope: deleting, overwriting, running commands. */
export const SCOPE_WORTHY_EFFECTS: ReadonlySet<string> = new Set(["delete", "overwrite", "execute"]);
