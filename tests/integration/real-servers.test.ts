/**
 * The plugin on real MCP server code: the published builds of real servers (SDK v1, SDK v2, FastMCP, mcp-framework),
 * installed as exact-pinned dev dependencies and listed in scripts/corpus.ts. Also `npm run test:real`.
 *
 * Lints them with `configs.all` and `fix: true` (nothing is written). Fails on any crash, parse error or fix that
 * breaks the code. Cannot pass vacuously: it checks that every corpus package is installed and linted, that every rule
 * is enabled for, and ran on, every linted file, and that a known-bad fixture reports. It prints a table of what the
 * rules find per package, and every finding with its place, so that false alarms can be reviewed.
 *
 * The package.json rules run on each corpus package's own published package.json, the same way.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { isJsonRule } from "../../src/configs/index.js";
import plugin from "../../src/index.js";
import {
  MAX_FILE_BYTES,
  REAL_SERVERS,
  UNIGNORE_CORPUS,
  corpusFiles,
  installedVersion,
  type CorpusPackage,
  type Framework,
} from "../../scripts/corpus.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const KNOWN_BAD = "tests/fixtures/known-bad/command-injection.ts";
const NAMESPACE = `${plugin.meta.namespace}/`;
const ruleIds = (json: boolean) =>
  Object.entries(plugin.rules)
    .filter(([, rule]) => isJsonRule(rule as Parameters<typeof isJsonRule>[0]) === json)
    .map(([name]) => `${NAMESPACE}${name}`);
/** The rules for JavaScript and TypeScript, which run on the corpus code; the package.json rules run on its manifests. */
const RULE_IDS = ruleIds(false);
const MANIFEST_RULE_IDS = ruleIds(true);
const FRAMEWORKS: Framework[] = ["sdk-v1", "sdk-v2", "fastmcp", "mcp-framework"];

const config: Linter.Config[] = [...plugin.configs.all, UNIGNORE_CORPUS];

function newESLint(options: ESLint.Options = {}): ESLint {
  // `fix: true` runs every fixer (nothing is written: `ESLint.outputFixes` is never called); `stats` shows which rules ran.
  return new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config, fix: true, stats: true, ...options });
}

function format(message: Linter.LintMessage): string {
  return `${message.line}:${message.column} ${message.ruleId ?? "(fatal)"} ${message.message}`;
}

const rel = (file: string) => relative(ROOT, file);
const ours = (message: Linter.LintMessage) => message.ruleId?.startsWith(NAMESPACE) === true;

