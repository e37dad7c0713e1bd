/**
 * `--format sarif` is valid SARIF 2.1.0 (the OASIS schema, tests/fixtures/sarif) and says what GitHub code scanning
 * needs: the tool and its rules with their docs, each finding with its rule, level, message and a region of a file
 * relative to the source root, silenced findings as suppressed, and unparseable files as notifications.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { INFORMATION_URI, toSarif, type SarifLog } from "../../src/cli/sarif.js";
import { REPOSITORY_URL, ruleDocsUrl } from "../../src/util/create-rule.js";
import { BAD_SERVER_TS, project, ROOT, runCli } from "./helpers.js";

const schema = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "sarif", "sarif-schema-2.1.0.json"), "utf8")) as object;
// CommonJS packages whose `module.exports` is the function itself (and `.default` for bundlers).
const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

async function sarifOf(args: string[], cwd: string): Promise<{ log: SarifLog; code: number; stderr: string }> {
  const run = await runCli(["--format", "sarif", ...args], { cwd });
  return { log: JSON.parse(run.stdout) as SarifLog, code: run.code, stderr: run.stderr };
}

describe("SARIF of the examples", async () => {
  const { log, code, stderr } = await sarifOf(["examples"], ROOT);
  const [run] = log.runs;

  it("validates against the SARIF 2.1.0 schema", () => {
    expect(code).toBe(1);
    expect(stderr).toContain("secure-mcp/recommended: 2 files scanned");
    expectValid(log);
    expect(log.version).toBe("2.1.0");
  });

  it("names the tool, its version and every rule of the config with its docs", () => {
    const { driver } = run.tool;
    expect(driver).toMatchObject({ name: "eslint-plugin-secure-mcp", version: plugin.meta.version, informationUri: REPOSITORY_URL });
    // A config is one flat-config object or an array of them.
    const configs = [plugin.configs.recommended as Linter.Config | Linter.Config[]].flat();
    const recommended = configs.flatMap((config) => Object.keys(config.rules ?? {})).sort();
    expect(driver.rules.map((rule) => rule.id)).toEqual(recommended);
    for (const rule of driver.rules) {
      const name = rule.id.replace("secure-mcp/", "");
      const meta = plugin.rules[name].meta;
      expect(rule.helpUri).toBe(ruleDocsUrl(name));
      expect(rule.shortDescription.text).toBe(meta?.docs?.description);
      expect(rule.defaultConfiguration.level).toBe("error");
      expect(rule.properties.tags).toContain("security");
      expect(rule.properties.precision).toBe("high");
    }
  });

  it("has one result per finding, located relative to the working directory", () => {
    expect(run.originalUriBaseIds["%SRCROOT%"].uri).toBe(`file://${ROOT}/`);
    expect(run.results.map((result) => [result.ruleId, result.locations[0].physicalLocation.region?.startLine])).toEqual([
      ["secure-mcp/no-vulnerable-dependencies", 11],
      ["secure-mcp/no-floating-dependencies", 12],
      ["secure-mcp/no-command-injection", 58],
      ["secure-mcp/no-code-injection", 105],
      ["secure-mcp/no-sql-injection", 133],
      ["secure-mcp/no-env-injection", 150],
      ["secure-mcp/no-path-traversal", 164],
      ["secure-mcp/no-ssrf", 186],
    ]);
    const manifest = run.results.filter((result) => result.locations[0].physicalLocation.artifactLocation.uri === "examples/package.json");
    expect(manifest).toHaveLength(2);
    for (const result of run.results.filter((candidate) => !manifest.includes(candidate))) {
      expect(result.level).toBe("error");
      expect(result.message.text).toMatch(/from the MCP tool "[a-z_]+"/);
      expect(run.tool.driver.rules[result.ruleIndex as number].id).toBe(result.ruleId);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(artifactLocation).toEqual({ uri: "examples/workspace-server.ts", uriBaseId: "%SRCROOT%" });
      expect(region).toEqual({
        startLine: expect.any(Number),
        startColumn: expect.any(Number),
        endLine: expect.any(Number),
        endColumn: expect.any(Number),
      });
    }
    expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it("uses the repository URL of the rule docs as the tool's home page", () => {
    expect(INFORMATION_URI).toBe(REPOSITORY_URL);
  });
});

describe("SARIF of suppressions, parse errors and odd file names", async () => {
  const dir = project({
    "src/silenced server.ts": BAD_SERVER_TS.replace(
      "    exec(",
      "    // eslint-disable-next-line secure-mcp/no-command-injection -- only the owner runs this tool\n    exec(",
    ),
    "src/broken.ts": "const = ;\n",
    "src/bad.ts": BAD_SERVER_TS,
  });
  const { log, code } = await sarifOf(["--config", "strict", "src"], dir);
  const [run] = log.runs;

  it("validates against the SARIF 2.1.0 schema", () => {
    expect(code).toBe(1);
    expectValid(log);
  });

  it("lists the strict config's rules, the ones outside recommended with medium precision", () => {
    const precision = Object.fromEntries(run.tool.driver.rules.map((rule) => [rule.id, rule.properties.precision]));
    expect(precision["secure-mcp/no-argument-injection"]).toBe("medium");
    expect(precision["secure-mcp/no-command-injection"]).toBe("high");
  });

  it("marks findings silenced in the source as suppressed, with the justification", () => {
    const silenced = run.results.filter((result) => result.suppressions);
    expect(silenced).toHaveLength(1);
    expect(silenced[0].suppressions).toEqual([{ kind: "inSource", justification: "only the owner runs this tool" }]);
    expect(silenced[0].locations[0].physicalLocation.artifactLocation.uri).toBe("src/silenced%20server.ts");
    expect(run.results.filter((result) => !result.suppressions).map((result) => result.ruleId)).toEqual([
      "secure-mcp/no-command-injection",
    ]);
  });

  it("reports a file that cannot be parsed as a tool notification, not a result", () => {
    const [notification] = run.invocations[0].toolExecutionNotifications;
    expect(notification.level).toBe("error");
    expect(notification.message.text).toMatch(/^Parsing error: /);
    expect(notification.locations[0].physicalLocation.artifactLocation.uri).toBe("src/broken.ts");
  });
});

describe("the ESLint formatter (dist/sarif-formatter.js)", () => {
  it("writes valid SARIF for a project's own ESLint run: ESLint is the tool, only this plugin's rules are security", async () => {
    const { ESLint } = await import("eslint");
    const dir = project({ "server.ts": `${BAD_SERVER_TS}debugger;\n` });
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [...[plugin.configs.recommended as Linter.Config | Linter.Config[]].flat(), { rules: { "no-debugger": "warn" } }],
    });
    const results = await eslint.lintFiles(["."]);
    const formatter = await eslint.loadFormatter(join(ROOT, "dist", "sarif-formatter.js"));
    const log = JSON.parse(await formatter.format(results)) as SarifLog;
    expectValid(log);
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver).toMatchObject({ name: "ESLint", version: ESLint.version, informationUri: "https://eslint.org" });
    expect(sarifRun.tool.driver.rules.map((rule) => [rule.id, rule.defaultConfiguration.level, rule.properties.tags])).toEqual([
      ["no-debugger", "warning", ["problem"]],
      ["secure-mcp/no-command-injection", "error", ["security", "problem"]],
    ]);
    expect(sarifRun.results.map((result) => [result.ruleId, result.locations[0].physicalLocation.artifactLocation.uri])).toEqual([
      ["secure-mcp/no-command-injection", "server.ts"],
      ["no-debugger", "server.ts"],
    ]);
  });
});

describe("toSarif", () => {
  it("gives files outside the source root as absolute file URIs and messages about a whole file no region", () => {
    const log = toSarif(
      [
        {
          filePath: "/elsewhere/server.ts",
          messages: [{ ruleId: "secure-mcp/no-command-injection", severity: 1, message: "m", line: 0, column: 0 }],
          suppressedMessages: [],
          errorCount: 0,
          fatalErrorCount: 0,
          warningCount: 1,
          fixableErrorCount: 0,
          fixableWarningCount: 0,
          usedDeprecatedRules: [],
        },
      ],
      { toolName: "t", toolVersion: "1.0.0", informationUri: "https://example.com", rules: {}, sourceRoot: "/work/project" },
    );
    expectValid(log);
    const [result] = log.runs[0].results;
    expect(result.level).toBe("warning");
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "file:///elsewhere/server.ts" } });
    expect(log.runs[0].tool.driver.rules.map((rule) => rule.id)).toEqual(["secure-mcp/no-command-injection"]);
  });
});
