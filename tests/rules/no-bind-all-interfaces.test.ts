import rule from "../../src/rules/no-bind-all-interfaces.js";
import { both, bothCjs, cjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";

type MessageIds = "allInterfaces" | "allInterfacesDefault" | "noHost" | "bindLoopback";

function noHost(at: string, call: string, output?: string): ExpectedError<MessageIds> {
  return { messageId: "noHost", at, data: { call, host: "::" }, suggestions: output === undefined ? [] : [{ messageId: "bindLoopback", output }] };
}

function explicit(at: string, call: string, host: string, output?: string): ExpectedError<MessageIds> {
  return { messageId: "allInterfaces", at, data: { call, host }, suggestions: output === undefined ? [] : [{ messageId: "bindLoopback", output }] };
}

function defaulted(at: string, call: string, host: string, output?: string): ExpectedError<MessageIds> {
  return { messageId: "allInterfacesDefault", at, data: { call, host }, suggestions: output === undefined ? [] : [{ messageId: "bindLoopback", output }] };
}

const V1_HTTP = `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
`;

const V1_ROUTE = `const app = express();
app.use(express.json());
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
`;

const v1Express = (listen: string) => `${V1_HTTP}${V1_ROUTE}${listen}\n`;

const V2_NODE = `import { createServer } from "node:http";
import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";

const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
const server = createServer((req, res) => transport.handleRequest(req, res));
`;

const V1_CJS = `const express = require("express");
const { SSEServerTransport } = require("@modelcontextprotocol/sdk/server/sse.js");

const app = express();
app.get("/sse", (req, res) => new SSEServerTransport("/messages", res));
`;

const HONO = `import { Hono } from "hono";
import { serve } from "@hono/node-server";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";

const app = new Hono();
app.all("/mcp", (c) => new WebStandardStreamableHTTPServerTransport().handleRequest(c.req.raw));
`;

const invalid = [
  both({
    name: "v1 Express: app.listen(port) with no host",
    code: v1Express(`app.listen(3000);`),
    errors: [noHost("app.«listen»(3000)", "app.listen()", v1Express(`app.listen(3000, "127.0.0.1");`))],
  }),
  both({
    name: "v1 Express: app.listen(port, callback)",
    code: v1Express(`app.listen(PORT, () => console.error("up"));\nconst PORT = 3000;`),
    errors: [noHost("app.«listen»(PORT", "app.listen()", v1Express(`app.listen(PORT, "127.0.0.1", () => console.error("up"));\nconst PORT = 3000;`))],
  }),
  both({
    name: "v1 Express: explicit 0.0.0.0",
    code: v1Express(`app.listen(3000, "0.0.0.0", () => {});`),
    errors: [explicit(`«"0.0.0.0"»`, "app.listen()", "0.0.0.0", v1Express(`app.listen(3000, "127.0.0.1", () => {});`))],
  }),
  both({
    name: "v1 Express: env host with an all-interfaces default, through a const",
    code: v1Express(`const HOST = process.env.HOST ?? "0.0.0.0";\napp.listen(3000, HOST);`),
    errors: [defaulted("app.listen(3000, «HOST»)", "app.listen()", "0.0.0.0")],
  }),
  both({
    name: "v1 Express: destructured env host with an all-interfaces default",
    code: v1Express(`const { HOST = "0.0.0.0", PORT = "3000" } = process.env;\napp.listen(Number(PORT), HOST);`),
    errors: [defaulted("app.listen(Number(PORT), «HOST»)", "app.listen()", "0.0.0.0")],
  }),
  both({
    name: "v1 Express: inline || default '::'",
    code: v1Express(`app.listen(3000, process.env.HOST || '::');`),
    errors: [defaulted("«process.env.HOST || '::'»", "app.listen()", "::", v1Express(`app.listen(3000, process.env.HOST || '127.0.0.1');`))],
  }),
  ts({
    name: "v1 createMcpExpressApp: its host option does not bind",
    code: `import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
const app = createMcpExpressApp();
app.listen(3000);
`,
    errors: [
      noHost(
        "app.«listen»",
        "app.listen()",
        `import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
const app = createMcpExpressApp();
app.listen(3000, "127.0.0.1");
`,
      ),
    ],
  }),
  both({
    name: "v2 createMcpExpressApp with host localhost, listen without host",
    code: `import { createMcpExpressApp } from "@modelcontextprotocol/express";
const app = createMcpExpressApp({ host: "localhost" });
app.listen(Number(process.env.PORT ?? 3000), (error) => { if (error) throw error; });
`,
    errors: [
      noHost(
        "app.«listen»",
        "app.listen()",
        `import { createMcpExpressApp } from "@modelcontextprotocol/express";
const app = createMcpExpressApp({ host: "localhost" });
app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", (error) => { if (error) throw error; });
`,
      ),
    ],
  }),
  both({
    name: "v2 node:http createServer: server.listen(port)",
    code: `${V2_NODE}server.listen(8080);\n`,
    errors: [noHost("server.«listen»", "server.listen()", `${V2_NODE}server.listen(8080, "127.0.0.1");\n`)],
  }),
  both({
    name: "v2 node:http: listen options object without host",
    code: `${V2_NODE}server.listen({ port: 8080 });\n`,
    errors: [noHost("server.«listen»", "server.listen()", `${V2_NODE}server.listen({ port: 8080, host: "127.0.0.1" });\n`)],
  }),
  both({
    name: "v2 node:http: listen options object with host '::'",
    code: `${V2_NODE}server.listen({ port: 8080, host: "::" });\n`,
    errors: [explicit(`host: «"::"»`, "server.listen()", "::", `${V2_NODE}server.listen({ port: 8080, host: "127.0.0.1" });\n`)],
  }),
  both({
    name: "chained http.createServer(app).listen(port)",
    code: `import http from "http";
import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = express();
http.createServer(app).listen(3000);
`,
    errors: [
      noHost(
        "(app).«listen»",
        "http.createServer(app).listen()",
        `import http from "http";
import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = express();
http.createServer(app).listen(3000, "127.0.0.1");
`,
      ),
    ],
  }),
  cjs({
    name: "CommonJS v1 SSE: app.listen(port)",
    code: `${V1_CJS}app.listen(3001);\n`,
    errors: [noHost("app.«listen»", "app.listen()", `${V1_CJS}app.listen(3001, "127.0.0.1");\n`)],
  }),
  bothCjs({
    name: "CommonJS: unknown receiver with an explicit 0.0.0.0",
    code: `const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
module.exports = function start(server) { server.listen(3000, "0.0.0.0"); };
`,
    errors: [
      explicit(
        `«"0.0.0.0"»`,
        "server.listen()",
        "0.0.0.0",
        `const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
module.exports = function start(server) { server.listen(3000, "127.0.0.1"); };
`,
      ),
    ],
  }),
  both({
    name: "Hono serve without hostname",
    code: `${HONO}serve({ fetch: app.fetch, port: 3000 });\n`,
    errors: [noHost("«serve»({", "serve()", `${HONO}serve({ fetch: app.fetch, port: 3000, hostname: "127.0.0.1" });\n`)],
  }),
  both({
    name: "Hono serve with hostname 0.0.0.0",
    code: `${HONO}serve({ fetch: app.fetch, port: 3000, hostname: "0.0.0.0" });\n`,
    errors: [explicit(`«"0.0.0.0"»`, "serve()", "0.0.0.0", `${HONO}serve({ fetch: app.fetch, port: 3000, hostname: "127.0.0.1" });\n`)],
  }),
  both({
    name: "Fastify listen with host 0.0.0.0",
    code: `import Fastify from "fastify";
import { createMcpFastifyApp } from "@modelcontextprotocol/fastify";
const app = Fastify();
await app.listen({ port: 3000, host: "0.0.0.0" });
`,
    errors: [
      explicit(
        `«"0.0.0.0"»`,
        "app.listen()",
        "0.0.0.0",
        `import Fastify from "fastify";
import { createMcpFastifyApp } from "@modelcontextprotocol/fastify";
const app = Fastify();
await app.listen({ port: 3000, host: "127.0.0.1" });
`,
      ),
    ],
  }),
  both({
    name: "FastMCP httpStream with host 0.0.0.0",
    code: `import { FastMCP } from "fastmcp";
const server = new FastMCP({ name: "s", version: "1.0.0" });
server.start({ transportType: "httpStream", httpStream: { port: 8080, host: "0.0.0.0" } });
`,
    errors: [
      explicit(
        `«"0.0.0.0"»`,
        "server.start()",
        "0.0.0.0",
        `import { FastMCP } from "fastmcp";
const server = new FastMCP({ name: "s", version: "1.0.0" });
server.start({ transportType: "httpStream", httpStream: { port: 8080, host: "127.0.0.1" } });
`,
      ),
    ],
  }),
  both({
    name: "mcp-framework http-stream with host from env defaulting to 0.0.0.0",
    code: `import { MCPServer } from "mcp-framework";
const server = new MCPServer({ transport: { type: "http-stream", options: { port: 8080, host: process.env.HOST ?? "0.0.0.0" } } });
await server.start();
`,
    errors: [
      defaulted(
        `host: «process.env.HOST ?? "0.0.0.0"»`,
        "new MCPServer()",
        "0.0.0.0",
        `import { MCPServer } from "mcp-framework";
const server = new MCPServer({ transport: { type: "http-stream", options: { port: 8080, host: process.env.HOST ?? "127.0.0.1" } } });
await server.start();
`,
      ),
    ],
  }),
  ts({
    name: "TS wrappers: (app as Express).listen(port)",
    code: `import express, { type Express } from "express";
import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
const app = express() as Express;
(app as Express).listen(3000 as number);
`,
    errors: [
      noHost(
        ".«listen»",
        "(app as Express).listen()",
        `import express, { type Express } from "express";
import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
const app = express() as Express;
(app as Express).listen(3000 as number, "127.0.0.1");
`,
      ),
    ],
  }),
  both({
    name: "v2 createMcpHandler served by @hono/node-server without hostname",
    code: `import { McpServer, createMcpHandler } from "@modelcontextprotocol/server";
import { serve } from "@hono/node-server";
const handler = createMcpHandler(() => new McpServer({ name: "s", version: "2.0.0" }));
serve({ fetch: handler, port: 3000 });
`,
    errors: [
      noHost(
        "«serve»({",
        "serve()",
        `import { McpServer, createMcpHandler } from "@modelcontextprotocol/server";
import { serve } from "@hono/node-server";
const handler = createMcpHandler(() => new McpServer({ name: "s", version: "2.0.0" }));
serve({ fetch: handler, port: 3000, hostname: "127.0.0.1" });
`,
      ),
    ],
  }),
  both({
    name: "host parameter with an all-interfaces default",
    code: v1Express(`export function start(port, host = "0.0.0.0") { app.listen(port, host); }`),
    errors: [defaulted("app.listen(port, «host»)", "app.listen()", "0.0.0.0")],
  }),
  ts({
    name: "listen() with no arguments at all: no suggestion",
    code: `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
express().listen();
`,
    errors: [noHost("«listen»()", "express().listen()")],
  }),
];

const valid = [
  both({ name: "v1 Express: loopback host", code: v1Express(`app.listen(3000, "127.0.0.1");`) }),
  both({ name: "v1 Express: localhost host with a callback", code: v1Express(`app.listen(3000, "localhost", () => {});`) }),
  both({ name: "v1 Express: ::1", code: v1Express(`app.listen(3000, "::1");`) }),
  both({ name: "v1 Express: env host with a loopback default", code: v1Express(`const HOST = process.env.HOST ?? "127.0.0.1";\napp.listen(3000, HOST);`) }),
  both({ name: "v1 Express: destructured env host with a loopback default", code: v1Express(`const { HOST = "localhost" } = process.env;\napp.listen(3000, HOST);`) }),
  both({ name: "v1 Express: env host without a default (the deployer chose)", code: v1Express(`app.listen(3000, process.env.HOST);`) }),
  both({ name: "v1 Express: a specific interface", code: v1Express(`app.listen(3000, "10.0.0.5");`) }),
  both({ name: "v1 Express: host from a config object", code: v1Express(`export function start(config) { app.listen(config.port, config.host); }`) }),
  both({ name: "v2 node:http: Unix socket", code: `${V2_NODE}server.listen("/tmp/mcp.sock");\n` }),
  both({ name: "v2 node:http: options with a loopback host", code: `${V2_NODE}server.listen({ port: 8080, host: "127.0.0.1" });\n` }),
  both({ name: "v2 node:http: options with a path", code: `${V2_NODE}server.listen({ path: "/tmp/mcp.sock" });\n` }),
  both({ name: "Hono serve with hostname 127.0.0.1", code: `${HONO}serve({ fetch: app.fetch, port: 3000, hostname: "127.0.0.1" });\n` }),
  both({
    name: "Fastify listen without host (Fastify defaults to localhost)",
    code: `import Fastify from "fastify";
import { createMcpFastifyApp } from "@modelcontextprotocol/fastify";
const app = Fastify();
await app.listen({ port: 3000 });
`,
  }),
  both({
    name: "FastMCP httpStream without host (defaults to localhost)",
    code: `import { FastMCP } from "fastmcp";
const server = new FastMCP({ name: "s", version: "1.0.0" });
server.start({ transportType: "httpStream", httpStream: { port: 8080 } });
`,
  }),
  both({
    name: "FastMCP stdio",
    code: `import { FastMCP } from "fastmcp";
const server = new FastMCP({ name: "s", version: "1.0.0" });
server.start({ transportType: "stdio" });
`,
  }),
  both({
    name: "mcp-framework http-stream without host (defaults to 127.0.0.1)",
    code: `import { MCPServer } from "mcp-framework";
const server = new MCPServer({ transport: { type: "http-stream", options: { port: 8080 } } });
await server.start();
`,
  }),
  both({
    name: "stdio server: express app listening without host is not an MCP HTTP server",
    code: `import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
const health = express();
health.listen(9000);
await new McpServer({ name: "s", version: "1" }).connect(new StdioServerTransport());
`,
  }),
  both({
    name: "v2 stdio server with a health app: @modelcontextprotocol/server without HTTP names",
    code: `import express from "express";
import { McpServer } from "@modelcontextprotocol/server";
import { StdioServerTransport } from "@modelcontextprotocol/server/stdio";
express().listen(9000);
await new McpServer({ name: "s", version: "2" }).connect(new StdioServerTransport());
`,
  }),
  both({ name: "plain Express app with no MCP", code: `import express from "express";\nconst app = express();\napp.listen(3000);\n` }),
  bothCjs({
    name: "CommonJS: unknown receiver without host is not reported",
    code: `const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
module.exports = function start(server) { server.listen(3000); };
`,
  }),
  ts({
    name: "odd input: spread arguments and computed listen",
    code: `import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import express from "express";
const app = express();
const args = [3000, "0.0.0.0"] as const;
app.listen(...args);
app["listen"](...args);
app.listen({ ...opts });
serve();
declare const opts: object;
declare function serve(): void;
`,
  }),
];

runRuleTests("no-bind-all-interfaces", rule, { valid, invalid });
