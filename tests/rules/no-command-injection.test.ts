import rule from "../../src/rules/no-command-injection.js";
import { both, bothCjs, cjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, lowLevelV1, tool, v1, v1Cjs, v2 } from "../utils/shapes.js";

type MessageIds = "shellCommand" | "programName" | "interpreterCode";

// ---------------------------------------------------------------------------------------------------------------
// Helpers for code and expected errors
// ---------------------------------------------------------------------------------------------------------------


const TOOLS_CALL = "tools/call handler";

function shell(at: string, source: string, handler: string, sink: string, nth?: number): ExpectedError<MessageIds> {
  return { messageId: "shellCommand", at, nth, data: { source, handler, sink } };
}

function program(at: string, source: string, handler: string, sink: string): ExpectedError<MessageIds> {
  return { messageId: "programName", at, data: { source, handler, sink } };
}

function interpreter(
  at: string,
  source: string,
  handler: string,
  sink: string,
  programName: string,
  flag: string,
): ExpectedError<MessageIds> {
  return { messageId: "interpreterCode", at, data: { source, handler, sink, program: programName, flag } };
}

const OK = `return { content: [{ type: "text", text: "ok" }] };`;

// ---------------------------------------------------------------------------------------------------------------
// Invalid: frameworks and handler shapes
// ---------------------------------------------------------------------------------------------------------------