interface PackageRun {
  server: CorpusPackage;
  version: string;
  files: string[];
  skipped: string[];
  results: ESLint.LintResult[];
  /** Files whose linting threw (a rule or the parser crashed), with the stack. */
  crashes: string[];
  lines: number;
  ms: number;
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Lints one package; when that throws, lints its files one by one so that every crashing file is named. */
async function lintPackage(eslint: ESLint, server: CorpusPackage): Promise<PackageRun> {
  const { files, skipped } = corpusFiles(ROOT, server.dir);
  const run: PackageRun = { server, version: installedVersion(ROOT, server.name), files, skipped, results: [], crashes: [], lines: 0, ms: 0 };
  const start = performance.now();
  try {
    run.results = files.length > 0 ? await eslint.lintFiles(files) : [];
  } catch {
    for (const file of files) {
      try {
        run.results.push(...(await eslint.lintFiles([file])));
      } catch (error) {
        run.crashes.push(`${rel(file)}: ${stackOf(error)}`);
      }
    }
  }
  run.ms = performance.now() - start;
  run.lines = files.reduce((sum, file) => sum + readFileSync(file, "utf8").split("\n").length, 0);
  return run;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  "));
}

describe("real MCP servers", () => {
  const runs: PackageRun[] = [];
  let eslint: ESLint;
  let totalMs = 0;

  const allResults = () => runs.flatMap((run) => run.results);

  beforeAll(async () => {
    eslint = newESLint();
    const start = performance.now();
    for (const server of REAL_SERVERS) runs.push(await lintPackage(eslint, server));
    totalMs = performance.now() - start;
  }, 120_000);

  it("covers at least 10 published packages, of every framework", () => {
    expect(new Set(REAL_SERVERS.map((server) => server.name)).size).toBeGreaterThanOrEqual(10);
    for (const framework of FRAMEWORKS) {
      expect(REAL_SERVERS.some((server) => server.framework === framework), `no ${framework} server in the corpus`).toBe(true);
    }
  });

  it("lints files from every corpus package", () => {
    expect(allResults().length).toBeGreaterThan(100);
    for (const run of runs) {
      expect(run.files.length, `no file to lint in ${run.server.dir} (run \`npm ci\`?)`).toBeGreaterThan(0);
      expect(run.results.length + run.crashes.length, `not every file of ${run.server.name} was linted`).toBe(run.files.length);
    }
  });

  it("enables every rule of the plugin for every corpus package", async () => {
    for (const run of runs) {
      const file = run.files[0];
      const fileConfig = (await eslint.calculateConfigForFile(file)) as Linter.Config;
      for (const ruleId of RULE_IDS) {
        const setting = fileConfig.rules?.[ruleId];
        const severity = Array.isArray(setting) ? setting[0] : setting;
        expect([2, "error"], `${ruleId} is not enabled for ${rel(file)}`).toContain(severity);
      }
    }
  });

  it("runs every rule on every linted file", () => {
    const missing = allResults().flatMap((result) => {
      const ran = new Set((result.stats?.times.passes ?? []).flatMap((pass) => Object.keys(pass.rules ?? {})));
      return RULE_IDS.filter((ruleId) => !ran.has(ruleId)).map((ruleId) => `${rel(result.filePath)}: ${ruleId} did not run`);
    });
    expect(missing).toEqual([]);
  });

  it("never crashes", () => {
    expect(runs.flatMap((run) => run.crashes)).toEqual([]);
  });

  it("never fails to parse", () => {
    const fatal = allResults().flatMap((result) =>
      result.messages.filter((m) => m.fatal || m.ruleId === null).map((m) => `${rel(result.filePath)}:${format(m)}`),
    );
    expect(fatal).toEqual([]);
  });

  it("produces fixes that still parse", async () => {
    const check = newESLint({ fix: false, stats: false });
    for (const result of allResults().filter((r) => r.output !== undefined)) {
      const [again] = await check.lintText(result.output!, { filePath: result.filePath });
      expect(again.messages.filter((m) => m.fatal).map(format), `the fixes broke ${rel(result.filePath)}`).toEqual([]);
    }
  });

  it("prints its findings on real code (for review of false alarms)", () => {
    const shortRule = (ruleId: string) => ruleId.slice(NAMESPACE.length);
    const rows = [["package", "framework", "version", "files", "lines", "ms", ...RULE_IDS.map(shortRule)]];
    const findings: string[] = [];
    for (const run of runs) {
      const messages = run.results.flatMap((result) => result.messages.filter(ours).map((m) => ({ file: result.filePath, m })));
      rows.push([
        run.server.name,
        run.server.framework,
        run.version,
        String(run.results.length),
        String(run.lines),
        run.ms.toFixed(0),
        ...RULE_IDS.map((ruleId) => String(messages.filter(({ m }) => m.ruleId === ruleId).length)),
      ]);
      findings.push(...messages.map(({ file, m }) => `${rel(file)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
    }
    const total = (column: number) => String(rows.slice(1).reduce((sum, row) => sum + Number(row[column]), 0));
    rows.push(["total", "", "", total(3), total(4), totalMs.toFixed(0), ...RULE_IDS.map((_, i) => total(6 + i))]);
    const skipped = runs.flatMap((run) => run.skipped);
    // Messages of other plugins' rules named in the corpus's own `eslint-disable` comments ("Definition for rule ... was
    // not found"): not ours, not crashes; counted so that nothing is hidden.
    const others = allResults().reduce((sum, result) => sum + result.messages.filter((m) => !ours(m) && m.ruleId !== null).length, 0);
    console.log(
      [
        `[real-servers] ${REAL_SERVERS.length} packages, configs.all + fix: true, ${totalMs.toFixed(0)} ms`,
        ...table(rows).map((line) => `  ${line}`),
        `[real-servers] skipped (over ${MAX_FILE_BYTES / 1024} KB): ${skipped.length === 0 ? "none" : skipped.join(", ")}`,
        `[real-servers] messages of rules not ours (from the corpus's inline eslint comments): ${others}`,
        `[real-servers] ${findings.length} finding(s):`,
        ...findings.map((finding) => `  ${finding}`),
      ].join("\n"),
    );
    expect(rows.length).toBe(REAL_SERVERS.length + 2);
  });
});

describe("known-bad fixture", () => {
  it("reports no-command-injection", async () => {
    const [result] = await newESLint().lintFiles([KNOWN_BAD]);
    expect(result.messages.filter((m) => m.fatal).map(format)).toEqual([]);
    expect(
      result.messages.map((m) => m.ruleId),
      `messages:\n${result.messages.map(format).join("\n")}`,
    ).toContain(`${NAMESPACE}no-command-injection`);
  });
});

describe("real MCP servers' package.json", () => {
  const manifests = [...new Set(REAL_SERVERS.map((server) => join(ROOT, "node_modules", server.name, "package.json")))];
  let results: ESLint.LintResult[] = [];

  beforeAll(async () => {
    results = await newESLint().lintFiles(manifests);
  }, 60_000);

  it("lints the manifest of every corpus package", () => {
    expect(MANIFEST_RULE_IDS.length).toBeGreaterThan(0);
    expect(results.map((result) => result.filePath).sort()).toEqual([...manifests].sort());
  });

  it("runs every package.json rule on every manifest, without a crash or a parse error", () => {
    for (const result of results) {
      const ran = new Set((result.stats?.times.passes ?? []).flatMap((pass) => Object.keys(pass.rules ?? {})));
      for (const ruleId of MANIFEST_RULE_IDS) expect(ran.has(ruleId), `${ruleId} did not run on ${rel(result.filePath)}`).toBe(true);
      expect(result.messages.filter((m) => m.fatal || m.ruleId === null).map(format), rel(result.filePath)).toEqual([]);
    }
  });

  it("prints its findings (for review of false alarms)", () => {
    const findings = results.flatMap((result) => result.messages.filter(ours).map((m) => `${rel(result.filePath)}:${format(m)}`));
    console.log([`[real-servers] package.json: ${results.length} manifests, ${findings.length} finding(s):`, ...findings.map((f) => `  ${f}`)].join("\n"));
    expect(results.length).toBe(manifests.length);
  });
});
