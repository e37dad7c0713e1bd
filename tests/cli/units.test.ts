/** The scanner's pieces that need no process: arguments, .gitignore rebasing, common roots, progress, summary. */
import { describe, expect, it } from "vitest";
import { parseCliArgs, UsageError } from "../../src/cli/args.js";
import { rebaseIntoRoot } from "../../src/cli/gitignore.js";
import { Progress } from "../../src/cli/progress.js";
import { exitCode, formatSummary, summarize } from "../../src/cli/summary.js";
import { commonAncestor } from "../../src/cli/targets.js";
import type { ESLint } from "eslint";

describe("parseCliArgs", () => {
  it("has defaults", () => {
    expect(parseCliArgs([])).toEqual({
      kind: "run",
      options: { paths: ["."], config: "recommended", format: "stylish", outputFile: undefined, maxWarnings: undefined, progress: true },
    });
  });

  it("reads every option, in both spellings", () => {
    expect(parseCliArgs(["src", "lib", "--config=all", "-f", "sarif", "-o", "out.sarif", "--max-warnings", "3", "--no-progress"])).toEqual({
      kind: "run",
      options: { paths: ["src", "lib"], config: "all", format: "sarif", outputFile: "out.sarif", maxWarnings: 3, progress: false },
    });
  });

  it("takes paths that start with a dash after --", () => {
    expect(parseCliArgs(["--", "-weird"])).toMatchObject({ options: { paths: ["-weird"] } });
  });

  it("throws UsageError for mistakes", () => {
    expect(() => parseCliArgs(["--output-file="])).toThrow(UsageError);
    expect(() => parseCliArgs(["--max-warnings", "1.5"])).toThrow("--max-warnings must be a whole number");
  });
});

describe("rebaseIntoRoot (a parent folder's .gitignore pattern, made relative to the root)", () => {
  it.each([
    ["**/*.gen.ts", "packages/a", "**/*.gen.ts"],
    ["!**/keep.ts", "packages/a", "!**/keep.ts"],
    ["packages/a/fixtures/", "packages/a", "fixtures/"],
    ["packages/*/fixtures/", "packages/a", "fixtures/"],
    ["packages/a/**/snapshots/", "packages/a", "**/snapshots/"],
    ["packages/**/tmp", "packages/a", "**/tmp"],
    ["!packages/a/keep.ts", "packages/a", "!keep.ts"],
  ])("%s from %s is %s", (pattern, toRoot, expected) => {
    expect(rebaseIntoRoot(pattern, toRoot)).toBe(expected);
  });

  it.each([
    ["packages/b/fixtures/", "packages/a"],
    ["packages/a/", "packages/a"],
    ["packages/", "packages/a"],
    ["packages", "packages/a"],
    ["packages/a/**", "packages/a"],
    ["pack*/a/x", "packages/a"],
  ])("%s from %s does not apply inside the root", (pattern, toRoot) => {
    expect(rebaseIntoRoot(pattern, toRoot)).toBeUndefined();
  });
});

describe("commonAncestor", () => {
  it.each([
    [["/a/b/c", "/a/b/d"], "/a/b"],
    [["/a/b", "/a/b/c/d"], "/a/b"],
    [["/a/bc", "/a/b"], "/a"],
    [["/a", "/b"], "/"],
    [["/a/b"], "/a/b"],
  ])("%j → %s", (folders, expected) => {
    expect(commonAncestor(folders)).toBe(expected);
  });
});

