import rule from "../../src/rules/no-shared-transport.js";
import { both, bothCjs, js, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";

type MessageIds = "sharedServer" | "sharedTransport";

const server = (at: string, name: string, what: string, line: number): ExpectedError<MessageIds> => ({
  messageId: "sharedServer",
  at,
  data: { name, what, line: String(line) },
});
const transport = (at: string, name: string, what: string, line: number): ExpectedError<MessageIds> => ({
  messageId: "sharedTransport",
  at,
  data: { name, what, line: String(line) },
});

const V1 = `import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = express();
`;

const invalid = [
  both({
    name: "v1 module-scope McpServer connected per request to a stateless transport",
    code: `${V1}const server = new McpServer({ name: "s", version: "1.0.0" });
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
`,
    errors: [server("server.connect", "server", "McpServer", 5)],
  }),
  both({
    name: "v1 module-scope McpServer connected per new session (old SDK example)",
    code: `${V1}import { randomUUID } from "node:crypto";
const server = new McpServer({ name: "s", version: "1.0.0" });
const transports = {};
app.post("/mcp", async (req, res) => {
  const id = req.headers["mcp-session-id"];
  let transport = transports[id];
  if (!transport) {
    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (sid) => { transports[sid] = transport; } });
    await server.connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});
`,
    errors: [server("server.connect", "server", "McpServer", 6)],
  }),
  both({
    name: "v1 module-scope stateless transport given every request",
    code: `${V1}const server = new McpServer({ name: "s", version: "1.0.0" });
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
await server.connect(transport);
app.post("/mcp", async (req, res) => {
  await transport.handleRequest(req, res, req.body);
});
`,
    errors: [transport("transport.handleRequest", "transport", "StreamableHTTPServerTransport", 6)],
  }),
  ts({
    name: "v1 low-level Server, route handler by name, helper called from it",
    code: `import express from "express";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const server = new Server({ name: "s", version: "1.0.0" }, { capabilities: { tools: {} } });
async function serve(req: any, res: any) {
  const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(t);
  await t.handleRequest(req, res, req.body);
}
async function handle(req: any, res: any) {
  await serve(req, res);
}
const app = express();
app.post("/mcp", handle);
`,
    errors: [server("server.connect", "server", "Server", 4)],
  }),
  both({
    name: "v2 McpServer and Node transport on plain http.createServer",
    code: `import { createServer } from "node:http";
import { McpServer } from "@modelcontextprotocol/server";
import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
const mcp = new McpServer({ name: "s", version: "1.0.0" });
createServer(async (req, res) => {
  const t = new NodeStreamableHTTPServerTransport();
  await mcp.connect(t);
  await t.handleRequest(req, res);
}).listen(3000, "127.0.0.1");
`,
    errors: [server("mcp.connect", "mcp", "McpServer", 4)],
  }),
  both({
    name: "v2 module-scope web-standard transport in a Hono route",
    code: `import { Hono } from "hono";
import { McpServer, WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";
const mcp = new McpServer({ name: "s", version: "1.0.0" });
const transport = new WebStandardStreamableHTTPServerTransport({});
await mcp.connect(transport);
const app = new Hono();
app.all("/mcp", (c) => transport.handleRequest(c.req.raw));
`,
    errors: [transport("transport.handleRequest", "transport", "WebStandardStreamableHTTPServerTransport", 4)],
  }),
  both({
    name: "namespace import, server inside main() shared by its route",
    code: `import express from "express";
import * as mcp from "@modelcontextprotocol/sdk/server/mcp.js";
import * as http from "@modelcontextprotocol/sdk/server/streamableHttp.js";
function main() {
  const server = new mcp.McpServer({ name: "s", version: "1.0.0" });
  const app = express();
  app.post("/mcp", async (req, res) => {
    const t = new http.StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(t);
    await t.handleRequest(req, res, req.body);
  });
  app.listen(3000, "127.0.0.1");
}
main();
`,
    errors: [server("server.connect", "server", "McpServer", 5)],
  }),
  bothCjs({
    name: "require with an alias",
    code: `const express = require("express");
const { McpServer: Mcp } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
const server = new Mcp({ name: "s", version: "1.0.0" });
const app = express();
app.post("/mcp", async function (req, res) {
  const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(t);
  await t.handleRequest(req, res, req.body);
});
`,
    errors: [server("server.connect", "server", "McpServer", 4)],
  }),
  ts({
    name: "class field server connected in a route registered by a method",
    code: `import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
class App {
  private server = new McpServer({ name: "s", version: "1.0.0" });
  start() {
    const app = express();
    app.post("/mcp", async (req, res) => {
      const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      await this.server.connect(t);
      await t.handleRequest(req, res, req.body);
    });
    app.listen(3000, "127.0.0.1");
  }
}
new App().start();
`,
    errors: [server("this.server.connect", "this.server", "McpServer", 5)],
  }),
  js({
    name: "constructor-assigned server, Express route() chain",
    code: `import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
class App {
  constructor() {
    this.server = new McpServer({ name: "s", version: "1.0.0" });
  }
  start(app) {
    app.route("/mcp").post(async (req, res) => {
      const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      await this.server.connect(t);
      await t.handleRequest(req, res, req.body);
    });
  }
}
`,
    errors: [server("this.server.connect", "this.server", "McpServer", 6)],
  }),
  ts({
    name: "lazily created singleton transport and server in a Next.js route (mcp-handler shape)",
    code: `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
const statelessTransport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
let statelessServer: McpServer | undefined;
export async function POST(request: Request) {
  if (!statelessServer) {
    statelessServer = new McpServer({ name: "s", version: "1.0.0" });
    await statelessServer.connect(statelessTransport);
  }
  return statelessTransport.handleRequest(request);
}
`,
    errors: [transport("statelessTransport.handleRequest", "statelessTransport", "WebStandardStreamableHTTPServerTransport", 3)],
  }),
  both({
    name: "Cloudflare-style default export fetch",
    code: `import { McpServer, WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";
const server = new McpServer({ name: "s", version: "1.0.0" });
export default {
  async fetch(request) {
    const transport = new WebStandardStreamableHTTPServerTransport();
    await server.connect(transport);
    return transport.handleRequest(request);
  },
};
`,
    errors: [server("server.connect", "server", "McpServer", 2)],
  }),
  both({
    name: "v1 SSE: one Server connected on every GET /sse",
    code: `import express from "express";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
const server = new Server({ name: "s", version: "1.0.0" }, { capabilities: { tools: {} } });
const app = express();
let transport;
app.get("/sse", async (req, res) => {
  transport = new SSEServerTransport("/messages", res);
  await server.connect(transport);
});
`,
    errors: [server("server.connect", "server", "Server", 4)],
  }),
  ts({
    name: "Fastify route object and Node request event",
    code: `import Fastify from "fastify";
import { createServer } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const server = new McpServer({ name: "s", version: "1.0.0" });
const fastify = Fastify();
fastify.route({
  method: "POST",
  url: "/mcp",
  handler: async (request, reply) => {
    const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(t);
    await t.handleRequest(request.raw, reply.raw, request.body);
  },
});
const shared = new StreamableHTTPServerTransport({ sessionIdGenerator: void 0 });
const http = createServer();
http.on("request", (req, res) => shared.handleRequest(req, res));
`,
    errors: [server("server.connect", "server", "McpServer", 5), transport("shared.handleRequest", "shared", "StreamableHTTPServerTransport", 16)],
  }),
];

const valid = [
  both({
    name: "server and transport created inside the request handler",
    code: `${V1}app.post("/mcp", async (req, res) => {
  const server = new McpServer({ name: "s", version: "1.0.0" });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on("close", () => { transport.close(); server.close(); });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
`,
  }),
  both({
    name: "a getServer() factory called per request",
    code: `${V1}function getServer() {
  const server = new McpServer({ name: "s", version: "1.0.0" });
  return server;
}
app.post("/mcp", async (req, res) => {
  const server = getServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
`,
  }),
  both({
    name: "stateful transports keyed by session id, each with its own server",
    code: `${V1}import { randomUUID } from "node:crypto";
const transports = {};
app.post("/mcp", async (req, res) => {
  const id = req.headers["mcp-session-id"];
  let transport = id ? transports[id] : undefined;
  if (!transport) {
    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (sid) => { transports[sid] = transport; } });
    const server = new McpServer({ name: "s", version: "1.0.0" });
    await server.connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});
`,
  }),
  both({
    name: "module-scope stateful transport (one session) is not the stateless leak",
    code: `${V1}import { randomUUID } from "node:crypto";
const server = new McpServer({ name: "s", version: "1.0.0" });
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
await server.connect(transport);
app.post("/mcp", (req, res) => transport.handleRequest(req, res, req.body));
`,
  }),
  both({
    name: "stdio server connected once at module scope",
    code: `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
const server = new McpServer({ name: "s", version: "1.0.0" });
await server.connect(new StdioServerTransport());
`,
  }),
  both({
    name: "server connected in a listen callback (once, not per request)",
    code: `${V1}const server = new McpServer({ name: "s", version: "1.0.0" });
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
app.listen(3000, "127.0.0.1", async () => {
  await server.connect(transport);
});
`,
  }),
  both({
    name: "transport options not known",
    code: `${V1}import { options } from "./options.js";
const server = new McpServer({ name: "s", version: "1.0.0" });
const transport = new StreamableHTTPServerTransport(options);
await server.connect(transport);
app.post("/mcp", (req, res) => transport.handleRequest(req, res, req.body));
`,
  }),
  both({
    name: "a server passed in as a parameter",
    code: `${V1}export function mount(server) {
  app.post("/mcp", async (req, res) => {
    const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(t);
    await t.handleRequest(req, res, req.body);
  });
}
`,
  }),
  both({
    name: "a variable reassigned per request",
    code: `${V1}let server = null;
app.post("/mcp", async (req, res) => {
  server = new McpServer({ name: "s", version: "1.0.0" });
  const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(t);
  await t.handleRequest(req, res, req.body);
});
`,
  }),
  ts({
    name: "class instance created per request",
    code: `${V1}class Session {
  server = new McpServer({ name: "s", version: "1.0.0" });
  async handle(req: any, res: any) {
    const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await this.server.connect(t);
    await t.handleRequest(req, res, req.body);
  }
}
app.post("/mcp", (req, res) => new Session().handle(req, res));
`,
  }),
  both({
    name: "a database client's connect in a route is not an MCP server",
    code: `${V1}import { Client } from "pg";
const db = new Client();
app.post("/mcp", async (req, res) => {
  await db.connect();
  res.end();
});
`,
  }),
];

runRuleTests("no-shared-transport", rule, { valid, invalid });
