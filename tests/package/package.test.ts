/**
 * The package as users get it: `npm pack`, installed from the tarball into fixture projects for ESLint 9 (the oldest
 * version the peer range admits, and the newest 9.x) and ESLint 10, and into an empty folder with `npm exec` (someone
 * auditing a server, with no ESLint of their own). In each project ESLint runs with flat configs written as users
 * write them (eslint.config.js, .cjs, .ts with defineConfig, .cts) and the scanner runs from the package's bin; all
 * must report the same findings. The TypeScript configs type-check against the published declarations, the
 * declarations pass `attw`, and the scanner's SARIF validates.
 *
 * `npm run test:package` (network: the npm registry, for ESLint and TypeScript; the cache is used first). Set
 * KEEP_PACKAGE_TEST=1 to keep the temporary projects.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURES = join(ROOT, "tests", "package", "fixtures");
const BIN = "eslint-plugin-secure-mcp";
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };

interface Fixture {
  name: string;
  eslint: string;
  configs: string[];
  typecheck: boolean;
}

const ALL_CONFIGS = ["eslint.config.js", "eslint.config.cjs", "eslint.config.ts", "eslint.config.cts"];

const PROJECTS: Fixture[] = [
  // The oldest ESLint of the peer range: no eslint/config (defineConfig is 9.22) and no TypeScript config files.
  { name: "eslint9-floor", eslint: "9.15.0", configs: ["eslint.config.js", "eslint.config.cjs"], typecheck: false },
  { name: "eslint9", eslint: "9.39.5", configs: ALL_CONFIGS, typecheck: true },
  { name: "eslint10", eslint: "10.15.0", configs: ALL_CONFIGS, typecheck: true },
];

/** What every run must report on the fixture's src/: file, line, column, rule. */
const EXPECTED = [
  "src/legacy.cjs:9:8 secure-mcp/no-command-injection",
  "src/server.ts:12:10 secure-mcp/no-command-injection",
  "src/server.ts:18:39 secure-mcp/no-code-injection",
  "src/server.ts:23:45 secure-mcp/no-command-injection",
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, timeout = 300_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: "true", NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 99) : 0, stdout, stderr });
      },
    );
  });
}

async function ok(command: string, args: string[], cwd: string, timeout?: number): Promise<Run> {
  const result = await run(command, args, cwd, timeout);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** Findings of ESLint JSON results as `file:line:column rule`, with messages kept apart for comparing runs. */
function findings(stdout: string, project: string): { rows: string[]; messages: string[] } {
  const results = JSON.parse(stdout) as ESLint.LintResult[];
  const rows: string[] = [];
  const messages: string[] = [];
  for (const result of results) {
    const file = result.filePath.slice(project.length + 1).split("\\").join("/");
    for (const message of result.messages) {
      rows.push(`${file}:${message.line}:${message.column} ${message.ruleId ?? `(${message.message})`}`);
      messages.push(`${file}:${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.message}`);
    }
  }
  return { rows: rows.sort(), messages: messages.sort() };
}

const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(
  JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "sarif", "sarif-schema-2.1.0.json"), "utf8")) as object,
);

const work = realpathSync(mkdtempSync(join(tmpdir(), "secure-mcp-package-")));
let tarball = "";
let packedFiles: string[] = [];
const timings: string[] = [];

async function timed<T>(label: string, action: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await action();
  } finally {
    timings.push(`${label}: ${((performance.now() - start) / 1000).toFixed(1)}s`);
  }
}

beforeAll(async () => {
  const packed = await timed("npm pack", () => ok("npm", ["pack", "--json", "--pack-destination", work], ROOT));
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info.filename);
  packedFiles = info.files.map((file) => file.path).sort();
}, 120_000);

afterAll(() => {
  console.log(`package test timings (${work}):\n  ${timings.join("\n  ")}`);
  if (!process.env.KEEP_PACKAGE_TEST) rmSync(work, { recursive: true, force: true });
});

