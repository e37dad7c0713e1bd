import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import rule from "../../src/rules/no-error-disclosure.js";
import { both, bothCjs, locationOf, ruleTester, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, lowLevelV1, tool, v1, v1Cjs, v2 } from "../utils/shapes.js";

type MessageIds =
  | "stack"
  | "wholeError"
  | "errorToString"
  | "cause"
  | "upstreamResponse"
  | "requestConfig"
  | "failedResponseBody"
  | "message"
  | "useMessage"
  | "useMessageOrString";

const result = (label: string) => `the result of ${label}`;
const thrown = (label: string) => `the error thrown in ${label}`;
const data = (ctor: string, sink: string) => `the data of new ${ctor}() (${sink})`;

/** A report at `at`; `expr` defaults to the reported text. */
function err(messageId: MessageIds, at: string, sink: string, options: { expr?: string; nth?: number; suggestions?: ExpectedError<MessageIds>["suggestions"] } = {}): ExpectedError<MessageIds> {
  const inner = at.includes("«") ? at.slice(at.indexOf("«") + 1, at.indexOf("»")) : at;
  return { messageId, at, nth: options.nth, data: { expr: options.expr ?? inner, sink }, ...(options.suggestions ? { suggestions: options.suggestions } : { suggestions: [] }) };
}

/** `code` with the `nth` occurrence of `from` (inside its «» context) replaced by `to`. */
function replaced(code: string, at: string, to: string, nth?: number): string {
  const { line, column, endLine, endColumn } = locationOf(code, at, nth);
  const lines = code.split("\n");
  const offset = (l: number, c: number) => lines.slice(0, l - 1).join("\n").length + (l > 1 ? 1 : 0) + c - 1;
  return code.slice(0, offset(line, column)) + to + code.slice(offset(endLine, endColumn));
}

const stackFix = (code: string, at: string, nth?: number) => [{ messageId: "useMessage", output: replaced(code, at, "message", nth) }];
const messageFix = (code: string, at: string, to: string, nth?: number) => [{ messageId: "useMessageOrString", output: replaced(code, at, to, nth) }];
const MESSAGE_OR_STRING = (name: string) => `${name} instanceof Error ? ${name}.message : String(${name})`;

// ---------------------------------------------------------------------------------------------------------------
// Invalid: MCP handlers
// ---------------------------------------------------------------------------------------------------------------

const v1Stack = v1(
  "",
  `server.registerTool("read", { description: "Read", inputSchema: { path: z.string() } }, async ({ path }) => {
  try {
    return { content: [{ type: "text", text: await readFile(path, "utf8") }] };
  } catch (error) {
    return { content: [{ type: "text", text: \`Failed: \${error.stack}\` }], isError: true };
  }
});
`,
);

const v1Stringify = v1(
  "",
  `server.tool("query", "Run a query", { sql: z.string() }, async ({ sql }) => {
  try {
    return { content: [{ type: "text", text: JSON.stringify(await db.query(sql)) }] };
  } catch (err) {
    return { content: [{ type: "text", text: JSON.stringify(err) }], isError: true };
  }
});
`,
);

const v1String = v1(
  "",
  `server.registerTool("fetch_page", { inputSchema: { url: z.string() } }, async ({ url }) => {
  try {
    return { content: [{ type: "text", text: await download(url) }] };
  } catch (e) {
    return { content: [{ type: "text", text: String(e) }], isError: true };
  }
});
`,
);

const v1Template = v1(
  "",
  `server.registerTool("list", { inputSchema: { dir: z.string() } }, async ({ dir }) => {
  try {
    return { content: [{ type: "text", text: (await readdir(dir)).join("\\n") }] };
  } catch (error) {
    return { content: [{ type: "text", text: \`Error listing \${dir}: \${error}\` }], isError: true };
  }
});
`,
);

