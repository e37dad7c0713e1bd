import rule from "../../src/rules/require-endpoint-auth.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";

type MessageIds = "noAuth" | "canAccessWithoutAuth";

const err = (messageId: MessageIds, at: string, what: string): ExpectedError<MessageIds> => ({ messageId, at, data: { what } });

const V1 = `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createServer } from "./server.js";

const app = express();
app.use(express.json());
`;
const ROUTE = `app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await createServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
`;
const v1 = (listen: string, middleware = "") => `${V1}${middleware}${ROUTE}${listen}\n`;

const HANDLER = `import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";

const handler = createMcpHandler(() => new McpServer({ name: "s", version: "1.0.0" }));
`;

const fast = (options: string, start: string) => `import { FastMCP } from "fastmcp";
const server = new FastMCP(${options});
server.start(${start});
`;

const framework = (options: string) => `import { MCPServer } from "mcp-framework";
const server = new MCPServer(${options});
await server.start();
`;

const AGENT = `import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

export class MyMCP extends McpAgent {
  server = new McpServer({ name: "s", version: "1.0.0" });
  async init() {}
}
`;

const invalid = [
  both({ name: "v1 express listening with no host", code: v1("app.listen(3000);"), errors: [err("noAuth", `app.post(«"/mcp"»`, `app.post("/mcp")`)] }),
  both({
    name: "v1 express listening on every interface from configuration",
    code: v1(`app.listen(3000, process.env.HOST ?? "0.0.0.0");`),
    errors: [err("noAuth", `app.post(«"/mcp"»`, `app.post("/mcp")`)],
  }),
  both({
    name: "v1 createMcpExpressApp on every interface",
    code: `import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = createMcpExpressApp({ host: "0.0.0.0" });
${ROUTE}app.listen(3000, "0.0.0.0");
`,
    errors: [err("noAuth", `app.post(«"/mcp"»`, `app.post("/mcp")`)],
  }),
  bothCjs({
    name: "CommonJS SSE routes, one report per app",
    code: `const express = require("express");
const { SSEServerTransport } = require("@modelcontextprotocol/sdk/server/sse.js");
const app = express();
const transports = {};
app.get("/sse", async (req, res) => {
  const transport = new SSEServerTransport("/messages", res);
  transports[transport.sessionId] = transport;
});
app.post("/messages", async (req, res) => {
  await transports[req.query.sessionId].handlePostMessage(req, res);
});
app.listen(3000);
`,
    errors: [err("noAuth", `app.get(«"/sse"»`, `app.get("/sse")`)],
  }),
  both({
    name: "v2 Node transport on createServer listening on every interface",
    code: `import { createServer } from "node:http";
import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
createServer((req, res) => transport.handleRequest(req, res)).listen(8080, "::");
`,
    errors: [err("noAuth", "createServer((req, res) => transport.handleRequest(req, res))", "createServer()")],
  }),
  both({
    name: "Hono served by @hono/node-server without a hostname",
    code: `import { Hono } from "hono";
import { serve } from "@hono/node-server";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";
const app = new Hono();
app.all("/mcp", (c) => new WebStandardStreamableHTTPServerTransport().handleRequest(c.req.raw));
serve({ fetch: app.fetch, port: 3000 });
`,
    errors: [err("noAuth", `app.all(«"/mcp"»`, `app.all("/mcp")`)],
  }),
  both({
    name: "v2 createMcpHandler exported to a fetch platform",
    code: `${HANDLER}export default { fetch: (request) => handler.fetch(request) };\n`,
    errors: [err("noAuth", `createMcpHandler(() => new McpServer({ name: "s", version: "1.0.0" }))`, "createMcpHandler()")],
  }),
  both({
    name: "FastMCP httpStream on every interface without authentication",
    code: fast(`{ name: "s", version: "1.0.0" }`, `{ transportType: "httpStream", httpStream: { port: 8080, host: "0.0.0.0" } }`),
    errors: [err("noAuth", `transportType: «"httpStream"»`, "FastMCP httpStream")],
  }),
  both({
    name: "mcp-framework http-stream on every interface without auth",
    code: framework(`{ transport: { type: "http-stream", options: { port: 8080, host: "0.0.0.0" } } }`),
    errors: [err("noAuth", `type: «"http-stream"»`, "mcp-framework http-stream")],
  }),
  both({
    name: "Cloudflare McpAgent served with no OAuth wrapper",
    code: `${AGENT}export default { fetch: (request, env, ctx) => MyMCP.serve("/mcp").fetch(request, env, ctx) };\n`,
    errors: [err("noAuth", `MyMCP.serve("/mcp")`, "MyMCP.serve()")],
  }),
  both({
    name: "FastMCP canAccess without authentication",
    code: `import { FastMCP } from "fastmcp";
const server = new FastMCP({ name: "s", version: "1.0.0" });
server.addTool({ name: "drop", canAccess: (auth) => auth?.role === "admin", execute: async () => "done" });
server.start({ transportType: "stdio" });
`,
    errors: [err("canAccessWithoutAuth", "canAccess", "canAccess")],
  }),
  both({
    name: "FastMCP addTools with canAccess without authentication",
    code: `import { FastMCP } from "fastmcp";
const server = new FastMCP({ name: "s", version: "1.0.0" });
const admin = { name: "drop", canAccess: () => false, execute: async () => "done" };
server.addTools([admin]);
`,
    errors: [err("canAccessWithoutAuth", "canAccess", "canAccess")],
  }),
];

