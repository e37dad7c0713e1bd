/**
 * The scanner as users run it (`node dist/cli.js`, built by `npm run build`): exit codes, output formats, the
 * summary, what it skips, and its messages for mistakes.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BAD_SERVER_CJS, BAD_SERVER_JS, BAD_SERVER_TS, CLI, findings, parseJson, project, ROOT, runCli, SAFE_SERVER_TS } from "./helpers.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; bin: Record<string, string> };

describe("exit codes and output", () => {
  const dir = project({
    "bad/server.ts": BAD_SERVER_TS,
    "bad/server.mjs": BAD_SERVER_JS,
    "bad/server.cjs": BAD_SERVER_CJS,
    "safe/server.ts": SAFE_SERVER_TS,
    "safe/empty.js": "",
  });

  it("exits 0 with a one-line summary when there is nothing to report", async () => {
    const run = await runCli(["safe"], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe("secure-mcp/recommended: 2 files scanned, no problems.\n");
  });

  it("exits 1 on findings: stylish report, then a summary by rule and severity, on stdout", async () => {
    const run = await runCli(["bad"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(join(dir, "bad", "server.ts"));
    expect(run.stdout).toMatch(/10:10 +error +args\.dir from the MCP tool "list" .* secure-mcp\/no-command-injection/);
    expect(run.stdout).toContain("✖ 3 problems (3 errors, 0 warnings)");
    expect(run.stdout).toContain("secure-mcp/recommended: 3 files scanned, 3 problems (3 errors, 0 warnings).");
    expect(run.stdout).toMatch(/ {2}rule +errors +warnings\n {2}secure-mcp\/no-command-injection +3 +0\n/);
    // No colours when standard output is not a terminal.
    expect(run.stdout).not.toContain("\x1b[");
  });

  it("reads TypeScript, ES modules and CommonJS with no set-up", async () => {
    const run = await runCli(["bad", "--format", "json"], { cwd: dir });
    expect(findings(parseJson(run), dir).map((row) => row.split(" ").slice(0, 2).join(" "))).toEqual([
      "bad/server.cjs:8:8-8:24 secure-mcp/no-command-injection",
      "bad/server.mjs:10:10-10:26 secure-mcp/no-command-injection",
      "bad/server.ts:10:10-10:26 secure-mcp/no-command-injection",
    ]);
  });

  it("--format json writes ESLint's JSON results alone on stdout, the summary on stderr", async () => {
    const run = await runCli(["bad", "safe", "-f", "json"], { cwd: dir });
    expect(run.code).toBe(1);
    const results = parseJson(run);
    expect(results.map((result) => result.filePath.slice(dir.length + 1)).sort()).toEqual([
      "bad/server.cjs",
      "bad/server.mjs",
      "bad/server.ts",
      "safe/empty.js",
      "safe/server.ts",
    ]);
    expect(run.stderr).toContain("secure-mcp/recommended: 5 files scanned, 3 problems (3 errors, 0 warnings).");
  });

  it("--output-file writes the report to a file (creating its folder) and the summary to stdout", async () => {
    const run = await runCli(["bad", "-f", "json", "-o", "reports/secure-mcp.json"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("3 problems (3 errors, 0 warnings)");
    expect(run.stdout).toContain("Wrote the json report to reports/secure-mcp.json.");
    const results = JSON.parse(readFileSync(join(dir, "reports", "secure-mcp.json"), "utf8")) as unknown[];
    expect(results).toHaveLength(3);
  });

  it("--output-file with stylish writes plain text", async () => {
    const run = await runCli(["bad", "-o", "report.txt"], { cwd: dir });
    expect(run.code).toBe(1);
    const text = readFileSync(join(dir, "report.txt"), "utf8");
    expect(text).toContain("secure-mcp/no-command-injection");
    expect(text).not.toContain("\x1b[");
  });

  it("lints the current folder when no path is given", async () => {
    const run = await runCli(["-f", "json"], { cwd: join(dir, "bad") });
    expect(parseJson(run)).toHaveLength(3);
  });

  it("--config strict and all enable more rules than recommended", async () => {
    const code = `import { execFile } from "node:child_process";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
const server = new McpServer({ name: "git", version: "1.0.0" });
server.registerTool("log", { inputSchema: { ref: z.string() } }, async ({ ref }) => {
  execFile("git", ["log", ref]);
  return { content: [] };
});
`;
    const strictDir = project({ "server.ts": code });
    const recommended = await runCli(["-f", "json"], { cwd: strictDir });
    const strict = await runCli(["-f", "json", "--config", "strict"], { cwd: strictDir });
    const all = await runCli(["-f", "json", "--config", "all"], { cwd: strictDir });
    expect(recommended.code).toBe(0);
    expect(parseJson(strict)[0].messages.map((m) => m.ruleId)).toEqual(["secure-mcp/no-argument-injection"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("secure-mcp/strict: 1 file scanned");
    expect(all.code).toBe(1);
    expect(all.stderr).toContain("secure-mcp/all: 1 file scanned");
  });
});

describe("zero config", () => {
  it("ignores the target's own ESLint config", async () => {
    const dir = project({
      "eslint.config.js": 'throw new Error("the scanner must not load this");\n',
      "eslint.config.mjs": 'throw new Error("the scanner must not load this");\n',
      "server.ts": BAD_SERVER_TS,
    });
    const run = await runCli(["-f", "json", "server.ts"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(parseJson(run)[0].messages.map((m) => m.ruleId)).toEqual(["secure-mcp/no-command-injection"]);
  });

  it("does not report disable comments for rules it does not run, and honours those for its own", async () => {
    const dir = project({
      "server.ts": `// eslint-disable-next-line no-console, @typescript-eslint/no-explicit-any\nconst x: any = 1;\n${BAD_SERVER_TS.replace(
        "    exec(",
        "    // eslint-disable-next-line secure-mcp/no-command-injection -- the listing tool is for the owner only\n    exec(",
      )}`,
    });
    const run = await runCli(["-f", "json"], { cwd: dir });
    expect(run.code).toBe(0);
    const [result] = parseJson(run);
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages?.map((m) => m.ruleId)).toEqual(["secure-mcp/no-command-injection"]);
    expect(run.stderr).toContain("1 problem silenced by eslint-disable comments");
  });
});

describe("what is skipped", () => {
  const dir = project({
    ".gitignore": "# build output\n/generated/\n*.gen.ts\n!keep.gen.ts\n",
    "src/server.ts": BAD_SERVER_TS,
    "src/schema.gen.ts": BAD_SERVER_TS,
    "src/keep.gen.ts": BAD_SERVER_TS,
    "src/nested/.gitignore": "local-only.ts\n",
    "src/nested/local-only.ts": BAD_SERVER_TS,
    "src/nested/tool.ts": BAD_SERVER_TS,
    "generated/client.ts": BAD_SERVER_TS,
    "lib/generated/client.ts": BAD_SERVER_TS,
    "node_modules/some-server/index.js": BAD_SERVER_JS,
    "dist/server.js": BAD_SERVER_JS,
    "packages/a/dist/server.js": BAD_SERVER_JS,
    "packages/a/src/server.ts": BAD_SERVER_TS,
  });
  const scanned = async (args: string[], cwd = dir) => {
    const run = await runCli(["-f", "json", ...args], { cwd });
    return parseJson(run)
      .map((result) => result.filePath.slice(dir.length + 1))
      .sort();
  };

  it("skips node_modules/, dist/ and what .gitignore files list (nested ones too, with negations)", async () => {
    expect(await scanned([])).toEqual([
      "lib/generated/client.ts",
      "packages/a/src/server.ts",
      "src/keep.gen.ts",
      "src/nested/tool.ts",
      "src/server.ts",
    ]);
  });

  it("applies the .gitignore of a parent folder inside a Git work tree", async () => {
    const repo = project({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".gitignore": "*.gen.ts\n/packages/a/fixtures/\n",
      "packages/a/src/server.ts": BAD_SERVER_TS,
      "packages/a/src/server.gen.ts": BAD_SERVER_TS,
      "packages/a/fixtures/bad.ts": BAD_SERVER_TS,
    });
    const run = await runCli(["-f", "json", "."], { cwd: join(repo, "packages", "a") });
    expect(parseJson(run).map((result) => result.filePath.slice(repo.length + 1))).toEqual(["packages/a/src/server.ts"]);
  });

  it("scans a folder named on purpose, even inside node_modules/ or dist/ or a git-ignored folder", async () => {
    expect(await scanned(["node_modules/some-server"])).toEqual(["node_modules/some-server/index.js"]);
    expect(await scanned(["dist"])).toEqual(["dist/server.js"]);
    expect(await scanned(["generated"])).toEqual(["generated/client.ts"]);
    expect(await scanned(["packages/a/dist/server.js"])).toEqual(["packages/a/dist/server.js"]);
  });

  it("scans a folder outside the current one", async () => {
    const elsewhere = project({ "README.md": "" });
    expect(await scanned([join(dir, "packages", "a")], elsewhere)).toEqual(["packages/a/src/server.ts"]);
  });

  it("exits 2 with a hint when there is no file to scan", async () => {
    const empty = project({ "README.md": "# nothing here\n", "dist/server.js": BAD_SERVER_JS });
    const run = await runCli([], { cwd: empty });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("no JavaScript or TypeScript file to scan in .");
    expect(run.stderr).toContain("Skipped: node_modules/, dist/ and files in .gitignore");
  });
});

describe("--max-warnings", () => {
  // A file named on purpose but git-ignored in its own folder is a warning ("File ignored ..."), not an error.
  const dir = project({ ".gitignore": "old.ts\n", "old.ts": "export {};\n", "server.ts": SAFE_SERVER_TS });

  it("warnings alone exit 0", async () => {
    const run = await runCli(["old.ts", "server.ts"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1 problem (0 errors, 1 warning)");
  });

  it("more warnings than allowed exit 1", async () => {
    const run = await runCli(["old.ts", "server.ts", "--max-warnings", "0"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Too many warnings: 1, at most 0 allowed (--max-warnings).");
  });

  it("as many warnings as allowed exit 0", async () => {
    const run = await runCli(["old.ts", "server.ts", "--max-warnings=1"], { cwd: dir });
    expect(run.code).toBe(0);
  });
});

describe("usage", () => {
  it("--help prints the usage and exits 0", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: eslint-plugin-secure-mcp \[options\] \[paths\.\.\.\]/);
    for (const option of ["--config", "--format", "--output-file", "--max-warnings", "--no-progress"]) {
      expect(run.stdout).toContain(option);
    }
  });

  it("--version prints the plugin's and ESLint's versions", async () => {
    const run = await runCli(["-v"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^eslint-plugin-secure-mcp ${pkg.version.replaceAll(".", "\\.")} \\(ESLint \\d+\\.\\d+\\.\\d+\\)\\n$`));
  });

  it("is the package's bin", () => {
    expect(pkg.bin).toEqual({ "eslint-plugin-secure-mcp": "./dist/cli.js" });
    expect(readFileSync(join(ROOT, "dist", "cli.js"), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it.each([
    [["--fromat", "json"], "Unknown option --fromat. Did you mean --format? Run eslint-plugin-secure-mcp --help to see the options."],
    [["--frobnicate"], "Unknown option --frobnicate. Run eslint-plugin-secure-mcp --help to see the options."],
    [["-x"], "Unknown option -x. Run eslint-plugin-secure-mcp --help to see the options."],
    [["--format", "html"], '--format must be one of stylish, json, sarif, not "html".'],
    [["--config", "eslint.config.js"], '--config must be one of recommended, strict, all, not "eslint.config.js".'],
    [["--max-warnings", "-1"], "--max-warnings needs a value; to give one that starts with a dash, write --max-warnings=<value>."],
    [["--max-warnings=-1"], '--max-warnings must be a whole number of 0 or more, not "-1".'],
    [["--max-warnings", "lots"], '--max-warnings must be a whole number of 0 or more, not "lots".'],
    [["--format"], "--format needs a value."],
    [["--help=yes"], "--help takes no value."],
    [["no/such/dir"], "No such file or folder: no/such/dir (looked for "],
  ])("%j exits 2 with a clear message", async (args, message) => {
    const run = await runCli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`eslint-plugin-secure-mcp: ${message}`);
  });
});

/** `script` (util-linux) runs a command in a pseudo-terminal, as a person's terminal would. */
const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(hasScript)("in a terminal", () => {
  const dir = project({ "a.ts": SAFE_SERVER_TS, "b.ts": SAFE_SERVER_TS, "c.ts": BAD_SERVER_TS });
  /** What the terminal shows (stdout and stderr together) while the scanner runs in it; it exits 1 on findings. */
  const inTerminal = (args: string): string => {
    try {
      return execFileSync("script", ["-qfec", `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${args}`, "/dev/null"], {
        cwd: dir,
        env: { ...process.env, CI: "", SECURE_MCP_PROGRESS_DELAY_MS: "0" },
        encoding: "utf8",
      });
    } catch (error) {
      return String((error as { stdout?: string }).stdout);
    }
  };

  it("shows a progress line on stderr while scanning, then clears it", () => {
    const output = inTerminal("-f json -o out.json");
    expect(output).toMatch(/\r\x1b\[KScanning: 1 file, \ds {2}[abc]\.ts/);
    expect(output).toMatch(/\r\x1b\[Ksecure-mcp\/recommended: 3 files scanned/);
  });

  it("shows none with --no-progress", () => {
    const output = inTerminal("-f json -o out.json --no-progress");
    expect(output).not.toContain("Scanning:");
    expect(output).toContain("secure-mcp/recommended: 3 files scanned");
  });
});