describe("Progress", () => {
  function terminal() {
    const writes: string[] = [];
    return { stream: { isTTY: true, columns: 60, write: (text: string) => writes.push(text) }, writes };
  }

  it("is wanted only on a terminal, outside CI", () => {
    const previous = process.env.CI;
    try {
      delete process.env.CI;
      expect(Progress.wanted({ isTTY: true, write: () => true })).toBe(true);
      expect(Progress.wanted({ isTTY: false, write: () => true })).toBe(false);
      expect(Progress.wanted({ write: () => true })).toBe(false);
      process.env.CI = "true";
      expect(Progress.wanted({ isTTY: true, write: () => true })).toBe(false);
    } finally {
      if (previous === undefined) delete process.env.CI;
      else process.env.CI = previous;
    }
  });

  it("stays quiet for the first second, then redraws one line at most every 100 ms, and clears it", () => {
    let now = 0;
    const { stream, writes } = terminal();
    const progress = new Progress(stream, { root: "/p", now: () => now });
    progress.file("/p/a.ts");
    now = 500;
    progress.file("/p/b.ts");
    expect(writes).toEqual([]);
    now = 1000;
    progress.file("/p/src/c.ts");
    now = 1050;
    progress.file("/p/src/d.ts");
    now = 1200;
    progress.file("/p/src/a-very-long-file-name-that-does-not-fit-in-the-terminal-width.ts");
    progress.done();
    expect(writes).toEqual([
      "\r\x1b[KScanning: 3 files, 1s  src/c.ts",
      `\r\x1b[K${"Scanning: 5 files, 1s  src/a-very-long-file-name-that-does-not-fit-in-the-terminal-width.ts".slice(0, 58)}…`,
      "\r\x1b[K",
    ]);
  });

  it("counts a terminal of unknown width as 80 columns, and says 1 file", () => {
    let now = 0;
    const writes: string[] = [];
    const progress = new Progress({ isTTY: true, columns: 0, write: (text: string) => writes.push(text) }, { now: () => now });
    now = 2000;
    progress.file("/p/server.ts");
    expect(writes).toEqual(["\r\x1b[KScanning: 1 file, 2s  /p/server.ts"]);
  });

  it("clears nothing when it drew nothing", () => {
    const { stream, writes } = terminal();
    new Progress(stream).done();
    expect(writes).toEqual([]);
  });

  it("counts files through a rule that reports nothing", () => {
    const progress = new Progress(terminal().stream);
    const config = progress.config();
    expect(config.rules).toEqual({ "secure-mcp-cli/progress": "warn" });
    expect(config.files).toBeUndefined();
  });
});

describe("summary", () => {
  const result = (messages: { ruleId: string | null; severity: 1 | 2; fatal?: true }[]): ESLint.LintResult => ({
    filePath: "/x.ts",
    messages: messages.map((m) => ({ ...m, message: "m", line: 1, column: 1 })),
    suppressedMessages: [],
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  });

  it("counts by rule, most errors first, parse errors by name", () => {
    const summary = summarize([
      result([{ ruleId: "secure-mcp/b", severity: 2 }, { ruleId: "secure-mcp/a", severity: 1 }]),
      result([{ ruleId: "secure-mcp/b", severity: 2 }, { ruleId: null, severity: 2, fatal: true }]),
    ]);
    expect(summary.byRule).toEqual([
      { rule: "secure-mcp/b", errors: 2, warnings: 0 },
      { rule: "(parse error)", errors: 1, warnings: 0 },
      { rule: "secure-mcp/a", errors: 0, warnings: 1 },
    ]);
    expect(formatSummary(summary, "strict")).toBe(
      [
        "secure-mcp/strict: 2 files scanned, 4 problems (3 errors, 1 warning).",
        "",
        "  rule           errors  warnings",
        "  secure-mcp/b        2         0",
        "  (parse error)       1         0",
        "  secure-mcp/a        0         1",
        "",
      ].join("\n"),
    );
    expect(exitCode(summary)).toBe(1);
  });

  it("exits 0 on warnings unless there are more than --max-warnings", () => {
    const summary = summarize([result([{ ruleId: "secure-mcp/a", severity: 1 }])]);
    expect(exitCode(summary)).toBe(0);
    expect(exitCode(summary, 1)).toBe(0);
    expect(exitCode(summary, 0)).toBe(1);
  });
});
