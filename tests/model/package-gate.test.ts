import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";

/** A package whose package.json declares `dependencies`, with `files`, linted one file at a time. */
function project(dependencies: Record<string, string>, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "secure-mcp-gate-"));
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "p", private: true, type: "module", dependencies }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const REGISTRATION = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { run } from "./run.js";
const server = new McpServer({ name: "x", version: "1" });
server.registerTool("run", { inputSchema: { cmd: z.string() } }, async ({ cmd }) => { run(cmd); return { content: [] }; });
`;
const HANDLER_MODULE = `import { execSync } from "node:child_process";
export function run(command) { return execSync(command); }
`;

async function messagesOf(root: string, file: string) {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...plugin.configs.recommended], ignore: false });
  const [result] = await eslint.lintFiles([join(root, file)]);
  return result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`);
}

describe("packages that declare no MCP framework", () => {
  it("still check a file that imports one, and report the sink it reaches in another module", async () => {
    const root = project({}, { "src/index.js": REGISTRATION, "src/run.js": HANDLER_MODULE });
    expect(await messagesOf(root, "src/index.js")).toEqual(["5:91 secure-mcp/no-command-injection"]);
  });

  it("skip a file that imports none (the cheap exit for code that is not an MCP server)", async () => {
    const root = project({}, { "src/index.js": REGISTRATION, "src/run.js": HANDLER_MODULE });
    expect(await messagesOf(root, "src/run.js")).toEqual([]);
  });

  it("check that file when the package depends on the SDK", async () => {
    const root = project({ "@modelcontextprotocol/sdk": "^1.32.2" }, { "src/index.js": REGISTRATION, "src/run.js": HANDLER_MODULE });
    expect(await messagesOf(root, "src/run.js")).toEqual(["2:48 secure-mcp/no-command-injection"]);
  });
});

describe("no-insecure-default-flags and the package gate", () => {
  const CONFIG = `export const allowWrite = process.env.ALLOW_WRITE !== "false";\n`;

  it("reports a flag in an MCP server package, in a file that imports no framework", async () => {
    const root = project({ fastmcp: "^4.20.0" }, { "src/config.js": CONFIG });
    expect(await messagesOf(root, "src/config.js")).toEqual(["1:27 secure-mcp/no-insecure-default-flags"]);
  });

  it("skips other packages", async () => {
    const root = project({ express: "^5.0.0" }, { "src/config.js": CONFIG });
    expect(await messagesOf(root, "src/config.js")).toEqual([]);
  });
});
