import rule from "../../src/rules/no-permissive-cors.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";

type MessageIds = "defaultOrigin" | "anyOrigin" | "reflectedOrigin" | "frameworkDefault";

const err = (messageId: MessageIds, at: string, what: string): ExpectedError<MessageIds> => ({ messageId, at, data: { what } });

const EXPRESS = `import express from "express";
import cors from "cors";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const app = express();
`;
const express = (body: string) => `${EXPRESS}${body}\napp.listen(3000, "127.0.0.1");\n`;

const HONO = `import { Hono } from "hono";
import { cors } from "hono/cors";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";

const app = new Hono();
`;

const NODE = `import { createServer } from "node:http";
import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";

const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
`;

const CJS = `const express = require("express");
const cors = require("cors");
const { SSEServerTransport } = require("@modelcontextprotocol/sdk/server/sse.js");
const app = express();
`;

const fast = (options: string, start: string) => `import { FastMCP } from "fastmcp";
const server = new FastMCP(${options});
server.start(${start});
`;
const framework = (transport: string) => `import { MCPServer } from "mcp-framework";
const server = new MCPServer({ transport: ${transport} });
await server.start();
`;

const invalid = [
  both({
    name: "FastMCP httpStream with default CORS and no authentication",
    code: fast(`{ name: "s", version: "1.0.0" }`, `{ transportType: "httpStream", httpStream: { port: 8080 } }`),
    errors: [err("frameworkDefault", `transportType: «"httpStream"»`, "FastMCP httpStream")],
  }),
  both({
    name: "FastMCP httpStream with cors: true and no authentication",
    code: fast(`{ name: "s", version: "1.0.0" }`, `{ transportType: "httpStream", httpStream: { port: 8080, cors: true } }`),
    errors: [err("frameworkDefault", `transportType: «"httpStream"»`, "FastMCP httpStream")],
  }),
  both({
    name: "mcp-framework http-stream with default CORS and no auth",
    code: framework(`{ type: "http-stream", options: { port: 8080 } }`),
    errors: [err("frameworkDefault", `type: «"http-stream"»`, "mcp-framework http-stream")],
  }),
  both({
    name: "mcp-framework sse with allowOrigin *",
    code: framework(`{ type: "sse", options: { cors: { allowOrigin: "*" } } }`),
    errors: [err("frameworkDefault", `type: «"sse"»`, "mcp-framework sse")],
  }),
  both({ name: "express cors() with no options", code: express("app.use(cors());"), errors: [err("defaultOrigin", "«cors()»", "cors()")] }),
  both({
    name: "express cors with options but no origin",
    code: express(`app.use(cors({ exposedHeaders: ["Mcp-Session-Id"] }));`),
    errors: [err("defaultOrigin", `cors({ exposedHeaders: ["Mcp-Session-Id"] })`, "cors()")],
  }),
  both({ name: "express cors origin *", code: express(`app.use(cors({ origin: "*" }));`), errors: [err("anyOrigin", `«"*"»`, `origin: "*"`)] }),
  both({
    name: "express cors origin true with credentials",
    code: express(`app.use(cors({ origin: true, credentials: true }));`),
    errors: [err("reflectedOrigin", "origin: «true»", "origin: true")],
  }),
  both({
    name: "express cors origin callback accepting everything",
    code: express(`app.use(cors({ origin: (origin, callback) => callback(null, true) }));`),
    errors: [err("reflectedOrigin", "(origin, callback) => callback(null, true)", "an origin callback that accepts every origin")],
  }),
  both({
    name: "express cors origin callback echoing the origin, through a const",
    code: express(`const corsOptions = { origin(origin, cb) { cb(null, origin); } };\napp.use(cors(corsOptions));`),
    errors: [err("reflectedOrigin", "origin«(origin, cb) { cb(null, origin); }»", "an origin callback that accepts every origin")],
  }),
  both({
    name: "setHeader Access-Control-Allow-Origin *",
    code: express(`app.use((req, res, next) => { res.setHeader("Access-Control-Allow-Origin", "*"); next(); });`),
    errors: [err("anyOrigin", `«"*"»`, `Access-Control-Allow-Origin: "*"`)],
  }),
  both({
    name: "res.header reflecting req.headers.origin",
    code: express(`app.use((req, res, next) => { res.header("access-control-allow-origin", req.headers.origin); next(); });`),
    errors: [err("reflectedOrigin", "req.headers.origin", "Access-Control-Allow-Origin set to the request's Origin")],
  }),
  both({
    name: "node:http writeHead with * ",
    code: `${NODE}createServer((req, res) => {\n  res.writeHead(200, { "Access-Control-Allow-Origin": '*' });\n  transport.handleRequest(req, res);\n}).listen(3000, "127.0.0.1");\n`,
    errors: [err("anyOrigin", `«'*'»`, `Access-Control-Allow-Origin: '*'`)],
  }),
  both({
    name: "node:http reflecting through a variable",
    code: `${NODE}createServer((req, res) => {\n  const origin = req.headers.origin;\n  res.setHeader("Access-Control-Allow-Origin", origin ?? "*");\n  transport.handleRequest(req, res);\n}).listen(3000, "127.0.0.1");\n`,
    errors: [err("reflectedOrigin", `origin ?? "*"`, "Access-Control-Allow-Origin set to the request's Origin")],
  }),
  both({ name: "Hono cors() default", code: `${HONO}app.use("/mcp", cors());\n`, errors: [err("defaultOrigin", "«cors()»", "cors()")] }),
  both({
    name: "Hono cors origin function returning the origin",
    code: `${HONO}app.use("/mcp", cors({ origin: (origin) => origin }));\n`,
    errors: [err("reflectedOrigin", "(origin) => origin", "an origin callback that accepts every origin")],
  }),
  bothCjs({ name: "CommonJS cors()", code: `${CJS}app.use(cors());\n`, errors: [err("defaultOrigin", "«cors()»", "cors()")] }),
];