const valid = [
  both({ name: "loopback listen", code: v1(`app.listen(3000, "127.0.0.1");`) }),
  both({ name: "loopback default from configuration", code: v1(`app.listen(3000, process.env.HOST ?? "localhost");`) }),
  both({ name: "host from configuration with no default", code: v1(`export function start(host) { app.listen(3000, host); }`) }),
  both({ name: "no listen in this file", code: v1(`export default app;`) }),
  both({
    name: "v1 createMcpExpressApp with its default host",
    code: `import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = createMcpExpressApp();
${ROUTE}app.listen(3000);
`,
  }),
  both({
    name: "requireBearerAuth on the route",
    code: `${V1}import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { verifier } from "./auth.js";
app.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => {
  await new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }).handleRequest(req, res, req.body);
});
app.listen(3000, "0.0.0.0");
`,
  }),
  both({
    name: "v2 requireBearerAuth as app middleware through a const",
    code: v1(`app.listen(3000, "0.0.0.0");`, `import { requireBearerAuth as bearer } from "@modelcontextprotocol/express";\nimport { verifier } from "./auth.js";\nconst auth = bearer({ verifier });\napp.use(auth);\n`),
  }),
  both({
    name: "a custom Authorization check",
    code: v1(
      `app.listen(3000, "0.0.0.0");`,
      `app.use((req, res, next) => {\n  if (req.headers.authorization !== \`Bearer \${process.env.MCP_TOKEN}\`) return res.status(401).end();\n  next();\n});\n`,
    ),
  }),
  both({
    name: "an API key header check",
    code: v1(`app.listen(3000, "0.0.0.0");`, `app.use((req, res, next) => (req.get("x-api-key") === process.env.KEY ? next() : res.sendStatus(401)));\n`),
  }),
  both({ name: "unknown middleware imported from another module", code: v1(`app.listen(3000);`, `import { guard } from "./guard.js";\napp.use(guard);\n`) }),
  both({
    name: "createMcpHandler behind requireBearerAuth",
    code: `${HANDLER}import { requireBearerAuth } from "@modelcontextprotocol/server";
import { verifier } from "./auth.js";
const gate = requireBearerAuth({ verifier });
export default {
  async fetch(request) {
    const auth = await gate(request);
    return auth instanceof Response ? auth : handler.fetch(request, { authInfo: auth });
  },
};
`,
  }),
  both({ name: "createMcpHandler called in process", code: `${HANDLER}export const call = (request) => handler.fetch(request);\n` }),
  both({ name: "FastMCP httpStream with its default host", code: fast(`{ name: "s", version: "1.0.0" }`, `{ transportType: "httpStream", httpStream: { port: 8080 } }`) }),
  both({
    name: "FastMCP httpStream on every interface with authenticate",
    code: fast(`{ name: "s", version: "1.0.0", authenticate: async (req) => ({ id: req.headers["x-user"] }) }`, `{ transportType: "httpStream", httpStream: { host: "0.0.0.0" } }`),
  }),
  both({
    name: "FastMCP canAccess with authentication",
    code: `import { FastMCP } from "fastmcp";
import { provider } from "./auth.js";
const server = new FastMCP({ name: "s", version: "1.0.0", auth: provider });
server.addTool({ name: "drop", canAccess: (auth) => auth?.role === "admin", execute: async () => "done" });
`,
  }),
  both({
    name: "FastMCP canAccess that grants everything",
    code: `import { FastMCP } from "fastmcp";\nconst server = new FastMCP({ name: "s", version: "1.0.0" });\nserver.addTool({ name: "t", canAccess: () => true, execute: async () => "" });\n`,
  }),
  both({ name: "FastMCP options from elsewhere", code: `import { FastMCP } from "fastmcp";\nimport { options } from "./options.js";\nconst server = new FastMCP(options);\nserver.addTool({ name: "t", canAccess: () => true, execute: async () => "" });\n` }),
  both({ name: "mcp-framework http-stream with its default host", code: framework(`{ transport: { type: "http-stream", options: { port: 8080 } } }`) }),
  both({
    name: "mcp-framework http-stream on every interface with an auth provider",
    code: `import { MCPServer, APIKeyAuthProvider } from "mcp-framework";
const provider = new APIKeyAuthProvider({ keys: [process.env.API_KEY] });
const server = new MCPServer({ transport: { type: "http-stream", options: { host: "0.0.0.0", auth: { provider } } } });
await server.start();
`,
  }),
  both({ name: "mcp-framework stdio", code: framework(`{ transport: { type: "stdio" } }`) }),
  both({
    name: "Cloudflare McpAgent behind OAuthProvider",
    code: `${AGENT}import OAuthProvider from "@cloudflare/workers-oauth-provider";
import { handler } from "./auth-handler.js";
export default new OAuthProvider({ apiRoute: "/mcp", apiHandler: MyMCP.serve("/mcp"), defaultHandler: handler, authorizeEndpoint: "/authorize", tokenEndpoint: "/token" });
`,
  }),
  both({
    name: "stdio server",
    code: `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
const server = new McpServer({ name: "s", version: "1.0.0" });
await server.connect(new StdioServerTransport());
`,
  }),
  ts({
    name: "express app without an MCP route",
    code: `import express from "express";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nconst app = express();\napp.get("/health", (req, res) => res.json({ ok: true }));\napp.listen(3000);\nexport type T = StreamableHTTPServerTransport;\n`,
  }),
];

runRuleTests("require-endpoint-auth", rule, { valid, invalid });
