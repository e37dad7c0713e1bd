import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";

const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [...plugin.configs.all] });

async function lintText(code: string, filePath = "server.ts") {
  const [result] = await eslint.lintText(code, { filePath });
  return result;
}

const HEADER = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { exec } from "node:child_process";
import { z } from "zod";
const server = new McpServer({ name: "x", version: "1" });
`;

describe("inputs the plugin cannot fully analyse", () => {
  it("stays fast on a generated file with thousands of handlers and sinks", async () => {
    const tools = Array.from(
      { length: 1500 },
      (_, i) => `server.registerTool("t${i}", { inputSchema: { a: z.string() } }, async ({ a }) => { const b${i} = a + "${i}"; exec(\`echo \${b${i}}\`); return { content: [] }; });`,
    );
    const started = performance.now();
    const result = await lintText(HEADER + tools.join("\n"));
    const elapsed = performance.now() - started;
    expect(result.messages.filter((message) => message.fatal)).toEqual([]);
    expect(result.messages).toHaveLength(1500);
    expect(elapsed).toBeLessThan(15_000);
  });

  it("stays fast on a long chain of reassignments and deep nesting", async () => {
    const chain = Array.from({ length: 500 }, (_, i) => `  let v${i + 1} = v${i} + "-";`).join("\n");
    const nested = `${"(".repeat(300)}v500${")".repeat(300)}`;
    const code = `${HEADER}server.registerTool("deep", { inputSchema: { a: z.string() } }, async ({ a }) => {
  let v0 = a;
${chain}
  exec(${nested});
  return { content: [] };
});`;
    const started = performance.now();
    const result = await lintText(code);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(result.messages.filter((message) => message.fatal)).toEqual([]);
    expect(result.messages.map((message) => message.ruleId)).toEqual(["secure-mcp/no-command-injection"]);
  });

  it("does not loop on recursive helpers and self-referencing values", async () => {
    const code = `${HEADER}function a(x) { return b(x) + a(x); }
function b(y) { return a(y); }
let loop = loop + "";
server.registerTool("r", { inputSchema: { s: z.string() } }, async ({ s }) => { exec(a(s) + loop); return { content: [] }; });`;
    const result = await lintText(code);
    expect(result.messages.filter((message) => message.fatal)).toEqual([]);
  });

  it.each([
    ["a handler that is not a function", `server.registerTool("x", { inputSchema: {} }, 42);`],
    ["a registration with no arguments", `server.registerTool(); server.tool(); server.setRequestHandler();`],
    ["computed and spread everywhere", `const k = "execute"; server.addTool({ ...{ [k]: (a) => exec(a.c) } }); server.registerTool(...[1, 2, 3]);`],
    ["a class with computed members", `class T extends MCPTool { ["execute"](i) { exec(i.c); } static [Symbol.iterator]() {} }`],
    ["an import that does not resolve", `import { run } from "./does-not-exist.js"; server.registerTool("x", { inputSchema: { c: z.string() } }, async ({ c }) => run(c));`],
    ["a handler imported from a file that does not parse", `import { h } from "./broken.js"; server.registerTool("x", { inputSchema: {} }, h);`],
    ["optional chains and non-null assertions", `server.registerTool("x", { inputSchema: {} }, async (a) => exec(a?.b!.c?.[0] as string));`],
  ])("does not crash on %s", async (_name, body) => {
    const result = await lintText(HEADER + body);
    expect(result.messages.filter((message) => message.fatal)).toEqual([]);
  });

  it("does not crash on a JavaScript file with JSX-free modern syntax", async () => {
    const code = `const { exec } = require("child_process");
class A { static #p = 1; static { this.x = A.#p; } accessor y = 2; }
label: for (const x of [1]) { continue label; }
module.exports = { A };`;
    const result = await lintText(code, "server.cjs");
    expect(result.messages.filter((message) => message.fatal)).toEqual([]);
  });
});
