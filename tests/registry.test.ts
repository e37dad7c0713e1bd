/**
 * The registry is consistent: rule files = exported rules = rule tests = rule docs; every rule's meta is complete;
 * each config is exactly what the rules' meta implies; the plugin works through `defineConfig({ extends })`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import { defineConfig } from "eslint/config";
import { describe, expect, it } from "vitest";
import json from "@eslint/json";
import { JSON_PLUGIN_KEY, isJsonRule } from "../src/configs/index.js";
import plugin from "../src/index.js";
import { rules } from "../src/rules/index.js";
import { ruleDocsUrl } from "../src/util/create-rule.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };

const NAMESPACE = "secure-mcp";
const LEVELS = ["recommended", "strict", "all"] as const;
const DESCRIPTION = /^(Enforce|Require|Disallow) .+[^. ]$/;

function namesIn(dir: string, suffix: string, except: string[] = []): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((file) => file.endsWith(suffix) && !except.includes(file))
    .map((file) => basename(file, suffix))
    .sort();
}

const ruleNames = Object.keys(rules).sort();
const short = (ruleId: string) => ruleId.slice(NAMESPACE.length + 1) as keyof typeof rules;

type AnyRule = {
  name?: string;
  meta: {
    type?: string;
    docs?: { description?: string; url?: string; recommended?: string };
    messages?: Record<string, string>;
    schema?: unknown;
    fixable?: string;
    hasSuggestions?: boolean;
  };
  create: unknown;
};
const ruleEntries = Object.entries(rules as Record<string, AnyRule>);

describe("rule registry", () => {
  it("has rules", () => {
    expect(ruleNames.length).toBeGreaterThan(0);
  });

  it("exports the same rules as the plugin object", () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(ruleNames);
    for (const name of ruleNames) expect(plugin.rules[name as keyof typeof plugin.rules]).toBe(rules[name as keyof typeof rules]);
  });

  it("rule files in src/rules = exported rules", () => {
    expect(namesIn("src/rules", ".ts", ["index.ts"])).toEqual(ruleNames);
  });

  it("rule tests in tests/rules = exported rules", () => {
    expect(namesIn("tests/rules", ".test.ts")).toEqual(ruleNames);
  });

  it("rule docs in docs/rules = exported rules", () => {
    expect(namesIn("docs/rules", ".md")).toEqual(ruleNames);
  });
});

describe.each(ruleEntries)("rule %s", (name, rule) => {
  it("is an object-style rule", () => {
    expect(typeof rule.create).toBe("function");
    if (rule.name !== undefined) expect(rule.name).toBe(name);
  });

  it("has meta.type", () => {
    expect(["problem", "suggestion", "layout"]).toContain(rule.meta.type);
  });

  it("has meta.docs.description in the house style", () => {
    expect(rule.meta.docs?.description).toMatch(DESCRIPTION);
  });

  it("has meta.docs.url pointing at its doc", () => {
    expect(rule.meta.docs?.url).toBe(ruleDocsUrl(name));
    expect(ruleDocsUrl(name)).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
  });

  it("lints JavaScript and TypeScript, or (with meta.docs.dialects [\"JSON\"]) package.json", () => {
    const dialects = (rule.meta.docs as { dialects?: string[] } | undefined)?.dialects;
    expect([undefined, ["JSON"]]).toContainEqual(dialects);
  });

  it("has a valid meta.docs.recommended", () => {
    expect([undefined, "recommended", "strict"]).toContain(rule.meta.docs?.recommended);
  });

  it("has messages with camelCase ids", () => {
    const messages = rule.meta.messages ?? {};
    expect(Object.keys(messages).length).toBeGreaterThan(0);
    for (const [id, text] of Object.entries(messages)) {
      expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(typeof text).toBe("string");
      expect(text.length).toBeGreaterThan(0);
    }
  });

  it("has a schema (array or object)", () => {
    const { schema } = rule.meta;
    expect(Array.isArray(schema) || (typeof schema === "object" && schema !== null)).toBe(true);
  });
});

describe("configs", () => {
  const implied: Record<(typeof LEVELS)[number], string[]> = {
    recommended: ruleEntries.filter(([, rule]) => rule.meta.docs?.recommended === "recommended").map(([name]) => name),
    strict: ruleEntries
      .filter(([, rule]) => rule.meta.docs?.recommended === "recommended" || rule.meta.docs?.recommended === "strict")
      .map(([name]) => name),
    all: ruleNames,
  };

  it("has exactly recommended, strict and all", () => {
    expect(Object.keys(plugin.configs).sort()).toEqual([...LEVELS].sort());
  });

  describe.each(LEVELS)("%s", (level) => {
    const config: Linter.Config[] = plugin.configs[level];
    const [code, manifest] = config;

    it("is an array of two named blocks (spread it, or name it in `extends`)", () => {
      expect(Array.isArray(config)).toBe(true);
      expect(config.map((block) => block.name)).toEqual([`${NAMESPACE}/${level}`, `${NAMESPACE}/${level}/package-json`]);
    });

    it("lints JavaScript and TypeScript files with the TypeScript parser in its first block", () => {
      expect(code.files).toEqual(["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"]);
      expect(code.languageOptions?.parser).toBeDefined();
      expect(code.language).toBeUndefined();
    });

    it("lints package.json with @eslint/json, registered under its own name, in its second block", () => {
      expect(manifest.files).toEqual(["**/package.json"]);
      expect(manifest.language).toBe(`${JSON_PLUGIN_KEY}/json`);
      expect(manifest.plugins?.[JSON_PLUGIN_KEY]).toBe(json);
      expect(manifest.plugins?.json).toBeUndefined();
      expect(manifest.languageOptions).toBeUndefined();
    });

    it("enables exactly the rules the meta implies, all as errors, each in the block of its language", () => {
      const expected = Object.fromEntries(implied[level].map((name) => [`${NAMESPACE}/${name}`, "error"]));
      expect({ ...code.rules, ...manifest.rules }).toEqual(expected);
      for (const name of Object.keys(code.rules ?? {})) expect(isJsonRule(rules[short(name)]), name).toBe(false);
      for (const name of Object.keys(manifest.rules ?? {})) expect(isJsonRule(rules[short(name)]), name).toBe(true);
    });

    it("registers the plugin object itself under its namespace in both blocks", () => {
      expect(code.plugins?.[NAMESPACE]).toBe(plugin);
      expect(manifest.plugins?.[NAMESPACE]).toBe(plugin);
    });
  });

  it("are nested: recommended ⊆ strict ⊆ all", () => {
    expect(implied.strict).toEqual(expect.arrayContaining(implied.recommended));
    expect(implied.all).toEqual(expect.arrayContaining(implied.strict));
  });
});

