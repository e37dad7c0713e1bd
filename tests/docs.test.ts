/**
 * Every rule has a doc with the required sections, and the doc's examples are true: each ❌ block reports the rule,
 * each ✅ block does not. The examples are linted as whole files with the plugin's `all` config, as a user would.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";
import { isJsonRule } from "../src/configs/index.js";
import { rules } from "../src/rules/index.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DOCS_DIR = join(ROOT, "docs", "rules");

/** The sections every rule doc has, in this order (`###` ones are inside `## Examples`). */
const REQUIRED_SECTIONS = [
  "## Why it matters for an MCP server",
  "## Examples",
  "### ❌ Incorrect",
  "### ✅ Correct",
  "## Options",
  "## When not to use it",
];

/** Fence languages of examples, and the name of the file each is linted as. */
const FILENAMES: Record<string, string> = {
  ts: "example.ts",
  typescript: "example.ts",
  tsx: "example.tsx",
  mts: "example.mts",
  cts: "example.cts",
  js: "example.js",
  javascript: "example.js",
  jsx: "example.jsx",
  mjs: "example.mjs",
  cjs: "example.cjs",
  // The package.json rules' examples are manifests.
  json: "package.json",
};

interface CodeBlock {
  lang: string;
  code: string;
  /** 1-based line of the opening fence in the doc. */
  line: number;
  /** The nearest `##`/`###` heading above the block. */
  section: string;
}

/** Fenced code blocks (``` or ~~~) with the heading they are under. */
function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let section = "";
  for (let i = 0; i < lines.length; i++) {
    const heading = /^(#{2,3}) .*$/.exec(lines[i]);
    if (heading) {
      section = lines[i].trim();
      continue;
    }
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!fence) continue;
    const [, , marker, lang] = fence;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].trimStart().startsWith(marker); i++) body.push(lines[i]);
    if (i >= lines.length) throw new Error(`Unclosed code fence at line ${start + 1}`);
    blocks.push({ lang: lang.toLowerCase(), code: `${body.join("\n")}\n`, line: start + 1, section });
  }
  return blocks;
}

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [...plugin.configs.all],
});

async function lintExample(block: CodeBlock): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(block.code, { filePath: join(ROOT, FILENAMES[block.lang]) });
  return result.messages;
}

function describeMessages(messages: Linter.LintMessage[]): string {
  return messages.map((m) => `  ${m.line}:${m.column} ${m.ruleId ?? "(fatal)"} ${m.message}`).join("\n") || "  (none)";
}

const ruleNames = Object.keys(plugin.rules);

it("has rules to document", () => {
  expect(ruleNames.length).toBeGreaterThan(0);
});

describe.each(ruleNames)("docs/rules/%s.md", (ruleName) => {
  const path = join(DOCS_DIR, `${ruleName}.md`);
  const markdown = existsSync(path) ? readFileSync(path, "utf8") : "";
  const blocks = markdown ? codeBlocks(markdown) : [];
  const incorrect = blocks.filter((block) => block.section === "### ❌ Incorrect");
  const correct = blocks.filter((block) => block.section === "### ✅ Correct");
  const ruleId = `${plugin.meta.namespace}/${ruleName}`;
  const rule = rules[ruleName as keyof typeof rules];

  it("exists", () => {
    expect(existsSync(path), `${path} is missing`).toBe(true);
  });

  it("has the generated header", () => {
    expect(markdown).toMatch(/^# .+\n/);
    expect(markdown).toContain("<!-- end auto-generated rule header -->");
  });

  it("has the required sections, in order", () => {
    const headings = markdown.split(/\r?\n/).filter((line) => /^#{2,3} /.test(line)).map((line) => line.trim());
    for (const section of REQUIRED_SECTIONS) expect(headings, `missing section "${section}"`).toContain(section);
    const positions = REQUIRED_SECTIONS.map((section) => headings.indexOf(section));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // ❌ and ✅ are subsections of Examples: no other `##` heading comes between Examples and them.
    const examples = headings.indexOf("## Examples");
    const correctIndex = headings.indexOf("### ✅ Correct");
    expect(headings.slice(examples + 1, correctIndex + 1).filter((h) => h.startsWith("## "))).toEqual([]);
  });

  it("documents its options", () => {
    const options = markdown.split("## Options")[1]?.split(/\n## /)[0] ?? "";
    const schema = rule.meta?.schema;
    const hasOptions = Array.isArray(schema) ? schema.length > 0 : Boolean(schema);
    if (!hasOptions) {
      expect(options).toMatch(/This rule has no options\./);
      return;
    }
    const properties = (Array.isArray(schema) ? schema : [schema]).flatMap((item) =>
      Object.keys((item as { properties?: Record<string, unknown> }).properties ?? {}),
    );
    for (const property of properties) expect(options, `option "${property}" is not documented`).toContain(property);
  });

  it("has ❌ and ✅ examples in ts/js code blocks (json for the package.json rules)", () => {
    expect(incorrect.length, "no ❌ example").toBeGreaterThan(0);
    expect(correct.length, "no ✅ example").toBeGreaterThan(0);
    const allowed = isJsonRule(rule) ? ["json"] : Object.keys(FILENAMES).filter((lang) => lang !== "json");
    for (const block of [...incorrect, ...correct]) {
      expect(allowed, `line ${block.line}: a code block in Examples must be ${allowed.join("/")}, not "${block.lang}"`).toContain(block.lang);
    }
  });

  const lintable = (list: CodeBlock[]) => list.filter((block) => block.lang in FILENAMES);

  it.each(lintable(incorrect).map((block) => [block.line, block] as const))("❌ example at line %i reports", async (_line, block) => {
    const messages = await lintExample(block);
    const fatal = messages.filter((m) => m.fatal);
    expect(fatal, `the example does not parse:\n${describeMessages(fatal)}`).toEqual([]);
    expect(
      messages.filter((m) => m.ruleId === ruleId).length,
      `expected ${ruleId} to report on this ❌ example; messages:\n${describeMessages(messages)}`,
    ).toBeGreaterThan(0);
  });

  it.each(lintable(correct).map((block) => [block.line, block] as const))("✅ example at line %i does not report", async (_line, block) => {
    const messages = await lintExample(block);
    const fatal = messages.filter((m) => m.fatal);
    expect(fatal, `the example does not parse:\n${describeMessages(fatal)}`).toEqual([]);
    // A safe example must be safe for every rule of the plugin, not only for the one it illustrates.
    const ours = messages.filter((m) => m.ruleId?.startsWith("secure-mcp/"));
    expect(ours, `expected no secure-mcp report on this ✅ example:\n${describeMessages(ours)}`).toEqual([]);
  });
});
