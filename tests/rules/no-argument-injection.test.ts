import { describe, expect, it } from "vitest";
import { lintProject } from "../utils/lint-project.js";
import rule from "../../src/rules/no-argument-injection.js";
import { both, bothCjs, cjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, lowLevelV1, tool, v1, v1Cjs, v2 } from "../utils/shapes.js";

const RULE = "no-argument-injection";

type MessageIds = "optionInjection" | "splitCommand";

// ---------------------------------------------------------------------------------------------------------------
// Helpers for code and expected errors
// ---------------------------------------------------------------------------------------------------------------


const TOOLS_CALL = "tools/call handler";
const OK = `return { content: [{ type: "text", text: "ok" }] };`;

function option(at: string, source: string, handler: string, sink: string, nth?: number): ExpectedError<MessageIds> {
  return { messageId: "optionInjection", at, nth, data: { source, handler, sink } };
}

function split(at: string, source: string, handler: string, sink: string): ExpectedError<MessageIds> {
  return { messageId: "splitCommand", at, data: { source, handler, sink } };
}

// ---------------------------------------------------------------------------------------------------------------
// Invalid: frameworks and handler shapes
// ---------------------------------------------------------------------------------------------------------------

const frameworkInvalid = [
  ts({
    name: "v1 low-level tools/call: the mcp-server-kubernetes shape (argv built with push, CVE-2026-61459)",
    code: lowLevelV1(
      `import { execFileSync } from "node:child_process";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const input = request.params.arguments as { resourceType: string; name?: string; namespace?: string };
  const args = ["get", input.resourceType];
  if (input.name) args.push(input.name);
  if (input.namespace) args.push("-n", input.namespace);
  args.push("-o", "json");
  const output = execFileSync("kubectl", args, { encoding: "utf8" });
  return { content: [{ type: "text", text: output }] };
});
`,
    ),
    errors: [option('["get", «input.resourceType»]', "input.resourceType", TOOLS_CALL, "execFileSync()")],
  }),

  both({
    name: "v1 registerTool: execFile with a tool argument before the options",
    code: v1(
      `import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
  const { stdout } = await execFileAsync("git", ["log", "--oneline", ref]);
  return { content: [{ type: "text", text: stdout }] };
});
`,
    ),
    errors: [option('"--oneline", «ref»]', "ref", tool("git_log"), "execFileAsync()")],
  }),

  both({
    name: "v1 tool(name, shape, cb): spawn with a template that starts with the value",
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.tool("ssh_uptime", { host: z.string(), user: z.string() }, async ({ host, user }) => {
  spawn("ssh", [\`\${user}@\${host}\`, "uptime"]);
  ${OK}
});
`,
    ),
    errors: [option("`${«user»}@", "user", tool("ssh_uptime"), "spawn()")],
  }),

  both({
    name: "v2 registerTool: execFileSync",
    code: v2(
      `import { execFileSync } from "node:child_process";`,
      `server.registerTool(
  "curl_head",
  { description: "HEAD a URL", inputSchema: z.object({ url: z.string() }) },
  async ({ url }) => ({ content: [{ type: "text", text: execFileSync("curl", ["-sI", url], { encoding: "utf8" }) }] }),
);
`,
    ),
    errors: [option('"-sI", «url»]', "url", tool("curl_head"), "execFileSync()")],
  }),

  both({
    name: 'v2 low-level setRequestHandler("tools/call"): spawnSync',
    code: `import { Server } from "@modelcontextprotocol/server";
import { spawnSync } from "node:child_process";

const server = new Server({ name: "ops", version: "2.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler("tools/call", async (request) => {
  const { file } = request.params.arguments;
  const result = spawnSync("tar", ["-tf", file], { encoding: "utf8" });
  return { content: [{ type: "text", text: result.stdout }] };
});
`,
    errors: [option('"-tf", «file»]', "file", TOOLS_CALL, "spawnSync()")],
  }),

  both({
    name: "FastMCP addTool: execa",
    code: fastmcp(
      `import { execa } from "execa";`,
      `server.addTool({
  name: "npm_view",
  description: "Show package metadata",
  parameters: z.object({ pkg: z.string() }),
  execute: async (args) => (await execa("npm", ["view", args.pkg, "--json"])).stdout,
});
`,
    ),
    errors: [option('"view", «args.pkg»', "args.pkg", tool("npm_view"), "execa()")],
  }),

  both({
    name: "mcp-framework MCPTool: cross-spawn",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";
import spawn from "cross-spawn";

class RgTool extends MCPTool {
  name = "ripgrep";
  description = "Search the workspace";
  schema = {
    pattern: { type: z.string(), description: "Pattern" },
  };

  async execute(input) {
    return spawn.sync("rg", ["--json", input.pattern, "."], { encoding: "utf8" }).stdout;
  }
}

export default RgTool;
`,
    errors: [option('"--json", «input.pattern»', "input.pattern", tool("ripgrep"), "spawn.sync()")],
  }),

  both({
    name: "port_forward shape: a command line split on spaces feeds spawn",
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("port_forward", { inputSchema: { resource: z.string(), ports: z.string() } }, async ({ resource, ports }) => {
  const command = \`kubectl port-forward \${resource} \${ports}\`;
  const [program, ...args] = command.split(" ");
  spawn(program, args);
  ${OK}
});
`,
    ),
    errors: [split("= «command».split", "command", tool("port_forward"), "spawn()")],
  }),
];

const moreShapesInvalid = [
  both({
    name: "McpAgent this.server.tool: namespace import and a promisified execFile",
    code: `import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import * as cp from "node:child_process";
import util from "node:util";

const execFileAsync = util.promisify(cp.execFile);

export class GitMCP extends McpAgent {
  server = new McpServer({ name: "git", version: "1.0.0" });

  async init() {
    this.server.tool("git_branch", { name: z.string() }, async ({ name }) => {
      const { stdout } = await execFileAsync("git", ["branch", name]);
      return { content: [{ type: "text", text: stdout }] };
    });
  }
}
`,
    errors: [option('"branch", «name»]', "name", tool("git_branch"), "execFileAsync()")],
  }),

  both({
    name: "v1 registerResource with a ResourceTemplate: an aliased spawnSync",
    code: `import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { spawnSync as run } from "node:child_process";

const server = new McpServer({ name: "man", version: "1.0.0" });

server.registerResource(
  "manual",
  new ResourceTemplate("man://{page}", { list: undefined }),
  { description: "A manual page" },
  async (uri, { page }) => ({ contents: [{ uri: uri.href, text: run("man", [page], { encoding: "utf8" }).stdout }] }),
);
`,
    errors: [option('"man", [«page»]', "page", 'resource template "manual"', "run()")],
  }),

  both({
    name: "FastMCP addResourceTemplate load: execFileSync",
    code: fastmcp(
      `import { execFileSync } from "node:child_process";`,
      `server.addResourceTemplate({
  uriTemplate: "commit://{sha}",
  name: "Commit",
  arguments: [{ name: "sha", description: "Commit", required: true }],
  load: async ({ sha }) => ({ text: execFileSync("git", ["show", sha], { encoding: "utf8" }) }),
});
`,
    ),
    errors: [option('"show", «sha»]', "sha", 'resource template "Commit"', "execFileSync()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: imports, flow, and checks that are not enough
// ---------------------------------------------------------------------------------------------------------------

const flowInvalid = [
  bothCjs({
    name: 'CommonJS: const { execFileSync } = require("child_process")',
    code: v1Cjs(
      `const { execFileSync } = require("child_process");`,
      `server.registerTool("docker_logs", { inputSchema: { container: z.string() } }, async ({ container }) => {
  const out = execFileSync("docker", ["logs", "--tail", "100", container], { encoding: "utf8" });
  return { content: [{ type: "text", text: out }] };
});
`,
    ),
    errors: [option('"100", «container»]', "container", tool("docker_logs"), "execFileSync()")],
  }),

  ts({
    name: 'TS: import cp = require("child_process") and an as-cast argument',
    code: v1(
      `import cp = require("child_process");`,
      `server.registerTool("show", { inputSchema: { rev: z.string() } }, async (args) => {
  cp.execFile("git", ["show", args.rev as string], () => {});
  ${OK}
});
`,
    ),
    errors: [option('"show", «args.rev as string»]', "args.rev", tool("show"), "cp.execFile()")],
  }),

  both({
    name: "flow: a spread of the client's list, and unshift",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("lint", { inputSchema: { files: z.array(z.string()), config: z.string() } }, async ({ files, config }) => {
  const argv = ["--format", "json", ...files];
  argv.unshift(config);
  execFile("eslint", argv, () => {});
  ${OK}
});
`,
    ),
    errors: [option("argv.unshift(«config»)", "config", tool("lint"), "execFile()")],
  }),

  both({
    name: "flow: a same-file helper called with the argument array (reported at the call site)",
    code: v1(
      `import { execFileSync } from "node:child_process";

function kubectl(args) {
  return execFileSync("kubectl", args, { encoding: "utf8" });
}`,
      `server.registerTool("describe", { inputSchema: { kind: z.string(), name: z.string() } }, async ({ kind, name }) => {
  return { content: [{ type: "text", text: kubectl(["describe", kind, name]) }] };
});
`,
    ),
    errors: [option('"describe", «kind»', "kind", tool("describe"), "execFileSync()")],
  }),

  both({
    name: "flow: the \"--\" comes after the value",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("diff", { inputSchema: { rev: z.string(), file: z.string() } }, async ({ rev, file }) => {
  execFile("git", ["diff", rev, "--", file], () => {});
  ${OK}
});
`,
    ),
    errors: [option('"diff", «rev»', "rev", tool("diff"), "execFile()")],
  }),

  both({
    name: "not a guard: a regular expression anchored at both ends that admits a leading dash",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("checkout", { inputSchema: { branch: z.string() } }, async ({ branch }) => {
  if (!/^[\\w./-]+$/.test(branch)) throw new Error("Invalid branch");
  execFile("git", ["checkout", branch], () => {});
  ${OK}
});
`,
    ),
    errors: [option('"checkout", «branch»]', "branch", tool("checkout"), "execFile()")],
  }),

  both({
    name: "not a guard: startsWith(\"--\") lets a single dash through",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("grep", { inputSchema: { pattern: z.string() } }, async ({ pattern }) => {
  if (pattern.startsWith("--")) throw new Error("No options");
  execFile("grep", ["-r", pattern, "."], () => {});
  ${OK}
});
`,
    ),
    errors: [option('"-r", «pattern»', "pattern", tool("grep"), "execFile()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Valid
// ---------------------------------------------------------------------------------------------------------------

const valid = [
  both({
    name: 'safe: "--" before the tool input',
    code: v1(
      `import { execFile, spawn } from "node:child_process";`,
      `server.registerTool("blame", { inputSchema: { file: z.string(), rev: z.string() } }, async ({ file, rev }) => {
  execFile("git", ["blame", "--", file], () => {});
  spawn("git", ["log", "--end-of-options", rev]);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: a leading-dash check with an early exit, in several spellings",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("show", { inputSchema: { a: z.string(), b: z.string(), c: z.string(), d: z.string() } }, async ({ a, b, c, d }) => {
  if (a.startsWith("-")) throw new Error("a");
  if (b[0] === "-") return { isError: true, content: [{ type: "text", text: "b" }] };
  if (/^-/.test(c)) throw new Error("c");
  if (d.charAt(0) === "-") throw new Error("d");
  execFile("git", ["show", a, b, c, d], () => {});
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: the use sits where the value cannot start with a dash",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("cat", { inputSchema: { name: z.string(), rev: z.string() } }, async ({ name, rev }) => {
  if (!name.startsWith("-")) execFile("cat", [name], () => {});
  if (rev[0] !== "-") execFile("git", ["show", rev], () => {});
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: anchored regular expressions whose first character cannot be a dash",
    code: v1(
      `import { execFileSync } from "node:child_process";

const NAME = /^[a-z0-9][a-z0-9.-]*$/;`,
      `server.registerTool("pod_logs", { inputSchema: { pod: z.string(), ns: z.string(), tag: z.string() } }, async ({ pod, ns, tag }) => {
  if (!NAME.test(pod)) throw new Error("bad pod");
  if (!/^(?!-)[\\w.-]+$/.test(ns)) throw new Error("bad namespace");
  if (!/^\\w/.test(tag)) throw new Error("bad tag");
  execFileSync("kubectl", ["logs", pod, "-n", ns, "-l", tag]);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: allowlists and a switch",
    code: v1(
      `import { execFileSync } from "node:child_process";

const KINDS = new Set(["pods", "services"]);`,
      `server.registerTool("get", { inputSchema: { kind: z.string(), output: z.string() } }, async ({ kind, output }) => {
  if (!KINDS.has(kind)) throw new Error("kind");
  switch (output) {
    case "json":
    case "yaml":
      return { content: [{ type: "text", text: execFileSync("kubectl", ["get", kind, "-o", output], { encoding: "utf8" }) }] };
    default:
      throw new Error("output");
  }
});
`,
    ),
  }),

  both({
    name: "safe: values that start with fixed text, absolute paths and numbers",
    code: v1(
      `import { execFile } from "node:child_process";
import path from "node:path";`,
      `server.registerTool("fetch", { inputSchema: { ns: z.string(), port: z.number(), file: z.string(), count: z.string() } }, async (args) => {
  execFile("kubectl", ["get", \`--namespace=\${args.ns}\`, "-p", \`tcp:\${args.port}\`], () => {});
  execFile("wc", ["-l", path.resolve("/srv/data", args.file)], () => {});
  execFile("head", ["-n", String(Number(args.count)), "./log.txt"], () => {});
  const target = "--target=" + args.ns;
  execFile("build", [target], () => {});
  ${OK}
});
`,
    ),
  }),

  both({
    name: "not this rule: a shell, or a program chosen by the client (no-command-injection reports those)",
    code: v1(
      `import { execFile, spawn } from "node:child_process";`,
      `server.registerTool("run", { inputSchema: { program: z.string(), arg: z.string() } }, async ({ program, arg }) => {
  execFile(program, [arg], () => {});
  spawn("git", ["log", arg], { shell: true });
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: a z.enum field, fixed arguments, and a helper called with fixed arguments",
    code: v1(
      `import { execFileSync } from "node:child_process";

function git(args) {
  return execFileSync("git", args, { encoding: "utf8" });
}`,
      `server.registerTool("status", { inputSchema: { format: z.enum(["short", "long"]) } }, async ({ format }) => {
  const out = execFileSync("git", ["status", \`--\${format}\`, format]);
  return { content: [{ type: "text", text: out + git(["log", "-1"]) }] };
});
`,
    ),
  }),

  both({
    name: "safe: tool input in argv in a file with no MCP handler",
    code: `import { execFileSync } from "node:child_process";

export function show(ref) {
  return execFileSync("git", ["show", ref]);
}
`,
  }),

  both({
    name: "safe: a split of a constant command line",
    code: v1(
      `import { spawn } from "node:child_process";

const COMMAND = "npm run build";`,
      `server.registerTool("build", { inputSchema: { target: z.string() } }, async ({ target }) => {
  const [program, ...args] = COMMAND.split(" ");
  spawn(program, [...args, "--", target]);
  ${OK}
});
`,
    ),
  }),

  cjs({
    name: "safe: CommonJS execFile with the value after --",
    code: v1Cjs(
      `const { execFile } = require("child_process");`,
      `server.registerTool("rm_branch", { inputSchema: { branch: z.string() } }, async ({ branch }) => {
  execFile("git", ["branch", "-d", "--", branch], () => {});
  ${OK}
});
`,
    ),
  }),
];

runRuleTests("no-argument-injection", rule, {
  valid,
  invalid: [...frameworkInvalid, ...moreShapesInvalid, ...flowInvalid],
});

// ---------------------------------------------------------------------------------------------------------------
// Across files: fixture projects linted through the ESLint API
// ---------------------------------------------------------------------------------------------------------------

describe("no-argument-injection across files", () => {
  it("reports the kubectl argv of a dispatcher's tool module (the shape of CVE-2026-61459 after its shell was removed)", async () => {
    const registration = await lintProject(RULE, "dispatcher-safe", ["src/index.ts"]);
    expect(registration.places).toEqual(["src/index.ts:22:43 viaImport"]);
    expect(registration.messages[0]).toContain(
      "input from the MCP tools/call handler is passed to kubectlGet(), which passes it as an argument that can be read as an option in execFileSync() at ./tools/kubectl-get.ts:18",
    );
    const module = await lintProject(RULE, "dispatcher-safe", ["src/tools/kubectl-get.ts"]);
    expect(module.places).toEqual(["src/tools/kubectl-get.ts:18:50 optionInjection"]);
    expect(module.messages[0]).toContain('target from the MCP tools/call handler is an argument of the program that execFileSync() runs, before any "--"');
  });
});