const frameworkInvalid = [
  both({
    name: "v1 registerTool with inputSchema: exec template literal",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool(
  "git_log",
  { description: "Show the git log for a ref", inputSchema: { ref: z.string() } },
  async (args) => {
    exec(\`git log --oneline \${args.ref}\`);
    ${OK}
  },
);
`,
    ),
    errors: [shell("`git log --oneline ${args.ref}`", "args.ref", tool("git_log"), "exec()")],
  }),

  both({
    name: "v1 registerTool with a shorthand inputSchema const",
    code: v1(
      `import { execSync } from "node:child_process";

const inputSchema = { pid: z.string() };`,
      `server.registerTool("kill_process", { description: "Stop a process", inputSchema }, async ({ pid }) => {
  execSync("kill -9 " + pid);
  ${OK}
});
`,
    ),
    errors: [shell('"kill -9 " + pid', "pid", tool("kill_process"), "execSync()")],
  }),

  both({
    name: "v1 tool(name, shape, cb): namespace import, destructured param",
    code: v1(
      `import * as cp from "node:child_process";`,
      `server.tool("disk_usage", { dir: z.string() }, async ({ dir }) => {
  const out = cp.execSync(\`du -sh \${dir}\`).toString();
  return { content: [{ type: "text", text: out }] };
});
`,
    ),
    errors: [shell("`du -sh ${dir}`", "dir", tool("disk_usage"), "cp.execSync()")],
  }),

  both({
    name: "v1 tool(name, desc, shape, cb): default import, string concatenation",
    code: v1(
      `import cp from "child_process";`,
      `server.tool("grep_logs", "Search the application log", { pattern: z.string() }, async (args) => {
  cp.exec("grep " + args.pattern + " /var/log/app.log", (error, stdout) => console.log(stdout));
  ${OK}
});
`,
    ),
    errors: [shell('"grep " + args.pattern + " /var/log/app.log"', "args.pattern", tool("grep_logs"), "cp.exec()")],
  }),

  both({
    name: "v1 tool(name, desc, shape, annotations, cb): promisified exec",
    code: v1(
      `import { exec } from "node:child_process";
import { promisify } from "node:util";

const execAsync = promisify(exec);`,
      `server.tool(
  "ping",
  "Ping a host once",
  { host: z.string() },
  { readOnlyHint: true, openWorldHint: true },
  async ({ host }) => {
    const { stdout } = await execAsync(\`ping -c 1 \${host}\`);
    return { content: [{ type: "text", text: stdout }] };
  },
);
`,
    ),
    errors: [shell("`ping -c 1 ${host}`", "host", tool("ping"), "execAsync()")],
  }),

  both({
    name: "v1 this.server.tool inside McpAgent.init",
    code: `import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { execSync } from "node:child_process";

export class MyMCP extends McpAgent {
  server = new McpServer({ name: "Ops", version: "1.0.0" });

  async init() {
    this.server.tool("whois", { domain: z.string() }, async ({ domain }) => ({
      content: [{ type: "text", text: execSync(\`whois \${domain}\`).toString() }],
    }));
  }
}
`,
    errors: [shell("`whois ${domain}`", "domain", tool("whois"), "execSync()")],
  }),

  both({
    name: "v1 registerResource with a ResourceTemplate: template variable",
    code: `import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { execSync } from "node:child_process";

const server = new McpServer({ name: "ops", version: "1.0.0" });

server.registerResource(
  "service_logs",
  new ResourceTemplate("logs://{service}", { list: undefined }),
  { mimeType: "text/plain" },
  async (uri, { service }) => ({
    contents: [{ uri: uri.href, text: execSync(\`journalctl -u \${service} -n 100\`).toString() }],
  }),
);
`,
    errors: [shell("`journalctl -u ${service} -n 100`", "service", 'resource template "service_logs"', "execSync()")],
  }),

  both({
    name: "v1 registerResource with a ResourceTemplate: the uri parameter",
    code: `import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { execSync } from "node:child_process";

const server = new McpServer({ name: "git", version: "1.0.0" });

server.registerResource(
  "git_file",
  new ResourceTemplate("git:///{path}", { list: undefined }),
  {},
  async (uri, variables) => ({
    contents: [{ uri: uri.href, text: execSync(\`git show HEAD:\${uri.pathname}\`).toString() }],
  }),
);
`,
    errors: [shell("`git show HEAD:${uri.pathname}`", "uri.pathname", 'resource template "git_file"', "execSync()")],
  }),

  both({
    name: "v1 registerPrompt with argsSchema",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.registerPrompt(
  "review_diff",
  { description: "Review the diff of a file", argsSchema: { file: z.string() } },
  ({ file }) => ({
    messages: [{ role: "user", content: { type: "text", text: execSync(\`git diff -- \${file}\`).toString() } }],
  }),
);
`,
    ),
    errors: [shell("`git diff -- ${file}`", "file", 'prompt "review_diff"', "execSync()")],
  }),

  both({
    name: "v1 low-level setRequestHandler(CallToolRequestSchema) with a switch on the tool name",
    code: lowLevelV1(
      `import { exec, execSync } from "node:child_process";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  switch (name) {
    case "git_log": {
      const out = execSync(\`git log --oneline \${args.ref}\`).toString();
      return { content: [{ type: "text", text: out }] };
    }
    case "run_script": {
      exec(args.script);
      return { content: [{ type: "text", text: "started" }] };
    }
    default:
      throw new Error(\`Unknown tool: \${name}\`);
  }
});
`,
    ),
    errors: [
      shell("`git log --oneline ${args.ref}`", "args.ref", TOOLS_CALL, "execSync()"),
      shell("exec(«args.script»)", "args.script", TOOLS_CALL, "exec()"),
    ],
  }),

  both({
    name: "v2 registerTool with a z.object inputSchema",
    code: v2(
      `import { execSync } from "node:child_process";`,
      `server.registerTool(
  "convert_image",
  { description: "Convert an image to PNG", inputSchema: z.object({ file: z.string() }) },
  async ({ file }, ctx) => {
    execSync(\`convert \${file} /tmp/out.png\`);
    ${OK}
  },
);
`,
    ),
    errors: [shell("`convert ${file} /tmp/out.png`", "file", tool("convert_image"), "execSync()")],
  }),

  both({
    name: 'v2 low-level setRequestHandler("tools/call")',
    code: `import { Server } from "@modelcontextprotocol/server";
import { exec } from "node:child_process";

const server = new Server({ name: "ops", version: "2.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler("tools/call", async (request, ctx) => {
  const { name, arguments: args } = request.params;
  if (name === "shell") {
    exec(args.command);
    return { content: [{ type: "text", text: "started" }] };
  }
  throw new Error(\`Unknown tool \${name}\`);
});
`,
    errors: [shell("exec(«args.command»)", "args.command", TOOLS_CALL, "exec()")],
  }),

  both({
    name: "v1 low-level: a member chain on request is the source",
    code: lowLevelV1(
      `import { execSync } from "node:child_process";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  if (request.params.name !== "ping") throw new Error("unknown tool");
  const out = execSync(\`ping -c 1 \${request.params.arguments.host}\`).toString();
  return { content: [{ type: "text", text: out }] };
});
`,
    ),
    errors: [shell("`ping -c 1 ${request.params.arguments.host}`", "request.params.arguments.host", TOOLS_CALL, "execSync()")],
  }),

  both({
    name: "FastMCP addTool execute",
    code: fastmcp(
      `import { execSync } from "node:child_process";`,
      `server.addTool({
  name: "disk_usage",
  description: "Show the disk usage of a directory",
  parameters: z.object({ dir: z.string() }),
  execute: async (args) => execSync(\`du -sh \${args.dir}\`).toString(),
});
`,
    ),
    errors: [shell("`du -sh ${args.dir}`", "args.dir", tool("disk_usage"), "execSync()")],
  }),

  both({
    name: "a definition object given to a project helper (not an agent library's tool)",
    code: v1(
      `import { execSync } from "node:child_process";
import { defineTool } from "./define.js";`,
      `export const runTool = defineTool({
  name: "run",
  description: "Run a command",
  inputSchema: { command: z.string() },
  execute: async (args) => execSync(args.command).toString(),
});
`,
    ),
    errors: [shell("args.command", "args.command", tool("run"), "execSync()")],
  }),

  both({
    name: "FastMCP addResourceTemplate load",
    code: fastmcp(
      `import { execSync } from "node:child_process";`,
      `server.addResourceTemplate({
  uriTemplate: "logs://{service}",
  name: "Service logs",
  mimeType: "text/plain",
  arguments: [{ name: "service", description: "systemd unit", required: true }],
  load: async ({ service }) => ({ text: execSync(\`journalctl -u \${service} -n 100\`).toString() }),
});
`,
    ),
    errors: [shell("`journalctl -u ${service} -n 100`", "service", 'resource template "Service logs"', "execSync()")],
  }),

  both({
    name: "FastMCP addPrompt load",
    code: fastmcp(
      `import { execSync } from "node:child_process";`,
      `server.addPrompt({
  name: "explain_commit",
  description: "Explain a commit",
  arguments: [{ name: "sha", description: "Commit hash", required: true }],
  load: async (args) => \`Explain this commit:\\n\${execSync(\`git show \${args.sha}\`).toString()}\`,
});
`,
    ),
    errors: [shell("`git show ${args.sha}`", "args.sha", 'prompt "explain_commit"', "execSync()")],
  }),

  both({
    name: "mcp-framework MCPTool execute with util.promisify(cp.exec)",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";
import * as cp from "node:child_process";
import util from "node:util";

const run = util.promisify(cp.exec);

class GitLogTool extends MCPTool {
  name = "git_log";
  description = "Show the git log for a ref";
  schema = {
    ref: { type: z.string(), description: "Branch, tag or commit" },
  };

  async execute(input) {
    const { stdout } = await run(\`git log --oneline \${input.ref}\`);
    return stdout;
  }
}

export default GitLogTool;
`,
    errors: [shell("`git log --oneline ${input.ref}`", "input.ref", tool("git_log"), "run()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: how child_process is imported
// ---------------------------------------------------------------------------------------------------------------

const importInvalid = [
  bothCjs({
    name: 'CommonJS: const { exec } = require("child_process")',
    code: v1Cjs(
      `const { exec } = require("child_process");`,
      `server.registerTool("tail_log", { inputSchema: { file: z.string() } }, async ({ file }) => {
  exec(\`tail -n 50 \${file}\`);
  ${OK}
});
`,
    ),
    errors: [shell("`tail -n 50 ${file}`", "file", tool("tail_log"), "exec()")],
  }),

  cjs({
    name: 'CommonJS: const cp = require("child_process")',
    code: v1Cjs(
      `const cp = require("child_process");`,
      `server.tool("disk_usage", { dir: z.string() }, async ({ dir }) => {
  const out = cp.execSync("du -sh " + dir).toString();
  return { content: [{ type: "text", text: out }] };
});
`,
    ),
    errors: [shell('"du -sh " + dir', "dir", tool("disk_usage"), "cp.execSync()")],
  }),

  cjs({
    name: 'CommonJS: require("child_process").exec(...) called directly',
    code: v1Cjs(
      ``,
      `server.tool("open_url", { url: z.string() }, async ({ url }) => {
  require("child_process").exec(\`xdg-open \${url}\`);
  ${OK}
});
`,
    ),
    errors: [shell("`xdg-open ${url}`", "url", tool("open_url"), 'require("child_process").exec()')],
  }),

  cjs({
    name: "CommonJS: destructuring alias const { exec: run }",
    code: v1Cjs(
      `const { exec: run } = require("child_process");`,
      `server.registerTool("npm_install", { inputSchema: { pkg: z.string() } }, async ({ pkg }) => {
  run(\`npm install \${pkg}\`);
  ${OK}
});
`,
    ),
    errors: [shell("`npm install ${pkg}`", "pkg", tool("npm_install"), "run()")],
  }),

  both({
    name: "ESM: import { execSync as sh }",
    code: v1(
      `import { execSync as sh } from "node:child_process";`,
      `server.registerTool("npm_view", { inputSchema: { pkg: z.string() } }, async ({ pkg }) => {
  const info = sh(\`npm view \${pkg} version\`, { encoding: "utf8" });
  return { content: [{ type: "text", text: info }] };
});
`,
    ),
    errors: [shell("`npm view ${pkg} version`", "pkg", tool("npm_view"), "sh()")],
  }),

  both({
    name: "ESM: const run = cp.exec",
    code: v1(
      `import * as cp from "node:child_process";

const run = cp.exec;`,
      `server.registerTool("zip_dir", { inputSchema: { dir: z.string() } }, async ({ dir }) => {
  run(\`zip -r /tmp/out.zip \${dir}\`);
  ${OK}
});
`,
    ),
    errors: [shell("`zip -r /tmp/out.zip ${dir}`", "dir", tool("zip_dir"), "run()")],
  }),

  ts({
    name: 'TS: import cp = require("child_process")',
    code: v1(
      `import cp = require("child_process");`,
      `server.registerTool("git_blame", { inputSchema: { file: z.string() } }, async ({ file }) => {
  cp.exec(\`git blame \${file}\`);
  ${OK}
});
`,
    ),
    errors: [shell("`git blame ${file}`", "file", tool("git_blame"), "cp.exec()")],
  }),

  both({
    name: "shelljs: shell.exec(cmd)",
    code: v1(
      `import shell from "shelljs";`,
      `server.registerTool("make_target", { inputSchema: { target: z.string() } }, async ({ target }) => {
  const result = shell.exec(\`make \${target}\`, { silent: true });
  return { content: [{ type: "text", text: result.stdout }] };
});
`,
    ),
    errors: [shell("`make ${target}`", "target", tool("make_target"), "shell.exec()")],
  }),

  both({
    name: "execa: execaCommand(cmd) splits a command line",
    code: v1(
      `import { execaCommand } from "execa";`,
      `server.registerTool("run_command", { inputSchema: { command: z.string() } }, async ({ command }) => {
  const { stdout } = await execaCommand(command);
  return { content: [{ type: "text", text: stdout }] };
});
`,
    ),
    errors: [shell("execaCommand(«command»)", "command", tool("run_command"), "execaCommand()")],
  }),

  both({
    name: "execa: execaCommandSync(template)",
    code: v1(
      `import { execaCommandSync } from "execa";`,
      `server.registerTool("lint_file", { inputSchema: { file: z.string() } }, async ({ file }) => {
  const { stdout } = execaCommandSync(\`eslint \${file}\`);
  return { content: [{ type: "text", text: stdout }] };
});
`,
    ),
    errors: [shell("`eslint ${file}`", "file", tool("lint_file"), "execaCommandSync()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: spawn/execFile with a shell, shell programs, program names, interpreter code
// ---------------------------------------------------------------------------------------------------------------

const spawnInvalid = [
  both({
    name: "spawn(program, { shell: true }): the tainted program",
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("run", { inputSchema: { command: z.string() } }, async (args) => {
  spawn(args.command, { shell: true, stdio: "inherit" });
  ${OK}
});
`,
    ),
    errors: [shell("spawn(«args.command»", "args.command", tool("run"), "spawn()")],
  }),

  both({
    name: "execFile(program, argv, { shell: true }): the tainted argv element",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
  execFile("git", ["log", "--oneline", ref], { shell: true }, (error, stdout) => console.log(stdout));
  ${OK}
});
`,
    ),
    errors: [shell('"--oneline", «ref»]', "ref", tool("git_log"), "execFile()")],
  }),

  both({
    name: "spawnSync with { shell: true } and a template argv element",
    code: v1(
      `import { spawnSync } from "node:child_process";`,
      `server.registerTool("find_files", { inputSchema: { name: z.string() } }, async (args) => {
  const result = spawnSync("find", [".", \`-name \${args.name}\`], { shell: true, encoding: "utf8" });
  return { content: [{ type: "text", text: result.stdout }] };
});
`,
    ),
    errors: [shell("`-name ${args.name}`", "args.name", tool("find_files"), "spawnSync()")],
  }),

  both({
    name: 'spawn("sh", ["-c", cmd]): the element after -c',
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("backup", { inputSchema: { dir: z.string() } }, async ({ dir }) => {
  const cmd = \`tar czf /tmp/backup.tgz \${dir}\`;
  spawn("sh", ["-c", cmd]);
  ${OK}
});
`,
    ),
    errors: [shell('"-c", «cmd»]', "cmd", tool("backup"), "spawn()")],
  }),

  both({
    name: 'spawnSync("bash", ["-c", template])',
    code: v1(
      `import { spawnSync } from "node:child_process";`,
      `server.registerTool("count_lines", { inputSchema: { file: z.string() } }, async ({ file }) => {
  const result = spawnSync("bash", ["-c", \`wc -l \${file}\`], { encoding: "utf8" });
  return { content: [{ type: "text", text: result.stdout }] };
});
`,
    ),
    errors: [shell("`wc -l ${file}`", "file", tool("count_lines"), "spawnSync()")],
  }),

  both({
    name: 'spawn("cmd", ["/c", template]) on Windows',
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("list_folder", { inputSchema: { folder: z.string() } }, async ({ folder }) => {
  spawn("cmd", ["/c", \`dir \${folder}\`]);
  ${OK}
});
`,
    ),
    errors: [shell("`dir ${folder}`", "folder", tool("list_folder"), "spawn()")],
  }),

  both({
    name: "execFile(program) without a shell: tool input chooses the program",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("version_of", { inputSchema: { program: z.string() } }, async (args) => {
  execFile(args.program, ["--version"], (error, stdout) => console.log(stdout));
  ${OK}
});
`,
    ),
    errors: [program("execFile(«args.program»", "args.program", tool("version_of"), "execFile()")],
  }),

  both({
    name: "spawn(program, argv) without a shell: tool input chooses the program (FastMCP)",
    code: fastmcp(
      `import { spawn } from "node:child_process";`,
      `server.addTool({
  name: "start_service",
  description: "Start a helper binary",
  parameters: z.object({ bin: z.string() }),
  execute: async ({ bin }) => {
    spawn(bin, ["--daemon"], { detached: true });
    return "started";
  },
});
`,
    ),
    errors: [program("spawn(«bin»", "bin", tool("start_service"), "spawn()")],
  }),

  both({
    name: "execa(program, argv): tool input chooses the program",
    code: v1(
      `import { execa } from "execa";`,
      `server.registerTool("help_for", { inputSchema: { cli: z.string() } }, async ({ cli }) => {
  const { stdout } = await execa(cli, ["--help"]);
  return { content: [{ type: "text", text: stdout }] };
});
`,
    ),
    errors: [program("execa(«cli»", "cli", tool("help_for"), "execa()")],
  }),

  both({
    name: 'execFile("python3", ["-c", code])',
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("run_python", { inputSchema: { code: z.string() } }, async (args) => {
  execFile("python3", ["-c", args.code], (error, stdout) => console.log(stdout));
  ${OK}
});
`,
    ),
    errors: [interpreter("args.code", "args.code", tool("run_python"), "execFile()", "python3", "-c")],
  }),

  both({
    name: 'spawnSync("node", ["-e", snippet])',
    code: v1(
      `import { spawnSync } from "node:child_process";`,
      `server.registerTool("run_js", { inputSchema: { snippet: z.string() } }, async ({ snippet }) => {
  const result = spawnSync("node", ["-e", snippet], { encoding: "utf8" });
  return { content: [{ type: "text", text: result.stdout }] };
});
`,
    ),
    errors: [interpreter('"-e", «snippet»]', "snippet", tool("run_js"), "spawnSync()", "node", "-e")],
  }),

  both({
    name: 'execFileSync("node", ["--eval", template])',
    code: v1(
      `import { execFileSync } from "node:child_process";`,
      `server.registerTool("json_query", { inputSchema: { path: z.string() } }, async ({ path }) => {
  const out = execFileSync("node", ["--eval", \`console.log(require("./data.json").\${path})\`]);
  return { content: [{ type: "text", text: out.toString() }] };
});
`,
    ),
    errors: [
      interpreter(
        '`console.log(require("./data.json").${path})`',
        "path",
        tool("json_query"),
        "execFileSync()",
        "node",
        "--eval",
      ),
    ],
  }),

  both({
    name: 'spawn("node", ["-p", expression])',
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("calc", { inputSchema: { expression: z.string() } }, async (args) => {
  spawn("node", ["-p", args.expression], { stdio: "inherit" });
  ${OK}
});
`,
    ),
    errors: [interpreter("args.expression", "args.expression", tool("calc"), "spawn()", "node", "-p")],
  }),

  both({
    name: 'execFileSync("perl", ["-e", script])',
    code: v1(
      `import { execFileSync } from "node:child_process";`,
      `server.registerTool("perl_oneliner", { inputSchema: { script: z.string() } }, async ({ script }) => {
  const out = execFileSync("perl", ["-e", script, "/var/log/app.log"]);
  return { content: [{ type: "text", text: out.toString() }] };
});
`,
    ),
    errors: [interpreter('"-e", «script»,', "script", tool("perl_oneliner"), "execFileSync()", "perl", "-e")],
  }),

  ts({
    name: 'spawn("ruby", ["-e", code]) in TypeScript',
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("ruby_eval", { inputSchema: { code: z.string() } }, async ({ code }: { code: string }) => {
  spawn("ruby", ["-e", code], { stdio: "inherit" });
  ${OK}
});
`,
    ),
    errors: [interpreter('"-e", «code»]', "code", tool("ruby_eval"), "spawn()", "ruby", "-e")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: handler references and wrappers, TS wrappers, same-file helpers
// ---------------------------------------------------------------------------------------------------------------

const handlerInvalid = [
  ts({
    name: "registration function taking the server as a typed parameter (receiver is a parameter)",
    code: `import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { exec } from "node:child_process";

export function registerGitTools(mcp: McpServer): void {
  mcp.registerTool("git_log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
    exec(\`git log --oneline \${ref}\`);
    return { content: [{ type: "text" as const, text: "ok" }] };
  });
}
`,
    errors: [shell("`git log --oneline ${ref}`", "ref", tool("git_log"), "exec()")],
  }),

  both({
    name: "closure inside the handler capturing a tainted variable",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.registerTool("cleanup", { inputSchema: { dir: z.string() } }, async ({ dir }) => {
  const removeAll = () => execSync(\`rm -rf \${dir}/tmp\`);
  removeAll();
  ${OK}
});
`,
    ),
    errors: [shell("`rm -rf ${dir}/tmp`", "dir", tool("cleanup"), "execSync()")],
  }),

  both({
    name: "same-file helper with a destructured object parameter",
    code: v1(
      `import { execSync } from "node:child_process";

function checkout({ branch, force }) {
  return execSync(\`git checkout \${force ? "-f " : ""}\${branch}\`).toString();
}`,
      `server.registerTool("checkout", { inputSchema: { branch: z.string() } }, async (args) => {
  const out = checkout({ branch: args.branch, force: false });
  return { content: [{ type: "text", text: out }] };
});
`,
    ),
    errors: [shell('`git checkout ${force ? "-f " : ""}${branch}`', "branch", tool("checkout"), "execSync()")],
  }),

  both({
    name: "handler passed by reference: a function declaration",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `async function gitShow({ rev }) {
  const out = execSync(\`git show \${rev}\`).toString();
  return { content: [{ type: "text", text: out }] };
}

server.registerTool("git_show", { inputSchema: { rev: z.string() } }, gitShow);
`,
    ),
    errors: [shell("`git show ${rev}`", "rev", tool("git_show"), "execSync()")],
  }),

  ts({
    name: "handler passed by reference: an arrow const with `as ToolCallback`",
    code: `import { McpServer, type ToolCallback } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { execSync } from "node:child_process";

const server = new McpServer({ name: "fs", version: "1.0.0" });
const listDirShape = { dir: z.string() };

const listDir = async ({ dir }: { dir: string }) => {
  const out = execSync(\`ls -la \${dir}\`, { encoding: "utf8" });
  return { content: [{ type: "text" as const, text: out }] };
};

server.registerTool("list_dir", { inputSchema: listDirShape }, listDir as ToolCallback<typeof listDirShape>);
`,
    errors: [shell("`ls -la ${dir}`", "dir", tool("list_dir"), "execSync()")],
  }),

  both({
    name: "handler wrapped in withAuth(...)",
    code: v1(
      `import { exec } from "node:child_process";
import { withAuth } from "./auth.js";`,
      `server.registerTool(
  "restart_service",
  { inputSchema: { unit: z.string() } },
  withAuth(async ({ unit }) => {
    exec(\`systemctl restart \${unit}\`);
    ${OK}
  }),
);
`,
    ),
    errors: [shell("`systemctl restart ${unit}`", "unit", tool("restart_service"), "exec()")],
  }),

  ts({
    name: "TS `as`: low-level arguments cast to string",
    code: lowLevelV1(
      `import { exec } from "node:child_process";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { arguments: args } = request.params;
  exec(args.command as string);
  ${OK}
});
`,
    ),
    errors: [shell("args.command as string", "args.command", TOOLS_CALL, "exec()")],
  }),

  ts({
    name: "TS non-null assertion inside a template",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.registerTool(
  "git_show",
  { inputSchema: { ref: z.string().optional() } },
  async ({ ref }: { ref?: string }) => {
    execSync(\`git show \${ref!}\`);
    ${OK}
  },
);
`,
    ),
    errors: [shell("`git show ${ref!}`", "ref", tool("git_show"), "execSync()")],
  }),

  ts({
    name: "TS `satisfies` around the command",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("run", { inputSchema: { command: z.string() } }, async ({ command }) => {
  exec(command satisfies string);
  ${OK}
});
`,
    ),
    errors: [shell("command satisfies string", "command", tool("run"), "exec()")],
  }),

  both({
    name: "parentheses around the command",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("run", { inputSchema: { command: z.string() } }, async ({ command }) => {
  exec((command));
  ${OK}
});
`,
    ),
    errors: [shell("exec((«command»))", "command", tool("run"), "exec()")],
  }),

  both({
    name: "same-file helper (function declaration): reported at the sink inside the helper",
    code: v1(
      `import { exec } from "node:child_process";
import { promisify } from "node:util";

const execAsync = promisify(exec);

function runGit(ref) {
  return execAsync(\`git log --oneline \${ref}\`);
}`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async (args) => {
  const { stdout } = await runGit(args.ref);
  return { content: [{ type: "text", text: stdout }] };
});
`,
    ),
    errors: [shell("`git log --oneline ${ref}`", "ref", tool("git_log"), "execAsync()")],
  }),

  both({
    name: "same-file helper (arrow const): reported inside the helper",
    code: v1(
      `import { execSync } from "node:child_process";

const du = (path) => execSync(\`du -sh \${path}\`).toString();`,
      `server.tool("disk_usage", { dir: z.string() }, async ({ dir }) => ({
  content: [{ type: "text", text: du(dir) }],
}));
`,
    ),
    errors: [shell("`du -sh ${path}`", "path", tool("disk_usage"), "execSync()")],
  }),

  ts({
    name: "mcp-framework: class method called via this.method()",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";
import { execSync } from "node:child_process";

interface GitLogInput {
  ref: string;
}

class GitLogTool extends MCPTool<GitLogInput> {
  name = "git_log";
  description = "Show the git log for a ref";
  schema = {
    ref: { type: z.string(), description: "Branch, tag or commit" },
  };

  async execute(input: GitLogInput) {
    return this.gitLog(input.ref);
  }

  private gitLog(ref: string): string {
    return execSync(\`git log --oneline -n 20 \${ref}\`, { encoding: "utf8" });
  }
}

export default GitLogTool;
`,
    errors: [shell("`git log --oneline -n 20 ${ref}`", "ref", tool("git_log"), "execSync()")],
  }),

  both({
    name: "same-file helper returning a template propagates to the caller",
    code: v1(
      `import { exec } from "node:child_process";

const gitLogCommand = (ref) => \`git log --oneline \${ref}\`;`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async (args) => {
  exec(gitLogCommand(args.ref));
  ${OK}
});
`,
    ),
    errors: [shell("gitLogCommand(args.ref)", "args.ref", tool("git_log"), "exec()")],
  }),

  both({
    name: "async same-file helper building the command, awaited",
    code: v1(
      `import { exec } from "node:child_process";

async function buildCommand(args) {
  return \`git log --author=\${args.author}\`;
}`,
      `server.registerTool("git_log_by", { inputSchema: { author: z.string() } }, async (args) => {
  const command = await buildCommand(args);
  exec(command);
  ${OK}
});
`,
    ),
    errors: [shell("exec(«command»)", "command", tool("git_log_by"), "exec()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: taint propagation, and checks that are not guards
// ---------------------------------------------------------------------------------------------------------------

const flowInvalid = [
  both({
    name: "flow: let and +=",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("git_log", { inputSchema: { author: z.string().optional() } }, async (args) => {
  let cmd = "git log --oneline";
  if (args.author) cmd += \` --author=\${args.author}\`;
  exec(cmd);
  ${OK}
});
`,
    ),
    errors: [shell("exec(«cmd»)", "cmd", tool("git_log"), "exec()")],
  }),

  both({
    name: "flow: array literal and join",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.registerTool("git_diff", { inputSchema: { base: z.string() } }, async (args) => {
  const parts = ["git", "diff", args.base];
  const line = parts.join(" ");
  execSync(line);
  ${OK}
});
`,
    ),
    errors: [shell("execSync(«line»)", "line", tool("git_diff"), "execSync()")],
  }),

  both({
    name: "flow: object literal property",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.registerTool("checkout", { inputSchema: { branch: z.string() } }, async (args) => {
  const opts = { branch: args.branch, force: false };
  execSync(\`git checkout \${opts.branch}\`);
  ${OK}
});
`,
    ),
    errors: [shell("`git checkout ${opts.branch}`", "opts.branch", tool("checkout"), "execSync()")],
  }),

  both({
    name: "flow: toLowerCase and an incomplete replace() escape",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("say", { inputSchema: { text: z.string() } }, async (args) => {
  const text = args.text.toLowerCase().replace(/"/g, '\\\\"');
  exec(\`echo "\${text}" | festival --tts\`);
  ${OK}
});
`,
    ),
    errors: [shell('`echo "${text}" | festival --tts`', "text", tool("say"), "exec()")],
  }),

  both({
    name: "flow: trim, split, slice, join and concat",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("search", { inputSchema: { query: z.string() } }, async (args) => {
  const words = args.query.trim().split(" ").slice(0, 3).join(" ");
  const line = "grep -rn ".concat(words, " ./docs");
  exec(line);
  ${OK}
});
`,
    ),
    errors: [shell("exec(«line»)", "line", tool("search"), "exec()")],
  }),

  both({
    name: "flow: path.join",
    code: v1(
      `import { execSync } from "node:child_process";
import path from "node:path";

const ROOT = "/srv/data";`,
      `server.registerTool("list_dir", { inputSchema: { dir: z.string() } }, async (args) => {
  const target = path.join(ROOT, args.dir);
  const out = execSync(\`ls -la \${target}\`).toString();
  return { content: [{ type: "text", text: out }] };
});
`,
    ),
    errors: [shell("`ls -la ${target}`", "target", tool("list_dir"), "execSync()")],
  }),

  both({
    name: "not a guard: an unanchored regex test",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
  if (!/[\\w-]+/.test(ref)) throw new Error("invalid ref");
  exec(\`git log \${ref}\`);
  ${OK}
});
`,
    ),
    errors: [shell("`git log ${ref}`", "ref", tool("git_log"), "exec()")],
  }),

  both({
    name: "not a guard: a regex anchored at the start only",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
  if (!/^[\\w-]+/.test(ref)) throw new Error("invalid ref");
  exec(\`git log \${ref}\`);
  ${OK}
});
`,
    ),
    errors: [shell("`git log ${ref}`", "ref", tool("git_log"), "exec()")],
  }),

  both({
    name: "not a guard: the check comes after the sink",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
  exec(\`git log \${ref}\`);
  if (!/^[\\w-]+$/.test(ref)) throw new Error("invalid ref");
  ${OK}
});
`,
    ),
    errors: [shell("`git log ${ref}`", "ref", tool("git_log"), "exec()")],
  }),

  both({
    name: "not a guard: the check sits in a branch that does not dominate the sink",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string(), strict: z.boolean() } }, async ({ ref, strict }) => {
  if (strict) {
    if (!/^[\\w-]+$/.test(ref)) throw new Error("invalid ref");
  }
  exec(\`git log \${ref}\`);
  ${OK}
});
`,
    ),
    errors: [shell("`git log ${ref}`", "ref", tool("git_log"), "exec()")],
  }),

  both({
    name: "not a guard: the default branch of a switch",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.registerTool("git", { inputSchema: { sub: z.string() } }, async ({ sub }) => {
  switch (sub) {
    case "status":
      execSync("git status");
      break;
    default:
      execSync(\`git \${sub}\`);
  }
  ${OK}
});
`,
    ),
    errors: [shell("`git ${sub}`", "sub", tool("git"), "execSync()")],
  }),

  both({
    name: "not a guard: Number() coerces a copy, the original reaches the sink",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.registerTool("head", { inputSchema: { count: z.string() } }, async (args) => {
  const n = Number(args.count);
  if (Number.isNaN(n)) throw new Error("count must be a number");
  execSync(\`head -n \${args.count} /var/log/app.log\`);
  ${OK}
});
`,
    ),
    errors: [shell("`head -n ${args.count} /var/log/app.log`", "args.count", tool("head"), "execSync()")],
  }),

  both({
    name: "not a guard: the check is on another variable",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.registerTool(
  "git_log",
  { inputSchema: { branch: z.string(), ref: z.string() } },
  async (args) => {
    if (!/^[\\w-]+$/.test(args.branch)) throw new Error("invalid branch");
    execSync(\`git log --oneline \${args.ref}\`);
    ${OK}
  },
);
`,
    ),
    errors: [shell("`git log --oneline ${args.ref}`", "args.ref", tool("git_log"), "execSync()")],
  }),

  both({
    name: "not a guard: an allowlist check on another variable",
    code: v1(
      `import { exec } from "node:child_process";

const ALLOWED_UNITS = ["nginx", "postgresql"];`,
      `server.registerTool(
  "service_action",
  { inputSchema: { unit: z.string(), action: z.string() } },
  async ({ unit, action }) => {
    if (!ALLOWED_UNITS.includes(unit)) throw new Error("unknown unit");
    exec(\`systemctl \${action} \${unit}\`);
    ${OK}
  },
);
`,
    ),
    errors: [shell("`systemctl ${action} ${unit}`", "action", tool("service_action"), "exec()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Valid: safe twins
// ---------------------------------------------------------------------------------------------------------------

const valid = [
  both({
    name: "safe: a same-file helper that checks the value before returning it",
    code: v1(
      `import { exec } from "node:child_process";

function checkedRef(ref) {
  if (!/^[\w.\/-]+$/.test(ref)) throw new Error("bad ref");
  return ref;
}`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
  exec("git log " + checkedRef(ref));
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: constant command",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("git_status", { inputSchema: { verbose: z.boolean() } }, async (args) => {
  exec("git status --short");
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: module constants and process.env in the command",
    code: v1(
      `import { execSync } from "node:child_process";

const GIT = "/usr/bin/git";`,
      `server.registerTool("open_config", { inputSchema: { line: z.number() } }, async (args) => {
  execSync(\`\${GIT} status\`);
  execSync(\`\${process.env.EDITOR} /etc/app/config.toml\`);
  ${OK}
});
`,
    ),
  }),

  both({
    name: 'safe: execFile("git", ["log", args.ref]) without a shell',
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool(
  "git_log",
  { description: "Show the git log for a ref", inputSchema: { ref: z.string() } },
  async (args) => {
    execFile("git", ["log", "--oneline", args.ref], (error, stdout) => console.log(stdout));
    ${OK}
  },
);
`,
    ),
  }),

  both({
    name: "safe: spawn with argv and options but no shell",
    code: v1(
      `import { spawn } from "node:child_process";

const REPO = "/srv/repo";`,
      `server.tool("git_grep", { pattern: z.string() }, async ({ pattern }) => {
  spawn("git", ["grep", "-n", "--", pattern], { cwd: REPO });
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: spawn with { shell: false }",
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("checkout", { inputSchema: { branch: z.string() } }, async (args) => {
  spawn("git", ["checkout", args.branch], { shell: false });
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: { shell: true } with a constant command and tool input only in env",
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("build", { inputSchema: { target: z.string() } }, async (args) => {
  spawn("npm", ["run", "build"], { shell: true, env: { ...process.env, BUILD_TARGET: args.target } });
  ${OK}
});
`,
    ),
  }),

  both({
    name: 'safe: sh -c with a constant script and tool input as a positional parameter',
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
  spawn("sh", ["-c", 'git log --oneline "$1"', "sh", ref]);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: interpreter running a fixed script with tool input as data",
    code: v1(
      `import { execFile, spawn } from "node:child_process";`,
      `server.registerTool("summarize", { inputSchema: { text: z.string() } }, async (args) => {
  execFile("python3", ["scripts/summarize.py", args.text], (error, stdout) => console.log(stdout));
  spawn("node", ["scripts/render.js", "--title", args.text]);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: python -c with constant code and tool input in sys.argv",
    code: v1(
      `import { execFile } from "node:child_process";`,
      `server.registerTool("upper", { inputSchema: { text: z.string() } }, async (args) => {
  execFile("python3", ["-c", "import sys; print(sys.argv[1].upper())", args.text], (error, stdout) => console.log(stdout));
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: execa with a fixed program",
    code: v1(
      `import { execa } from "execa";`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
  const { stdout } = await execa("git", ["log", "--oneline", ref]);
  return { content: [{ type: "text", text: stdout }] };
});
`,
    ),
  }),

  both({
    name: "guard: anchored regex test with throw",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
  if (!/^[\\w.-]+$/.test(ref)) throw new Error("invalid ref");
  exec(\`git log --oneline \${ref}\`);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: anchored regex test on a member chain",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async (args) => {
  if (!/^[\\w.-]+$/.test(args.ref)) {
    throw new Error("invalid ref");
  }
  execSync(\`git log --oneline \${args.ref}\`);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: array allowlist with an early return",
    code: v1(
      `import { exec } from "node:child_process";

const ALLOWED_COMMANDS = ["uptime", "df -h", "free -m"];`,
      `server.registerTool("system_info", { inputSchema: { command: z.string() } }, async ({ command }) => {
  if (!ALLOWED_COMMANDS.includes(command)) {
    return { content: [{ type: "text", text: "not allowed" }], isError: true };
  }
  exec(command);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: Set allowlist with throw",
    code: v1(
      `import { execSync } from "node:child_process";

const ALLOWED_UNITS = new Set(["nginx", "postgresql", "redis"]);`,
      `server.registerTool("restart", { inputSchema: { unit: z.string() } }, async ({ unit }) => {
  if (!ALLOWED_UNITS.has(unit)) throw new Error(\`unknown unit \${unit}\`);
  execSync(\`systemctl restart \${unit}\`);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: sink inside if (ALLOWED.includes(x))",
    code: v1(
      `import { exec } from "node:child_process";

const SCRIPTS = ["build", "test", "lint"];`,
      `server.registerTool("npm_run", { inputSchema: { script: z.string() } }, async ({ script }) => {
  if (SCRIPTS.includes(script)) {
    exec(\`npm run \${script}\`);
  }
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: switch on the value with constant cases",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.registerTool("git", { inputSchema: { sub: z.string() } }, async ({ sub }) => {
  switch (sub) {
    case "status":
    case "log":
      execSync(\`git \${sub}\`);
      break;
    default:
      throw new Error("unsupported");
  }
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: Number() and parseInt() coercion",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.registerTool("tail_app_log", { inputSchema: { lines: z.string(), pid: z.string() } }, async (args) => {
  const lines = Number(args.lines);
  execSync(\`tail -n \${lines} /var/log/app.log\`);
  execSync(\`kill -TERM \${parseInt(args.pid, 10)}\`);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "guard: low-level dispatcher with constant commands and execFile",
    code: lowLevelV1(
      `import { exec, execFile } from "node:child_process";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  switch (name) {
    case "uptime":
      exec("uptime");
      break;
    case "git_log":
      execFile("git", ["log", "--oneline", args.ref], (error, stdout) => console.log(stdout));
      break;
    default:
      throw new Error(\`Unknown tool: \${name}\`);
  }
  ${OK}
});
`,
    ),
  }),

  both({
    name: 'safe: v2 tools/call handler with execFile',
    code: `import { Server } from "@modelcontextprotocol/server";
import { execFile } from "node:child_process";

const server = new Server({ name: "ops", version: "2.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler("tools/call", async (request, ctx) => {
  const { arguments: args } = request.params;
  execFile("git", ["log", args.ref], (error, stdout) => console.log(stdout));
  ${OK}
});
`,
  }),

  both({
    name: "safe: v2 registerTool with execFileSync and ctx.sessionId in a command",
    code: v2(
      `import { exec, execFileSync } from "node:child_process";`,
      `server.registerTool(
  "convert_image",
  { inputSchema: z.object({ file: z.string() }) },
  async ({ file }, ctx) => {
    execFileSync("convert", [file, "/tmp/out.png"]);
    exec(\`logger "converted for session \${ctx.sessionId}"\`);
    ${OK}
  },
);
`,
    ),
  }),

  both({
    name: "safe: McpAgent tool with execFileSync",
    code: `import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { execFileSync } from "node:child_process";

export class MyMCP extends McpAgent {
  server = new McpServer({ name: "Ops", version: "1.0.0" });

  async init() {
    this.server.tool("whois", { domain: z.string() }, async ({ domain }) => ({
      content: [{ type: "text", text: execFileSync("whois", [domain]).toString() }],
    }));
  }
}
`,
  }),

  both({
    name: "safe: resource template and prompt with execFileSync",
    code: `import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { execFileSync } from "node:child_process";

const server = new McpServer({ name: "ops", version: "1.0.0" });

server.registerResource(
  "service_logs",
  new ResourceTemplate("logs://{service}", { list: undefined }),
  { mimeType: "text/plain" },
  async (uri, { service }) => ({
    contents: [{ uri: uri.href, text: execFileSync("journalctl", ["-u", service, "-n", "100"]).toString() }],
  }),
);

server.registerPrompt("review_diff", { argsSchema: { file: z.string() } }, ({ file }) => ({
  messages: [{ role: "user", content: { type: "text", text: execFileSync("git", ["diff", "--", file]).toString() } }],
}));
`,
  }),

  both({
    name: "safe: FastMCP addTool with execFileSync and context.sessionId",
    code: fastmcp(
      `import { execFileSync, execSync } from "node:child_process";`,
      `server.addTool({
  name: "disk_usage",
  description: "Show the disk usage of a directory",
  parameters: z.object({ dir: z.string() }),
  execute: async (args, context) => {
    execSync(\`logger "disk_usage for \${context.sessionId}"\`);
    return execFileSync("du", ["-sh", args.dir]).toString();
  },
});
`,
    ),
  }),

  both({
    name: "safe: an AI SDK tool (not an MCP tool) in an MCP package, with a definition shape",
    code: v1(
      `import { execSync } from "node:child_process";
import { tool, jsonSchema } from "ai";
import { tool as langchainTool } from "@langchain/core/tools";`,
      `export const tools = {
  run: tool({
    description: "Run a command for the evaluation model",
    inputSchema: jsonSchema({ type: "object" }),
    execute: async (args) => execSync(args.command).toString(),
  }),
  shell: langchainTool(async (input) => execSync(input.command).toString(), { name: "shell", description: "Shell", schema: z.object({ command: z.string() }) }),
};
`,
    ),
  }),

  both({
    name: "safe: mcp-framework tool with execFile",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

class GitLogTool extends MCPTool {
  name = "git_log";
  description = "Show the git log for a ref";
  schema = {
    ref: { type: z.string(), description: "Branch, tag or commit" },
  };

  async execute(input) {
    const { stdout } = await execFileAsync("git", ["log", "--oneline", input.ref]);
    return stdout;
  }
}

export default GitLogTool;
`,
  }),

  bothCjs({
    name: "safe: CommonJS execFile",
    code: v1Cjs(
      `const { execFile } = require("child_process");`,
      `server.registerTool("tail_log", { inputSchema: { file: z.string() } }, async ({ file }) => {
  execFile("tail", ["-n", "50", file], (error, stdout) => console.log(stdout));
  ${OK}
});
`,
    ),
  }),

  ts({
    name: 'safe: TS import cp = require("child_process") with cp.execFile',
    code: v1(
      `import cp = require("child_process");`,
      `server.registerTool("git_blame", { inputSchema: { file: z.string() } }, async ({ file }) => {
  cp.execFile("git", ["blame", "--", file], (error, stdout) => console.log(stdout));
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: extra.sessionId from the second handler parameter",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("git_status", { inputSchema: { short: z.boolean() } }, async (args, extra) => {
  exec(\`logger "git_status called by \${extra.sessionId}"\`);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: registerTool without inputSchema: parameter 0 is extra",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("whoami", { description: "Log the session" }, async (extra) => {
  exec(\`logger "session \${extra.sessionId}"\`);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: tool(name, cb) and tool(name, desc, cb): parameter 0 is extra",
    code: v1(
      `import { execSync } from "node:child_process";`,
      `server.tool("uptime", async (extra) => {
  execSync(\`logger "uptime for \${extra.sessionId}"\`);
  ${OK}
});

server.tool("load", "Show the load average", async (extra) => {
  execSync(\`logger "load for \${extra.requestId}"\`);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: a local function named exec, not from child_process",
    code: v1(
      `import { execFile } from "node:child_process";
import { db } from "./db.js";

function exec(statement) {
  return db.prepare(statement).run();
}`,
      `server.registerTool("audit", { inputSchema: { note: z.string() } }, async ({ note }) => {
  exec(\`INSERT INTO audit (note) VALUES ('\${note}')\`);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: a constant field of an object literal that also holds tool input",
    code: v1(
      `import { execSync, execFileSync } from "node:child_process";`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async (args) => {
  const opts = { ref: args.ref, format: "oneline" };
  execSync(\`git config log.format \${opts.format}\`);
  const out = execFileSync("git", ["log", opts.ref]).toString();
  return { content: [{ type: "text", text: out }] };
});
`,
    ),
  }),

  both({
    name: "safe: same-file helper called only with constants",
    code: v1(
      `import { execSync } from "node:child_process";

function runGit(ref) {
  return execSync(\`git log --oneline \${ref}\`).toString();
}`,
      `server.registerTool("git_head", { inputSchema: { count: z.number() } }, async (args) => {
  const out = runGit("HEAD");
  return { content: [{ type: "text", text: out }] };
});
`,
    ),
  }),

  both({
    name: "safe: exported function in an MCP file, never called with tool input",
    code: v1(
      `import { execSync } from "node:child_process";

export function runCommand(command) {
  return execSync(command).toString();
}`,
      `server.registerTool("ping", { inputSchema: { host: z.string() } }, async ({ host }) => {
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: exec of a parameter in a file with no MCP handler",
    code: `import { exec } from "node:child_process";
import express from "express";

export function runUserCommand(command) {
  exec(command);
}

const app = express();
app.post("/run", (req, res) => {
  exec(\`git log \${req.body.ref}\`);
  res.send("ok");
});
`,
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Schemas, shell options that depend on the platform, arrays built by push
// ---------------------------------------------------------------------------------------------------------------

const schemaValid = [
  both({
    name: "safe: a z.enum field validated by registerTool (destructured and read from args)",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("run", { inputSchema: { lang: z.enum(["py", "js"]).describe("language"), mode: z.literal("fast").optional() } }, async (args) => {
  const { lang } = args;
  exec(\`runner \${lang} \${args.mode}\`);
  return { content: [] };
});
server.tool("run2", { lang: z.enum(["py", "js"]), on: z.boolean() }, async ({ lang, on }) => {
  exec(\`runner \${lang} \${on}\`);
  return { content: [] };
});`,
    ),
  }),
  both({
    name: "safe: a FastMCP z.object parameter with z.union of literals",
    code: fastmcp(
      `import { exec } from "node:child_process";`,
      `server.addTool({
  name: "restart",
  parameters: z.object({ unit: z.union([z.literal("nginx"), z.literal("redis")]) }).strict(),
  execute: async ({ unit }) => {
    exec(\`systemctl restart \${unit}\`);
    return "ok";
  },
});`,
    ),
  }),
];

schemaValid.push(
  both({
    name: "safe: a string field validated by an anchored schema regex",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("checkout", { inputSchema: { branch: z.string().regex(/^[a-z0-9][a-z0-9._/-]*$/).describe("branch") } }, async ({ branch }) => {
  exec(\`git checkout \${branch}\`);
  return { content: [] };
});`,
    ),
  }),
);

const schemaInvalid = [
  both({
    name: "a schema regex that is not anchored at both ends is no validation",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.registerTool("checkout", { inputSchema: { branch: z.string().regex(/^[a-z0-9]/) } }, async ({ branch }) => {
  exec(\`git checkout \${branch}\`);
  return { content: [] };
});`,
    ),
    errors: [shell("`git checkout ${branch}`", "branch", tool("checkout"), "exec()")],
  }),
  both({
    name: "a number field is still reported (the advisory shape of CVE-2025-54994)",
    code: v1(
      `import { exec } from "node:child_process";`,
      `server.tool("which-app-on-port", { port: z.number() }, async ({ port }) => {
  exec(\`lsof -t -i tcp:\${port}\`);
  return { content: [] };
});`,
    ),
    errors: [shell("`lsof -t -i tcp:${port}`", "port", tool("which-app-on-port"), "exec()")],
  }),
  both({
    name: "an enum in a low-level dispatcher is not trusted (nothing validates it)",
    code: lowLevelV1(
      `import { exec } from "node:child_process";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  exec(\`runner \${request.params.arguments.lang}\`);
  return { content: [] };
});`,
    ),
    errors: [shell("`runner ${request.params.arguments.lang}`", "request.params.arguments.lang", TOOLS_CALL, "exec()")],
  }),
  both({
    name: "spawn with a platform-dependent shell option, and an argv array built with push",
    code: v1(
      `import { spawn } from "node:child_process";`,
      `server.registerTool("test", { inputSchema: { pattern: z.string() } }, async ({ pattern }) => {
  const argv = ["vitest", "run"];
  argv.push(\`--coverage.exclude=\${pattern}\`);
  spawn("npx", argv, { ...(process.platform === "win32" ? { shell: true } : {}) });
  spawn("npx", ["vitest", pattern], { shell: process.platform === "win32" });
  return { content: [] };
});`,
    ),
    errors: [shell("spawn(\"npx\", «argv», {", "argv", tool("test"), "spawn()"), shell("[\"vitest\", «pattern»]", "pattern", tool("test"), "spawn()")],
  }),
];

const helperInvalid = [
  both({
    name: "a same-file helper that returns the value unchecked (its check guards another value)",
    code: v1(
      `import { exec } from "node:child_process";

function refFor(ref, branch) {
  if (!/^[\w-]+$/.test(branch)) throw new Error("bad branch");
  return ref;
}`,
      `server.registerTool("git_log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
  exec("git log " + refFor(ref, "main"));
  ${OK}
});
`,
    ),
    errors: [shell('exec(«"git log " + refFor(ref, \"main\")»', "ref", tool("git_log"), "exec()")],
  }),
];

runRuleTests<MessageIds>("no-command-injection", rule, {
  valid: [...valid, ...schemaValid],
  invalid: [...helperInvalid, ...frameworkInvalid, ...importInvalid, ...spawnInvalid, ...handlerInvalid, ...flowInvalid, ...schemaInvalid],
});
