import rule from "../../src/rules/require-dns-rebinding-protection.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";

type MessageIds = "unprotectedApp" | "protectionWithoutHosts" | "factoryHost" | "handlerWithoutGuard";

const err = (messageId: MessageIds, at: string, what: string): ExpectedError<MessageIds> => ({ messageId, at, data: { what } });

const V1_EXPRESS = `import express from "express";
import { randomUUID } from "node:crypto";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createServer } from "./server.js";
`;
const route = (options = "{ sessionIdGenerator: () => randomUUID() }") => `app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport(${options});
  await createServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
`;

const NODE_V2 = `import { createServer } from "node:http";
import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
import { buildServer } from "./server.js";

async function handle(req, res) {
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await buildServer().connect(transport);
  await transport.handleRequest(req, res);
}
`;

const HONO = `import { Hono } from "hono";
import { serve } from "@hono/node-server";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";
import { buildServer } from "./server.js";

const app = new Hono();
app.all("/mcp", async (c) => {
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await buildServer().connect(transport);
  return transport.handleRequest(c.req.raw);
});
`;

const HANDLER = `import { serve } from "@hono/node-server";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";

const handler = createMcpHandler(() => new McpServer({ name: "s", version: "1.0.0" }));
`;

const invalid = [
  both({
    name: "v1 transport on a bare express app",
    code: `${V1_EXPRESS}const app = express();\napp.use(express.json());\n${route()}`,
    errors: [err("unprotectedApp", "express()", "express()")],
  }),
  both({
    name: "v1 transport with protection switched off",
    code: `${V1_EXPRESS}const app = express();\n${route("{ sessionIdGenerator: undefined, enableDnsRebindingProtection: false }")}`,
    errors: [err("unprotectedApp", "express()", "express()")],
  }),
  both({
    name: "v1 transport with protection on but no allowed hosts",
    code: `${V1_EXPRESS}const app = express();\n${route("{ sessionIdGenerator: undefined, enableDnsRebindingProtection: true }")}`,
    errors: [err("protectionWithoutHosts", "enableDnsRebindingProtection: true", "enableDnsRebindingProtection: true")],
  }),
  bothCjs({
    name: "CommonJS SSE transport on express",
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
app.listen(3000, "127.0.0.1");
`,
    errors: [err("unprotectedApp", "express()", "express()")],
  }),
  both({
    name: "v2 Node transport on node:http createServer",
    code: `${NODE_V2}createServer(handle).listen(3000, "127.0.0.1");\n`,
    errors: [err("unprotectedApp", "createServer(handle)", "createServer()")],
  }),
  ts({
    name: "namespace import of http and an aliased transport",
    code: `import * as http from "node:http";
import { StreamableHTTPServerTransport as Transport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const transport = new Transport({ sessionIdGenerator: undefined });
const server = http.createServer((req, res) => transport.handleRequest(req, res));
server.listen(3000, "localhost");
`,
    errors: [err("unprotectedApp", "http.createServer((req, res) => transport.handleRequest(req, res))", "http.createServer()")],
  }),
  both({
    name: "Hono app serving a web-standard transport",
    code: `${HONO}serve({ fetch: app.fetch, port: 3000, hostname: "127.0.0.1" });\n`,
    errors: [err("unprotectedApp", "new Hono()", "new Hono()")],
  }),
  ts({
    name: "express app in a class field",
    code: `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
export class HttpServer {
  private app = express();
  start() {
    this.app.post("/mcp", (req, res) => this.handle(req, res));
    this.app.listen(3000, "127.0.0.1");
  }
  private async handle(req: express.Request, res: express.Response) {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await transport.handleRequest(req, res, req.body);
  }
}
`,
    errors: [err("unprotectedApp", "express()", "express()")],
  }),
  both({
    name: "v1 createMcpExpressApp on every interface without allowed hosts",
    code: `import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";\nconst app = createMcpExpressApp({ host: "0.0.0.0" });\napp.listen(3000, "0.0.0.0");\n`,
    errors: [err("factoryHost", `«"0.0.0.0"» })`, "createMcpExpressApp()")],
  }),
  both({
    name: "v2 createMcpExpressApp on a LAN address without allowed hosts",
    code: `import { createMcpExpressApp } from "@modelcontextprotocol/express";\nconst HOST = "192.168.1.5";\nconst app = createMcpExpressApp({ host: HOST });\napp.listen(3000, HOST);\n`,
    errors: [err("factoryHost", "host: «HOST»", "createMcpExpressApp()")],
  }),
  both({
    name: "v2 createMcpHandler served on a socket without a guard",
    code: `${HANDLER}serve({ fetch: handler.fetch, port: 3000, hostname: "127.0.0.1" });\n`,
    errors: [err("handlerWithoutGuard", "createMcpHandler(() => new McpServer({ name: \"s\", version: \"1.0.0\" }))", "createMcpHandler()")],
  }),
  ts({
    name: "createMcpHandler through toNodeHandler on an express router",
    code: `import express from "express";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
import { toNodeHandler } from "@modelcontextprotocol/node";
const handler = createMcpHandler(() => new McpServer({ name: "s", version: "1.0.0" }));
const nodeHandler = toNodeHandler(handler);
const router = express.Router();
router.post("/", (req, res) => nodeHandler(req, res));
const app = express();
app.use("/mcp", router);
app.listen(3000, "127.0.0.1");
`,
    errors: [err("unprotectedApp", "express.Router()", "express.Router()")],
  }),
];

const valid = [
  both({
    name: "v1 createMcpExpressApp with its default host",
    code: `import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = createMcpExpressApp();
${route("{ sessionIdGenerator: undefined }")}`,
  }),
  both({
    name: "v2 createMcpExpressApp with allowed hosts on every interface",
    code: `import { createMcpExpressApp } from "@modelcontextprotocol/express";\nconst app = createMcpExpressApp({ host: "0.0.0.0", allowedHosts: ["mcp.example.com"] });\napp.listen(3000, "0.0.0.0");\n`,
  }),
  both({
    name: "express with hostHeaderValidation middleware",
    code: `${V1_EXPRESS}import { hostHeaderValidation } from "@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js";
const app = express();
app.use(hostHeaderValidation(["localhost", "127.0.0.1"]));
${route()}`,
  }),
  both({
    name: "express with v2 localhostHostValidation on the route",
    code: `import express from "express";
import { localhostHostValidation } from "@modelcontextprotocol/express";
import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
const app = express();
app.post("/mcp", localhostHostValidation(), async (req, res) => {
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
`,
  }),
  both({
    name: "transport with protection and allowed hosts",
    code: `${V1_EXPRESS}const app = express();\n${route(`{ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ["127.0.0.1:3000"] }`)}`,
  }),
  both({
    name: "a custom Host check",
    code: `${V1_EXPRESS}const app = express();
const ALLOWED = new Set(["localhost:3000", "127.0.0.1:3000"]);
app.use((req, res, next) => {
  if (!ALLOWED.has(req.headers.host)) return res.status(403).end();
  next();
});
${route()}`,
  }),
  both({
    name: "middleware imported from another module",
    code: `${V1_EXPRESS}import { securityMiddleware } from "./security.js";\nconst app = express();\napp.use(securityMiddleware);\n${route()}`,
  }),
  both({
    name: "Host read only to build a URL does not hide the missing validation, but no transport here",
    code: `import express from "express";\nconst app = express();\napp.get("/health", (req, res) => res.json({ url: \`http://\${req.headers.host}/\` }));\napp.listen(3000);\n`,
  }),
  both({
    name: "createMcpHandler behind the v2 guards",
    code: `${HANDLER}import { hostHeaderValidationResponse, localhostAllowedHostnames } from "@modelcontextprotocol/server";
serve({ fetch: (request) => hostHeaderValidationResponse(request, localhostAllowedHostnames()) ?? handler.fetch(request), port: 3000, hostname: "127.0.0.1" });
`,
  }),
  both({
    name: "createMcpHandler on createMcpHonoApp",
    code: `${HANDLER}import { createMcpHonoApp } from "@modelcontextprotocol/hono";
const app = createMcpHonoApp();
app.all("/mcp", (c) => handler.fetch(c.req.raw));
serve({ fetch: app.fetch, port: 3000 });
`,
  }),
  both({ name: "createMcpHandler exported to a fetch platform", code: `${HANDLER}export default { fetch: (request) => handler.fetch(request) };\n` }),
  both({ name: "createMcpHandler called in process", code: `${HANDLER}export async function call(request) { return handler.fetch(request); }\n` }),
  ts({
    name: "an app handed in as a parameter",
    code: `import type { Express } from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
export function mount(app: Express) {
  app.post("/mcp", async (req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await transport.handleRequest(req, res, req.body);
  });
}
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
  both({
    name: "FastMCP over HTTP is not this rule's",
    code: `import { FastMCP } from "fastmcp";\nconst server = new FastMCP({ name: "s", version: "1.0.0" });\nserver.start({ transportType: "httpStream" });\n`,
  }),
  both({
    name: "createMcpFastifyApp with its default host",
    code: `import { createMcpFastifyApp } from "@modelcontextprotocol/fastify";
import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
const app = createMcpFastifyApp();
app.post("/mcp", async (request, reply) => {
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(request.raw, reply.raw, request.body);
});
await app.listen({ port: 3000 });
`,
  }),
];

runRuleTests("require-dns-rebinding-protection", rule, { valid, invalid });