describe("plugin meta", () => {
  it("has the package name and version", () => {
    expect(plugin.meta.name).toBe(pkg.name);
    expect(plugin.meta.version).toBe(pkg.version);
  });

  it("has the namespace used by the configs", () => {
    expect(plugin.meta.namespace).toBe(NAMESPACE);
  });
});

describe("defineConfig({ extends })", () => {
  const BAD_SERVER = `
import { exec } from "node:child_process";
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

  const BAD_MANIFEST = JSON.stringify({ name: "files", bin: "index.js", dependencies: { "@modelcontextprotocol/sdk": "^1.20.0", zod: "latest" } });

  it.each(["ts", "js"])("as written in the README, `[...secureMcp.configs.recommended]` reports on a bad %s server", async (ext) => {
    const code = ext === "ts" ? BAD_SERVER : BAD_SERVER.replace("new Promise<string>", "new Promise");
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: [...plugin.configs.recommended] });
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, `server.${ext}`) });
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
    expect(result.messages.map((m) => m.ruleId)).toContain(`${NAMESPACE}/no-command-injection`);
  });

  it.each(["ts", "js"])("resolves secure-mcp/recommended (with `files` as in the README) and reports on a bad %s server", async (ext) => {
    const code = ext === "ts" ? BAD_SERVER : BAD_SERVER.replace("new Promise<string>", "new Promise");
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: defineConfig({
        files: ["src/**/*.{js,ts}", "package.json"],
        plugins: { [NAMESPACE]: plugin },
        extends: [`${NAMESPACE}/recommended`],
      }),
    });
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, "src", `server.${ext}`) });
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
    expect(result.messages.map((m) => m.ruleId)).toContain(`${NAMESPACE}/no-command-injection`);
  });

  it.each([
    ["`[...secureMcp.configs.recommended]`", [...plugin.configs.recommended]],
    ["`extends: [\"secure-mcp/recommended\"]`", defineConfig({ plugins: { [NAMESPACE]: plugin }, extends: [`${NAMESPACE}/recommended`] })],
    [
      "`extends` with `files` as in the README",
      defineConfig({ files: ["src/**/*.{js,ts}", "package.json"], plugins: { [NAMESPACE]: plugin }, extends: [`${NAMESPACE}/recommended`] }),
    ],
  ])("%s reports on a bad package.json", async (_form, overrideConfig) => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig });
    const [result] = await eslint.lintText(BAD_MANIFEST, { filePath: join(ROOT, "package.json") });
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
    expect(result.messages.map((m) => m.ruleId)).toEqual([`${NAMESPACE}/no-vulnerable-dependencies`, `${NAMESPACE}/no-floating-dependencies`]);
  });
});

describe("rule options", () => {
  it.each(ruleNames)("%s rejects options it does not have with a schema error naming the rule", async (name) => {
    const eslint = new ESLint({
      overrideConfigFile: true,
      overrideConfig: [{ plugins: { [NAMESPACE]: plugin }, rules: { [`${NAMESPACE}/${name}`]: ["error", { unknownOption: true }] } }],
    });
    await expect(eslint.lintText("const x = 1;", { filePath: join(ROOT, "x.js") })).rejects.toThrow(`${NAMESPACE}/${name}`);
  });
});
