import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import rule from "../../src/rules/no-stdout-in-stdio.js";
import { both, bothCjs, js, locationOf, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, v1, v1Cjs } from "../utils/shapes.js";

const RULE = "no-stdout-in-stdio";
const SERVER = "a module that starts a stdio transport";

type MessageIds = "stdoutWrite" | "fastmcpLogger" | "useStderr";

const STDIO_V1 = `import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";`;

/** A report at `at` (the callee), with the suggestion that renames the method in `code`. */
function stdout(code: string, at: string, call: string, nth?: number, where = SERVER): ExpectedError<MessageIds> {
  const { line, column } = locationOf(code, at, nth);
  const offset = code.split("\n").slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0) + column - 1;
  const calleeText = at.includes("«") ? at.slice(at.indexOf("«") + 1, at.indexOf("»")) : at;
  const stderr = call === "process.stdout.write()" ? calleeText.replace("stdout", "stderr") : calleeText.replace(/\.\w+$/, ".error");
  const output = code.slice(0, offset) + stderr + code.slice(offset + calleeText.length);
  const replacement = call === "process.stdout.write()" ? "process.stderr.write()" : "console.error()";
  return { messageId: "stdoutWrite", at, nth, data: { call, where }, suggestions: [{ messageId: "useStderr", data: { replacement }, output }] };
}

const fastmcpLogger = (at: string): ExpectedError<MessageIds> => ({ messageId: "fastmcpLogger", at, data: {} });

// ---------------------------------------------------------------------------------------------------------------
// Invalid
// ---------------------------------------------------------------------------------------------------------------

/** A logger that writes to stdout only when the server runs over HTTP (Figma-Context-MCP's `Logger`), in a stdio server. */
const modeFlagsSafe = v1(
  STDIO_V1,
  `export const Logger = {
  isHTTP: false,
  log: (...args) => {
    if (Logger.isHTTP) {
      console.log("[INFO]", ...args);
    } else {
      console.error("[INFO]", ...args);
    }
  },
};
const isStdioMode = process.env.NODE_ENV === "cli" || process.argv.includes("--stdio");
const transportType = process.env.TRANSPORT ?? "stdio";
function report(text) {
  if (!isStdioMode) console.log(text);
  transportType === "http" ? console.info(text) : console.error(text);
  if (transportType !== "stdio") {
    console.log(text);
  }
  Logger.isHTTP && console.log(text);
  if (useSSE) console.log(text);
}
server.registerTool("echo", { description: "Echo", inputSchema: { text: z.string() } }, async ({ text }) => {
  Logger.log("echo", text);
  report(text);
  return { content: [{ type: "text", text }] };
});
await server.connect(new StdioServerTransport());
`,
);

const modeFlagsBad = v1(
  STDIO_V1,
  `const isStdioMode = !process.env.PORT;
function report(text, isHTTP) {
  if (isStdioMode) console.log(text);
  if (isHTTP) console.error(text);
  else console.log(text);
  transportType === "stdio" ? console.info(text) : console.error(text);
  if (isHTTP || verbose) console.log(text);
  if (httpClient) console.log(text);
}
server.registerTool("echo", { description: "Echo", inputSchema: { text: z.string() } }, async ({ text }) => {
  report(text, false);
  return { content: [{ type: "text", text }] };
});
await server.connect(new StdioServerTransport());
`,
);

const v1Handler = v1(
  STDIO_V1,
  `server.registerTool("echo", { description: "Echo", inputSchema: { text: z.string() } }, async ({ text }) => {
  console.log("echo called with", text);
  console.error("this goes to stderr");
  return { content: [{ type: "text", text }] };
});

const transport = new StdioServerTransport();
await server.connect(transport);
console.info("Server running on stdio");
`,
);

const v1CjsCode = v1Cjs(
  `const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");`,
  `server.tool("progress", "Report progress", { n: z.number() }, async ({ n }) => {
  process.stdout.write(\`step \${n}\\n\`);
  return { content: [{ type: "text", text: "ok" }] };
});
server.connect(new StdioServerTransport()).catch((error) => {
  console.error(error);
  process.exit(1);
});
`,
);

const v2Code = `import { McpServer } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import * as z from "zod/v4";

serveStdio(() => {
  const server = new McpServer({ name: "notes", version: "2.0.0" });
  server.registerTool("add_note", { description: "Add a note", inputSchema: z.object({ text: z.string() }) }, async ({ text }) => {
    console.debug({ text });
    return { content: [{ type: "text", text: "saved" }] };
  });
  return server;
});
`;

const aliasCode = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport as Stdio } from "@modelcontextprotocol/sdk/server/stdio.js";

