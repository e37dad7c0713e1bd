import rule from "../../src/rules/no-secrets-in-logs.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, v1, v1Cjs, v2 } from "../utils/shapes.js";

type MessageIds = "secretInLog" | "secretToClient";

const WHAT = {
  clientToken: (source: string) => `the access token the MCP client sent (${source})`,
  headers: (source: string) => `every header of the incoming request (${source}), Authorization and Cookie among them`,
  envSecret: (name: string) => `the secret environment variable ${name}`,
  env: () => "the whole environment (process.env), API keys and tokens among it",
  named: (name: string) => `a secret (${name})`,
};

const log = (at: string, secret: string, what: string, logger: string, nth?: number): ExpectedError<MessageIds> => ({
  messageId: "secretInLog",
  at,
  nth,
  data: { secret, what, logger },
});
const client = (at: string, secret: string, what: string, logger: string): ExpectedError<MessageIds> => ({
  messageId: "secretToClient",
  at,
  data: { secret, what, logger },
});

const OK = `return { content: [{ type: "text", text: "ok" }] };`;

/** Object literal members whose value is a secret, or cannot be judged (a call): still reported. */
const literalMembers = v1(
  "",
  `const config = { apiKey: process.env.API_KEY, token: await fetchToken(), sessionSecret };
console.log("key", config.apiKey);
console.log("token", config.token);
console.log("secret", config.sessionSecret);
const creds = { password: "" };
creds.password = await readPassword();
console.log("password", creds.password);
const settings = { token: "" };
load(settings);
console.log("token", settings.token);
console.log("access", idTokens.accessToken);
console.log("db", source.password);
const base = { apiKey: "" };
const copy = base;
base.apiKey = await readKey();
console.log("key", copy.apiKey);
`,
);

