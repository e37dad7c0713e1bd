import { describe, expect, it } from "vitest";
import { lintProject } from "../utils/lint-project.js";
import rule from "../../src/rules/no-path-traversal.js";
import { both, bothCjs, cjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, lowLevelV1, tool, v1, v1Cjs, v2 } from "../utils/shapes.js";

type MessageIds = "pathTraversal" | "unsoundCheck";

const OK = `return { content: [{ type: "text", text: "ok" }] };`;
const TOOLS_CALL = "tools/call handler";

const GAIN = {
  read: { verb: "reads", gain: "read any file the server can (SSH keys, `.env` files, cloud credentials) and hand it to the model" },
  write: {
    verb: "writes",
    gain: "overwrite any file the server can write (shell start-up files, `~/.ssh/authorized_keys`, code the server loads) and so run its own code",
  },
  delete: { verb: "deletes", gain: "delete any file or directory the server can" },
  list: { verb: "lists", gain: "list any directory the server can and map the machine" },
  extract: { verb: "extracts into or from", gain: "unpack files anywhere the server can write, or read archives it should not" },
  glob: { verb: "matches files with", gain: "match files anywhere on the machine with `../` or an absolute pattern" },
} as const;

type Access = keyof typeof GAIN;

function traversal(at: string, source: string, handler: string, sink: string, access: Access, nth?: number): ExpectedError<MessageIds> {
  return { messageId: "pathTraversal", at, nth, data: { source, handler, sink, ...GAIN[access] } };
}

const REASONS = {
  prefix: "a prefix without a trailing separator also admits sibling directories (`/srv/data-evil` starts with `/srv/data`)",
  unresolved: "it checks the path before `..` segments are resolved (`root/../etc/passwd` starts with `root/`)",
  dotdot: "looking for `..` does not stop absolute paths (`/etc/passwd`) and misses encoded or resolved forms",
  other: "the check is made on another value than the path used here",
} as const;

function unsound(at: string, source: string, handler: string, sink: string, check: string, reason: keyof typeof REASONS, access: Access = "read"): ExpectedError<MessageIds> {
  return { messageId: "unsoundCheck", at, data: { source, handler, sink, check, reason: REASONS[reason], ...GAIN[access] } };
}

const ROOT = `const ROOT = path.resolve(process.env.NOTES_DIR ?? "./notes");`;

// ---------------------------------------------------------------------------------------------------------------
// Invalid: every framework shape
// ---------------------------------------------------------------------------------------------------------------

