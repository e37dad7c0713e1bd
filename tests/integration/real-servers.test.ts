/**
 * The plugin on real MCP server code: the published builds of real servers, installed as dev dependencies.
 *
 * Fails on any crash, parse error or fix that breaks the code. Cannot pass vacuously: it checks that enough files
 * were linted, that every rule is enabled for them, and that a known-bad fixture reports. It prints what the rules
 * find on the real code, so that false alarms can be reviewed.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { REAL_SERVER_DIRS, REAL_SERVER_PATTERNS, UNIGNORE_CORPUS } from "../../scripts/corpus.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const KNOWN_BAD = "tests/fixtures/known-bad/command-injection.ts";
const RULE_IDS = Object.keys(plugin.rules).map((name) => `${plugin.meta.namespace}/${name}`);

const config: Linter.Config[] = [plugin.configs.all, UNIGNORE_CORPUS];

function newESLint(): ESLint {
  // `fix: true` runs every fixer (nothing is written: `ESLint.outputFixes` is never called).
  return new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config, fix: true, errorOnUnmatchedPattern: true });
}

function format(message: Linter.LintMessage): string {
  return `${message.line}:${message.column} ${message.ruleId ?? "(fatal)"} ${message.message}`;
}

describe("real MCP servers", () => {
  let results: ESLint.LintResult[] = [];
  let eslint: ESLint;

  beforeAll(async () => {
    eslint = newESLint();
    results = await eslint.lintFiles(REAL_SERVER_PATTERNS);
  }, 60_000);

  it("has every corpus directory installed", () => {
    const missing = REAL_SERVER_DIRS.filter((dir) => !existsSync(join(ROOT, dir)));
    expect(missing, "run `npm ci`: these dev dependencies are missing").toEqual([]);
  });

  it("lints more than 20 files, from every corpus directory", () => {
    expect(results.length).toBeGreaterThan(20);
    for (const dir of REAL_SERVER_DIRS) {
      const count = results.filter((result) => relative(join(ROOT, dir), result.filePath).startsWith("..") === false).length;
      expect(count, `no file linted in ${dir}`).toBeGreaterThan(0);
    }
  });

  it("enables every rule of the plugin for the linted files", async () => {
    for (const dir of REAL_SERVER_DIRS) {
      const file = results.find((result) => !relative(join(ROOT, dir), result.filePath).startsWith(".."))?.filePath;
      expect(file, `no file linted in ${dir}`).toBeDefined();
      const fileConfig = (await eslint.calculateConfigForFile(file!)) as Linter.Config;
      for (const ruleId of RULE_IDS) {
        const setting = fileConfig.rules?.[ruleId];
        const severity = Array.isArray(setting) ? setting[0] : setting;
        expect([2, "error"], `${ruleId} is not enabled for ${relative(ROOT, file!)}`).toContain(severity);
      }
    }
  });

  it("never crashes or fails to parse", () => {
    const fatal = results.flatMap((result) =>
      result.messages.filter((m) => m.fatal || m.ruleId === null).map((m) => `${relative(ROOT, result.filePath)}:${format(m)}`),
    );
    expect(fatal).toEqual([]);
  });

  it("produces fixes that still parse", async () => {
    const fixed = results.filter((result) => result.output !== undefined);
    for (const result of fixed) {
      const [again] = await new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config }).lintText(result.output!, {
        filePath: result.filePath,
      });
      expect(
        again.messages.filter((m) => m.fatal).map(format),
        `the fixes broke ${relative(ROOT, result.filePath)}`,
      ).toEqual([]);
    }
  });

  it("prints its findings on real code (for review of false alarms)", () => {
    const findings = results.flatMap((result) =>
      result.messages.filter((m) => m.ruleId?.startsWith(`${plugin.meta.namespace}/`)).map((m) => `${relative(ROOT, result.filePath)}:${format(m)}`),
    );
    const lines = results.reduce((sum, result) => sum + readFileSync(result.filePath, "utf8").split("\n").length, 0);
    console.log(
      [
        `[real-servers] ${results.length} files, ${lines} lines, ${findings.length} finding(s) of ${RULE_IDS.join(", ")}:`,
        ...findings.map((finding) => `  ${finding}`),
      ].join("\n"),
    );
    expect(Array.isArray(findings)).toBe(true);
  });
});

describe("known-bad fixture", () => {
  it("reports no-command-injection", async () => {
    const [result] = await newESLint().lintFiles([KNOWN_BAD]);
    expect(result.messages.filter((m) => m.fatal).map(format)).toEqual([]);
    expect(
      result.messages.map((m) => m.ruleId),
      `messages:\n${result.messages.map(format).join("\n")}`,
    ).toContain(`${plugin.meta.namespace}/no-command-injection`);
  });
});
