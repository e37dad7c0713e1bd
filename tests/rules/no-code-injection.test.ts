import rule from "../../src/rules/no-code-injection.js";
import { both, bothCjs, cjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, lowLevelV1, tool, v1, v1Cjs, v2 } from "../utils/shapes.js";

type MessageIds = "evalCode" | "dynamicModule";

// ---------------------------------------------------------------------------------------------------------------
// Helpers for code and expected errors
// ---------------------------------------------------------------------------------------------------------------


const TOOLS_CALL = "tools/call handler";

function evalCode(at: string, source: string, handler: string, sink: string): ExpectedError<MessageIds> {
  return { messageId: "evalCode", at, data: { source, handler, sink } };
}

function dynamicModule(at: string, source: string, handler: string, sink: string): ExpectedError<MessageIds> {
  return { messageId: "dynamicModule", at, data: { source, handler, sink } };
}

const OK = `return { content: [{ type: "text", text: "ok" }] };`;

// ---------------------------------------------------------------------------------------------------------------
// Invalid: eval-like sinks across frameworks
// ---------------------------------------------------------------------------------------------------------------

const evalInvalid = [
  both({
    name: "v1 registerTool: eval(args.expression)",
    code: v1(
      ``,
      `server.registerTool(
  "calculate",
  { description: "Evaluate an arithmetic expression", inputSchema: { expression: z.string() } },
  async (args) => {
    const result = eval(args.expression);
    return { content: [{ type: "text", text: String(result) }] };
  },
);
`,
    ),
    errors: [evalCode("eval(«args.expression»)", "args.expression", tool("calculate"), "eval()")],
  }),

  both({
    name: "v1 this.server.tool inside McpAgent.init: eval(expression)",
    code: `import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

export class MyMCP extends McpAgent {
  server = new McpServer({ name: "Calculator", version: "1.0.0" });

  async init() {
    this.server.tool("calculate", { expression: z.string() }, async ({ expression }) => ({
      content: [{ type: "text", text: String(eval(expression)) }],
    }));
  }
}
`,
    errors: [evalCode("eval(«expression»)", "expression", tool("calculate"), "eval()")],
  }),

  both({
    name: "v1 tool(name, desc, shape, cb): indirect (0, eval)(expr)",
    code: v1(
      ``,
      `server.tool("evaluate", "Evaluate a JavaScript expression", { expr: z.string() }, async ({ expr }) => {
  const value = (0, eval)(expr);
  return { content: [{ type: "text", text: JSON.stringify(value) }] };
});
`,
    ),
    errors: [evalCode("(0, eval)(«expr»)", "expr", tool("evaluate"), "eval()")],
  }),

  both({
    name: "FastMCP addTool: globalThis.eval(code)",
    code: fastmcp(
      ``,
      `server.addTool({
  name: "run_js",
  description: "Run a JavaScript snippet",
  parameters: z.object({ code: z.string() }),
  execute: async ({ code }) => String(globalThis.eval(code)),
});
`,
    ),
    errors: [evalCode("globalThis.eval(«code»)", "code", tool("run_js"), "globalThis.eval()")],
  }),

  both({
    name: "v1 tool(name, shape, cb): Function(template)()",
    code: v1(
      ``,
      `server.tool("formula", { formula: z.string() }, async ({ formula }) => {
  const value = Function(\`return (\${formula});\`)();
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
    errors: [evalCode("`return (${formula});`", "formula", tool("formula"), "Function()")],
  }),

  both({
    name: 'v2 registerTool: new Function("row", body) — a later argument',
    code: v2(
      `import { rows } from "./data.js";`,
      `server.registerTool(
  "filter_rows",
  { description: "Filter rows with a JavaScript predicate", inputSchema: z.object({ predicate: z.string() }) },
  async (args, ctx) => {
    const keep = new Function("row", \`return \${args.predicate};\`);
    return { content: [{ type: "text", text: JSON.stringify(rows.filter(keep)) }] };
  },
);
`,
    ),
    errors: [evalCode("`return ${args.predicate};`", "args.predicate", tool("filter_rows"), "new Function()")],
  }),

  both({
    name: "v1 registerTool: vm.runInNewContext (default import)",
    code: v1(
      `import vm from "node:vm";`,
      `server.registerTool("sandbox", { inputSchema: { script: z.string() } }, async (args) => {
  const result = vm.runInNewContext(args.script, { Math }, { timeout: 1000 });
  return { content: [{ type: "text", text: String(result) }] };
});
`,
    ),
    errors: [evalCode("vm.runInNewContext(«args.script»", "args.script", tool("sandbox"), "vm.runInNewContext()")],
  }),

  both({
    name: "v1 low-level dispatcher: vm.runInContext (namespace import) in a switch",
    code: lowLevelV1(
      `import * as vm from "node:vm";

const context = vm.createContext({ Math });`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  switch (name) {
    case "evaluate": {
      const value = vm.runInContext(args.code, context);
      return { content: [{ type: "text", text: String(value) }] };
    }
    default:
      throw new Error(\`Unknown tool: \${name}\`);
  }
});
`,
    ),
    errors: [evalCode("vm.runInContext(«args.code»", "args.code", TOOLS_CALL, "vm.runInContext()")],
  }),

  bothCjs({
    name: 'CommonJS: const vm = require("vm"); vm.runInThisContext(snippet)',
    code: v1Cjs(
      `const vm = require("vm");`,
      `server.registerTool("run_snippet", { inputSchema: { snippet: z.string() } }, async ({ snippet }) => {
  const value = vm.runInThisContext(snippet);
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
    errors: [evalCode("vm.runInThisContext(«snippet»)", "snippet", tool("run_snippet"), "vm.runInThisContext()")],
  }),

  both({
    name: "mcp-framework MCPTool: new vm.Script(input.source)",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";
import vm from "node:vm";

class RunScriptTool extends MCPTool {
  name = "run_script";
  description = "Run a script in a sandbox";
  schema = {
    source: { type: z.string(), description: "JavaScript source" },
  };

  async execute(input) {
    const script = new vm.Script(input.source);
    return String(script.runInNewContext({}));
  }
}

export default RunScriptTool;
`,
    errors: [evalCode("new vm.Script(«input.source»)", "input.source", tool("run_script"), "new vm.Script()")],
  }),

  both({
    name: "v1 registerPrompt: vm.compileFunction(code)",
    code: v1(
      `import vm from "node:vm";`,
      `server.registerPrompt(
  "check_snippet",
  { description: "Check that a snippet compiles", argsSchema: { code: z.string() } },
  ({ code }) => {
    vm.compileFunction(code, ["input"]);
    return { messages: [{ role: "user", content: { type: "text", text: "It compiles." } }] };
  },
);
`,
    ),
    errors: [evalCode("vm.compileFunction(«code»", "code", 'prompt "check_snippet"', "vm.compileFunction()")],
  }),

  both({
    name: "setTimeout with a string from tool input",
    code: v1(
      ``,
      `server.registerTool(
  "schedule",
  { inputSchema: { action: z.string(), delayMs: z.number() } },
  async (args) => {
    setTimeout(args.action, args.delayMs);
    ${OK}
  },
);
`,
    ),
    errors: [evalCode("setTimeout(«args.action»", "args.action", tool("schedule"), "setTimeout()")],
  }),

  both({
    name: 'v2 setRequestHandler("tools/call"): setInterval with a string',
    code: `import { Server } from "@modelcontextprotocol/server";

const server = new Server({ name: "jobs", version: "2.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler("tools/call", async (request, ctx) => {
  const { arguments: args } = request.params;
  setInterval(args.job, 60_000);
  ${OK}
});
`,
    errors: [evalCode("setInterval(«args.job»", "args.job", TOOLS_CALL, "setInterval()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: dynamic module loading
// ---------------------------------------------------------------------------------------------------------------

const moduleInvalid = [
  both({
    name: "v1 registerTool: import(args.plugin)",
    code: v1(
      ``,
      `server.registerTool("load_plugin", { inputSchema: { plugin: z.string() } }, async (args) => {
  const mod = await import(args.plugin);
  return { content: [{ type: "text", text: mod.describe() }] };
});
`,
    ),
    errors: [dynamicModule("import(«args.plugin»)", "args.plugin", tool("load_plugin"), "import()")],
  }),

  both({
    name: "FastMCP addTool: import of a template path",
    code: fastmcp(
      ``,
      `server.addTool({
  name: "format",
  description: "Format data with a named formatter",
  parameters: z.object({ formatter: z.string(), data: z.string() }),
  execute: async ({ formatter, data }) => {
    const { format } = await import(\`./formatters/\${formatter}.js\`);
    return format(data);
  },
});
`,
    ),
    errors: [dynamicModule("`./formatters/${formatter}.js`", "formatter", tool("format"), "import()")],
  }),

  both({
    name: "v1 registerResource with a ResourceTemplate: import of a template variable",
    code: `import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";

const server = new McpServer({ name: "docs", version: "1.0.0" });

server.registerResource(
  "topic_docs",
  new ResourceTemplate("docs://{topic}", { list: undefined }),
  { mimeType: "text/markdown" },
  async (uri, { topic }) => {
    const { default: text } = await import(\`./docs/\${topic}.js\`);
    return { contents: [{ uri: uri.href, text }] };
  },
);
`,
    errors: [dynamicModule("`./docs/${topic}.js`", "topic", 'resource template "topic_docs"', "import()")],
  }),

  both({
    name: "FastMCP addResourceTemplate: import of a template argument",
    code: fastmcp(
      ``,
      `server.addResourceTemplate({
  uriTemplate: "schema://{table}",
  name: "Table schema",
  mimeType: "application/json",
  arguments: [{ name: "table", required: true }],
  load: async (args) => {
    const schema = await import(\`./schemas/\${args.table}.js\`);
    return { text: JSON.stringify(schema.default) };
  },
});
`,
    ),
    errors: [dynamicModule("`./schemas/${args.table}.js`", "args.table", 'resource template "Table schema"', "import()")],
  }),

  bothCjs({
    name: "CommonJS: require(args.module)",
    code: v1Cjs(
      ``,
      `server.registerTool("load_module", { inputSchema: { module: z.string() } }, async (args) => {
  const mod = require(args.module);
  return { content: [{ type: "text", text: Object.keys(mod).join(", ") }] };
});
`,
    ),
    errors: [dynamicModule("require(«args.module»)", "args.module", tool("load_module"), "require()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: handler references and wrappers, TS wrappers, helpers, non-guards
// ---------------------------------------------------------------------------------------------------------------

const handlerInvalid = [
  ts({
    name: "registration function taking the server as a typed parameter (receiver is a parameter)",
    code: `import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

export const registerCalculator = (mcp: McpServer) => {
  mcp.registerTool("calculate", { inputSchema: { expression: z.string() } }, async ({ expression }) => ({
    content: [{ type: "text" as const, text: String(eval(expression)) }],
  }));
};
`,
    errors: [evalCode("eval(«expression»)", "expression", tool("calculate"), "eval()")],
  }),

  both({
    name: "handler passed by reference: an arrow const",
    code: v1(
      ``,
      `const calculate = async ({ expression }) => ({
  content: [{ type: "text", text: String(eval(expression)) }],
});

server.registerTool("calculate", { inputSchema: { expression: z.string() } }, calculate);
`,
    ),
    errors: [evalCode("eval(«expression»)", "expression", tool("calculate"), "eval()")],
  }),

  both({
    name: "handler wrapped in withAuth(...)",
    code: v1(
      `import { withAuth } from "./auth.js";`,
      `server.registerTool(
  "calculate",
  { inputSchema: { expression: z.string() } },
  withAuth(async ({ expression }) => {
    const value = eval(expression);
    return { content: [{ type: "text", text: String(value) }] };
  }),
);
`,
    ),
    errors: [evalCode("eval(«expression»)", "expression", tool("calculate"), "eval()")],
  }),

  ts({
    name: "TS `as`: low-level arguments cast to string",
    code: lowLevelV1(
      ``,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { arguments: args } = request.params;
  const value = eval(args.expression as string);
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
    errors: [evalCode("args.expression as string", "args.expression", TOOLS_CALL, "eval()")],
  }),

  ts({
    name: "TS non-null assertion and `satisfies` around the code",
    code: v1(
      `import vm from "node:vm";`,
      `server.registerTool(
  "sandbox",
  { inputSchema: { script: z.string().optional(), init: z.string() } },
  async ({ script, init }: { script?: string; init: string }) => {
    vm.runInNewContext(init satisfies string, {});
    const value = vm.runInNewContext(script!, {});
    return { content: [{ type: "text", text: String(value) }] };
  },
);
`,
    ),
    errors: [
      evalCode("init satisfies string", "init", tool("sandbox"), "vm.runInNewContext()"),
      evalCode("script!", "script", tool("sandbox"), "vm.runInNewContext()"),
    ],
  }),

  ts({
    name: 'TS: import vm = require("node:vm")',
    code: v1(
      `import vm = require("node:vm");`,
      `server.registerTool("sandbox", { inputSchema: { script: z.string() } }, async ({ script }) => {
  const value = vm.runInNewContext(script);
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
    errors: [evalCode("vm.runInNewContext(«script»)", "script", tool("sandbox"), "vm.runInNewContext()")],
  }),

  both({
    name: "same-file helper (function declaration): reported at eval inside the helper",
    code: v1(
      `function evaluate(source) {
  return eval(source);
}`,
      `server.registerTool("calculate", { inputSchema: { expression: z.string() } }, async (args) => {
  const value = evaluate(args.expression);
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
    errors: [evalCode("eval(«source»)", "source", tool("calculate"), "eval()")],
  }),

  both({
    name: "same-file helper returning a template propagates to the caller",
    code: v1(
      `const strictBody = (body) => \`"use strict"; return (\${body});\`;`,
      `server.registerTool("compute", { inputSchema: { body: z.string() } }, async (args) => {
  const fn = new Function(strictBody(args.body));
  return { content: [{ type: "text", text: String(fn()) }] };
});
`,
    ),
    errors: [evalCode("strictBody(args.body)", "args.body", tool("compute"), "new Function()")],
  }),

  ts({
    name: "mcp-framework: class method called via this.method()",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";

interface CalcInput {
  expression: string;
}

class CalcTool extends MCPTool<CalcInput> {
  name = "calc";
  description = "Evaluate an expression";
  schema = {
    expression: { type: z.string(), description: "Arithmetic expression" },
  };

  async execute(input: CalcInput) {
    return String(this.evaluate(input.expression));
  }

  private evaluate(expression: string): unknown {
    return eval(expression);
  }
}

export default CalcTool;
`,
    errors: [evalCode("eval(«expression»)", "expression", tool("calc"), "eval()")],
  }),

  both({
    name: "not a guard: an unanchored regex test",
    code: v1(
      ``,
      `server.registerTool("calculate", { inputSchema: { expression: z.string() } }, async ({ expression }) => {
  if (!/[\\d+\\-*\\/(). ]+/.test(expression)) throw new Error("invalid expression");
  const value = eval(expression);
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
    errors: [evalCode("eval(«expression»)", "expression", tool("calculate"), "eval()")],
  }),

  both({
    name: "not a guard: the check is on another variable",
    code: v1(
      `const ALLOWED_PLUGINS = ["csv", "json"];`,
      `server.registerTool(
  "load_plugin",
  { inputSchema: { plugin: z.string(), entry: z.string() } },
  async ({ plugin, entry }) => {
    if (!ALLOWED_PLUGINS.includes(plugin)) throw new Error("unknown plugin");
    const mod = await import(entry);
    ${OK}
  },
);
`,
    ),
    errors: [dynamicModule("import(«entry»)", "entry", tool("load_plugin"), "import()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Valid: safe twins
// ---------------------------------------------------------------------------------------------------------------

const valid = [
  both({
    name: "safe: a math parser instead of eval",
    code: v1(
      `import { evaluate } from "mathjs";`,
      `server.registerTool("calculate", { inputSchema: { expression: z.string() } }, async (args) => {
  const value = evaluate(args.expression);
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
  }),

  both({
    name: "safe: JSON.parse of tool input; eval of a constant",
    code: v1(
      ``,
      `server.registerTool("parse", { inputSchema: { json: z.string() } }, async (args) => {
  const data = JSON.parse(args.json);
  const two = eval("1 + 1");
  return { content: [{ type: "text", text: String(data.length + two) }] };
});
`,
    ),
  }),

  both({
    name: "safe: tool input as data in the vm sandbox and as Function arguments",
    code: v1(
      `import vm from "node:vm";

const SCRIPT = "input.trim().toUpperCase()";`,
      `server.registerTool("transform", { inputSchema: { value: z.string(), a: z.number(), b: z.number() } }, async (args) => {
  const upper = vm.runInNewContext(SCRIPT, { input: args.value });
  const sum = new Function("a", "b", "return a + b")(args.a, args.b);
  return { content: [{ type: "text", text: \`\${upper} \${sum}\` }] };
});
`,
    ),
  }),

  cjs({
    name: "safe: a sloppy-mode local function named eval shadows the global",
    code: v1Cjs(
      `const math = require("mathjs");

function eval(expression) {
  return math.evaluate(expression);
}`,
      `server.registerTool("calculate", { inputSchema: { expression: z.string() } }, async (args) => {
  const value = eval(args.expression);
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
  }),

  both({
    name: "safe: a local function named require shadows the global",
    code: v1(
      `import { plugins } from "./plugins.js";

function require(name) {
  const plugin = plugins.get(name);
  if (!plugin) throw new Error(\`unknown plugin \${name}\`);
  return plugin;
}`,
      `server.registerTool("use_plugin", { inputSchema: { name: z.string() } }, async (args) => {
  const plugin = require(args.name);
  return { content: [{ type: "text", text: plugin.describe() }] };
});
`,
    ),
  }),

  both({
    name: "safe: eval as a method of another object",
    code: v1(
      `import { createClient } from "redis";

const redis = createClient();
const INCR_SCRIPT = "return redis.call('INCR', KEYS[1])";`,
      `server.registerTool("increment", { inputSchema: { key: z.string() } }, async (args) => {
  const value = await redis.eval(INCR_SCRIPT, { keys: [args.key] });
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
  }),

  both({
    name: "safe: setTimeout/setInterval with a function and a delay from tool input",
    code: v1(
      `function flush() {}`,
      `server.registerTool("schedule", { inputSchema: { ms: z.number(), message: z.string() } }, async (args) => {
  setTimeout(() => console.log(args.message), args.ms);
  setInterval(flush, args.ms);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: import of fixed modules",
    code: v1(
      `const PLUGIN = "markdown";`,
      `server.registerTool("render", { inputSchema: { text: z.string() } }, async (args) => {
  const fixed = await import("./fixed.js");
  const plugin = await import(\`./plugins/\${PLUGIN}.js\`);
  return { content: [{ type: "text", text: plugin.render(fixed.prepare(args.text)) }] };
});
`,
    ),
  }),

  both({
    name: "guard: allowlist check before import",
    code: v1(
      `const FORMATTERS = ["csv", "json", "yaml"];`,
      `server.registerTool("format", { inputSchema: { formatter: z.string(), data: z.string() } }, async ({ formatter, data }) => {
  if (!FORMATTERS.includes(formatter)) {
    return { content: [{ type: "text", text: "unknown formatter" }], isError: true };
  }
  const { format } = await import(\`./formatters/\${formatter}.js\`);
  return { content: [{ type: "text", text: format(data) }] };
});
`,
    ),
  }),

  both({
    name: "guard: Set allowlist with throw before require-like import",
    code: fastmcp(
      `const TABLES = new Set(["users", "orders"]);`,
      `server.addResourceTemplate({
  uriTemplate: "schema://{table}",
  name: "Table schema",
  mimeType: "application/json",
  arguments: [{ name: "table", required: true }],
  load: async (args) => {
    if (!TABLES.has(args.table)) throw new Error("unknown table");
    const schema = await import(\`./schemas/\${args.table}.js\`);
    return { text: JSON.stringify(schema.default) };
  },
});
`,
    ),
  }),

  both({
    name: "guard: switch on the value before import",
    code: v1(
      ``,
      `server.registerTool("export", { inputSchema: { format: z.string() } }, async ({ format }) => {
  switch (format) {
    case "csv":
    case "json": {
      const exporter = await import(\`./exporters/\${format}.js\`);
      return { content: [{ type: "text", text: exporter.run() }] };
    }
    default:
      throw new Error("unsupported format");
  }
});
`,
    ),
  }),

  both({
    name: "guard: anchored regex test before eval",
    code: v1(
      ``,
      `server.registerTool("calculate", { inputSchema: { expression: z.string() } }, async ({ expression }) => {
  if (!/^[\\d+\\-*\\/(). ]+$/.test(expression)) throw new Error("invalid expression");
  const value = eval(expression);
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
  }),

  both({
    name: "guard: sink inside if (ALLOWED.includes(x))",
    code: v1(
      `const SNIPPETS = ["Date.now()", "Math.random()"];`,
      `server.registerTool("snippet", { inputSchema: { snippet: z.string() } }, async ({ snippet }) => {
  if (SNIPPETS.includes(snippet)) {
    return { content: [{ type: "text", text: String(eval(snippet)) }] };
  }
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: Number() and parseInt() coercion",
    code: v1(
      ``,
      `server.registerTool("add", { inputSchema: { a: z.string(), b: z.string() } }, async (args) => {
  const a = Number(args.a);
  const value = eval(\`\${a} + \${parseInt(args.b, 10)}\`);
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
  }),

  both({
    name: "safe: registerTool without inputSchema: parameter 0 is extra",
    code: v1(
      ``,
      `server.registerTool("session_hook", { description: "Run this session's hook" }, async (extra) => {
  await import(\`./sessions/\${extra.sessionId}.js\`);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: FastMCP context and v1 extra values are not tool input",
    code: fastmcp(
      ``,
      `server.addTool({
  name: "session_info",
  parameters: z.object({ verbose: z.boolean() }),
  execute: async (args, context) => {
    const hook = await import(\`./hooks/\${context.sessionId}.js\`);
    return String(hook.default);
  },
});
`,
    ),
  }),

  both({
    name: "safe: v1 extra as the second parameter",
    code: v1(
      ``,
      `server.registerTool("trace", { inputSchema: { label: z.string() } }, async (args, extra) => {
  setTimeout(\`console.log("\${extra.requestId}")\`, 10);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: same-file helper called only with constants",
    code: v1(
      `function loadBuiltin(name) {
  return import(\`./builtin/\${name}.js\`);
}`,
      `server.registerTool("builtin", { inputSchema: { text: z.string() } }, async (args) => {
  const mod = await loadBuiltin("default");
  return { content: [{ type: "text", text: mod.run(args.text) }] };
});
`,
    ),
  }),

  both({
    name: "safe: v2 registerTool twin with a math parser",
    code: v2(
      `import { evaluate } from "mathjs";`,
      `server.registerTool("calculate", { inputSchema: z.object({ expression: z.string() }) }, async ({ expression }, ctx) => ({
  content: [{ type: "text", text: String(evaluate(expression)) }],
}));
`,
    ),
  }),

  both({
    name: "safe: low-level dispatcher twin with a math parser",
    code: lowLevelV1(
      `import { evaluate } from "mathjs";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  switch (name) {
    case "evaluate":
      return { content: [{ type: "text", text: String(evaluate(args.code)) }] };
    default:
      throw new Error(\`Unknown tool: \${name}\`);
  }
});
`,
    ),
  }),

  both({
    name: "safe: mcp-framework twin with a math parser",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";
import { evaluate } from "mathjs";

class CalcTool extends MCPTool {
  name = "calc";
  description = "Evaluate an expression";
  schema = {
    expression: { type: z.string(), description: "Arithmetic expression" },
  };

  async execute(input) {
    return String(evaluate(input.expression));
  }
}

export default CalcTool;
`,
  }),

  both({
    name: "safe: eval of a parameter in a file with no MCP handler",
    code: `import express from "express";

export function calculate(expression) {
  return eval(expression);
}

const app = express();
app.post("/calc", (req, res) => {
  res.json({ value: eval(req.body.expression), mod: require(req.body.module) });
});
`,
  }),
];

runRuleTests<MessageIds>("no-code-injection", rule, {
  valid,
  invalid: [...evalInvalid, ...moduleInvalid, ...handlerInvalid],
});
