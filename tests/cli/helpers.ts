/** Running the built scanner (dist/cli.js) as users do, on temporary projects. */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ESLint } from "eslint";
import { afterAll } from "vitest";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CLI = join(ROOT, "dist", "cli.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, CI: "", ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 99) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** JSON results of `--format json`. */
export function parseJson(run: CliRun): ESLint.LintResult[] {
  return JSON.parse(run.stdout) as ESLint.LintResult[];
}

/** A temporary folder with these files (paths relative to it), removed after the test file. */
export function project(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "secure-mcp-cli-")));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Findings as comparable rows: file (relative to `root`), rule, position, message. */
export function findings(results: ESLint.LintResult[], root: string): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (m) => `${result.filePath.slice(root.length + 1)}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`,
      ),
    )
    .sort();
}

/** An SDK v1 server whose tool runs its input through a shell: `secure-mcp/no-command-injection` at line 9. */
export const BAD_SERVER_TS = `import { exec } from "node:child_process";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "files", version: "1.0.0" });

server.registerTool("list", { inputSchema: { dir: z.string() } }, async (args) => {
  const listing = await new Promise<string>((resolve, reject) => {
    exec(\`ls \${args.dir}\`, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
  return { content: [{ type: "text", text: listing }] };
});

await server.connect(new StdioServerTransport());
`;

export const BAD_SERVER_JS = BAD_SERVER_TS.replace("new Promise<string>", "new Promise");

/** The same server in CommonJS. */
export const BAD_SERVER_CJS = `const { exec } = require("node:child_process");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { z } = require("zod");

const server = new McpServer({ name: "files", version: "1.0.0" });

server.registerTool("list", { inputSchema: { dir: z.string() } }, async (args) => {
  exec("ls " + args.dir);
  return { content: [{ type: "text", text: "ok" }] };
});
`;

/** A safe server: a fixed program without a shell, the input after `--`. */
export const SAFE_SERVER_TS = `import { execFile } from "node:child_process";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "files", version: "1.0.0" });

server.registerTool("count", { inputSchema: { n: z.number() } }, async (args) => {
  execFile("seq", [String(Number(args.n))]);
  return { content: [{ type: "text", text: "ok" }] };
});
`;