const lowLevelData = lowLevelV1(
  `import { McpError, ErrorCode } from "@modelcontextprotocol/sdk/types.js";`,
  `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  try {
    return await dispatch(request.params.name, request.params.arguments);
  } catch (error) {
    throw new McpError(ErrorCode.InternalError, "Tool failed", { stack: error.stack });
  }
});
`,
);

const lowLevelWholeData = lowLevelV1(
  `import { McpError, ErrorCode } from "@modelcontextprotocol/sdk/types.js";`,
  `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  try {
    return await dispatch(request.params.name, request.params.arguments);
  } catch (error) {
    throw new McpError(ErrorCode.InternalError, "Tool failed", error);
  }
});
`,
);

const v2Cause = v2(
  `import { ProtocolError, ProtocolErrorCode } from "@modelcontextprotocol/server";`,
  `server.registerPrompt("summary", { argsSchema: { topic: z.string() } }, async ({ topic }) => {
  try {
    return { messages: [{ role: "user", content: { type: "text", text: await loadTemplate(topic) } }] };
  } catch (error) {
    throw new ProtocolError(ProtocolErrorCode.InternalError, "Prompt failed", { cause: error.cause });
  }
});
`,
);

const fastInspect = fastmcp(
  `import util from "node:util";
import { UserError } from "fastmcp";`,
  `server.addTool({
  name: "deploy",
  parameters: z.object({ app: z.string() }),
  execute: async ({ app }) => {
    try {
      return await deploy(app);
    } catch (e) {
      throw new UserError(\`Deploy failed: \${util.inspect(e)}\`);
    }
  },
});
`,
);

const fastPromiseCatch = fastmcp(
  "",
  `server.addTool({
  name: "build",
  parameters: z.object({ target: z.string() }),
  execute: async ({ target }) => runBuild(target).catch((e) => e.stack),
});
`,
);

const frameworkUpstream = `import { MCPTool } from "mcp-framework";
import axios from "axios";
import { z } from "zod";

class WeatherTool extends MCPTool {
  name = "weather";
  description = "Weather for a city";
  schema = { city: { type: z.string(), description: "City" } };

  async execute({ city }) {
    try {
      const { data } = await axios.get("https://api.example.com/weather", { params: { city } });
      return data;
    } catch (error) {
      return { error: error.response?.data };
    }
  }
}

export default WeatherTool;
`;

const failedBodyThrow = v1(
  "",
  `server.registerTool("issues", { inputSchema: { repo: z.string() } }, async ({ repo }) => {
  const response = await fetch(\`https://api.github.com/repos/\${repo}/issues\`);
  if (!response.ok) {
    throw new Error(\`GitHub API error \${response.status}: \${await response.text()}\`);
  }
  return { content: [{ type: "text", text: JSON.stringify(await response.json()) }] };
});
`,
);

const failedBodyEarlyReturn = v1(
  "",
  `server.registerTool("search", { inputSchema: { q: z.string() } }, async ({ q }) => {
  const res = await fetch("https://search.internal/api?q=" + encodeURIComponent(q));
  if (res.ok) {
    return { content: [{ type: "text", text: await res.text() }] };
  }
  const body = await res.text();
  return { content: [{ type: "text", text: body }], isError: true };
});
`,
);

const forwardedCatch = v1(
  "",
  `server.registerTool("status", { inputSchema: { id: z.string() } }, async ({ id }) => {
  try {
    const res = await fetch("https://internal.example.com/status/" + id);
    if (res.status >= 400) throw new Error(await res.json());
    return { content: [{ type: "text", text: "ok" }] };
  } catch (error) {
    return { content: [{ type: "text", text: error instanceof Error ? error.message : String(error) }], isError: true };
  }
});
`,
);

const helperStack = v1(
  "",
  `function formatError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

server.registerTool("run", { inputSchema: { cmd: z.enum(["build", "test"]) } }, async ({ cmd }) => {
  try {
    return { content: [{ type: "text", text: await run(cmd) }] };
  } catch (error) {
    return { content: [{ type: "text", text: formatError(error) }], isError: true };
  }
});
`,
);

