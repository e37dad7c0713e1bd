import rule from "../../src/rules/require-tool-annotations.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, tool, v1, v1Cjs, v2 } from "../utils/shapes.js";

const RULE = "require-tool-annotations";
const OK = `return { content: [{ type: "text", text: "ok" }] };`;

type MessageIds = "readOnlyButChanges" | "notDestructiveButDestroys";

const readOnly = (at: string, name: string, effect: string, call: string, line: number): ExpectedError<MessageIds> => ({
  messageId: "readOnlyButChanges",
  at,
  data: { tool: tool(name), effect, call, line: String(line) },
});
const notDestructive = (at: string, name: string, effect: string, call: string, line: number): ExpectedError<MessageIds> => ({
  messageId: "notDestructiveButDestroys",
  at,
  data: { tool: tool(name), effect, call, line: String(line) },
});

const invalid = [
  both({
    name: "v1 registerTool: readOnlyHint true and fs.promises.writeFile",
    code: v1(
      `import fs from "node:fs";`,
      `server.registerTool(
  "save_note",
  { description: "Save a note", inputSchema: { text: z.string() }, annotations: { readOnlyHint: true } },
  async ({ text }) => {
    await fs.promises.writeFile("/srv/notes.txt", text);
    ${OK}
  },
);
`,
    ),
    errors: [readOnly("readOnlyHint: true", "save_note", "overwrites data", "fs.promises.writeFile()", 11)],
  }),

  both({
    name: "v1 tool(name, description, shape, annotations, cb): destructiveHint false and rm",
    code: v1(
      `import { rm } from "node:fs/promises";`,
      `server.tool("clean", "Remove a build folder", { dir: z.string() }, { destructiveHint: false }, async ({ dir }) => {
  await rm(\`/srv/builds/\${dir}\`, { recursive: true });
  ${OK}
});
`,
    ),
    errors: [notDestructive("destructiveHint: false", "clean", "deletes data", "rm()", 8)],
  }),

  both({
    name: "v2 registerTool: readOnlyHint true, the write in a same-file helper",
    code: v2(
      `import { unlinkSync } from "node:fs";`,
      `function forget(id) {
  unlinkSync(\`/srv/cache/\${id}.json\`);
}
const annotations = { readOnlyHint: true, openWorldHint: false };
server.registerTool("lookup", { description: "Look up", inputSchema: z.object({ id: z.string() }), annotations }, async ({ id }) => {
  forget(id);
  ${OK}
});
`,
    ),
    errors: [readOnly("readOnlyHint: true", "lookup", "deletes data", "unlinkSync()", 8)],
  }),

  both({
    name: "FastMCP addTool: destructiveHint false and a command chosen at run time",
    code: fastmcp(
      `import { exec } from "node:child_process";`,
      `server.addTool({
  name: "run",
  description: "Run a maintenance task",
  parameters: z.object({ task: z.string() }),
  annotations: { destructiveHint: false, title: "Run" },
  execute: async ({ task }) => {
    exec(\`make \${task}\`);
    return "started";
  },
});
`,
    ),
    errors: [notDestructive("destructiveHint: false", "run", "runs a command chosen at run time", "exec()", 13)],
  }),

  ts({
    name: "mcp-framework class: readOnlyHint true and fetch with method DELETE",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";

class ArchiveTool extends MCPTool {
  name = "archive";
  description = "Archive an issue";
  schema = z.object({ id: z.string() });
  annotations = { readOnlyHint: true };
  async execute(input: { id: string }) {
    await fetch(\`https://tracker.example.com/issues/\${input.id}\`, { method: "DELETE" });
    return "archived";
  }
}
export default ArchiveTool;
`,
    errors: [readOnly("readOnlyHint: true", "archive", "deletes data", "fetch()", 10)],
  }),

  bothCjs({
    name: "CommonJS: destructiveHint false with a SQL DELETE, readOnlyHint true with axios.put",
    code: v1Cjs(
      `const axios = require("axios");
const db = require("./db");`,
      `server.registerTool("purge", { description: "Purge", inputSchema: { days: z.number() }, annotations: { destructiveHint: false } }, async ({ days }) => {
  await db.query("DELETE FROM events WHERE age > $1", [days]);
  ${OK}
});
server.registerTool("touch", { description: "Touch", inputSchema: { id: z.string() }, annotations: { readOnlyHint: true } }, async ({ id }) => {
  await axios.put("https://api.example.com/items/" + id, {});
  ${OK}
});
`,
    ),
    errors: [
      notDestructive("destructiveHint: false", "purge", "deletes data", "db.query()", 9),
      readOnly("readOnlyHint: true", "touch", "sends a mutating HTTP request", "axios.put()", 13),
    ],
  }),

  both({
    name: "readOnlyHint true and mkdir (additive still is not read-only)",
    code: v1(
      `import { mkdir } from "node:fs/promises";`,
      `server.registerTool("prepare", { description: "Prepare", inputSchema: { name: z.string() }, annotations: { readOnlyHint: true, destructiveHint: false } }, async ({ name }) => {
  await mkdir("/srv/work/" + name, { recursive: true });
  ${OK}
});
`,
    ),
    errors: [readOnly("readOnlyHint: true", "prepare", "writes data", "mkdir()", 8)],
  }),
];

const valid = [
  both({
    name: "read-only tools that read, run fixed commands and search with POST",
    code: v1(
      `import { readFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";`,
      `server.registerTool("read", { description: "Read", inputSchema: { p: z.string() }, annotations: { readOnlyHint: true } }, async ({ p }) => {
  const text = await readFile("/srv/docs/" + p.replace(/[^a-z]/g, ""), "utf8");
  const status = execFileSync("git", ["status", "--short"], { encoding: "utf8" });
  const res = await fetch("https://search.example.com/query", { method: "POST", body: JSON.stringify({ q: p }) });
  return { content: [{ type: "text", text: text + status + (await res.text()) }] };
});
`,
    ),
  }),

  both({
    name: "destructiveHint false with additive writes, destructive tools without annotations or with destructiveHint true",
    code: v1(
      `import { appendFile, mkdir, rm } from "node:fs/promises";`,
      `server.registerTool("log", { description: "Log", inputSchema: { line: z.string() }, annotations: { destructiveHint: false } }, async ({ line }) => {
  await mkdir("/srv/logs", { recursive: true });
  await appendFile("/srv/logs/app.log", line + "\\n");
  ${OK}
});
server.registerTool("wipe", { description: "Wipe", inputSchema: { dir: z.string() } }, async ({ dir }) => {
  await rm("/srv/tmp/" + dir, { recursive: true });
  ${OK}
});
server.registerTool("wipe2", { description: "Wipe", inputSchema: { dir: z.string() }, annotations: { destructiveHint: true } }, async ({ dir }) => {
  await rm("/srv/tmp/" + dir, { recursive: true });
  ${OK}
});
`,
    ),
  }),

  both({
    name: "destructiveHint false: a store rewritten to add (the memory server), PUT, and a command chosen by a helper's caller",
    code: v1(
      `import { promises as fs } from "node:fs";
import { execFile } from "node:child_process";`,
      `async function saveGraph(graph) {
  await fs.writeFile("/srv/memory.json.tmp", JSON.stringify(graph));
  try {
    await fs.rename("/srv/memory.json.tmp", "/srv/memory.json");
  } catch (error) {
    await fs.unlink("/srv/memory.json.tmp");
    throw error;
  }
}
function run(cmd, args) {
  return new Promise((resolve) => execFile(cmd, args, (error, stdout) => resolve(stdout)));
}
server.registerTool("create_entities", { description: "Add", inputSchema: { names: z.array(z.string()) }, annotations: { destructiveHint: false } }, async ({ names }) => {
  await saveGraph({ names });
  await fetch("https://api.example.com/entities", { method: "PUT", body: JSON.stringify(names) });
  ${OK}
});
server.registerTool("list_devices", { description: "List", inputSchema: {}, annotations: { readOnlyHint: true } }, async () => {
  const out = await run("xcrun", ["simctl", "list", "devices"]);
  return { content: [{ type: "text", text: String(out) }] };
});
`,
    ),
  }),

  both({
    name: "readOnlyHint false, and a write outside the handler",
    code: v1(
      `import { writeFileSync } from "node:fs";`,
      `writeFileSync("/tmp/started", "1");
server.registerTool("status", { description: "Status", inputSchema: {}, annotations: { readOnlyHint: true } }, async () => { ${OK} });
server.registerTool("save", { description: "Save", inputSchema: { t: z.string() }, annotations: { readOnlyHint: false } }, async ({ t }) => {
  writeFileSync("/srv/t", t);
  ${OK}
});
`,
    ),
  }),
];

runRuleTests(RULE, rule, { valid, invalid });