const invalid = [
  both({
    name: "members of a const object literal: a secret value, a value computed by a call, a secret variable",
    code: literalMembers,
    errors: [
      log("config.apiKey", "config.apiKey", WHAT.envSecret("API_KEY"), "console.log()"),
      log("config.token", "config.token", WHAT.named("token"), "console.log()"),
      log("config.sessionSecret", "config.sessionSecret", WHAT.named("sessionSecret"), "console.log()"),
      // Written after its creation: the literal does not say what it holds.
      log("creds.password", "creds.password", WHAT.named("password"), "console.log()", 1),
      // Handed to a function that may fill it in.
      log("settings.token", "settings.token", WHAT.named("token"), "console.log()"),
      // `idTokens` holds tokens, not ids.
      log("idTokens.accessToken", "idTokens.accessToken", WHAT.named("accessToken"), "console.log()"),
      // A record named in the singular (a data source), not a catalogue.
      log("source.password", "source.password", WHAT.named("password"), "console.log()"),
      // Another name for an object written after its creation: judged by the name.
      log("copy.apiKey", "copy.apiKey", WHAT.named("apiKey"), "console.log()"),
    ],
  }),
  both({
    name: "v1 tool handler logs extra.authInfo.token",
    code: v1(
      "",
      `server.registerTool("me", { inputSchema: { q: z.string() } }, async ({ q }, extra) => {
  console.error("calling upstream with", extra.authInfo?.token);
  ${OK}
});
`,
    ),
    errors: [log("extra.authInfo?.token", "extra.authInfo?.token", WHAT.clientToken("extra.authInfo?.token"), "console.error()")],
  }),
  ts({
    name: "v2 handler: token through a const into a template literal for a pino logger",
    code: v2(
      `import pino from "pino";\nconst logger = pino();`,
      `server.registerTool("me", { inputSchema: z.object({}) }, async (_args, ctx) => {
  const bearer = ctx.http?.authInfo?.token;
  logger.info(\`upstream call as \${bearer}\`);
  ${OK}
});
`,
    ),
    errors: [log("`upstream call as ${«bearer»}`", "bearer", WHAT.clientToken("ctx.http?.authInfo?.token"), "logger.info()")],
  }),
  bothCjs({
    name: "Express: Authorization header, whole headers, JSON.stringify of headers, cookie",
    code: v1Cjs(
      `const express = require("express");`,
      `const app = express();
app.post("/mcp", async (req, res) => {
  console.log("auth:", req.headers.authorization);
  console.log("headers", req.headers);
  console.error(JSON.stringify(req.headers, null, 2));
  console.log("cookie " + req.headers.cookie);
  console.log("key", req.get("X-Api-Key"));
});
`,
    ),
    errors: [
      log("req.headers.authorization", "req.headers.authorization", WHAT.clientToken("req.headers.authorization"), "console.log()"),
      log(`"headers", «req.headers»`, "req.headers", WHAT.headers("req.headers"), "console.log()"),
      log("JSON.stringify(req.headers, null, 2)", "JSON.stringify(req.headers, null, 2)", WHAT.headers("req.headers"), "console.error()"),
      log(`"cookie " + «req.headers.cookie»`, "req.headers.cookie", WHAT.named("cookie"), "console.log()"),
      log(`req.get("X-Api-Key")`, `req.get("X-Api-Key")`, WHAT.named("X-Api-Key"), "console.log()"),
    ],
  }),
  both({
    name: "process.env secrets: direct, through a const, destructured, the whole env",
    code: v1(
      "",
      `const apiKey = process.env.OPENAI_API_KEY;
const { GITHUB_TOKEN } = process.env;
console.error(\`Using key \${process.env.ANTHROPIC_API_KEY}\`);
console.error("key", apiKey);
console.error(GITHUB_TOKEN);
console.log(process.env);
`,
    ),
    errors: [
      log("process.env.ANTHROPIC_API_KEY", "process.env.ANTHROPIC_API_KEY", WHAT.envSecret("ANTHROPIC_API_KEY"), "console.error()"),
      log(`"key", «apiKey»`, "apiKey", WHAT.envSecret("OPENAI_API_KEY"), "console.error()"),
      log("console.error(«GITHUB_TOKEN»)", "GITHUB_TOKEN", WHAT.envSecret("GITHUB_TOKEN"), "console.error()"),
      log("console.log(«process.env»)", "process.env", WHAT.env(), "console.log()"),
    ],
  }),
  both({
    name: "winston instance and default export, object literal shorthand and key",
    code: v1(
      `import winston from "winston";\nconst audit = winston.createLogger({ level: "info" });`,
      `export function connect(config, password) {
  audit.warn("connecting", { user: config.user, password });
  winston.info({ clientSecret: config.oauth.secret });
}
`,
    ),
    errors: [
      log("{ user: config.user, «password» }", "password", WHAT.named("password"), "audit.warn()"),
      log("{ clientSecret: «config.oauth.secret» }", "config.oauth.secret", WHAT.named("secret"), "winston.info()"),
    ],
  }),
  bothCjs({
    name: "CommonJS: pino required, child logger, string concatenation",
    code: v1Cjs(
      `const pino = require("pino");\nconst base = pino({ level: "debug" });`,
      `function call(token) {
  base.child({ module: "api" }).debug("Authorization: Bearer " + token);
}
`,
    ),
    errors: [log(`"Authorization: Bearer " + «token»`, "token", WHAT.named("token"), `base.child({ module: "api" }).debug()`)],
  }),
  both({
    name: "debug instance and a named log function",
    code: v1(
      `import createDebug from "debug";\nconst trace = createDebug("mcp:auth");\nfunction log(...args) { process.stderr.write(args.join(" ") + "\\n"); }`,
      `export function check(authHeader, creds) {
  trace("header %s", authHeader);
  log("credentials", creds.credentials);
}
`,
    ),
    errors: [
      log("«authHeader»)", "authHeader", WHAT.named("authHeader"), "trace()"),
      log("creds.credentials", "creds.credentials", WHAT.named("credentials"), "log()"),
    ],
  }),
  both({
    name: "FastMCP: context.log and destructured log send the session token to the client",
    code: fastmcp(
      "",
      `server.addTool({
  name: "me",
  parameters: z.object({}),
  execute: async (args, context) => {
    context.log.info("session", { token: context.session.token });
    return "ok";
  },
});
server.addTool({
  name: "other",
  parameters: z.object({}),
  execute: async (args, { log, session }) => {
    log.debug(\`key=\${session.apiKey}\`);
    return "ok";
  },
});
`,
    ),
    errors: [
      client("context.session.token", "context.session.token", WHAT.named("token"), "context.log.info()"),
      client("session.apiKey", "session.apiKey", WHAT.named("apiKey"), "log.debug()"),
    ],
  }),
  both({
    name: "sendLoggingMessage with the request headers, v2 mcpReq.log",
    code: v1(
      "",
      `server.registerTool("t", { inputSchema: { q: z.string() } }, async ({ q }, extra) => {
  await server.server.sendLoggingMessage({ level: "debug", data: { headers: extra.requestInfo?.headers } });
  ${OK}
});
`,
    ),
    errors: [client("extra.requestInfo?.headers", "extra.requestInfo?.headers", WHAT.headers("extra.requestInfo?.headers"), "server.server.sendLoggingMessage()")],
  }),
  ts({
    name: "v2 ctx.mcpReq.log with an API key from config",
    code: v2(
      `import { config } from "./config.js";`,
      `server.registerTool("t", { inputSchema: z.object({}) }, async (_args, ctx) => {
  await ctx.mcpReq.log("debug", { apiKey: config.apiKey });
  ${OK}
});
`,
    ),
    errors: [client("config.apiKey", "config.apiKey", WHAT.named("apiKey"), "ctx.mcpReq.log()")],
  }),
  both({
    name: "mcp-framework: this.log with an API key, logger import with all headers",
    code: `import { MCPTool, logger } from "mcp-framework";
import { z } from "zod";

export default class Weather extends MCPTool {
  name = "weather";
  description = "Weather";
  schema = z.object({ city: z.string() });
  async execute(input) {
    this.log("info", \`calling with \${this.apiKey}\`);
    return "ok";
  }
}
export function middleware(request) {
  logger.debug(\`headers: \${JSON.stringify(request.headers)}\`);
}
`,
    errors: [
      client("this.apiKey", "this.apiKey", WHAT.named("apiKey"), "this.log()"),
      log("JSON.stringify(request.headers)", "JSON.stringify(request.headers)", WHAT.headers("request.headers"), "logger.debug()"),
    ],
  }),
  ts({
    name: "Hono: c.req.header() with no name is every header; a Headers get of x-api-key; consola",
    code: `import { Hono } from "hono";
import { consola } from "consola";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";

const app = new Hono();
app.post("/mcp", async (c) => {
  consola.info("headers", c.req.header());
  consola.debug(c.req.raw.headers.get("x-api-key"));
  return c.text("ok");
});
`,
    errors: [
      log("c.req.header()", "c.req.header()", WHAT.headers("c.req.header()"), "consola.info()"),
      log(`c.req.raw.headers.get("x-api-key")`, `c.req.raw.headers.get("x-api-key")`, WHAT.named("x-api-key"), "consola.debug()"),
    ],
  }),
  ts({
    name: "aliased and namespace imports of loggers, TS wrappers, outbound headers object",
    code: v1(
      `import * as log4js from "log4js";\nimport { Logger as TsLogger } from "tslog";\nconst l4 = log4js.getLogger("mcp");\nconst tsl = new TsLogger();`,
      `export async function call(key: string) {
  const headers = { Authorization: \`Bearer \${process.env.UPSTREAM_TOKEN!}\` };
  l4.info("request headers", headers);
  tsl.silly((key as string) + ":" + (process.env.DB_PASSWORD as string));
}
`,
    ),
    errors: [
      log(`"request headers", «headers»`, "headers", WHAT.envSecret("UPSTREAM_TOKEN"), "l4.info()"),
      log(`process.env.DB_PASSWORD`, `process.env.DB_PASSWORD`, WHAT.envSecret("DB_PASSWORD"), "tsl.silly()"),
    ],
  }),
];

