import rule from "../../src/rules/require-input-validation.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, lowLevelV1, tool, v1, v1Cjs, v2 } from "../utils/shapes.js";

const RULE = "require-input-validation";
const TOOLS_CALL = "tools/call handler";
const OK = `return { content: [{ type: "text", text: "ok" }] };`;

type MessageIds = "unvalidatedArguments" | "permissiveSchema" | "argumentsFromContext";

const unvalidated = (at: string, handler = TOOLS_CALL): ExpectedError<MessageIds> => ({
  messageId: "unvalidatedArguments",
  at,
  data: { handler, read: "request.params.arguments" },
});
const permissive = (at: string, handler: string, schema: string): ExpectedError<MessageIds> => ({ messageId: "permissiveSchema", at, data: { handler, schema } });
const fromContext = (at: string, handler: string, name: string): ExpectedError<MessageIds> => ({ messageId: "argumentsFromContext", at, data: { handler, name } });

// ---------------------------------------------------------------------------------------------------------------
// Low-level tools/call handlers
// ---------------------------------------------------------------------------------------------------------------

const lowLevelInvalid = [
  ts({
    name: "v1 low level: a cast of request.params.arguments read field by field",
    code: lowLevelV1(
      `import { readFile } from "node:fs/promises";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const args = request.params.arguments as { path: string };
  const text = await readFile(args.path, "utf8");
  return { content: [{ type: "text", text }] };
});
`,
    ),
    errors: [unvalidated("request.params.arguments")],
  }),

  both({
    name: "v1 low level: destructured from request.params, then from the arguments",
    code: lowLevelV1(
      "",
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  if (name === "add") {
    const { a, b } = args;
    return { content: [{ type: "text", text: String(a + b) }] };
  }
  throw new Error("unknown tool");
});
`,
    ),
    errors: [unvalidated("«arguments: args»")],
  }),

  both({
    name: "v1 low level: a field read straight from request.params.arguments with optional chaining",
    code: lowLevelV1(
      "",
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const query = String(request.params.arguments?.query ?? "");
  console.error("query", request.params.arguments);
  return { content: [{ type: "text", text: query }] };
});
`,
    ),
    errors: [{ ...unvalidated("request.params.arguments"), nth: 0 }],
  }),

  both({
    name: "v2 low level: 'tools/call' with the request destructured in the parameter list",
    code: `import { Server } from "@modelcontextprotocol/server";

const server = new Server({ name: "s", version: "2.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler("tools/call", async ({ params: { name, arguments: input } }) => {
  return { content: [{ type: "text", text: \`\${name}: \${input.text}\` }] };
});
`,
    errors: [unvalidated("«arguments: input»")],
  }),

  bothCjs({
    name: "CommonJS low level: aliased schema import, request.params kept in a variable",
    code: `const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { CallToolRequestSchema: CallTool } = require("@modelcontextprotocol/sdk/types.js");

const server = new Server({ name: "s", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(CallTool, async (request) => {
  const params = request.params;
  const { city } = params.arguments || {};
  return { content: [{ type: "text", text: "weather in " + city }] };
});
`,
    errors: [unvalidated("«params.arguments» ||")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Schemas that accept anything
// ---------------------------------------------------------------------------------------------------------------

const permissiveInvalid = [
  both({
    name: "v2 registerTool: z.object({}).passthrough() as the whole input",
    code: v2(
      "",
      `server.registerTool("run", { description: "Run", inputSchema: z.object({}).passthrough() }, async (args) => { ${OK} });
`,
    ),
    errors: [permissive("z.object({}).passthrough()", tool("run"), "z.object({}).passthrough()")],
  }),

  both({
    name: "FastMCP addTool: parameters: z.any(), through a constant",
    code: fastmcp(
      "",
      `const Anything = z.any().describe("anything");
server.addTool({ name: "store", description: "Store", parameters: Anything, execute: async (args) => JSON.stringify(args) });
`,
    ),
    errors: [permissive("parameters: «Anything»", tool("store"), `z.any().describe("anything")`)],
  }),

  both({
    name: "v1 registerTool: z.record(z.string(), z.unknown()) and a zod 4 looseObject",
    code: v1(
      "",
      `server.registerTool("set", { description: "Set", inputSchema: z.record(z.string(), z.unknown()) }, async (args) => { ${OK} });
server.registerTool("loose", { description: "Loose", inputSchema: z.looseObject({ id: z.string() }) }, async (args) => { ${OK} });
`,
    ),
    errors: [
      permissive("z.record(z.string(), z.unknown())", tool("set"), "z.record(z.string(), z.unknown())"),
      permissive("z.looseObject({ id: z.string() })", tool("loose"), "z.looseObject({ id: z.string() })"),
    ],
  }),

  ts({
    name: "mcp-framework: schema with catchall(z.any())",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";

class Store extends MCPTool {
  name = "store";
  description = "Store a record";
  schema = z.object({ id: z.string() }).catchall(z.any());
  async execute(input: Record<string, unknown>) {
    return JSON.stringify(input);
  }
}
export default Store;
`,
    errors: [permissive("z.object({ id: z.string() }).catchall(z.any())", tool("store"), "z.object({ id: z.string() }).catchall(z.any())")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Arguments read from the context of a callback without a schema
// ---------------------------------------------------------------------------------------------------------------

const contextInvalid = [
  both({
    name: "v1 registerTool without inputSchema: the callback destructures a tool argument",
    code: v1(
      `import { readFile } from "node:fs/promises";`,
      `server.registerTool("read_file", { description: "Read a file" }, async ({ path }) => {
  const text = await readFile(path, "utf8");
  return { content: [{ type: "text", text }] };
});
`,
    ),
    errors: [fromContext("async ({ «path» })", tool("read_file"), "path")],
  }),

  both({
    name: "v1 tool(name, description, cb): args.query read from the context",
    code: v1(
      "",
      `server.tool("search", "Search the index", async (args, extra) => {
  const hits = [args.query, extra.sessionId];
  return { content: [{ type: "text", text: hits.join(",") }] };
});
`,
    ),
    errors: [fromContext("args.query", tool("search"), "query")],
  }),

  bothCjs({
    name: "CommonJS v1 registerPrompt without argsSchema",
    code: v1Cjs(
      "",
      `server.registerPrompt("review", { description: "Review code" }, ({ code, signal }) => ({
  messages: [{ role: "user", content: { type: "text", text: "Review: " + code } }],
}));
`,
    ),
    errors: [fromContext("({ «code», signal })", `prompt "review"`, "code")],
  }),

  both({
    name: "v2 registerTool without inputSchema",
    code: v2(
      "",
      `server.registerTool("greet", { description: "Greet" }, async ({ name, mcpReq }) => {
  mcpReq.log("info", "greeting");
  return { content: [{ type: "text", text: "hello " + name }] };
});
`,
    ),
    errors: [fromContext("({ «name», mcpReq })", tool("greet"), "name")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Valid
// ---------------------------------------------------------------------------------------------------------------

const valid = [
  ts({
    name: "low level: zod parse, safeParse, ajv validate and a validate* helper",
    code: lowLevelV1(
      `import { z } from "zod";
import Ajv from "ajv";
const ReadArgs = z.object({ path: z.string() });
const ajv = new Ajv();
const validateAdd = ajv.compile({ type: "object", properties: { a: { type: "number" } } });
function assertSearchArgs(value: unknown): asserts value is { q: string } {}`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  switch (request.params.name) {
    case "read": {
      const args = ReadArgs.parse(request.params.arguments);
      return { content: [{ type: "text", text: args.path }] };
    }
    case "add": {
      if (!validateAdd(request.params.arguments)) throw new Error("invalid");
      return { content: [{ type: "text", text: "ok" }] };
    }
    default: {
      const args = request.params.arguments;
      assertSearchArgs(args);
      return { content: [{ type: "text", text: args.q }] };
    }
  }
});
`,
    ),
  }),

  both({
    name: "low level: the arguments handed whole to handlers in another module",
    code: lowLevelV1(
      `import * as handlers from "./handlers/index.js";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  console.error("call", name, JSON.stringify(args));
  if (name === "read_file") return handlers.handleReadFile(args);
  return handlers.handleOther(name, args);
});
`,
    ),
  }),

  both({
    name: "low level: safeParse of a variable holding the arguments",
    code: lowLevelV1(
      `import { z } from "zod";
const Args = z.object({ a: z.number() });`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const raw = request.params.arguments ?? {};
  const parsed = Args.safeParse(raw);
  if (!parsed.success) throw new Error("invalid arguments");
  return { content: [{ type: "text", text: String(parsed.data.a) }] };
});
`,
    ),
  }),

  both({
    name: "low level: only the tool name is read",
    code: lowLevelV1(
      "",
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  return { content: [{ type: "text", text: request.params.name }] };
});
`,
    ),
  }),

  both({
    name: "schemas that describe the input, and fields that are any",
    code: v1(
      "",
      `server.registerTool("a", { description: "A", inputSchema: { path: z.string(), extra: z.any() } }, async ({ path }) => { ${OK} });
server.registerTool("b", { description: "B", inputSchema: z.object({ id: z.string() }).strict() }, async ({ id }) => { ${OK} });
server.tool("c", "C", { q: z.string().optional() }, async ({ q }) => { ${OK} });
`,
    ),
  }),

  both({
    name: "callbacks without a schema that use only the context",
    code: v1(
      "",
      `server.registerTool("whoami", { description: "Who am I" }, async ({ authInfo, signal }) => {
  signal.throwIfAborted();
  return { content: [{ type: "text", text: authInfo?.clientId ?? "anonymous" }] };
});
server.tool("ping", async (extra) => ({ content: [{ type: "text", text: extra.sessionId ?? "pong" }] }));
server.registerTool("config_schema", { description: "With a schema from elsewhere", ...sharedConfig }, async ({ path }) => { ${OK} });
`,
    ),
  }),

  both({
    name: "FastMCP with parameters",
    code: fastmcp(
      "",
      `server.addTool({ name: "add", description: "Add", parameters: z.object({ a: z.number(), b: z.number() }), execute: async ({ a, b }) => String(a + b) });
`,
    ),
  }),
];

runRuleTests(RULE, rule, { valid, invalid: [...lowLevelInvalid, ...permissiveInvalid, ...contextInvalid] });
