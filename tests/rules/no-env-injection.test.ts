import { describe, expect, it } from "vitest";
import { lintProject } from "../utils/lint-project.js";
import rule from "../../src/rules/no-env-injection.js";
import { both, bothCjs, cjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, lowLevelV1, tool, v1, v1Cjs, v2 } from "../utils/shapes.js";

const RULE = "no-env-injection";

type MessageIds = "envObject" | "envKey" | "envVariable" | "processEnv" | "processEnvVariable";

// ---------------------------------------------------------------------------------------------------------------
// Helpers for code and expected errors
// ---------------------------------------------------------------------------------------------------------------


const TOOLS_CALL = "tools/call handler";
const OK = `return { content: [{ type: "text", text: "ok" }] };`;

function envObject(at: string, source: string, handler: string, sink: string): ExpectedError<MessageIds> {
  return { messageId: "envObject", at, data: { source, handler, sink } };
}

function envKey(at: string, source: string, handler: string, sink: string): ExpectedError<MessageIds> {
  return { messageId: "envKey", at, data: { source, handler, sink } };
}

function envVariable(at: string, source: string, handler: string, sink: string, name: string): ExpectedError<MessageIds> {
  return { messageId: "envVariable", at, data: { source, handler, sink, name } };
}

function processEnv(at: string, source: string, handler: string, sink = "process.env"): ExpectedError<MessageIds> {
  return { messageId: "processEnv", at, data: { source, handler, sink } };
}

function processEnvVariable(at: string, source: string, handler: string, name: string): ExpectedError<MessageIds> {
  return { messageId: "processEnvVariable", at, data: { source, handler, sink: "process.env", name } };
}

// ---------------------------------------------------------------------------------------------------------------
// Invalid: frameworks and handler shapes
// ---------------------------------------------------------------------------------------------------------------