const mcp = new McpServer({ name: "a", version: "1.0.0" });
function report(rows: object[]) {
  console.table(rows);
  console.dir(rows, { depth: 2 });
  console.count("reports");
  console.group("details");
  console.timeEnd("report");
}
mcp.connect(new Stdio()).then(() => report([]));
`;

const fastmcpCode = fastmcp(
  "",
  `server.addTool({
  name: "search",
  description: "Search",
  parameters: z.object({ q: z.string() }),
  execute: async ({ q }) => {
    console.log("searching", q);
    return "results";
  },
});
server.start();
`,
);

const fastmcpLoggerCode = `import { FastMCP } from "fastmcp";

const logger = { debug: console.error, info: console.error, warn: console.error, error: console.error, log: console.error };
const server = new FastMCP({ name: "s", version: "1.0.0", logger });
server.addTool({ name: "ping", description: "Ping", execute: async () => { console.log("ping"); return "pong"; } });
server.start({ transportType: "stdio" });
`;

const mcpFrameworkCode = `import { MCPServer } from "mcp-framework";

const server = new MCPServer();
console.log("starting");
await server.start();
`;

const dualModeCode = v1(
  `${STDIO_V1}
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import express from "express";`,
  `console.log("Starting server");
if (process.env.TRANSPORT === "http") {
  const app = express();
  app.post("/mcp", async (req, res) => {
    console.log("request", req.body?.method);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  app.listen(3000, () => console.log("listening on 3000"));
  console.log("http mode");
} else {
  await server.connect(new StdioServerTransport());
  console.log("stdio mode");
}
`,
);

const invalid = [
  both({
    name: "v1: console.log in a tool handler and console.info after connect; console.error is fine",
    code: v1Handler,
    errors: [stdout(v1Handler, "console.log", "console.log()"), stdout(v1Handler, "console.info", "console.info()")],
  }),
  bothCjs({
    name: "v1 CommonJS: process.stdout.write in a handler",
    code: v1CjsCode,
    errors: [stdout(v1CjsCode, "process.stdout.write", "process.stdout.write()")],
  }),
  both({
    name: "v2 serveStdio: console.debug in a handler",
    code: v2Code,
    errors: [stdout(v2Code, "console.debug", "console.debug()")],
  }),
  ts({
    name: "aliased StdioServerTransport: table, dir, count, group and timeEnd",
    code: aliasCode,
    errors: [
      stdout(aliasCode, "console.table", "console.table()"),
      stdout(aliasCode, "console.dir", "console.dir()"),
      stdout(aliasCode, "console.count", "console.count()"),
      stdout(aliasCode, "console.group", "console.group()"),
      stdout(aliasCode, "console.timeEnd", "console.timeEnd()"),
    ],
  }),
  both({
    name: "FastMCP start() without arguments: console.log in execute, and no logger option",
    code: fastmcpCode,
    errors: [fastmcpLogger(`new FastMCP({ name: "server", version: "1.0.0" })`), stdout(fastmcpCode, "console.log", "console.log()")],
  }),
  both({
    name: "FastMCP start({ transportType: 'stdio' }) with a logger: only the console.log",
    code: fastmcpLoggerCode,
    errors: [stdout(fastmcpLoggerCode, "console.log", "console.log()")],
  }),
  both({
    name: "mcp-framework MCPServer with the default (stdio) transport",
    code: mcpFrameworkCode,
    errors: [stdout(mcpFrameworkCode, "console.log", "console.log()")],
  }),
  both({
    name: "dual mode: output before the choice and in the stdio branch; not in the HTTP branch, route or listen callback",
    code: dualModeCode,
    errors: [stdout(dualModeCode, "console.log", "console.log()", 0), stdout(dualModeCode, "console.log", "console.log()", 4)],
  }),
  both({
    name: "mode flags: stdout in the stdio branch, or outside the HTTP one, is still stdout",
    code: modeFlagsBad,
    errors: [
      stdout(modeFlagsBad, "console.log", "console.log()", 0),
      stdout(modeFlagsBad, "console.log", "console.log()", 1),
      stdout(modeFlagsBad, "console.info", "console.info()", 0),
      stdout(modeFlagsBad, "console.log", "console.log()", 2),
      // A client for outbound HTTP says nothing about the server's transport.
      stdout(modeFlagsBad, "console.log", "console.log()", 3),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Valid
// ---------------------------------------------------------------------------------------------------------------

const valid = [
  both({
    name: "mode flags: stdout only when an HTTP flag is set or the stdio flag is not (if, else, ternary, &&, comparisons)",
    code: modeFlagsSafe,
  }),
  both({
    name: "v1 stdio: stderr output, console.trace and console.time",
    code: v1(
      STDIO_V1,
      `server.registerTool("echo", { description: "Echo", inputSchema: { text: z.string() } }, async ({ text }) => {
  console.error("echo", text);
  console.warn("warning");
  console.trace("where");
  console.time("t");
  process.stderr.write("ok\\n");
  return { content: [{ type: "text", text }] };
});
await server.connect(new StdioServerTransport());
`,
    ),
  }),
  both({
    name: "v1 stdio: --help output in a branch that exits",
    code: v1(
      STDIO_V1,
      `if (process.argv.includes("--help")) {
  console.log("usage: server [--help]");
  process.exit(0);
}
switch (process.argv[2]) {
  case "--version":
    console.log("1.0.0");
    process.exit(0);
}
await server.connect(new StdioServerTransport());
`,
    ),
  }),
  both({
    name: "a branch that starts the HTTP mode through an imported function (mcp-playwright)",
    code: v1(
      `${STDIO_V1}
import { startHttpServer } from "./http.js";`,
      `async function runServer(port) {
  if (port) {
    process.stdout.write(\`Starting on port \${port}\\n\`);
    await startHttpServer(port);
    return;
  }
  await server.connect(new StdioServerTransport());
}
runServer(Number(process.env.PORT));
`,
    ),
  }),
  both({
    name: "a transport on its own streams, and one in a function that is never called",
    code: v1(
      `${STDIO_V1}
import { PassThrough } from "node:stream";`,
      `const input = new PassThrough();
const output = new PassThrough();
await server.connect(new StdioServerTransport(input, output));
function serveExample() {
  return server.connect(new StdioServerTransport());
}
void serveExample;
console.log("harness output");
`,
    ),
  }),
  both({
    name: "HTTP-only server: console.log is fine",
    code: v1(
      `import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";`,
      `const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
await server.connect(transport);
console.log("listening");
`,
    ),
  }),
  both({
    name: "FastMCP httpStream: console.log and no logger are fine",
    code: fastmcp(
      "",
      `server.addTool({ name: "a", description: "A", execute: async () => { console.log("a"); return "a"; } });
server.start({ transportType: "httpStream", httpStream: { port: 8080 } });
`,
    ),
  }),
  both({
    name: "mcp-framework http-stream transport",
    code: `import { MCPServer } from "mcp-framework";

const server = new MCPServer({ transport: { type: "http-stream", options: { port: 8080 } } });
console.log("starting");
await server.start();
`,
  }),
  both({
    name: "a local console object, and a module without a transport",
    code: v1(
      STDIO_V1,
      `function run(console) {
  console.log("custom sink");
}
run({ log() {} });
await server.connect(new StdioServerTransport());
`,
    ),
  }),
  js({
    name: "no transport and no handlers: a plain script",
    code: `console.log("hello");\n`,
  }),
];

runRuleTests(RULE, rule, { valid, invalid });

// ---------------------------------------------------------------------------------------------------------------
// Across files: the modules a stdio server imports for its handlers
// ---------------------------------------------------------------------------------------------------------------

const PROJECT = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "projects", "stdio-server");

