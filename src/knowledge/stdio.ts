/**
 * What writes to stdout, and what makes a process a stdio MCP server (whose stdout carries JSON-RPC). Plain data;
 * `model/stdio.ts` finds them and `rules/no-stdout-in-stdio.ts` reports.
 */

/**
 * `console` methods that write to stdout in Node.js. `error`, `warn`, `trace` and `assert` write to stderr; `time`,
 * `countReset` and `groupEnd` print nothing.
 */
export const STDOUT_CONSOLE_METHODS: ReadonlySet<string> = new Set([
  "log",
  "info",
  "debug",
  "dir",
  "dirxml",
  "table",
  "group",
  "groupCollapsed",
  "count",
  "timeEnd",
  "timeLog",
]);

/** A package export that starts a transport, and which one. */
export interface TransportExport {
  module: string;
  path: readonly string[];
  transport: "stdio" | "http";
}

/** Transports of the SDKs, by normalised module (a trailing `.js` removed) and export. */
export const TRANSPORT_EXPORTS: readonly TransportExport[] = [
  { module: "@modelcontextprotocol/sdk/server/stdio", path: ["StdioServerTransport"], transport: "stdio" },
  { module: "@modelcontextprotocol/server/stdio", path: ["StdioServerTransport"], transport: "stdio" },
  { module: "@modelcontextprotocol/server/stdio", path: ["serveStdio"], transport: "stdio" },
  { module: "@modelcontextprotocol/sdk/server/streamableHttp", path: ["StreamableHTTPServerTransport"], transport: "http" },
  { module: "@modelcontextprotocol/sdk/server/webStandardStreamableHttp", path: ["WebStandardStreamableHTTPServerTransport"], transport: "http" },
  { module: "@modelcontextprotocol/sdk/server/sse", path: ["SSEServerTransport"], transport: "http" },
  { module: "@modelcontextprotocol/sdk/server/express", path: ["createMcpExpressApp"], transport: "http" },
  { module: "@modelcontextprotocol/server", path: ["WebStandardStreamableHTTPServerTransport"], transport: "http" },
  { module: "@modelcontextprotocol/server", path: ["PerRequestHTTPServerTransport"], transport: "http" },
  { module: "@modelcontextprotocol/server", path: ["createMcpHandler"], transport: "http" },
  { module: "@modelcontextprotocol/node", path: ["NodeStreamableHTTPServerTransport"], transport: "http" },
  { module: "@modelcontextprotocol/node", path: ["toNodeHandler"], transport: "http" },
  { module: "@modelcontextprotocol/express", path: ["createMcpExpressApp"], transport: "http" },
  { module: "@modelcontextprotocol/hono", path: ["createMcpHonoApp"], transport: "http" },
  { module: "@modelcontextprotocol/fastify", path: ["createMcpFastifyApp"], transport: "http" },
  { module: "@modelcontextprotocol/server-legacy/sse", path: ["SSEServerTransport"], transport: "http" },
];

// FastMCP `start({ transportType })` and mcp-framework `transport.type` values that are not stdio (none given: stdio).
export { FASTMCP_HTTP_TRANSPORTS, MCP_FRAMEWORK_HTTP_TRANSPORTS } from "./http.js";

/** Methods whose callback runs only for an HTTP server: `app.listen(port, cb)`, `app.post("/mcp", handler)`. */
export const HTTP_CALLBACK_METHODS: ReadonlySet<string> = new Set(["listen", "get", "post", "put", "delete", "patch", "all", "use", "route", "handle"]);

/** Functions that start the HTTP mode of a server: `startHttpServer`, `runSSE`, `createHTTPApp`, `httpMain`. */
export const HTTP_FUNCTION_NAME = /(?:^|[a-z_])(?:Http|HTTP|Sse|SSE)(?:[A-Z_]|$)|^(?:http|sse)(?:[A-Z_]|$)|StreamableHttp|StreamableHTTP/;

/** A flag whose truth means the stdio mode: `isStdio`, `useStdio`, `STDIO_MODE`, `stdioTransport`. */
export const STDIO_MODE_FLAG = /stdio/i;

/** A flag whose truth means the HTTP mode: `isHTTP`, `useSse`, `httpMode`, `HTTP_MODE`, `isHttpServer` (not `httpClient`). */
export const HTTP_MODE_FLAG = /^(?:is|use|enable|run|serve|with)?_?(?:https?|sse|streamable_?https?)(?:_?(?:mode|enabled|server|transport))?$/i;

/**
 * Values of a transport option or variable compared in a test: `"stdio"`; `"http"`, `"sse"`, `"streamable-http"` and
 * the frameworks' `"httpStream"` and `"http-stream"`.
 */
export const STDIO_MODE_VALUE = /^stdio$/i;
export const HTTP_MODE_VALUE = /^(?:https?|sse|http-?stream|streamable-?http)$/i;

/** Text that a module creating a stdio transport contains (a pre-check before any parse). */
export const STDIO_TEXT_HINT = {
  test(text: string): boolean {
    if (text.includes("StdioServerTransport") || text.includes("serveStdio") || text.includes("MCPServer(")) return true;
    return text.includes("FastMCP") && text.includes(".start(");
  },
};

/** Text of a module that creates a stdio transport itself (stricter than the hint above: the class's own module does not). */
export const STDIO_CREATION_HINT = /new\s+StdioServerTransport\b|\bserveStdio\s*\(|new\s+MCPServer\b|FastMCP[\s\S]*\.start\s*\(/;

/** Callee names worth resolving when looking for transports (aliases of imports are added per file). */
export const TRANSPORT_CALLEE_NAMES: ReadonlySet<string> = new Set([
  ...TRANSPORT_EXPORTS.map((entry) => entry.path[entry.path.length - 1]),
  "FastMCP",
  "MCPServer",
  "listen",
  "start",
  "express",
]);
