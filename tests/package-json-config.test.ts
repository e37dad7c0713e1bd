/**
 * The package.json block of the configs beside a user's own configs, with real ESLint runs: a user's own
 * `@eslint/json` setup (the same plugin object or another copy, before or after ours, `json` or `jsonc`), configs
 * without `files` that enable rules of the other language or set JavaScript language options, and the built
 * CommonJS entry point.
 */
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import json from "@eslint/json";
import { ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const NAMESPACE = "secure-mcp";
const VULNERABLE = `${NAMESPACE}/no-vulnerable-dependencies`;
const FLOATING = `${NAMESPACE}/no-floating-dependencies`;

/** A server manifest with a vulnerable SDK range, a floating dependency and a duplicate key (for json/no-duplicate-keys). */
const MANIFEST = `{
  "name": "weather-server",
  "name": "weather-mcp-server",
  "bin": "dist/index.js",
  "dependencies": {
    "@modelcontextprotocol/sdk": "^1.20.0",
    "zod": "latest"
  }
}
`;

const BAD_SERVER = `import { exec } from "node:child_process";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
const server = new McpServer({ name: "x", version: "1.0.0" });
server.registerTool("run", { inputSchema: { cmd: z.string() } }, async ({ cmd }) => {
  exec(cmd);
  return { content: [] };
});
`;

async function lint(overrideConfig: Linter.Config[], code = MANIFEST, file = "package.json") {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, "fixture", file) });
  return result;
}

const ruleIds = (result: ESLint.LintResult) => result.messages.map((message) => message.ruleId);
const fatal = (result: ESLint.LintResult) => result.messages.filter((message) => message.fatal || message.ruleId === null);

/** A user's JSON setup as @eslint/json's README writes it: the plugin in a block of its own, rules for **\/*.json. */
function userJson(jsonPlugin: ESLint.Plugin, language = "json/json"): Linter.Config[] {
  return [
    { name: "user/json-plugin", plugins: { json: jsonPlugin } },
    { name: "user/json", files: ["**/*.json"], language, rules: { "json/no-duplicate-keys": "error" } },
  ];
}

/** Another copy of @eslint/json, as a user with a different version installed would have. */
const otherJson = { ...json, meta: { ...json.meta, version: "1.2.0" } } as unknown as ESLint.Plugin;

describe("the package.json block", () => {
  it("reports both rules on its own", async () => {
    const result = await lint(plugin.configs.recommended);
    expect(fatal(result)).toEqual([]);
    expect(ruleIds(result)).toEqual([VULNERABLE, FLOATING]);
  });

  it.each([
    ["the same @eslint/json object", json as unknown as ESLint.Plugin],
    ["another copy of @eslint/json (another version)", otherJson],
  ])("leaves a user's own JSON config alone: %s, before or after ours", async (_label, jsonPlugin) => {
    for (const order of ["before", "after"] as const) {
      const config = order === "before" ? [...userJson(jsonPlugin), ...plugin.configs.recommended] : [...plugin.configs.recommended, ...userJson(jsonPlugin)];
      const result = await lint(config);
      expect(fatal(result), order).toEqual([]);
      expect(ruleIds(result), order).toEqual(["json/no-duplicate-keys", VULNERABLE, FLOATING]);
      // Other JSON files are the user's alone.
      const other = await lint(config, `{ "a": 1, "a": 2 }`, "data.json");
      expect(ruleIds(other), order).toEqual(["json/no-duplicate-keys"]);
    }
  });

  it("works when the user registers @eslint/json under our plugin's name for JSON too (same object)", async () => {
    const config: Linter.Config[] = [{ plugins: { "secure-mcp-json": json as unknown as ESLint.Plugin } }, ...plugin.configs.recommended];
    expect(ruleIds(await lint(config))).toEqual([VULNERABLE, FLOATING]);
  });

  it("reads package.json with comments when a later user config parses it as JSONC", async () => {
    const config = [...plugin.configs.recommended, ...userJson(json as unknown as ESLint.Plugin, "json/jsonc")];
    const withComments = MANIFEST.replace('"bin"', '// the server\n  "bin"');
    const result = await lint(config, withComments);
    expect(fatal(result)).toEqual([]);
    expect(ruleIds(result)).toEqual(["json/no-duplicate-keys", VULNERABLE, FLOATING]);
  });

  it("is not disturbed by user configs without `files` that set JavaScript language options or globals", async () => {
    const config: Linter.Config[] = [
      { languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { process: "readonly" } } },
      { linterOptions: { reportUnusedDisableDirectives: "error" } },
      ...plugin.configs.recommended,
    ];
    const result = await lint(config);
    expect(fatal(result)).toEqual([]);
    expect(ruleIds(result)).toEqual([VULNERABLE, FLOATING]);
  });
});

describe("rules handed a file of the other language (a config without `files`)", () => {
  const everyRule: Linter.Config = {
    name: "user/every-rule-everywhere",
    plugins: { [NAMESPACE]: plugin },
    rules: Object.fromEntries(Object.keys(plugin.rules).map((name) => [`${NAMESPACE}/${name}`, "error"])),
  };

  it("JavaScript rules on package.json do nothing", async () => {
    const result = await lint([...plugin.configs.all, everyRule]);
    expect(fatal(result)).toEqual([]);
    expect(ruleIds(result)).toEqual([VULNERABLE, FLOATING]);
  });

  it("package.json rules on a JavaScript or TypeScript file do nothing", async () => {
    for (const file of ["server.ts", "server.js"]) {
      const result = await lint([...plugin.configs.all, everyRule], BAD_SERVER, file);
      expect(fatal(result), file).toEqual([]);
      expect(ruleIds(result), file).toEqual([`${NAMESPACE}/no-command-injection`]);
    }
  });
});

describe("the built package", () => {
  const built = join(ROOT, "dist", "index.cjs");

  it.runIf(existsSync(built))("require() gives the plugin, whose package.json block loads @eslint/json (an ES module)", async () => {
    const required = createRequire(import.meta.url)(built) as typeof plugin;
    expect(Object.keys(required.rules)).toEqual(Object.keys(plugin.rules));
    const result = await lint(required.configs.recommended);
    expect(ruleIds(result)).toEqual([VULNERABLE, FLOATING]);
  });
});