/** A "query" tool that sends what two same-file helpers make of the caught error, in each framework's shape. */
const QUERY_RESULT = "JSON.stringify({ error: enumerateError(error), detail: describe(error) })";
const queryTool = {
  v1: (helpers: string) =>
    v1(
      "",
      `${helpers}
server.registerTool("query", { inputSchema: { sql: z.string() } }, async ({ sql }) => {
  try {
    return { content: [{ type: "text", text: JSON.stringify(await run(sql)) }] };
  } catch (error) {
    return { content: [{ type: "text", text: ${QUERY_RESULT} }], isError: true };
  }
});
`,
    ),
  v2: (helpers: string) =>
    v2(
      "",
      `${helpers}
server.registerTool("query", { inputSchema: z.object({ sql: z.string() }) }, async ({ sql }) => {
  try {
    return { content: [{ type: "text", text: JSON.stringify(await run(sql)) }] };
  } catch (error) {
    return { content: [{ type: "text", text: ${QUERY_RESULT} }], isError: true };
  }
});
`,
    ),
  fastmcp: (helpers: string) =>
    fastmcp(
      "",
      `${helpers}
server.addTool({
  name: "query",
  description: "Run a query",
  parameters: z.object({ sql: z.string() }),
  execute: async ({ sql }) => {
    try {
      return JSON.stringify(await run(sql));
    } catch (error) {
      return ${QUERY_RESULT};
    }
  },
});
`,
    ),
};

/** supabase-mcp's `enumerateError`: the error itself only when it is no object, else its name and message. */
const ENUMERATE_SAFE = `function enumerateError(error) {
  if (!error) {
    return error;
  }
  if (typeof error !== "object") {
    return error;
  }
  const result = {};
  for (const prop of ["name", "message"]) {
    if (prop in error) result[prop] = error[prop];
  }
  return result;
}
function describe(error) {
  if (error === null || typeof error === "string") return error;
  return { name: error.name, message: error.message };
}
`;

/** The same helpers when the guard lets an object through: the whole error is still sent. */
const ENUMERATE_BAD = `function enumerateError(error) {
  if (typeof error === "object") {
    return error;
  }
  return { message: "failed" };
}
function describe(error) {
  if (error) return error;
  return null;
}
`;

const axiosConfig = v1(
  `import axios from "axios";`,
  `server.registerTool("call_api", { inputSchema: { path: z.string() } }, async ({ path }) => {
  try {
    const { data } = await axios.get("https://api.example.com/" + path, { headers: { Authorization: \`Bearer \${process.env.API_TOKEN}\` } });
    return { content: [{ type: "text", text: JSON.stringify(data) }] };
  } catch (error) {
    return { content: [{ type: "text", text: JSON.stringify({ status: error.response?.status, request: error.config }) }], isError: true };
  }
});
`,
);

const ownNames = v1(
  "",
  `server.registerTool("convert", { inputSchema: { file: z.string() } }, async ({ file }) => {
  try {
    return { content: [{ type: "text", text: await convert(file) }] };
  } catch (err) {
    return { content: [{ type: "text", text: JSON.stringify(err, Object.getOwnPropertyNames(err)) }], isError: true };
  }
});
`,
);

const destructured = v1(
  "",
  `server.registerTool("compile", { inputSchema: { src: z.string() } }, async ({ src }) => {
  try {
    return { content: [{ type: "text", text: await compile(src) }] };
  } catch (error) {
    const { message, stack } = error as Error;
    return { content: [{ type: "text", text: message + "\\n" + stack }], isError: true };
  }
});
`,
);

const aliasStack = v1(
  "",
  `server.registerTool("sync", { inputSchema: { repo: z.string() } }, async ({ repo }) => {
  try {
    await sync(repo);
    return { content: [{ type: "text", text: "done" }] };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const lines = [\`Sync failed: \${err.message}\`];
    lines.push(err.stack ?? "");
    return { content: [{ type: "text", text: lines.join("\\n") }], isError: true };
  }
});
`,
);

