import rule from "../../src/rules/require-tool-scope-check.js";
import { both, bothCjs, js, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";

type MessageIds = "unscopedDestructiveTool";

const err = (at: string, tool: string, what: string): ExpectedError<MessageIds> => ({ messageId: "unscopedDestructiveTool", at, data: { tool, what } });

const V1 = `import express from "express";
import { rm } from "node:fs/promises";
import { z } from "zod";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { verifier } from "./auth.js";
const app = express();
app.use("/mcp", requireBearerAuth({ verifier, expectedResource: new URL("https://mcp.example.com/mcp") }));
const server = new McpServer({ name: "files", version: "1.0.0" });
`;

const V2 = `import { McpServer, requireBearerAuth, requireScopes } from "@modelcontextprotocol/server";
import { execFile } from "node:child_process";
import * as z from "zod";
import { verifier } from "./auth.js";
const gate = requireBearerAuth({ verifier });
const server = new McpServer({ name: "ops", version: "1.0.0" });
`;

const FAST = `import { FastMCP } from "fastmcp";
import { unlink } from "node:fs/promises";
import { z } from "zod";
const server = new FastMCP({
  name: "files",
  version: "1.0.0",
  authenticate: async (request) => verify(request.headers.authorization),
});
`;

const DELETE_WORDS = (line: number, call = "rm()") => `deletes data (${call} at line ${line})`;

const invalid = [
  both({
    name: "v1 registerTool deleting a file on a bearer-authenticated server",
    code: `${V1}server.registerTool("delete_file", { inputSchema: { path: z.string() } }, async ({ path }) => {
  await rm(path);
  return { content: [{ type: "text", text: "deleted" }] };
});
`,
    errors: [err(`"delete_file"`, `tool "delete_file"`, DELETE_WORDS(11))],
  }),
  both({
    name: "v1 tool() annotated destructiveHint: true, handler reads authInfo.token only for logging",
    code: `${V1}import { purge } from "./store.js";
server.tool("purge", "Purge the store", {}, { destructiveHint: true }, async (args, extra) => {
  console.error("purge by", extra.authInfo?.clientId);
  await purge();
  return { content: [] };
});
`,
    errors: [err(`"purge"`, `tool "purge"`, "is annotated destructiveHint: true")],
  }),
  both({
    name: "v2 registerTool running a command, fetch gate with empty requiredScopes",
    code: `${V2.replace("requireBearerAuth({ verifier })", "requireBearerAuth({ verifier, requiredScopes: [] })")}server.registerTool("run", { inputSchema: z.object({ cmd: z.string() }) }, async ({ cmd }, ctx) => {
  execFile(cmd);
  return { content: [] };
});
`,
    errors: [err(`"run"`, `tool "run"`, "runs a command chosen at run time (execFile() at line 8)")],
  }),
  both({
    name: "FastMCP addTool deleting a file, authenticate configured",
    code: `${FAST}server.addTool({
  name: "delete_note",
  parameters: z.object({ path: z.string() }),
  execute: async ({ path }) => {
    await unlink(path);
    return "ok";
  },
});
`,
    errors: [err(`"delete_note"`, `tool "delete_note"`, DELETE_WORDS(13, "unlink()"))],
  }),
  bothCjs({
    name: "CommonJS v1 with a same-file helper that deletes",
    code: `const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { requireBearerAuth } = require("@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js");
const fs = require("node:fs");
const auth = requireBearerAuth({ verifier: require("./auth").verifier });
const server = new McpServer({ name: "files", version: "1.0.0" });
function removeAll(dir) {
  fs.rmSync(dir, { recursive: true });
}
server.registerTool("clear", { description: "Clear a folder" }, async (args) => {
  removeAll(args.dir);
  return { content: [] };
});
`,
    errors: [err(`"clear"`, `tool "clear"`, "deletes data (fs.rmSync() at line 7)")],
  }),
  ts({
    name: "mcp-framework server with an auth provider and a destructive tool class in the same file",
    code: `import { MCPServer, MCPTool, APIKeyAuthProvider } from "mcp-framework";
import { unlink } from "node:fs/promises";
import { z } from "zod";
class DeleteTool extends MCPTool {
  name = "delete";
  description = "Delete a file";
  schema = z.object({ path: z.string() });
  async execute(input: { path: string }) {
    await unlink(input.path);
    return "ok";
  }
}
const server = new MCPServer({ transport: { type: "http-stream", options: { auth: { provider: new APIKeyAuthProvider({ keys: [process.env.KEY!] }) } } } });
await server.start();
`,
    errors: [err("DeleteTool", `tool "delete"`, DELETE_WORDS(9, "unlink()"))],
  }),
  ts({
    name: "mcp-framework server with the auth provider on the transport itself",
    code: `import { MCPServer, MCPTool, APIKeyAuthProvider } from "mcp-framework";
import { unlink } from "node:fs/promises";
import { z } from "zod";
class DeleteTool extends MCPTool {
  name = "delete";
  description = "Delete a file";
  schema = z.object({ path: z.string() });
  async execute(input: { path: string }) {
    await unlink(input.path);
    return "ok";
  }
}
const server = new MCPServer({ transport: { type: "http-stream", auth: { provider: new APIKeyAuthProvider({ keys: [process.env.KEY!] }) } } });
await server.start();
`,
    errors: [err("DeleteTool", `tool "delete"`, DELETE_WORDS(9, "unlink()"))],
  }),
  ts({
    name: "v1 low-level tools/call handler that deletes rows",
    code: `import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { db, verifier } from "./deps.js";
export const auth = requireBearerAuth({ verifier });
const server = new Server({ name: "db", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  if (request.params.name === "drop") {
    await db.query("DELETE FROM items WHERE id = $1", [request.params.arguments?.id]);
  }
  return { content: [] };
});
`,
    errors: [err("server.setRequestHandler(«CallToolRequestSchema»", "tools/call handler", "deletes data (db.query() at line 9)")],
  }),
];

const valid = [
  both({
    name: "v1 tool checking extra.authInfo.scopes",
    code: `${V1}server.registerTool("delete_file", { inputSchema: { path: z.string() } }, async ({ path }, extra) => {
  if (!extra.authInfo?.scopes.includes("files:write")) throw new Error("insufficient_scope");
  await rm(path);
  return { content: [] };
});
`,
  }),
  both({
    name: "v1 tool calling a hasScope helper",
    code: `${V1}import { hasScope } from "./scopes.js";
server.registerTool("delete_file", { inputSchema: { path: z.string() } }, async ({ path }, extra) => {
  if (!hasScope(extra, "files:write")) return { isError: true, content: [] };
  await rm(path);
  return { content: [] };
});
`,
  }),
  both({
    name: "v1 tool handing its context to a helper of another module",
    code: `${V1}import { authorizeOrThrow } from "./guard.js";
import { audit } from "./audit.js";
server.registerTool("delete_file", { inputSchema: { path: z.string() } }, async ({ path }, extra) => {
  await audit(extra);
  await rm(path);
  return { content: [] };
});
`,
  }),
  both({
    name: "v2 scopeChallenge",
    code: `${V2}server.registerTool("run", { inputSchema: z.object({ cmd: z.string() }), scopeChallenge: requireScopes("ops:exec") }, async ({ cmd }) => {
  execFile(cmd);
  return { content: [] };
});
`,
  }),
  both({
    name: "v2 ctx.http.authInfo.scopes",
    code: `${V2}server.registerTool("run", { inputSchema: z.object({ cmd: z.string() }) }, async ({ cmd }, ctx) => {
  const scopes = ctx.http?.authInfo?.scopes ?? [];
  if (!scopes.includes("ops:exec")) throw new Error("forbidden");
  execFile(cmd);
  return { content: [] };
});
`,
  }),
  both({
    name: "FastMCP canAccess",
    code: `${FAST}server.addTool({
  name: "delete_note",
  canAccess: (auth) => auth?.role === "admin",
  parameters: z.object({ path: z.string() }),
  execute: async ({ path }) => {
    await unlink(path);
    return "ok";
  },
});
`,
  }),
  both({
    name: "FastMCP handler reading the session role",
    code: `${FAST}server.addTool({
  name: "delete_note",
  parameters: z.object({ path: z.string() }),
  execute: async ({ path }, { session }) => {
    if (session?.role !== "admin") throw new Error("forbidden");
    await unlink(path);
    return "ok";
  },
});
`,
  }),
  both({
    name: "no authentication in this file",
    code: `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { rm } from "node:fs/promises";
const server = new McpServer({ name: "files", version: "1.0.0" });
server.registerTool("delete_file", {}, async ({ path }) => {
  await rm(path);
  return { content: [] };
});
`,
  }),
  both({
    name: "every request needs a scope (requiredScopes)",
    code: `${V1.replace("verifier, expectedResource", 'verifier, requiredScopes: ["files:write"], expectedResource')}server.registerTool("delete_file", {}, async ({ path }) => {
  await rm(path);
  return { content: [] };
});
`,
  }),
  both({
    name: "read-only tool on an authenticated server",
    code: `${V1}import { readFile } from "node:fs/promises";
server.registerTool("read_file", { annotations: { readOnlyHint: true } }, async ({ path }) => {
  return { content: [{ type: "text", text: await readFile(path, "utf8") }] };
});
`,
  }),
  both({
    name: "FastMCP tool acting upstream with the caller's own credentials (a same-file helper given the session)",
    code: `${FAST}async function apiRequest(session, path, method) {
  return fetch("https://api.example.com" + path, { method, headers: { authorization: "Bearer " + session.apiKey } });
}
server.addTool({
  name: "delete_monitor",
  annotations: { destructiveHint: true },
  execute: async ({ id }, { session }) => {
    await apiRequest(session, "/monitors/" + id, "DELETE");
    return "ok";
  },
});
`,
  }),
  js({
    name: "FastMCP without authentication",
    code: `import { FastMCP } from "fastmcp";
import { unlink } from "node:fs/promises";
const server = new FastMCP({ name: "files", version: "1.0.0" });
server.addTool({ name: "delete_note", execute: async ({ path }) => { await unlink(path); return "ok"; } });
`,
  }),
];

runRuleTests("require-tool-scope-check", rule, { valid, invalid });
