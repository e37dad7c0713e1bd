/**
 * `npm run bench [-- --check] [-- --runs=N]`: how much our rules cost, measured with ESLint's own `stats`.
 *
 * Lints the real-server corpus (scripts/corpus.ts) and examples/ with our `recommended` rules and
 * eslint-plugin-security's `recommended` rules in the same run, and reports parse time, the time of our rules
 * (`secure-mcp/*`) and of eslint-plugin-security's (`security/*`), each as a ratio to parse time, and the time of
 * each of our rules. One warm-up run is discarded (JIT, module loading, per-process caches); then `--runs` runs
 * (default 3) are measured and the median of each figure is printed, then the sums of each file's fastest run.
 *
 * With `--check`, exits 1 when our rules cost more than 10% of parse time (the budget in ARCHITECTURE.md).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import security from "eslint-plugin-security";
import type { default as SourcePlugin } from "../src/index.js";

// Each measured run stands for one CLI run (`eslint .`, a pre-commit hook, CI), where the plugin reads the project once
// (analysis/freshness.ts). Without this, repeating the runs in one process would look like an editor session, with
// the project listed and stat-ed again whenever its five-second lifetime ran out: in some runs and not others.
process.env.SECURE_MCP_SINGLE_RUN ??= "true";

// The built package, as users run it (the TypeScript sources under tsx carry extra helper calls). `npm run bench`
// builds first; the path is a variable so that type-checking does not need a build.
const BUILT_PLUGIN = "../dist/index.js";
const { default: plugin } = (await import(BUILT_PLUGIN)) as { default: typeof SourcePlugin };
import { REAL_SERVERS, UNIGNORE_CORPUS, allCorpusFiles } from "./corpus.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BUDGET = 0.1;
const OURS = `${plugin.meta.namespace}/`;
const THEIRS = "security/";

const args = process.argv.slice(2);
const check = args.includes("--check");
const runs = Math.max(1, Number(args.find((arg) => arg.startsWith("--runs="))?.slice("--runs=".length) ?? 3) || 3);

const config: Linter.Config[] = [
  ...plugin.configs.recommended,
  // The JavaScript and TypeScript files our config matches (not package.json, which ours lints with @eslint/json).
  { ...(security.configs.recommended as Linter.Config), files: plugin.configs.recommended[0].files },
  UNIGNORE_CORPUS,
];
const patterns = [...allCorpusFiles(ROOT).files, "examples/"];

interface Measure {
  files: number;
  lines: number;
  parse: number;
  ours: number;
  theirs: number;
  perRule: Record<string, number>;
  /** Per file: its parse time, our rules' time and eslint-plugin-security's. */
  perFile: Map<string, { parse: number; ours: number; theirs: number }>;
}

async function measure(): Promise<Measure> {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config, stats: true });
  const results = await eslint.lintFiles(patterns);
  const fatal = results.flatMap((result) => result.messages.filter((m) => m.fatal).map((m) => `${result.filePath}: ${m.message}`));
  if (fatal.length > 0) throw new Error(`Parse errors in the corpus:\n${fatal.join("\n")}`);
  const out: Measure = { files: results.length, lines: 0, parse: 0, ours: 0, theirs: 0, perRule: {}, perFile: new Map() };
  for (const result of results) {
    out.lines += readFileSync(result.filePath, "utf8").split("\n").length;
    const file = { parse: 0, ours: 0, theirs: 0 };
    for (const pass of result.stats?.times.passes ?? []) {
      file.parse += pass.parse?.total ?? 0;
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
        if (ruleId.startsWith(OURS)) {
          file.ours += time.total;
          out.perRule[ruleId] = (out.perRule[ruleId] ?? 0) + time.total;
        } else if (ruleId.startsWith(THEIRS)) {
          file.theirs += time.total;
        }
      }
    }
    out.parse += file.parse;
    out.ours += file.ours;
    out.theirs += file.theirs;
    out.perFile.set(result.filePath, file);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ms = (value: number) => `${value.toFixed(1).padStart(8)} ms`;
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

await measure(); // warm-up, discarded
const measured: Measure[] = [];
for (let i = 0; i < runs; i++) measured.push(await measure());

const files = measured[0].files;
const lines = measured[0].lines;
const parse = median(measured.map((m) => m.parse));
const ours = median(measured.map((m) => m.ours));
const theirs = median(measured.map((m) => m.theirs));
const ruleIds = plugin.configs.recommended.flatMap((block) => Object.keys(block.rules ?? {}));
const ratio = parse > 0 ? ours / parse : Number.POSITIVE_INFINITY;

console.log(`Corpus: ${files} files, ${lines} lines (${REAL_SERVERS.length} real-server packages + examples/)`);
console.log(`Median of ${runs} run(s) after one warm-up run:`);
console.log(`  parse                               ${ms(parse)}`);
console.log(`  secure-mcp (recommended, ours)      ${ms(ours)}   ${pct(ratio)} of parse (budget ${pct(BUDGET)})`);
console.log(`  security (eslint-plugin-security)   ${ms(theirs)}   ${pct(parse > 0 ? theirs / parse : 0)} of parse`);
// A second reading beside the budget's: both plugins run on the same parses in the same process, so a busy machine
// slows both, while parse time and rule time can be slowed unequally.
console.log(`  ours / eslint-plugin-security       ${theirs > 0 ? (ours / theirs).toFixed(2) : "-"}x`);
// Each file's fastest run, summed: a pause of the machine slows one file in one run, not every run of it, so this
// moves far less between invocations than the medians above (for comparing builds; the budget reads the medians).
const fastest = (key: "parse" | "ours" | "theirs") =>
  [...measured[0].perFile.keys()].reduce((sum, file) => sum + Math.min(...measured.map((m) => m.perFile.get(file)?.[key] ?? 0)), 0);
if (runs > 1) {
  const [fastParse, fastOurs, fastTheirs] = [fastest("parse"), fastest("ours"), fastest("theirs")];
  console.log(
    `Each file's fastest of ${runs} runs, summed: parse ${fastParse.toFixed(1)} ms, ours ${fastOurs.toFixed(1)} ms (${pct(fastOurs / fastParse)} of parse), ${(fastOurs / fastTheirs).toFixed(2)}x eslint-plugin-security`,
  );
}
console.log("Per rule (ours):");
for (const ruleId of ruleIds.sort()) {
  const time = median(measured.map((m) => m.perRule[ruleId] ?? 0));
  console.log(`  ${ruleId.padEnd(34)}  ${ms(time)}   ${pct(parse > 0 ? time / parse : 0)} of parse`);
}

if (check && ratio > BUDGET) {
  console.error(`Over budget: our rules take ${pct(ratio)} of parse time (budget ${pct(BUDGET)}).`);
  process.exitCode = 1;
}