const cjsCode = v1Cjs(
  "",
  `server.tool("read_file", "Read a file", { path: z.string() }, async ({ path }) => {
  try {
    return { content: [{ type: "text", text: require("fs").readFileSync(path, "utf8") }] };
  } catch (error) {
    return { content: [{ type: "text", text: "Error: " + error }], isError: true };
  }
});
`,
);

const resourceTemplate = v1(
  `import { ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";`,
  `server.registerResource("file", new ResourceTemplate("file:///{name}", { list: undefined }), { description: "A file" }, async (uri, { name }) => {
  try {
    return { contents: [{ uri: uri.href, text: await read(name) }] };
  } catch (error) {
    return { contents: [{ uri: uri.href, text: error.toString() }] };
  }
});
`,
);

const staticResource = v1(
  `import { readFileSync } from "node:fs";`,
  `function readFileSafe(path: string): string {
  try {
    return readFileSync(path, "utf-8");
  } catch (e) {
    return \`Error reading file: \${path}. \${e}\`;
  }
}

server.registerResource("readme", "docs://readme", { mimeType: "text/markdown" }, async (uri) => ({
  contents: [{ uri: uri.href, text: readFileSafe("README.md") }],
}));
`,
);

const fastResource = fastmcp(
  "",
  `server.addResource({
  uri: "file:///logs/app.log",
  name: "Application logs",
  async load() {
    try {
      return { text: await readLogs() };
    } catch (error) {
      return { text: JSON.stringify({ failed: true, error }) };
    }
  },
});
`,
);

const helperThrow = v2(
  "",
  `class Client {
  async request(path: string) {
    const res = await fetch("https://api.example.com" + path, { headers: { Authorization: \`Bearer \${process.env.TOKEN}\` } });
    if (!res.ok) {
      const detail = await res.text();
      throw new Error(\`API \${res.status}: \${detail}\`);
    }
    return res.json();
  }

  register() {
    server.registerTool("item", { inputSchema: { id: z.string() } }, async ({ id }) => {
      return { content: [{ type: "text", text: JSON.stringify(await this.request("/items/" + encodeURIComponent(id))) }] };
    });
  }
}
`,
);

const upstreamDetail = lowLevelV1(
  `import axios from "axios";`,
  `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  try {
    const { data } = await axios.post("https://api.example.com/search", request.params.arguments);
    return { content: [{ type: "text", text: JSON.stringify(data) }] };
  } catch (error) {
    const responseData = error.response?.data;
    const detail = responseData ? responseData.detail || responseData : error.message;
    return { content: [{ type: "text", text: \`API error: \${typeof detail === "object" ? JSON.stringify(detail) : String(detail)}\` }], isError: true };
  }
});
`,
);

// ---------------------------------------------------------------------------------------------------------------
// Invalid: HTTP responses of modules that serve MCP
// ---------------------------------------------------------------------------------------------------------------

const EXPRESS = `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const app = express();
`;

const expressMiddleware = `${EXPRESS}
app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: err.message, stack: err.stack });
});
`;

const expressRoute = `${EXPRESS}
app.post("/mcp", async (req, res) => {
  try {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await transport.handleRequest(req, res, req.body);
  } catch (error) {
    res.status(500).json({ jsonrpc: "2.0", error: { code: -32603, message: \`Internal error: \${String(error)}\` }, id: null });
  }
});
`;

const honoOnError = `import { Hono } from "hono";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/server";

const app = new Hono();
app.onError((err, c) => c.json({ error: err }, 500));
`;

const nodeHttp = `import { createServer } from "node:http";
import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";

createServer(async (req, res) => {
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  transport.handleRequest(req, res).catch((error) => {
    res.writeHead(500);
    res.end(JSON.stringify({ error: error.stack }));
  });
}).listen(3000, "127.0.0.1");
`;