const valid = [
  both({
    name: "FastMCP httpStream with authentication",
    code: fast(`{ name: "s", version: "1.0.0", authenticate: async (req) => (req.headers["x-api-key"] === process.env.API_KEY ? { id: 1 } : undefined) }`, `{ transportType: "httpStream" }`),
  }),
  both({ name: "FastMCP httpStream with cors off", code: fast(`{ name: "s", version: "1.0.0" }`, `{ transportType: "httpStream", httpStream: { port: 8080, cors: false } }`) }),
  both({ name: "FastMCP stdio", code: fast(`{ name: "s", version: "1.0.0" }`, `{ transportType: "stdio" }`) }),
  both({ name: "FastMCP options from elsewhere", code: `import { FastMCP } from "fastmcp";\nexport function run(server) { server.start({ transportType: "httpStream" }); }\n` }),
  both({ name: "mcp-framework http-stream with allowed origins", code: framework(`{ type: "http-stream", options: { cors: { allowedOrigins: ["https://app.example.com"] } } }`) }),
  both({
    name: "mcp-framework http-stream with auth",
    code: `import { MCPServer, APIKeyAuthProvider } from "mcp-framework";
const provider = new APIKeyAuthProvider({ keys: [process.env.API_KEY] });
const server = new MCPServer({ transport: { type: "http-stream", options: { auth: { provider } } } });
await server.start();
`,
  }),
  both({
    name: "mcp-framework http-stream with auth on the transport (not in its options)",
    code: `import { MCPServer, APIKeyAuthProvider } from "mcp-framework";
const provider = new APIKeyAuthProvider({ keys: [process.env.API_KEY] });
const server = new MCPServer({ transport: { type: "http-stream", auth: { provider }, options: { port: 8080 } } });
await server.start();
`,
  }),
  both({
    name: "mcp-framework http-stream with auth on the server",
    code: `import { MCPServer, APIKeyAuthProvider } from "mcp-framework";
const server = new MCPServer({ auth: { provider: new APIKeyAuthProvider({ keys: [process.env.API_KEY] }) }, transport: { type: "http-stream" } });
await server.start();
`,
  }),
  both({ name: "mcp-framework stdio", code: framework(`{ type: "stdio" }`) }),
  both({ name: "express cors with an allowlist", code: express(`app.use(cors({ origin: ["https://app.example.com"] }));`) }),
  both({ name: "express cors with one origin", code: express(`app.use(cors({ origin: "https://app.example.com" }));`) }),
  both({
    name: "express cors callback that checks",
    code: express(`const allowed = new Set(["https://app.example.com"]);
app.use(cors({ origin: (origin, cb) => { if (!origin || allowed.has(origin)) cb(null, true); else cb(new Error("origin not allowed")); } }));`),
  }),
  both({ name: "express cors origin false", code: express(`app.use(cors({ origin: false }));`) }),
  both({
    name: "reflecting after an allowlist check",
    code: express(`const ALLOWED = ["https://app.example.com"];
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin && ALLOWED.includes(origin)) res.setHeader("Access-Control-Allow-Origin", origin);
  next();
});`),
  }),
  both({ name: "a fixed allowed origin header", code: express(`app.use((req, res, next) => { res.set("Access-Control-Allow-Origin", "https://app.example.com"); next(); });`) }),
  both({ name: "Hono cors with an allowlist", code: `${HONO}app.use("/mcp", cors({ origin: ["https://app.example.com"] }));\n` }),
  both({
    name: "not an MCP HTTP module",
    code: `import express from "express";\nimport cors from "cors";\nconst app = express();\napp.use(cors());\napp.listen(3000, "127.0.0.1");\n`,
  }),
  ts({
    name: "odd input",
    code: `${EXPRESS}app.use(cors(...([] as [])));\napp.use(cors({ ...opts }));\nres.setHeader();\ndeclare const opts: object;\ndeclare const res: { setHeader(...a: unknown[]): void };\n`,
  }),
];

runRuleTests("no-permissive-cors", rule, { valid, invalid });