describe("the tarball", () => {
  it("holds the builds, the CLI, the declarations and the docs, and no sources or tests", () => {
    for (const file of ["package.json", "README.md", "dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts", "dist/cli.js", "dist/sarif-formatter.js"]) {
      expect(packedFiles).toContain(file);
    }
    expect(packedFiles.some((file) => file.startsWith("docs/rules/"))).toBe(true);
    expect(packedFiles.filter((file) => /^(src|tests|scripts|examples)\//.test(file))).toEqual([]);
  });

  it("has declarations that resolve for every module resolution (are the types wrong?)", async () => {
    const result = await timed("attw", () => run(join(ROOT, "node_modules", ".bin", "attw"), [tarball, "--format", "table-flipped"], ROOT));
    expect(result.stdout + result.stderr).toContain("No problems found");
    expect(result.code).toBe(0);
  }, 120_000);
});

describe.each(PROJECTS)("a project with ESLint $eslint ($name)", (fixture) => {
  const project = join(work, fixture.name);
  const bin = (name: string) => join(project, "node_modules", ".bin", name);
  let eslintRun: { rows: string[]; messages: string[] } | undefined;

  beforeAll(async () => {
    mkdirSync(project, { recursive: true });
    cpSync(join(FIXTURES, "common"), project, { recursive: true });
    cpSync(join(FIXTURES, fixture.name), project, { recursive: true });
    await timed(`${fixture.name}: npm install`, () =>
      ok("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--save-dev", tarball], project, 600_000),
    );
  }, 620_000);

  it("has the ESLint it pins", () => {
    const installed = JSON.parse(readFileSync(join(project, "node_modules", "eslint", "package.json"), "utf8")) as { version: string };
    expect(installed.version).toBe(fixture.eslint);
  });

  it("loads the plugin with require() and import, as the same plugin", async () => {
    const script = `
      const cjs = require("${pkg.name}");
      import("${pkg.name}").then(({ default: esm }) => {
        console.log(JSON.stringify({ meta: cjs.meta, rules: Object.keys(cjs.rules), same: Object.keys(esm.rules).join() === Object.keys(cjs.rules).join(), configs: Object.keys(esm.configs) }));
      });`;
    const result = await ok(process.execPath, ["-e", script], project);
    const loaded = JSON.parse(result.stdout) as { meta: { name: string; version: string }; rules: string[]; same: boolean; configs: string[] };
    expect(loaded.meta).toMatchObject({ name: pkg.name, version: pkg.version });
    expect(loaded.rules.length).toBeGreaterThan(0);
    expect(loaded.same).toBe(true);
    expect(loaded.configs.sort()).toEqual(["all", "recommended", "strict"]);
  });

  it.each(fixture.configs)("eslint -c %s reports the expected findings", async (config) => {
    const result = await timed(`${fixture.name}: eslint -c ${config}`, () => run(bin("eslint"), ["-c", config, "-f", "json", "src"], project));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const found = findings(result.stdout, project);
    expect(found.rows).toEqual(EXPECTED);
    if (eslintRun) expect(found.messages).toEqual(eslintRun.messages);
    eslintRun ??= found;
  });

  it("the scanner (the package's bin) reports what ESLint reports, on this ESLint", async () => {
    const version = await ok(bin(BIN), ["--version"], project);
    expect(version.stdout).toBe(`${BIN} ${pkg.version} (ESLint ${fixture.eslint})\n`);
    const result = await timed(`${fixture.name}: ${BIN} -f json`, () => run(bin(BIN), ["-f", "json", "src"], project));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("secure-mcp/recommended: 4 files scanned, 4 problems (4 errors, 0 warnings).");
    const found = findings(result.stdout, project);
    expect(found.rows).toEqual(EXPECTED);
    expect(found.messages).toEqual(eslintRun?.messages);
  });

  it("the scanner writes SARIF 2.1.0", async () => {
    await run(bin(BIN), ["-f", "sarif", "-o", "secure-mcp.sarif", "src"], project);
    const log = JSON.parse(readFileSync(join(project, "secure-mcp.sarif"), "utf8")) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].results.map((result) => result.locations[0].physicalLocation.artifactLocation.uri).sort()).toEqual([
      "src/legacy.cjs",
      "src/server.ts",
      "src/server.ts",
      "src/server.ts",
    ]);
  });

  it("eslint writes SARIF 2.1.0 with the package's formatter", async () => {
    const formatter = "./node_modules/eslint-plugin-secure-mcp/dist/sarif-formatter.js";
    const result = await run(bin("eslint"), ["-c", "eslint.config.js", "-f", formatter, "-o", "eslint.sarif", "src"], project);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const log = JSON.parse(readFileSync(join(project, "eslint.sarif"), "utf8")) as {
      runs: { tool: { driver: { name: string; version: string } }; results: { ruleId: string }[] }[];
    };
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].tool.driver).toMatchObject({ name: "ESLint", version: fixture.eslint });
    expect(log.runs[0].results).toHaveLength(EXPECTED.length);
  });

  it.runIf(fixture.typecheck)("eslint.config.ts and eslint.config.cts type-check against the published types", async () => {
    const result = await timed(`${fixture.name}: tsc`, () => run(bin("tsc"), ["--noEmit", "-p", "."], project));
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});

describe("npm exec in a folder with no ESLint (someone auditing a server)", () => {
  it("installs the scanner with ESLint as its peer and reports the same findings", async () => {
    const auditor = join(work, "auditor");
    const server = join(work, "audited-server");
    mkdirSync(auditor, { recursive: true });
    cpSync(join(FIXTURES, "common", "src"), join(server, "src"), { recursive: true });
    const result = await timed("npm exec (auditor)", () =>
      run("npm", ["exec", "--yes", "--prefer-offline", `--package=${tarball}`, "--", BIN, "-f", "json", server], auditor, 600_000),
    );
    expect(result.code).toBe(1);
    expect(findings(result.stdout, server).rows).toEqual(EXPECTED);
  }, 620_000);
});
