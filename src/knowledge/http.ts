/** HTTP serving: what makes a module an MCP HTTP server, which calls bind a socket, and which hosts are safe. */

/**
 * Modules (normalised, see `normalizeModule`) whose import alone means the file serves MCP over HTTP: the SDKs' HTTP
 * transports and app factories.
 */
export const MCP_HTTP_MODULES: ReadonlySet<string> = new Set([
  "@modelcontextprotocol/sdk/server/streamableHttp",
  "@modelcontextprotocol/sdk/server/webStandardStreamableHttp",
  "@modelcontextprotocol/sdk/server/sse",
  "@modelcontextprotocol/sdk/server/express",
  "@modelcontextprotocol/node",
  "@modelcontextprotocol/express",
  "@modelcontextprotocol/hono",
  "@modelcontextprotocol/fastify",
  "@modelcontextprotocol/server-legacy/sse",
]);

/**
 * Modules that also export non-HTTP things: the file serves MCP over HTTP only when it uses one of the HTTP names
 * (`createMcpExpressApp` was exported from `server/index.js` in SDK 1.24).
 */
export const MCP_HTTP_NAMES_BY_MODULE: Readonly<Record<string, readonly string[]>> = {
  "@modelcontextprotocol/server": ["WebStandardStreamableHTTPServerTransport", "PerRequestHTTPServerTransport", "createMcpHandler"],
  "@modelcontextprotocol/sdk/server/index": ["createMcpExpressApp"],
  "@modelcontextprotocol/sdk/server": ["createMcpExpressApp"],
};

/** What a server-making call returns, and how its `listen` treats a missing host. */
export interface ServerFactory {
  module: string;
  /** Export path below the module; `[]` for the module itself (`express()`). */
  path: readonly string[];
  /** Whether `listen` without a host binds every interface (Node's default); Fastify defaults to `localhost`. */
  missingHostBindsAll: boolean;
}

export const SERVER_FACTORIES: readonly ServerFactory[] = [
  { module: "express", path: [], missingHostBindsAll: true },
  { module: "http", path: ["createServer"], missingHostBindsAll: true },
  { module: "https", path: ["createServer"], missingHostBindsAll: true },
  { module: "http2", path: ["createServer"], missingHostBindsAll: true },
  { module: "http2", path: ["createSecureServer"], missingHostBindsAll: true },
  { module: "@modelcontextprotocol/sdk/server/express", path: ["createMcpExpressApp"], missingHostBindsAll: true },
  { module: "@modelcontextprotocol/sdk/server/index", path: ["createMcpExpressApp"], missingHostBindsAll: true },
  { module: "@modelcontextprotocol/sdk/server", path: ["createMcpExpressApp"], missingHostBindsAll: true },
  { module: "@modelcontextprotocol/express", path: ["createMcpExpressApp"], missingHostBindsAll: true },
  { module: "fastify", path: [], missingHostBindsAll: false },
  { module: "fastify", path: ["fastify"], missingHostBindsAll: false },
  { module: "@modelcontextprotocol/fastify", path: ["createMcpFastifyApp"], missingHostBindsAll: false },
];

/** `serve({ fetch, port, hostname })` of `@hono/node-server`: Node's `listen(port, undefined)`, every interface. */
export const HONO_SERVE = { module: "@hono/node-server", path: ["serve"], hostProperty: "hostname" } as const;

/** Hosts that mean every interface. */
export const ALL_INTERFACES_HOSTS: ReadonlySet<string> = new Set(["0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "*"]);

/** Hosts that mean this machine only. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "::1", "[::1]", "0:0:0:0:0:0:0:1"]);

/** The host a suggestion binds to. */
export const SAFE_HOST = "127.0.0.1";

/**
 * FastMCP `start({ transportType: "httpStream", httpStream: { host } })`: default host `localhost`. `"http-stream"` (the
 * mcp-framework spelling, which people also write here) counts as HTTP too.
 */
export const FASTMCP_HTTP_TRANSPORTS: ReadonlySet<string> = new Set(["httpStream", "sse", "http-stream"]);

/** mcp-framework `new MCPServer({ transport: { type, options: { host } } })`: default host `127.0.0.1`. */
export const MCP_FRAMEWORK_HTTP_TRANSPORTS: ReadonlySet<string> = new Set(["http-stream", "sse"]);

/** CORS middleware factories whose default allows every origin (`*`). */
export const CORS_MIDDLEWARE: ReadonlyArray<{ module: string; path: readonly string[]; label: string }> = [
  { module: "cors", path: [], label: "cors()" },
  { module: "hono/cors", path: ["cors"], label: "cors()" },
];

/** The response header that grants cross-origin reads, lower case. */
export const ALLOW_ORIGIN_HEADER = "access-control-allow-origin";

/** Methods that set one response header: Node `setHeader`, Express `set`/`header`/`append`, Hono `c.header`. */
export const HEADER_SETTERS: ReadonlySet<string> = new Set(["setHeader", "set", "header", "append", "appendHeader"]);

/** Methods that set response headers from an object: Node `writeHead(status, headers)`. */
export const HEADER_OBJECT_SETTERS: ReadonlySet<string> = new Set(["writeHead", "set"]);

/** Methods that read one request header: Express `req.get("origin")`, `req.header("origin")`, Fetch `headers.get("origin")`. */
export const HEADER_GETTERS: ReadonlySet<string> = new Set(["get", "header"]);

/** Options of `new FastMCP()` that authenticate HTTP clients. */
export const FASTMCP_AUTH_OPTIONS: readonly string[] = ["authenticate", "auth", "oauth"];