describe("no-stdout-in-stdio across files", () => {
  const lint = async (files: string[]) => {
    const eslint = new ESLint({
      cwd: PROJECT,
      overrideConfigFile: true,
      overrideConfig: [...plugin.configs.recommended],
    });
    const results = await eslint.lintFiles(files);
    return results.flatMap((result) =>
      result.messages.map((message) => ({ file: result.filePath.slice(PROJECT.length + 1), line: message.line, column: message.column, rule: message.ruleId, message: message.message })),
    );
  };
  const at = (file: string, text: string) => {
    const code = readFileSync(join(PROJECT, file), "utf8");
    const { line, column } = locationOf(code, text);
    return { file, line, column };
  };

  it("reports in the handler module and its helper, not in the CLI or a module without handler code", async () => {
    const messages = await lint(["src/**/*.ts"]);
    expect(messages.every((message) => message.rule === `secure-mcp/${RULE}`)).toBe(true);
    expect(messages.map(({ file, line, column }) => ({ file, line, column })).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)).toEqual([
      at("src/index.ts", "«console.log»(`notes server"),
      at("src/lib/format.ts", "console.log"),
      at("src/tools/notes.ts", "console.log"),
    ]);
    expect(messages.find((message) => message.file === "src/tools/notes.ts")?.message).toContain(
      "in a module with tool handler code that the stdio server ../index.ts imports",
    );
  });

  it("reports in the handler module when it is linted alone", async () => {
    const messages = await lint(["src/tools/notes.ts"]);
    expect(messages.map(({ file, line, column }) => ({ file, line, column }))).toEqual([at("src/tools/notes.ts", "console.log")]);
  });
});