const invalid = [
  both({
    name: "v1 registerTool: stack trace in a tool result",
    code: v1Stack,
    errors: [err("stack", "error.stack", result(tool("read")), { suggestions: stackFix(v1Stack, "error.«stack»") })],
  }),
  both({ name: "v1 tool: JSON.stringify of the caught error", code: v1Stringify, errors: [err("wholeError", "JSON.stringify(err)", result(tool("query")))] }),
  both({
    name: "v1 registerTool: String() of a caught unknown",
    code: v1String,
    errors: [err("errorToString", "String(e)", result(tool("fetch_page")), { suggestions: messageFix(v1String, "String(e)", MESSAGE_OR_STRING("e")) })],
  }),
  both({
    name: "v1 registerTool: a caught unknown in a template literal",
    code: v1Template,
    errors: [err("errorToString", "${«error»}` }]", result(tool("list")), { suggestions: messageFix(v1Template, "${«error»}` }]", MESSAGE_OR_STRING("error")) })],
  }),
  both({
    name: "low-level tools/call: stack in McpError data",
    code: lowLevelData,
    errors: [err("stack", "error.stack", data("McpError", thrown("tools/call handler")), { suggestions: stackFix(lowLevelData, "error.«stack»") })],
  }),
  both({
    name: "low-level tools/call: the whole error as McpError data",
    code: lowLevelWholeData,
    errors: [err("wholeError", `"Tool failed", «error»`, data("McpError", thrown("tools/call handler")))],
  }),
  both({ name: "v2 registerPrompt: cause in ProtocolError data", code: v2Cause, errors: [err("cause", "error.cause", data("ProtocolError", thrown('prompt "summary"')))] }),
  both({ name: "FastMCP: util.inspect of the error in a UserError", code: fastInspect, errors: [err("wholeError", "util.inspect(e)", thrown(tool("deploy")))] }),
  both({
    name: "FastMCP: a promise .catch() returning the stack",
    code: fastPromiseCatch,
    errors: [err("stack", "e.stack", result(tool("build")), { suggestions: stackFix(fastPromiseCatch, "e.«stack»") })],
  }),
  both({ name: "mcp-framework: the upstream response body of an axios error", code: frameworkUpstream, errors: [err("upstreamResponse", "error.response?.data", result(tool("weather")))] }),
  both({
    name: "the body of a failed fetch in a thrown message",
    code: failedBodyThrow,
    errors: [err("failedResponseBody", "response.text()", thrown(tool("issues")))],
  }),
  both({
    name: "the body of a failed fetch after an early return on success",
    code: failedBodyEarlyReturn,
    errors: [err("failedResponseBody", "res.text()", result(tool("search")), { nth: 1 })],
  }),
  both({
    name: "a failed body thrown inside a try whose catch forwards the message",
    code: forwardedCatch,
    errors: [err("failedResponseBody", "res.json()", thrown(tool("status")))],
  }),
  ts({
    name: "a same-file helper that formats the stack",
    code: helperStack,
    errors: [err("stack", "error.stack", result(tool("run")), { suggestions: stackFix(helperStack, "error.«stack»") })],
  }),
  both({
    name: "v1: a helper that returns the caught error when a guard lets an object through",
    code: queryTool.v1(ENUMERATE_BAD),
    errors: [err("wholeError", "return «error»", result(tool("query")), { nth: 0 }), err("wholeError", "return «error»", result(tool("query")), { nth: 1 })],
  }),
  both({
    name: "v2: a helper that returns the caught error when a guard lets an object through",
    code: queryTool.v2(ENUMERATE_BAD),
    errors: [err("wholeError", "return «error»", result(tool("query")), { nth: 0 }), err("wholeError", "return «error»", result(tool("query")), { nth: 1 })],
  }),
  both({
    name: "FastMCP: a helper that returns the caught error when a guard lets an object through",
    code: queryTool.fastmcp(ENUMERATE_BAD),
    errors: [err("wholeError", "return «error»", result(tool("query")), { nth: 0 }), err("wholeError", "return «error»", result(tool("query")), { nth: 1 })],
  }),
  both({ name: "axios error config in a tool result", code: axiosConfig, errors: [err("requestConfig", "error.config", result(tool("call_api")))] }),
  both({ name: "JSON.stringify with getOwnPropertyNames", code: ownNames, errors: [err("wholeError", "JSON.stringify(err, Object.getOwnPropertyNames(err))", result(tool("convert")))] }),
  ts({ name: "a destructured stack", code: destructured, errors: [err("stack", "{ message, «stack» }", result(tool("compile")))] }),
  both({
    name: "an alias of the error, its stack pushed into lines",
    code: aliasStack,
    errors: [err("stack", "err.stack", result(tool("sync")), { suggestions: stackFix(aliasStack, "err.«stack»") })],
  }),
  bothCjs({
    name: "CommonJS: string concatenation of a caught unknown",
    code: cjsCode,
    errors: [err("errorToString", `"Error: " + «error»`, result(tool("read_file")), { suggestions: messageFix(cjsCode, `"Error: " + «error»`, `(${MESSAGE_OR_STRING("error")})`) })],
  }),
  both({
    name: "v1 resource template: toString() of a caught unknown",
    code: resourceTemplate,
    errors: [err("errorToString", "error.toString()", result('resource template "file"'), { suggestions: messageFix(resourceTemplate, "error.toString()", MESSAGE_OR_STRING("error")) })],
  }),
  ts({
    name: "v1 static resource: a helper that prints the caught error",
    code: staticResource,
    errors: [err("errorToString", "${«e»}", result('resource "readme"'), { suggestions: messageFix(staticResource, "${«e»}", MESSAGE_OR_STRING("e")) })],
  }),
  both({ name: "FastMCP static resource: the whole error in JSON", code: fastResource, errors: [err("wholeError", "{ failed: true, «error» }", result('resource "Application logs"'))] }),
  ts({ name: "a same-file API client that throws the body of a failed response", code: helperThrow, errors: [err("failedResponseBody", "res.text()", thrown(tool("item")))] }),
  both({ name: "an axios error's response data through a conditional", code: upstreamDetail, errors: [err("upstreamResponse", "error.response?.data", result("tools/call handler"))] }),
  both({
    name: "Express error middleware sending the stack",
    code: expressMiddleware,
    errors: [err("stack", "err.stack", "the HTTP response of res.status(500).json()", { suggestions: stackFix(expressMiddleware, "err.«stack»") })],
  }),
  both({
    name: "Express MCP route sending String(error)",
    code: expressRoute,
    errors: [
      err("errorToString", "String(error)", "the HTTP response of res.status(500).json()", { suggestions: messageFix(expressRoute, "String(error)", MESSAGE_OR_STRING("error")) }),
    ],
  }),
  both({ name: "Hono onError sending the whole error", code: honoOnError, errors: [err("wholeError", "{ error: «err» }", "the HTTP response of c.json()")] }),
  both({
    name: "Node http: the stack in res.end() of a .catch()",
    code: nodeHttp,
    errors: [err("stack", "error.stack", "the HTTP response of res.end()", { suggestions: stackFix(nodeHttp, "error.«stack»") })],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Valid
// ---------------------------------------------------------------------------------------------------------------

const valid = [
  both({ name: "v1: a helper that returns the caught error only when it is no object (supabase-mcp's enumerateError)", code: queryTool.v1(ENUMERATE_SAFE) }),
  both({ name: "v2: a helper that returns the caught error only when it is no object (supabase-mcp's enumerateError)", code: queryTool.v2(ENUMERATE_SAFE) }),
  both({ name: "FastMCP: a helper that returns the caught error only when it is no object (supabase-mcp's enumerateError)", code: queryTool.fastmcp(ENUMERATE_SAFE) }),
  both({
    name: "the message of an Error, the value of anything else",
    code: v1(
      "",
      `server.registerTool("read", { inputSchema: { path: z.string() } }, async ({ path }) => {
  try {
    return { content: [{ type: "text", text: await readFile(path, "utf8") }] };
  } catch (error) {
    return { content: [{ type: "text", text: \`Failed: \${error instanceof Error ? error.message : String(error)}\` }], isError: true };
  }
});
`,
    ),
  }),
  both({
    name: "the message, and a fallback after it",
    code: v1(
      "",
      `server.registerTool("read", { inputSchema: { path: z.string() } }, async ({ path }) => {
  try {
    return { content: [{ type: "text", text: await readFile(path, "utf8") }] };
  } catch (e) {
    return { content: [{ type: "text", text: e.message || String(e) }], isError: true };
  }
});
`,
    ),
  }),
  both({
    name: "stack logged to stderr, a generic message sent",
    code: v1(
      "",
      `server.registerTool("read", { inputSchema: { path: z.string() } }, async ({ path }) => {
  try {
    return { content: [{ type: "text", text: await readFile(path, "utf8") }] };
  } catch (error) {
    console.error(error.stack);
    console.error(JSON.stringify(error), String(error));
    return { content: [{ type: "text", text: "Could not read the file" }], isError: true };
  }
});
`,
    ),
  }),
  both({
    name: "a string check before printing",
    code: fastmcp(
      "",
      `server.addTool({
  name: "x",
  parameters: z.object({ a: z.string() }),
  execute: async ({ a }) => {
    try {
      return await work(a);
    } catch (e) {
      return typeof e === "string" ? String(e) : "Unexpected failure";
    }
  },
});
`,
    ),
  }),
  both({
    name: "a rethrow, a cause that is not sent, codes and statuses",
    code: v1(
      "",
      `server.registerTool("call", { inputSchema: { id: z.string() } }, async ({ id }) => {
  try {
    return { content: [{ type: "text", text: await call(id) }] };
  } catch (error) {
    if (error.code === "ENOENT") return { content: [{ type: "text", text: \`Not found (\${error.code}, \${error.response?.status})\` }], isError: true };
    if (error.name === "AbortError") throw new Error("Timed out", { cause: error });
    throw error;
  }
});
`,
    ),
  }),
  both({
    name: "a failed body read inside a try whose catch keeps it",
    code: v1(
      "",
      `server.registerTool("status", { inputSchema: { id: z.string() } }, async ({ id }) => {
  try {
    const res = await fetch("https://internal.example.com/status/" + id);
    if (!res.ok) throw new Error(await res.text());
    return { content: [{ type: "text", text: "ok" }] };
  } catch (error) {
    console.error("status failed", error);
    return { content: [{ type: "text", text: "The status service failed" }], isError: true };
  }
});
`,
    ),
  }),
  both({
    name: "a helper's throw caught by a handler that keeps the error",
    code: v1(
      "",
      `async function callApi(path) {
  const res = await fetch("https://api.example.com" + path);
  if (!res.ok) throw new Error(await res.text());
  return res.json();
}

server.registerTool("item", { inputSchema: { id: z.string() } }, async ({ id }) => {
  try {
    return { content: [{ type: "text", text: JSON.stringify(await callApi("/items/" + id)) }] };
  } catch (error) {
    console.error(error);
    return { content: [{ type: "text", text: "The item service failed" }], isError: true };
  }
});
`,
    ),
  }),
  both({
    name: "the body of a successful response",
    code: v1(
      "",
      `server.registerTool("page", { inputSchema: { id: z.string() } }, async ({ id }) => {
  const res = await fetch("https://api.example.com/pages/" + id);
  if (!res.ok) throw new Error(\`HTTP \${res.status} \${res.statusText}\`);
  return { content: [{ type: "text", text: await res.text() }] };
});
`,
    ),
  }),
  both({
    name: "a stack outside any handler",
    code: v1(
      "",
      `function describe(error) {
  return error.stack;
}
try {
  start();
} catch (error) {
  report(describe(error), String(error));
}
server.registerTool("noop", { inputSchema: { a: z.string() } }, async ({ a }) => ({ content: [{ type: "text", text: a }] }));
`,
    ),
  }),
  both({
    name: "an error message from a helper of another module, and an execa error's stderr",
    code: v1(
      `import { formatError } from "./errors.js";`,
      `server.registerTool("git", { inputSchema: { args: z.array(z.string()) } }, async ({ args }) => {
  try {
    return { content: [{ type: "text", text: await git(args) }] };
  } catch (error) {
    return { content: [{ type: "text", text: formatError(error) + "\\n" + error.stderr }], isError: true };
  }
});
`,
    ),
  }),
  both({
    name: "Express error middleware logging the stack, sending a generic error",
    code: `${EXPRESS}
app.use((err, req, res, next) => {
  console.error(err.stack);
  process.stderr.write(String(err));
  res.status(500).json({ jsonrpc: "2.0", error: { code: -32603, message: "Internal server error" }, id: null });
});
`,
  }),
  both({
    name: "an HTTP proxy that forwards an upstream's error body",
    code: `${EXPRESS}
app.post("/token", async (req, res) => {
  const upstream = await fetch("https://auth.example.com/token", { method: "POST", body: new URLSearchParams(req.body) });
  if (!upstream.ok) return res.status(upstream.status).send(await upstream.text());
  res.json(await upstream.json());
});
`,
  }),
  both({
    name: "an Express app that does not serve MCP",
    code: `import express from "express";
const app = express();
app.use((err, req, res, next) => res.status(500).json({ stack: err.stack }));
`,
  }),
  ts({
    name: "a caught error typed as an Error by a cast",
    code: v1(
      "",
      `server.registerTool("read", { inputSchema: { path: z.string() } }, async ({ path }) => {
  try {
    return { content: [{ type: "text", text: await readFile(path, "utf8") }] };
  } catch (e) {
    const error = e as Error;
    return { content: [{ type: "text", text: \`Failed: \${error}\` }], isError: true };
  }
});
`,
    ),
  }),
];

runRuleTests<MessageIds>("no-error-disclosure", rule as never, { valid, invalid });

// ---------------------------------------------------------------------------------------------------------------
// allowErrorMessage: false
// ---------------------------------------------------------------------------------------------------------------

const messageCode = v1(
  "",
  `server.registerTool("read", { inputSchema: { path: z.string() } }, async ({ path }) => {
  try {
    return { content: [{ type: "text", text: await readFile(path, "utf8") }] };
  } catch (error) {
    return { content: [{ type: "text", text: \`Failed: \${error instanceof Error ? error.message : String(error)}\` }], isError: true };
  }
});
`,
);

ruleTester.run("no-error-disclosure (allowErrorMessage: false)", rule as never, {
  valid: [
    {
      name: "a generic message",
      filename: "file.ts",
      options: [{ allowErrorMessage: false }],
      code: v1("", `server.registerTool("a", { inputSchema: { p: z.string() } }, async ({ p }) => { try { return await f(p); } catch (e) { throw new Error("failed"); } });`),
    },
    { name: "the message with the default", filename: "file.ts", code: messageCode },
  ],
  invalid: [
    {
      name: "the message of a caught error",
      filename: "file.ts",
      options: [{ allowErrorMessage: false }],
      code: messageCode,
      errors: [{ messageId: "message", ...locationOf(messageCode, "error.message"), data: { expr: "error.message", sink: result(tool("read")) }, suggestions: [] }],
    },
  ],
});

describe("no-error-disclosure options", () => {
  it("rejects an unknown option", () => {
    const linter = new Linter();
    const run = () =>
      linter.verify("const a = 1;", [{ plugins: { "secure-mcp": plugin }, rules: { "secure-mcp/no-error-disclosure": ["error", { allowMessage: false }] } }], "file.js");
    expect(run).toThrow(/allowMessage|additional/i);
  });
});