const frameworkInvalid = [
  both({
    name: "v1 registerTool: readFile of the client's path after an existence check (CVE-2025-5273 shape)",
    code: v1(
      `import fs from "node:fs";`,
      `server.registerTool("get_markdown_file", { inputSchema: { filepath: z.string() } }, async ({ filepath }) => {
  if (!fs.existsSync(filepath)) throw new Error("File does not exist");
  const text = await fs.promises.readFile(filepath, "utf-8");
  return { content: [{ type: "text", text }] };
});
`,
    ),
    errors: [traversal("readFile(«filepath»", "filepath", tool("get_markdown_file"), "fs.promises.readFile()", "read")],
  }),

  both({
    name: "v1 tool(): writeFile of path.join(root, input) (join alone confines nothing)",
    code: v1(
      `import path from "node:path";
import { writeFile } from "node:fs/promises";
${ROOT}`,
      `server.tool("save_note", { name: z.string(), body: z.string() }, async ({ name, body }) => {
  await writeFile(path.join(ROOT, name), body);
  ${OK}
});
`,
    ),
    errors: [traversal("writeFile(«path.join(ROOT, name)»", "name", tool("save_note"), "writeFile()", "write")],
  }),

  both({
    name: "v2 registerTool: a prefix check without a separator in a validating helper (CVE-2025-53110 shape)",
    code: v2(
      `import fs from "node:fs/promises";
import path from "node:path";

const allowedDirectories = process.argv.slice(2).map((dir) => path.normalize(path.resolve(dir)));

async function validatePath(requested) {
  const normalized = path.normalize(path.resolve(requested));
  const isAllowed = allowedDirectories.some((dir) => normalized.startsWith(dir));
  if (!isAllowed) throw new Error("Access denied");
  return normalized;
}`,
      `server.registerTool("read_file", { inputSchema: { path: z.string() } }, async (args) => {
  const validPath = await validatePath(args.path);
  const text = await fs.readFile(validPath, "utf-8");
  return { content: [{ type: "text", text }] };
});
`,
    ),
    errors: [unsound("fs.readFile(«validPath»", "validPath", tool("read_file"), "fs.readFile()", "normalized.startsWith(dir)", "prefix")],
  }),

  both({
    name: "FastMCP addTool: imageContent({ path }) and createReadStream",
    code: fastmcp(
      `import { imageContent } from "fastmcp";
import { createReadStream } from "node:fs";`,
      `server.addTool({
  name: "show_image",
  parameters: z.object({ file: z.string() }),
  execute: async (args) => {
    createReadStream(args.file).resume();
    return imageContent({ path: args.file });
  },
});
`,
    ),
    errors: [
      traversal("createReadStream(«args.file»", "args.file", tool("show_image"), "createReadStream()", "read"),
      traversal("imageContent({ path: «args.file» })", "args.file", tool("show_image"), "imageContent()", "read"),
    ],
  }),

  both({
    name: "mcp-framework MCPTool: unlink of the input path",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";
import { unlink } from "node:fs/promises";

class DeleteTool extends MCPTool {
  name = "delete_file";
  description = "Delete a file";
  schema = { path: { type: z.string(), description: "File to delete" } };

  async execute(input) {
    await unlink(input.path);
    return "deleted";
  }
}

export default DeleteTool;
`,
    errors: [traversal("unlink(«input.path»", "input.path", tool("delete_file"), "unlink()", "delete")],
  }),

  ts({
    name: "v1 low-level tools/call: readdir of request.params.arguments",
    code: lowLevelV1(
      `import * as fs from "fs";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { dir } = request.params.arguments as { dir: string };
  const names = fs.readdirSync(dir);
  return { content: [{ type: "text", text: names.join("\\n") }] };
});
`,
    ),
    errors: [traversal("readdirSync(«dir»", "dir", TOOLS_CALL, "fs.readdirSync()", "list")],
  }),

  both({
    name: "v1 registerResource with a template: the variable is client input",
    code: v1(
      `import { ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { readFile } from "node:fs/promises";
import path from "node:path";
${ROOT}`,
      `server.registerResource("note", new ResourceTemplate("notes://{name}", { list: undefined }), {}, async (uri, { name }) => ({
  contents: [{ uri: uri.href, text: await readFile(path.join(ROOT, String(name)), "utf8") }],
}));
`,
    ),
    errors: [traversal("readFile(«path.join(ROOT, String(name))»", "name", 'resource template "note"', "readFile()", "read")],
  }),

  both({
    name: "FastMCP addResourceTemplate: load({ name }) (FastMCP percent-decodes the variable)",
    code: fastmcp(
      `import { readFile } from "node:fs/promises";`,
      `server.addResourceTemplate({
  uriTemplate: "file:///logs/{name}",
  name: "Log",
  arguments: [{ name: "name", required: true }],
  async load({ name }) {
    return { text: await readFile(\`/var/log/app/\${name}\`, "utf8") };
  },
});
`,
    ),
    errors: [traversal("readFile(«`/var/log/app/${name}`»", "name", 'resource template "Log"', "readFile()", "read")],
  }),

  bothCjs({
    name: "CommonJS: require('fs').readFileSync and a promisified readFile",
    code: v1Cjs(
      `const fs = require("fs");
const { promisify } = require("util");
const readFileAsync = promisify(fs.readFile);`,
      `server.registerTool("cat", { inputSchema: { file: z.string() } }, async ({ file }) => {
  const first = fs.readFileSync(file, "utf8");
  const second = await readFileAsync(file, "utf8");
  return { content: [{ type: "text", text: first + second }] };
});
`,
    ),
    errors: [
      traversal("fs.readFileSync(«file»", "file", tool("cat"), "fs.readFileSync()", "read"),
      traversal("readFileAsync(«file»", "file", tool("cat"), "readFileAsync()", "read"),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: checks that do not confine, and other sinks
// ---------------------------------------------------------------------------------------------------------------

const checksInvalid = [
  both({
    name: "a `..` substring check does not stop absolute paths",
    code: v1(
      `import { readFile } from "node:fs/promises";`,
      `server.registerTool("read", { inputSchema: { file: z.string() } }, async ({ file }) => {
  if (file.includes("..")) throw new Error("no traversal");
  return { content: [{ type: "text", text: await readFile(file, "utf8") }] };
});
`,
    ),
    errors: [unsound("readFile(«file»", "file", tool("read"), "readFile()", 'file.includes("..")', "dotdot")],
  }),

  both({
    name: "a separator-terminated prefix on the raw input, before `..` is resolved",
    code: v1(
      `import { readFile } from "node:fs/promises";
import path from "node:path";
${ROOT}`,
      `server.registerTool("read", { inputSchema: { file: z.string() } }, async ({ file }) => {
  if (!file.startsWith(ROOT + path.sep)) throw new Error("outside");
  return { content: [{ type: "text", text: await readFile(file, "utf8") }] };
});
`,
    ),
    errors: [unsound("readFile(«file»", "file", tool("read"), "readFile()", "file.startsWith(ROOT + path.sep)", "unresolved")],
  }),

  both({
    name: "a sound check on the resolved path, then the raw input used",
    code: v1(
      `import { readFile } from "node:fs/promises";
import path from "node:path";
${ROOT}`,
      `server.registerTool("read", { inputSchema: { file: z.string() } }, async ({ file }) => {
  const resolved = path.resolve(ROOT, file);
  if (!resolved.startsWith(ROOT + path.sep)) throw new Error("outside");
  return { content: [{ type: "text", text: await readFile(path.join(ROOT, file), "utf8") }] };
});
`,
    ),
    errors: [unsound("readFile(«path.join(ROOT, file)»", "file", tool("read"), "readFile()", "resolved.startsWith(ROOT + path.sep)", "other")],
  }),

  both({
    name: "an anchored pattern that admits `..` is no path guard",
    code: v1(
      `import { readFile } from "node:fs/promises";
import path from "node:path";
${ROOT}`,
      `server.registerTool("read", { inputSchema: { name: z.string() } }, async ({ name }) => {
  if (!/^[\\w.-]+$/.test(name)) throw new Error("bad name");
  const dir = path.join(ROOT, name);
  const files = await readdir(dir);
  return { content: [{ type: "text", text: await readFile(dir, "utf8") }] };
});
async function readdir(dir) { return []; }
`,
    ),
    errors: [traversal("readFile(«dir»", "dir", tool("read"), "readFile()", "read")],
  }),

  both({
    name: "glob pattern and cwd from the input; tar extraction target",
    code: v1(
      `import { glob } from "glob";
import * as tar from "tar";`,
      `server.registerTool("find", { inputSchema: { pattern: z.string(), archive: z.string(), dest: z.string() } }, async ({ pattern, archive, dest }) => {
  const files = await glob(pattern, { cwd: "/srv/data" });
  await tar.x({ file: archive, cwd: dest });
  return { content: [{ type: "text", text: files.join("\\n") }] };
});
`,
    ),
    errors: [
      traversal("glob(«pattern»", "pattern", tool("find"), "glob()", "glob"),
      traversal("file: «archive»", "archive", tool("find"), "tar.x()", "extract"),
      traversal("cwd: «dest»", "dest", tool("find"), "tar.x()", "extract"),
    ],
  }),

  both({
    name: "fs-extra copy: both paths from the input",
    code: v1(
      `import fse from "fs-extra";`,
      `server.registerTool("copy", { inputSchema: { from: z.string(), to: z.string() } }, async ({ from, to }) => {
  await fse.copy(from, to);
  ${OK}
});
`,
    ),
    errors: [
      traversal("copy(«from»", "from", tool("copy"), "fse.copy()", "write"),
      traversal("from, «to»)", "to", tool("copy"), "fse.copy()", "write"),
    ],
  }),

  both({
    name: "a client-chosen last segment after a fixed directory, or `..` as the fixed part",
    code: v1(
      `import fs from "node:fs";
import path from "node:path";`,
      `server.registerTool("read", { inputSchema: { dir: z.string(), name: z.string() } }, async ({ dir, name }) => {
  const text = fs.readFileSync(\`/srv/docs/\${dir}/\${name}\`, "utf8");
  fs.rmSync(path.join(dir, ".."), { recursive: true });
  return { content: [{ type: "text", text }] };
});
`,
    ),
    errors: [
      traversal("readFileSync(«`/srv/docs/${dir}/${name}`»", "dir", tool("read"), "fs.readFileSync()", "read"),
      traversal("rmSync(«path.join(dir, \"..\")»", "dir", tool("read"), "fs.rmSync()", "delete"),
    ],
  }),

  both({
    name: "a helper that reads the file it is given, called with tool input",
    code: v1(
      `import { readFileSync } from "node:fs";

function loadConfig(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}`,
      `server.registerTool("config", { inputSchema: { file: z.string() } }, async ({ file }) => {
  return { content: [{ type: "text", text: JSON.stringify(loadConfig(file)) }] };
});
`,
    ),
    errors: [traversal("readFileSync(«file»", "file", tool("config"), "readFileSync()", "read")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Valid: sound containment checks and other safe shapes
// ---------------------------------------------------------------------------------------------------------------

const valid = [
  both({
    name: "safe: resolve, then path.relative must not start with `..` nor be absolute",
    code: v1(
      `import { readFile } from "node:fs/promises";
import path from "node:path";
${ROOT}`,
      `server.registerTool("read", { inputSchema: { file: z.string() } }, async ({ file }) => {
  const resolved = path.resolve(ROOT, file);
  const rel = path.relative(ROOT, resolved);
  if (rel.startsWith("..") || path.isAbsolute(rel)) throw new Error("outside the notes directory");
  return { content: [{ type: "text", text: await readFile(resolved, "utf8") }] };
});
`,
    ),
  }),

  both({
    name: "safe: resolve, then startsWith(root + path.sep), or the root itself",
    code: v2(
      `import { readFile } from "node:fs/promises";
import path from "node:path";
${ROOT}`,
      `server.registerTool("read", { inputSchema: { file: z.string() } }, async ({ file }) => {
  const resolved = path.resolve(ROOT, file);
  if (resolved !== ROOT && !resolved.startsWith(ROOT + path.sep)) throw new Error("outside");
  return { content: [{ type: "text", text: await readFile(resolved, "utf8") }] };
});
`,
    ),
  }),

  both({
    name: "safe: a same-file validating helper with a separator-aware check on the real path",
    code: v1(
      `import fs from "node:fs/promises";
import path from "node:path";

const allowed = process.argv.slice(2).map((dir) => path.resolve(dir));

async function validatePath(requested) {
  const real = await fs.realpath(path.resolve(requested));
  if (!allowed.some((dir) => real === dir || real.startsWith(\`\${dir}\${path.sep}\`))) throw new Error("Access denied");
  return real;
}`,
      `server.registerTool("read_file", { inputSchema: { path: z.string() } }, async (args) => {
  const validPath = await validatePath(args.path);
  return { content: [{ type: "text", text: await fs.readFile(validPath, "utf-8") }] };
});
`,
    ),
  }),

  both({
    name: "safe: a boolean helper with path.relative, used as a condition",
    code: fastmcp(
      `import { writeFile } from "node:fs/promises";
import path from "node:path";
${ROOT}

const isInside = (candidate) => {
  const rel = path.relative(ROOT, candidate);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
};`,
      `server.addTool({
  name: "save",
  parameters: z.object({ file: z.string(), text: z.string() }),
  execute: async ({ file, text }) => {
    const target = path.resolve(ROOT, file);
    if (!isInside(target)) throw new Error("outside");
    await writeFile(target, text);
    return "saved";
  },
});
`,
    ),
  }),

  both({
    name: "safe: an imported check named for containment",
    code: v1(
      `import { readFile } from "node:fs/promises";
import path from "node:path";
import { isPathWithinAllowedDirectories } from "./path-validation.js";

const allowed = ["/srv/data"];`,
      `server.registerTool("read", { inputSchema: { file: z.string() } }, async ({ file }) => {
  const absolute = path.resolve(file);
  if (!isPathWithinAllowedDirectories(absolute, allowed)) throw new Error("Access denied");
  return { content: [{ type: "text", text: await readFile(absolute, "utf8") }] };
});
`,
    ),
  }),

  both({
    name: "safe: only the file name is kept (path.basename)",
    code: v1(
      `import { writeFile } from "node:fs/promises";
import path from "node:path";
${ROOT}`,
      `server.registerTool("save_note", { inputSchema: { name: z.string(), body: z.string() } }, async ({ name, body }) => {
  await writeFile(path.join(ROOT, path.basename(name)), body);
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: an allowlist, a strict anchored pattern and a finite schema",
    code: v1(
      `import { readFile } from "node:fs/promises";
import path from "node:path";
${ROOT}
const FILES = ["README.md", "CHANGELOG.md"];`,
      `server.registerTool("doc", { inputSchema: { name: z.string(), slug: z.string(), kind: z.enum(["a.txt", "b.txt"]) } }, async ({ name, slug, kind }) => {
  if (!FILES.includes(name)) throw new Error("unknown document");
  if (!/^[a-z0-9_-]+$/.test(slug)) throw new Error("bad slug");
  const text = (await readFile(path.join(ROOT, name), "utf8")) + (await readFile(path.join(ROOT, \`\${slug}.md\`), "utf8"));
  return { content: [{ type: "text", text: text + (await readFile(path.join(ROOT, kind), "utf8")) }] };
});
`,
    ),
  }),

  both({
    name: "safe: tool input as file content, the path fixed",
    code: v1(
      `import { appendFile } from "node:fs/promises";`,
      `server.registerTool("log", { inputSchema: { line: z.string() } }, async ({ line }) => {
  await appendFile("/var/log/app/notes.log", line + "\\n");
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: a conditional read guarded by the containment check",
    code: v1(
      `import { readFileSync } from "node:fs";
import path from "node:path";
${ROOT}`,
      `server.registerTool("peek", { inputSchema: { file: z.string() } }, async ({ file }) => {
  const full = path.join(ROOT, file);
  const text = full.startsWith(ROOT + "/") ? readFileSync(full, "utf8") : "outside";
  return { content: [{ type: "text", text }] };
});
`,
    ),
  }),

  both({
    name: "safe: glob with a fixed pattern; extraction to a fixed directory",
    code: v1(
      `import fg from "fast-glob";
import extract from "extract-zip";`,
      `server.registerTool("list", { inputSchema: { ext: z.enum(["md", "txt"]) } }, async ({ ext }) => {
  const files = await fg(\`docs/**/*.\${ext}\`, { cwd: "/srv/data" });
  await extract("/srv/data/bundle.zip", { dir: "/srv/data/unpacked" });
  return { content: [{ type: "text", text: files.join("\\n") }] };
});
`,
    ),
  }),

  both({
    name: "safe: file-system code outside any MCP handler",
    code: `import { readFile } from "node:fs/promises";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

export async function loadTemplate(name) {
  return readFile(name, "utf8");
}

const server = new McpServer({ name: "s", version: "1.0.0" });
server.registerTool("version", {}, async () => ({ content: [{ type: "text", text: await loadTemplate("/etc/app/version") }] }));
`,
  }),

  both({
    name: "safe: the client picks the directory, the code fixes the file name (through a helper too)",
    code: v1(
      `import fs from "node:fs";
import path from "node:path";

function readState(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}`,
      `server.registerTool("status", { inputSchema: { projectRoot: z.string() } }, async ({ projectRoot }) => {
  const state = readState(path.join(projectRoot, ".taskmaster", "state.json"));
  const pkg = fs.readFileSync(\`\${projectRoot}/package.json\`, "utf8");
  fs.writeFileSync(projectRoot + "/.taskmaster/report.md", "done");
  return { content: [{ type: "text", text: JSON.stringify(state) + pkg }] };
});
`,
    ),
  }),

  cjs({
    name: "safe: CommonJS with a sound check",
    code: v1Cjs(
      `const fs = require("fs");
const path = require("path");
const ROOT = "/srv/data/";`,
      `server.registerTool("cat", { inputSchema: { file: z.string() } }, async ({ file }) => {
  const full = path.normalize(path.join(ROOT, file));
  if (!full.startsWith(ROOT)) throw new Error("outside");
  return { content: [{ type: "text", text: fs.readFileSync(full, "utf8") }] };
});
`,
    ),
  }),
];

runRuleTests("no-path-traversal", rule, {
  valid,
  invalid: [...frameworkInvalid, ...checksInvalid],
});

// ---------------------------------------------------------------------------------------------------------------
// Across files: an options object is followed field by field
// ---------------------------------------------------------------------------------------------------------------

describe("no-path-traversal across files", () => {
  it("reports the field that carries a path, not the options object's other fields", async () => {
    const registration = await lintProject("no-path-traversal", "path-options", ["src/index.ts"]);
    expect(registration.places).toEqual(["src/index.ts:9:29 viaImport"]);
    expect(registration.messages[0]).toContain(
      'args.file from the MCP tool "export_report" is passed to writeReport(), which uses it as a file path in writeFile() at ./report.ts:9',
    );
  });

  it("reports at the sink when the helper module is linted, and only for the path field", async () => {
    const helper = await lintProject("no-path-traversal", "path-options", ["src/report.ts"]);
    expect(helper.places).toEqual(["src/report.ts:9:19 pathTraversal"]);
  });
});
