import rule from "../../src/rules/no-token-passthrough.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, v1, v1Cjs, v2 } from "../utils/shapes.js";

type MessageIds = "tokenPassthrough" | "headersPassthrough";

const pass = (at: string, source: string, name: string, sink: string): ExpectedError<MessageIds> => ({
  messageId: "tokenPassthrough",
  at,
  data: { source, name, sink },
});

const spreadAll = (at: string, source: string, sink: string): ExpectedError<MessageIds> => ({ messageId: "headersPassthrough", at, data: { source, sink } });

const OK = `return { content: [{ type: "text", text: "ok" }] };`;

const invalid = [
  both({
    name: "v1 tool handler: extra.authInfo.token in fetch Authorization",
    code: v1(
      "",
      `server.registerTool("issues", { inputSchema: { repo: z.string() } }, async ({ repo }, extra) => {
  const res = await fetch(\`https://api.github.com/repos/\${repo}/issues\`, {
    headers: { Authorization: \`Bearer \${extra.authInfo.token}\`, Accept: "application/json" },
  });
  ${OK}
});
`,
    ),
    errors: [pass("`Bearer ${extra.authInfo.token}`", "extra.authInfo.token", '"Authorization"', "fetch()")],
  }),
  ts({
    name: "v2: ctx.http?.authInfo?.token through a const and a same-file helper, axios headers",
    code: v2(
      `import axios from "axios";`,
      `async function callUpstream(path: string, token: string) {
  return axios.get(\`https://upstream.example.com\${path}\`, { headers: { authorization: "Bearer " + token } });
}
server.registerTool("me", { inputSchema: z.object({}) }, async (_args, ctx) => {
  const token = ctx.http?.authInfo?.token;
  await callUpstream("/me", token!);
  ${OK}
});
`,
    ),
    errors: [pass(`"Bearer " + token`, "ctx.http?.authInfo?.token", '"authorization"', "axios.get()")],
  }),
  bothCjs({
    name: "Express proxy: req.headers.authorization, destructured, and all request headers spread",
    code: v1Cjs(
      `const express = require("express");`,
      `const app = express();
app.post("/mcp", async (req, res) => {
  const { authorization } = req.headers;
  await fetch("https://upstream.example.com/a", { method: "POST", headers: { Authorization: authorization } });
  await fetch("https://upstream.example.com/b", { headers: { ...req.headers, host: "upstream.example.com" } });
  await fetch("https://upstream.example.com/c", { headers: req.headers });
});
`,
    ),
    errors: [
      pass("Authorization: «authorization»", "authorization", '"Authorization"', "fetch()"),
      spreadAll("...req.headers", "req.headers", "fetch()"),
      spreadAll("headers: «req.headers» }", "req.headers", "fetch()"),
    ],
  }),
  both({
    name: "Hono: c.req.header('authorization') with split(' ')[1], new Headers, options in a const",
    code: v2(
      `import { Hono } from "hono";`,
      `const app = new Hono();
app.all("/mcp", async (c) => {
  const bearer = c.req.header("authorization").split(" ")[1];
  const init = { headers: new Headers({ "X-Upstream-Token": bearer }) };
  await fetch("https://upstream.example.com", init);
  return c.text("ok");
});
`,
    ),
    errors: [pass(`"X-Upstream-Token": «bearer»`, `c.req.header("authorization")`, '"X-Upstream-Token"', "fetch()")],
  }),
  both({
    name: "Express middleware: req.auth.token to Octokit",
    code: v1(
      `import { Octokit } from "@octokit/rest";`,
      `export function withGitHub(req, res, next) {
  req.octokit = new Octokit({ auth: req.auth.token });
  next();
}
`,
    ),
    errors: [pass("req.auth.token", "req.auth.token", '"auth"', "new Octokit()")],
  }),
  ts({
    name: "mcp-framework getRequestContext().token",
    code: `import { MCPTool, getRequestContext } from "mcp-framework";
import { z } from "zod";
class Repos extends MCPTool {
  name = "repos";
  description = "List repos";
  schema = z.object({});
  async execute() {
    const context = getRequestContext();
    const res = await fetch("https://api.example.com/repos", { headers: { Authorization: \`Bearer \${context.token}\` } });
    return res.json();
  }
}
export default Repos;
`,
    errors: [pass("`Bearer ${context.token}`", "context.token", '"Authorization"', "fetch()")],
  }),
  both({
    name: "FastMCP: the Authorization header kept in the session by authenticate, read by a tool",
    code: fastmcp(
      "",
      `const secured = new FastMCP({
  name: "secured",
  version: "1.0.0",
  authenticate: async (request) => {
    const header = request.headers["authorization"];
    if (!header) throw new Response(null, { status: 401 });
    return { userId: "u", accessToken: header.replace("Bearer ", "") };
  },
});
secured.addTool({
  name: "profile",
  parameters: z.object({}),
  execute: async (args, { session }) => {
    const res = await fetch("https://upstream.example.com/me", { headers: { Authorization: \`Bearer \${session.accessToken}\` } });
    return res.text();
  },
});
`,
    ),
    errors: [pass("`Bearer ${session.accessToken}`", "session.accessToken", '"Authorization"', "fetch()")],
  }),
];

const valid = [
  both({
    name: "FastMCP: the session holds a user id from the token, not the token",
    code: fastmcp(
      "",
      `const secured = new FastMCP({
  name: "secured",
  version: "1.0.0",
  authenticate: async (request) => ({ userId: await lookupUser(request.headers.authorization) }),
});
secured.addTool({
  name: "profile",
  parameters: z.object({}),
  execute: async (args, { session }) => {
    const res = await fetch("https://upstream.example.com/users/" + session.userId, { headers: { Authorization: \`Bearer \${process.env.UPSTREAM_TOKEN}\` } });
    return res.text();
  },
});
`,
    ),
  }),
  both({
    name: "the server's own credential, a token from an exchange, the session id",
    code: v1(
      `import { exchangeToken } from "./oauth.js";`,
      `server.registerTool("issues", { inputSchema: { repo: z.string() } }, async ({ repo }, extra) => {
  await fetch("https://api.github.com/a", { headers: { Authorization: \`Bearer \${process.env.GITHUB_TOKEN}\` } });
  const upstream = await exchangeToken(extra.authInfo.token);
  await fetch("https://api.github.com/b", { headers: { Authorization: \`Bearer \${upstream.access_token}\`, "Mcp-Session-Id": extra.sessionId } });
  ${OK}
});
`,
    ),
  }),
  both({
    name: "server config under auth.token, response headers, selected request headers",
    code: fastmcp(
      "",
      `const config = { auth: { token: process.env.API_TOKEN } };
export async function handler(req, res) {
  await fetch("https://upstream.example.com", { headers: { Authorization: config.auth.token, "User-Agent": req.headers["user-agent"] } });
  res.writeHead(200, { Authorization: req.headers.authorization });
  return new Response("x", { headers: { ...req.headers } });
}
`,
    ),
  }),
  both({
    name: "wrappers around fetch: headers and authorization of an options parameter",
    code: v1(
      "",
      `export async function request(url, options) {
  return fetch(url, { headers: { ...options.headers, authorization: options.headers.authorization } });
}
export async function get(url, init) {
  return fetch(url, { headers: init.headers });
}
`,
    ),
  }),
  both({
    name: "odd input: computed headers, spreads of other objects, no arguments",
    code: v1(
      "",
      `fetch();
fetch(url, { headers });
fetch(url, { headers: { [name]: value, ...defaults } });
new Octokit();
`,
    ),
  }),
];

runRuleTests("no-token-passthrough", rule, { valid, invalid });
