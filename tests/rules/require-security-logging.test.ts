import rule from "../../src/rules/require-security-logging.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, v1, v1Cjs, v2 } from "../utils/shapes.js";

type MessageIds = "unloggedAuthFailure" | "swallowedError";

const auth = (at: string, fn: string, how: string, nth?: number): ExpectedError<MessageIds> => ({ messageId: "unloggedAuthFailure", at, nth, data: { fn, how } });
const swallowed = (handler: string, nth = 0): ExpectedError<MessageIds> => ({ messageId: "swallowedError", at: "catch", nth, data: { handler } });

const OK = `return { content: [{ type: "text", text: "ok" }] };`;

const invalid = [
  both({
    name: "SDK v1 verifyAccessToken throws InvalidTokenError without logging",
    code: v1(
      `import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { InvalidTokenError } from "@modelcontextprotocol/sdk/server/auth/errors.js";
import jwt from "jsonwebtoken";`,
      `const verifier = {
  async verifyAccessToken(token) {
    try {
      const claims = jwt.verify(token, process.env.JWT_KEY, { audience: "mcp", issuer: "https://auth" });
      return { token, clientId: claims.sub, scopes: [], expiresAt: claims.exp };
    } catch {
      throw new InvalidTokenError("invalid token");
    }
  },
};
requireBearerAuth({ verifier });
`,
    ),
    errors: [auth(`throw new InvalidTokenError("invalid token");`, "verifyAccessToken", "throws")],
  }),
  both({
    name: "FastMCP authenticate throws a 401 Response and returns undefined",
    code: fastmcp(
      "",
      `const auth = new FastMCP({
  name: "s",
  version: "1.0.0",
  authenticate: async (request) => {
    if (!request) return undefined;
    const key = request.headers["x-api-key"];
    if (!key) return undefined;
    if (key !== process.env.API_KEY) {
      throw new Response(null, { status: 401, statusText: "Unauthorized" });
    }
    return { id: "user" };
  },
});
`,
    ),
    errors: [
      auth("if (!key) «return undefined;»", "authenticate", "returns undefined"),
      auth(`throw new Response(null, { status: 401, statusText: "Unauthorized" });`, "authenticate", "throws"),
    ],
  }),
  bothCjs({
    name: "Express bearer middleware answers 401 without logging; named verifyToken helper throws",
    code: v1Cjs(
      `const express = require("express");
const jwt = require("jsonwebtoken");`,
      `function verifyToken(token) {
  if (!token) throw new Error("missing token");
  return jwt.verify(token, process.env.KEY, { audience: "mcp", issuer: "https://a" });
}
const app = express();
app.use((req, res, next) => {
  if (req.headers.authorization !== "Bearer " + process.env.TOKEN) {
    return res.status(401).json({ error: "unauthorized" });
  }
  next();
});
`,
    ),
    errors: [
      auth(`throw new Error("missing token");`, "verifyToken", "throws"),
      auth(`return «res.status(401)».json`, "this function", "answers 401"),
    ],
  }),
  ts({
    name: "mcp-framework auth provider: authenticate returns false",
    code: `import { MCPServer, type AuthProvider } from "mcp-framework";
import type { IncomingMessage } from "node:http";

class KeyAuth implements AuthProvider {
  async authenticate(req: IncomingMessage): Promise<boolean> {
    return req.headers["x-api-key"] === process.env.API_KEY ? true : false;
  }
  getAuthError() { return { status: 401, message: "Unauthorized" }; }
}
class StrictAuth implements AuthProvider {
  async authenticate(req: IncomingMessage) {
    if (req.headers["x-api-key"] !== process.env.API_KEY) return false;
    return { data: {} };
  }
}
new MCPServer({ transport: { type: "http-stream", options: { auth: { provider: new StrictAuth() } } } });
`,
    errors: [auth("return false;", "authenticate", "returns false")],
  }),
  both({
    name: "tool handlers whose catch swallows the error (SDK v1, empty catch, fallback result)",
    code: v1(
      `import fs from "node:fs/promises";`,
      `server.registerTool("read", { inputSchema: { path: z.string() } }, async ({ path }) => {
  try {
    const text = await fs.readFile(path, "utf8");
    return { content: [{ type: "text", text }] };
  } catch {
    return { content: [{ type: "text", text: "Not found" }] };
  }
});
server.tool("stat", { path: z.string() }, async ({ path }) => {
  let size = 0;
  try {
    size = (await fs.stat(path)).size;
  } catch (e) {}
  return { content: [{ type: "text", text: String(size) }] };
});
`,
    ),
    errors: [swallowed(`tool "read"`, 0), swallowed(`tool "stat"`, 1)],
  }),
  ts({
    name: "SDK v2, FastMCP and low-level handlers with swallowing catches",
    code: v2(
      `import { FastMCP } from "fastmcp";
import { CallToolRequestSchema } from "@modelcontextprotocol/sdk/types.js";
const fast = new FastMCP({ name: "f", version: "1.0.0" });`,
      `server.registerTool("ping", { inputSchema: z.object({ host: z.string() }) }, async ({ host }) => {
  try { await fetch("https://" + host); } catch { return { content: [{ type: "text", text: "down" }] }; }
  ${OK}
});
fast.addTool({
  name: "run",
  parameters: z.object({ cmd: z.string() }),
  execute: async ({ cmd }) => {
    try { return await doIt(cmd); } catch (error) { return "failed"; }
  },
});
server.server.setRequestHandler(CallToolRequestSchema, async (request) => {
  try { return await dispatch(request.params.arguments); } catch { return { content: [] }; }
});
`,
    ),
    errors: [swallowed(`tool "ping"`, 0), swallowed(`tool "run"`, 1), swallowed("tools/call handler", 2)],
  }),
  both({
    name: "mcp-framework tool whose execute swallows",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";

export default class Fetcher extends MCPTool {
  name = "fetcher";
  description = "Fetch";
  schema = z.object({ url: z.string() });
  async execute(input) {
    try {
      return await (await fetch(input.url)).text();
    } catch {
      return "";
    }
  }
}
`,
    errors: [swallowed(`tool "fetcher"`)],
  }),
];

const extraInvalid = [
  both({
    name: "a parse of a file read in the try block is I/O, not a parse fallback",
    code: v1(
      `import fs from "node:fs";`,
      `server.registerTool("config", { inputSchema: { p: z.string() } }, async ({ p }) => {
  let parsed = {};
  try { parsed = JSON.parse(fs.readFileSync(p, "utf8")); } catch { parsed = {}; }
  return { content: [{ type: "text", text: JSON.stringify(parsed) }] };
});
`,
    ),
    errors: [swallowed(`tool "config"`)],
  }),
  ts({
    name: "Hono route answers 401 with c.json, v2 imports",
    code: `import { Hono } from "hono";
import { McpServer } from "@modelcontextprotocol/server";

const app = new Hono();
app.use("/mcp", async (c, next) => {
  if (c.req.header("authorization") !== \`Bearer \${process.env.MCP_TOKEN}\`) {
    return c.json({ error: "unauthorized" }, 401);
  }
  await next();
});
`,
    errors: [auth(`c.json({ error: "unauthorized" }, 401)`, "this function", "answers 401")],
  }),
];

const valid = [
  both({
    name: "FastMCP context.log, mcp-framework this.log and Sentry count as recording the error",
    code: fastmcp(
      `import * as Sentry from "@sentry/node";`,
      `server.addTool({
  name: "a",
  parameters: z.object({}),
  execute: async (args, { log }) => {
    try { return await run(); } catch { log.error("run failed"); return "failed"; }
  },
});
server.addTool({
  name: "b",
  parameters: z.object({}),
  execute: async () => {
    try { return await run(); } catch { Sentry.captureMessage("run failed"); return "failed"; }
  },
});
`,
    ),
  }),
  both({
    name: "verifiers that log before rejecting",
    code: v1(
      `import { InvalidTokenError } from "@modelcontextprotocol/sdk/server/auth/errors.js";
import jwt from "jsonwebtoken";
import pino from "pino";
const logger = pino();`,
      `const verifier = {
  async verifyAccessToken(token) {
    try {
      const claims = jwt.verify(token, process.env.JWT_KEY, { audience: "mcp", issuer: "https://auth" });
      return { token, clientId: claims.sub, scopes: [], expiresAt: claims.exp };
    } catch (error) {
      logger.warn({ reason: error.message }, "token rejected");
      throw new InvalidTokenError("invalid token");
    }
  },
};
const fast = {
  authenticate: async (request) => {
    const key = request.headers["x-api-key"];
    if (key !== process.env.API_KEY) {
      console.error("auth failed from", request.socket.remoteAddress);
      throw new Response(null, { status: 401 });
    }
    return { id: "user" };
  },
};
function verifyToken(token) {
  auditLog("auth.failure");
  if (!token) throw new Error("missing token");
  return jwt.verify(token, process.env.KEY, { audience: "mcp", issuer: "https://a" });
}
`,
    ),
  }),
  both({
    name: "functions that are not credential verifiers, and 401 responses that are logged",
    code: v1(
      `import express from "express";`,
      `function verifyPath(p) { if (p.includes("..")) throw new Error("bad path"); return p; }
function authenticateHelper() { return 1; }
function createUnauthorizedResponse(message) { return new Response(JSON.stringify({ message }), { status: 401 }); }
const app = express();
app.use((req, res, next) => {
  if (!req.headers.authorization) {
    console.warn("missing credentials", req.ip);
    return res.status(401).end();
  }
  next();
});
app.get("/health", (req, res) => res.status(200).json({ ok: true }));
`,
    ),
  }),
  both({
    name: "catches that log, rethrow, use the error, return isError, or document the choice",
    code: v1(
      `import fs from "node:fs/promises";`,
      `server.registerTool("a", { inputSchema: { p: z.string() } }, async ({ p }) => {
  try { await fs.readFile(p); } catch (e) { console.error("read failed", e); }
  try { await fs.readFile(p); } catch { throw new Error("read failed"); }
  try { await fs.readFile(p); } catch (e) { return { content: [{ type: "text", text: \`failed: \${e.message}\` }] }; }
  try { await fs.readFile(p); } catch { return { isError: true, content: [{ type: "text", text: "read failed" }] }; }
  try { await fs.readFile(p); } catch { return errorResult("read failed"); }
  try { await fs.unlink(p + ".tmp"); } catch { /* the temporary file may not exist */ }
  let parsed;
  try { parsed = JSON.parse(p); } catch { parsed = { raw: p }; }
  try { parsed = new URL(p).hostname; } catch { parsed = null; }
  try { return format(JSON.parse(p)); } catch { parsed = p; }
  ${OK}
});
try { JSON.parse("{"); } catch {}
`,
    ),
  }),
];

runRuleTests("require-security-logging", rule, { valid, invalid: [...invalid, ...extraInvalid] });