const extraInvalid = [
  ts({
    name: "import = require of pino, destructured request headers, OAuth token response",
    code: v1(
      `import pino = require("pino");
const out = pino();`,
      `export async function handle(req: { headers: Record<string, string> }, tokens: { access_token: string }) {
  const { headers } = req;
  out.info(headers);
  out.info("Access token:", tokens.access_token);
}
`,
    ),
    errors: [
      log("out.info(«headers»)", "headers", WHAT.headers("headers"), "out.info()"),
      log("tokens.access_token", "tokens.access_token", WHAT.named("access_token"), "out.info()"),
    ],
  }),
];

const valid = [
  both({
    name: "members of catalogues of ids, codes, events and names: LogId.atlasCheckCredentials (mongodb-mcp-server)",
    code: v1(
      `import pino from "pino";\nconst logger = pino();\nimport { LogId, ErrorCodes } from "./ids.js";`,
      `logger.warn({ id: LogId.atlasCheckCredentials, message: "could not validate the Atlas credentials" });
console.error(ErrorCodes.invalidToken, Events.TOKEN_REFRESHED, secretNames.apiKey, config.messages.badPassword);
`,
    ),
  }),
  both({
    name: "a member of a const object literal is judged by its value: where each setting came from (Figma-Context-MCP)",
    code: v1(
      "",
      `function getConfig() {
  const figmaApiKey = { value: process.env.FIGMA_API_KEY, source: "env" };
  const figmaOauthToken = { value: process.env.FIGMA_OAUTH_TOKEN, source: "env" };
  const configSources = { figmaApiKey: figmaApiKey.source, figmaOauthToken: figmaOauthToken.source, password: "default" };
  console.log(\`- FIGMA_OAUTH_TOKEN: set (source: \${configSources.figmaOauthToken})\`);
  console.log("- FIGMA_API_KEY source:", configSources.figmaApiKey, configSources.password);
  return { apiKey: figmaApiKey.value, configSources };
}
`,
    ),
  }),
  both({
    name: "masked and derived values: length, !!, typeof, slice(0, 4), mask(), redact(), Object.keys, conditionals",
    code: v1(
      `import pino from "pino";\nconst logger = pino();\nconst mask = (s) => s.slice(0, 4) + "…";`,
      `server.registerTool("me", { inputSchema: { q: z.string() } }, async ({ q }, extra) => {
  const token = extra.authInfo?.token;
  console.error("token length", token.length);
  console.error("has token", !!token, typeof token, token === undefined);
  console.error(\`token \${token.slice(0, 4)}…\`, token.slice(-4));
  logger.info({ token: mask(token) });
  logger.info(redact(extra.authInfo));
  console.error("headers present:", Object.keys(extra.requestInfo?.headers ?? {}));
  console.error(\`API key is \${process.env.API_KEY ? "set" : "missing"}\`);
  logger.info({ hasToken: Boolean(token), apiKeyConfigured: !!process.env.API_KEY });
  ${OK}
});
`,
    ),
  }),
  both({
    name: "settings about secrets are not secrets: KEY_PATH, TOKEN_URL, PASSWORD_MIN_LENGTH, *_FILE, PUBLIC_KEY",
    code: v1(
      "",
      `console.error("key path", process.env.KEY_PATH);
console.error("token url", process.env.TOKEN_URL, process.env.OAUTH_TOKEN_URL);
console.error("min", process.env.PASSWORD_MIN_LENGTH);
console.error("file", process.env.API_KEY_FILE, process.env.GOOGLE_APPLICATION_CREDENTIALS);
console.error("public", process.env.PUBLIC_KEY, process.env.JWT_PUBLIC_KEY);
const { TOKEN_ENDPOINT, AUTH_ENABLED } = process.env;
console.error(TOKEN_ENDPOINT, AUTH_ENABLED);
`,
    ),
  }),
  both({
    name: "names that are not credentials: progressToken, maxTokens, tokenCount, tokenUrl, cacheKey, nextPageToken",
    code: v1(
      "",
      `server.registerTool("t", { inputSchema: { q: z.string() } }, async ({ q }, extra) => {
  const progressToken = extra._meta?.progressToken;
  console.error("progress", progressToken, extra._meta?.progressToken);
  console.error({ maxTokens: 100, tokenCount: q.length, tokenUrl: "https://x", cacheKey: q, nextPageToken: q });
  for (const token of q.split(" ")) console.error("word", token);
  ${OK}
});
`,
    ),
  }),
  both({
    name: "public, hashed and descriptive values: NEXT_PUBLIC_*, hashedPassword, URLs, expiry, user agent, response headers",
    code: v1(
      "",
      `export async function f(req, tokenInfo, hashedPassword, authorizationUrl) {
  console.error(process.env.NEXT_PUBLIC_API_KEY, hashedPassword, authorizationUrl);
  console.error("expires", tokenInfo.expiresAt, req.headers["user-agent"]);
  const response = await fetch("https://api.example.com");
  console.error(response.headers, \`Token: \${tokenInfo.accessToken.substring(0, 10)}...\`);
}
`,
    ),
  }),
  both({
    name: "messages that name a secret without its value, and non-logger calls",
    code: v1(
      "",
      `const token = process.env.API_TOKEN;
console.error("Missing API_TOKEN: set it in the environment");
await fetch("https://api.example.com", { headers: { Authorization: \`Bearer \${token}\` } });
cache.set(token, 1);
Math.log(token);
metrics.info;
`,
    ),
  }),
];

runRuleTests("no-secrets-in-logs", rule, { valid, invalid: [...invalid, ...extraInvalid] });