const frameworkInvalid = [
  both({
    name: "v1 registerTool: spawn with { ...process.env, ...args.env }",
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool(
  "run_tests",
  { description: "Run the test suite", inputSchema: { env: z.record(z.string(), z.string()).optional() } },
  async (args) => {
    const child = spawn("npm", ["test"], { cwd: "/srv/app", env: { ...process.env, ...args.env } });
    const code = await new Promise((resolve) => child.on("close", resolve));
    return { content: [{ type: "text", text: \`exit \${code}\` }] };
  },
);
`,
    ),
    errors: [envObject("...«args.env»", "args.env", tool("run_tests"), "spawn()")],
  }),

  both({
    name: "v1 tool(name, shape, cb): execFile with env: args.env",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.tool("build", { target: z.string(), env: z.record(z.string()) }, async ({ target, env }) => {
  execFile("make", ["--", target], { env }, () => {});
  ${OK}
});
`,
    ),
    errors: [envObject("{ «env» }", "env", tool("build"), "execFile()")],
  }),

  ts({
    name: "v1 low-level tools/call: a JSON-encoded environment (the MCP Inspector shape)",
    code: lowLevelV1(
      `import { spawn } from "node:child_process";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { command, env } = request.params.arguments as { command: string; env: string };
  const childEnv = { ...process.env, ...JSON.parse(env) };
  spawn("/usr/local/bin/worker", [command], { env: childEnv });
  ${OK}
});
`,
    ),
    errors: [envObject("«JSON.parse(env)»", "env", TOOLS_CALL, "spawn()")],
  }),

  both({
    name: "v2 registerTool: a variable name chosen by the client",
    code: v2(
      `import { execFileSync } from "node:child_process";`,
      `server.registerTool(
  "with_flag",
  { description: "Run the CLI with one setting", inputSchema: z.object({ name: z.string(), value: z.string() }) },
  async ({ name, value }) => {
    const out = execFileSync("mycli", ["status"], { env: { ...process.env, [name]: value }, encoding: "utf8" });
    return { content: [{ type: "text", text: out }] };
  },
);
`,
    ),
    errors: [envKey("[«name»]", "name", tool("with_flag"), "execFileSync()")],
  }),

  both({
    name: "v2 low-level tools/call: NODE_OPTIONS from the client",
    code: `import { Server } from "@modelcontextprotocol/server";
import { fork } from "node:child_process";

const server = new Server({ name: "runner", version: "2.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler("tools/call", async (request) => {
  const { flags } = request.params.arguments;
  fork("./worker.js", [], { env: { ...process.env, NODE_OPTIONS: flags } });
  ${OK}
});
`,
    errors: [envVariable("NODE_OPTIONS: «flags»", "flags", TOOLS_CALL, "fork()", "NODE_OPTIONS")],
  }),

  both({
    name: "FastMCP addTool: execa with extendEnv and client variables",
    code: fastmcp(
      `import { execa } from "execa";`,
      `server.addTool({
  name: "deploy",
  description: "Deploy the app",
  parameters: z.object({ stage: z.string(), vars: z.record(z.string()) }),
  execute: async (args) => {
    const { stdout } = await execa("./deploy.sh", [args.stage], { env: args.vars, extendEnv: true });
    return stdout;
  },
});
`,
    ),
    errors: [envObject("env: «args.vars»", "args.vars", tool("deploy"), "execa()")],
  }),

  both({
    name: "mcp-framework MCPTool: LD_PRELOAD and PATH from the input",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";
import { spawnSync } from "node:child_process";

class ProfileTool extends MCPTool {
  name = "profile";
  description = "Profile a binary";
  schema = {
    library: { type: z.string(), description: "Library to preload" },
    path: { type: z.string(), description: "Search path" },
  };

  async execute(input) {
    return spawnSync("./bench", [], { env: { LD_PRELOAD: input.library, PATH: input.path }, encoding: "utf8" }).stdout;
  }
}

export default ProfileTool;
`,
    errors: [envVariable("LD_PRELOAD: «input.library»", "input.library", tool("profile"), "spawnSync()", "LD_PRELOAD")],
  }),

  both({
    name: "the SDK's StdioClientTransport spawning a server with the client's environment (a proxy tool)",
    code: v1(
      `import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";`,
      `server.registerTool("connect_server", { inputSchema: { env: z.record(z.string()) } }, async ({ env }) => {
  const transport = new StdioClientTransport({ command: "npx", args: ["-y", "@acme/mcp"], env: { ...env } });
  await new Client({ name: "proxy", version: "1.0.0" }).connect(transport);
  ${OK}
});
`,
    ),
    errors: [envObject("...«env» }", "env", tool("connect_server"), "new StdioClientTransport()")],
  }),

  both({
    name: "this server's process.env: a name chosen by the client, and NODE_OPTIONS",
    code: v1(
      ``,
      `server.registerTool("set_env", { inputSchema: { name: z.string(), value: z.string() } }, async ({ name, value }) => {
  process.env[name] = value;
  ${OK}
});

server.registerTool("debug_mode", { inputSchema: { options: z.string() } }, async ({ options }) => {
  process.env.NODE_OPTIONS = options;
  ${OK}
});
`,
    ),
    errors: [processEnv("process.env[«name»]", "name", tool("set_env")), processEnvVariable("= «options»", "options", tool("debug_mode"), "NODE_OPTIONS")],
  }),

  both({
    name: "this server's process.env: Object.assign with the client's variables",
    code: v1(
      ``,
      `server.registerTool("configure", { inputSchema: { vars: z.record(z.string()) } }, async (args) => {
  Object.assign(process.env, args.vars);
  ${OK}
});
`,
    ),
    errors: [processEnv("process.env, «args.vars»", "args.vars", tool("configure"), "Object.assign()")],
  }),
];

const moreShapesInvalid = [
  both({
    name: "McpAgent this.server.tool: namespace import of child_process",
    code: `import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as cp from "node:child_process";

export class OpsMCP extends McpAgent {
  server = new McpServer({ name: "ops", version: "1.0.0" });

  async init() {
    this.server.tool("job", { vars: z.record(z.string()) }, async ({ vars }) => {
      cp.spawn("./job.sh", [], { env: { ...process.env, ...vars } });
      ${OK}
    });
  }
}
`,
    errors: [envObject("...«vars» }", "vars", tool("job"), "cp.spawn()")],
  }),

  both({
    name: "v1 registerResource with a ResourceTemplate: an aliased import and the template variable as a name",
    code: `import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { execFileSync as run } from "node:child_process";

const server = new McpServer({ name: "env", version: "1.0.0" });

server.registerResource(
  "setting",
  new ResourceTemplate("setting://{name}/{value}", { list: undefined }),
  { description: "Run the app with one setting" },
  async (uri, { name, value }) => ({
    contents: [{ uri: uri.href, text: run("./app", ["--print-config"], { env: { [name]: value }, encoding: "utf8" }) }],
  }),
);
`,
    errors: [envKey("[«name»]", "name", 'resource template "setting"', "run()")],
  }),

  both({
    name: "FastMCP addResourceTemplate load: PATH from the template variable",
    code: fastmcp(
      `import { execSync } from "node:child_process";`,
      `server.addResourceTemplate({
  uriTemplate: "which://{dir}",
  name: "Which",
  arguments: [{ name: "dir", description: "Directory to search", required: true }],
  load: async ({ dir }) => ({ text: execSync("which node", { env: { PATH: dir }, encoding: "utf8" }) }),
});
`,
    ),
    errors: [envVariable("PATH: «dir»", "dir", 'resource template "Which"', "execSync()", "PATH")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: imports and flow
// ---------------------------------------------------------------------------------------------------------------

const flowInvalid = [
  bothCjs({
    name: 'CommonJS: const cp = require("child_process"), exec with an env',
    code: v1Cjs(
      `const cp = require("child_process");`,
      `server.registerTool("lint", { inputSchema: { env: z.record(z.string()) } }, async ({ env }) => {
  cp.exec("npm run lint", { env: Object.assign({}, process.env, env) }, () => {});
  ${OK}
});
`,
    ),
    errors: [envObject("process.env, «env»)", "env", tool("lint"), "cp.exec()")],
  }),

  cjs({
    name: "CommonJS: cross-spawn default export",
    code: v1Cjs(
      `const spawn = require("cross-spawn");`,
      `server.registerTool("serve", { inputSchema: { env: z.record(z.string()) } }, async (args) => {
  spawn("npx", ["serve"], { stdio: "inherit", env: args.env });
  ${OK}
});
`,
    ),
    errors: [envObject("env: «args.env»", "args.env", tool("serve"), "spawn()")],
  }),

  ts({
    name: 'TS: import cp = require("child_process") with an as-cast environment',
    code: v1(
      `import cp = require("child_process");`,
      `server.registerTool("job", { inputSchema: { env: z.record(z.string()) } }, async ({ env }) => {
  cp.spawn("./job", [], { env: env as NodeJS.ProcessEnv });
  ${OK}
});
`,
    ),
    errors: [envObject("env: «env as NodeJS.ProcessEnv»", "env", tool("job"), "cp.spawn()")],
  }),

  both({
    name: "flow: an environment object built in steps (computed names assigned later, Object.assign)",
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("launch", { inputSchema: { name: z.string(), value: z.string(), extra: z.record(z.string()) } }, async (args) => {
  const env = { ...process.env, APP_MODE: "tool" };
  env[args.name] = args.value;
  Object.assign(env, args.extra);
  spawn("./app", [], { env });
  ${OK}
});
`,
    ),
    errors: [envKey("env[«args.name»]", "args.name", tool("launch"), "spawn()")],
  }),

  both({
    name: "flow: options built in a const, with a conditional environment",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("convert", { inputSchema: { file: z.string(), env: z.record(z.string()).optional() } }, async (args) => {
  const options = { timeout: 10_000, env: args.env ? { ...process.env, ...args.env } : process.env };
  execFile("convert", ["--", args.file], options, () => {});
  ${OK}
});
`,
    ),
    errors: [envObject("...«args.env» }", "args.env", tool("convert"), "execFile()")],
  }),

  both({
    name: "flow: a same-file helper that merges its options' env (reported where the env is built)",
    code: v1(
      `import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

async function run(cmd, args, options = {}) {
  const env = options.env ? { ...process.env, ...options.env } : process.env;
  return execFileAsync(cmd, args, { shell: false, env });
}`,
      `server.registerTool("status", { inputSchema: { env: z.record(z.string()) } }, async ({ env }) => {
  const { stdout } = await run("git", ["status"], { env });
  return { content: [{ type: "text", text: stdout }] };
});
`,
    ),
    errors: [envObject("{ «env» });", "env", tool("status"), "execFileAsync()")],
  }),

  both({
    name: "flow: lowercase path and a prefixed family (npm_config_*, GIT_CONFIG_*)",
    code: v1(
      `import { spawnSync } from "node:child_process";`,
      `server.registerTool("install", { inputSchema: { registry: z.string(), sshCommand: z.string() } }, async ({ registry, sshCommand }) => {
  spawnSync("npm", ["ci"], { env: { ...process.env, npm_config_registry: registry } });
  spawnSync("git", ["fetch"], { env: { ...process.env, GIT_SSH_COMMAND: sshCommand } });
  ${OK}
});
`,
    ),
    errors: [
      envVariable("npm_config_registry: «registry»", "registry", tool("install"), "spawnSync()", "npm_config_registry"),
      envVariable("GIT_SSH_COMMAND: «sshCommand»", "sshCommand", tool("install"), "spawnSync()", "GIT_SSH_COMMAND"),
    ],
  }),

  both({
    name: "not a guard: a check on the values only, keys still free",
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("env_run", { inputSchema: { env: z.record(z.string()) } }, async ({ env }) => {
  for (const value of Object.values(env)) {
    if (!/^[\\w.-]+$/.test(value)) throw new Error("bad value");
  }
  spawn("./tool", [], { env: { ...process.env, ...env } });
  ${OK}
});
`,
    ),
    errors: [envObject("...«env» }", "env", tool("env_run"), "spawn()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Valid
// ---------------------------------------------------------------------------------------------------------------

const valid = [
  both({
    name: "safe: a tool-input value under a fixed, ordinary name",
    code: v1(
      `import { spawn, execFile } from "node:child_process";`,
      `server.registerTool("fetch_repo", { inputSchema: { token: z.string(), branch: z.string() } }, async ({ token, branch }) => {
  spawn("./sync.sh", ["--", branch], { env: { ...process.env, GITHUB_TOKEN: token, BRANCH: branch } });
  const env = { ...process.env, API_TOKEN: token };
  execFile("./upload", [], { env }, () => {});
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: a computed name with a fixed prefix (the client completes a name, it does not choose it)",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("launch_app", { inputSchema: { env: z.record(z.string()) } }, async ({ env }) => {
  const childEnv = {};
  for (const [key, value] of Object.entries(env)) childEnv[\`SIMCTL_CHILD_\${key}\`] = value;
  execFile("xcrun", ["simctl", "launch", "booted", "com.example.app"], { env: { ...process.env, ...childEnv } }, () => {});
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: process.env and fixed environments",
    code: v1(
      `import { spawn, execSync, fork } from "node:child_process";

const BASE_ENV = { PATH: "/usr/bin:/bin", LANG: "C" };`,
      `server.registerTool("info", { inputSchema: { name: z.string() } }, async ({ name }) => {
  spawn("./info", ["--", name], { env: process.env });
  spawn("./info", ["--", name], { env: { ...BASE_ENV, HOME: process.env.HOME } });
  fork("./worker.js", ["--", name], { env: { ...process.env, NODE_ENV: "production" } });
  execSync("uptime", { env: { ...process.env, TZ: "UTC" } });
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: an allowlisted variable name",
    code: v1(
      `import { spawnSync } from "node:child_process";

const ALLOWED = ["LOG_LEVEL", "COLOR"];`,
      `server.registerTool("tune", { inputSchema: { name: z.string(), value: z.string() } }, async ({ name, value }) => {
  if (!ALLOWED.includes(name)) throw new Error("Unknown setting");
  spawnSync("./app", [], { env: { ...process.env, [name]: value } });
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: an enum field for NODE_ENV, and tool input that is not in the environment",
    code: fastmcp(
      `import { execa } from "execa";`,
      `server.addTool({
  name: "start",
  description: "Start the app",
  parameters: z.object({ mode: z.enum(["development", "production"]), port: z.string() }),
  execute: async (args) => {
    const { stdout } = await execa("node", ["server.js", "--port", args.port], { env: { NODE_ENV: args.mode, NODE_OPTIONS: "--max-old-space-size=512" } });
    return stdout;
  },
});
`,
    ),
  }),

  both({
    name: "safe: process.env writes of fixed names and non-code-loading values",
    code: v1(
      ``,
      `server.registerTool("login", { inputSchema: { token: z.string(), level: z.string() } }, async ({ token, level }) => {
  process.env.API_TOKEN = token;
  process.env["LOG_LEVEL"] = level;
  process.env.NODE_OPTIONS = "--enable-source-maps";
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: a same-file helper whose callers pass fixed environments",
    code: v1(
      `import { execFile } from "node:child_process";

function run(cmd, args, options) {
  return execFile(cmd, args, { env: { ...process.env, ...options.env } }, () => {});
}`,
      `server.registerTool("tag", { inputSchema: { token: z.string() } }, async ({ token }) => {
  run("git", ["tag"], { env: { GIT_TERMINAL_PROMPT: "0", TOKEN: token } });
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: env options of a child process in a file with no MCP handler",
    code: `import { spawn } from "node:child_process";

export function start(env) {
  return spawn("./worker", [], { env: { ...process.env, ...env } });
}
`,
  }),

  both({
    name: "safe: the request context (extra) in the environment",
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("session_job", { description: "Run a job" }, async (extra) => {
  spawn("./job", [], { env: { ...process.env, ...extra.requestInfo?.headers } });
  ${OK}
});
`,
    ),
  }),

  cjs({
    name: "safe: CommonJS execFile with a fixed environment",
    code: v1Cjs(
      `const { execFile } = require("child_process");`,
      `server.registerTool("version", { inputSchema: { tool: z.string() } }, async ({ tool }) => {
  execFile("which", ["--", tool], { env: { PATH: "/usr/bin" } }, () => {});
  ${OK}
});
`,
    ),
  }),
];

runRuleTests("no-env-injection", rule, {
  valid,
  invalid: [...frameworkInvalid, ...moreShapesInvalid, ...flowInvalid],
});

// ---------------------------------------------------------------------------------------------------------------
// Across files: fixture projects linted through the ESLint API
// ---------------------------------------------------------------------------------------------------------------

describe("no-env-injection across files", () => {
  it("reports the call that passes tool input to a helper module, and the spawn in that module", async () => {
    const registration = await lintProject(RULE, "env-runner", ["src/index.ts"]);
    expect(registration.places).toEqual(["src/index.ts:12:47 viaImport"]);
    expect(registration.messages[0]).toContain(
      'args.vars from the MCP tool "run_tests" is passed to runWithEnv(), which sets the environment of a process it starts in spawn() at ./run.ts:5',
    );
    const helper = await lintProject(RULE, "env-runner", ["src/run.ts"]);
    expect(helper.places).toEqual(["src/run.ts:5:59 envObject"]);
    const whole = await lintProject(RULE, "env-runner", ["src/index.ts", "src/run.ts"]);
    expect(whole.places).toEqual([...registration.places, ...helper.places].sort());
  });
});
