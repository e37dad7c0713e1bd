/**
 * `eslint-plugin-secure-mcp examples` (no ESLint set-up, the built package) finds what `npm run demo` finds (the
 * plugin's `recommended` config in an ESLint config, the source), and prints it the same way.
 */
import { describe, expect, it } from "vitest";
import { demoESLint, lintExamples } from "../../scripts/demo-lint.js";
import { findings, parseJson, ROOT, runCli } from "./helpers.js";

/** The finding lines of a stylish report (`  52:40  error  message  rule`). */
function stylishFindings(text: string): string[] {
  return text.split("\n").filter((line) => /^ +\d+:\d+ +(error|warning) /.test(line));
}

describe("the scanner on examples/", async () => {
  const demo = await lintExamples();
  const [json, stylish] = await Promise.all([runCli(["examples", "--format", "json"]), runCli(["examples"])]);

  it("finds something (the examples are insecure on purpose)", () => {
    expect(demo.reduce((sum, result) => sum + result.errorCount, 0)).toBeGreaterThan(0);
  });

  it("reports the same findings as the demo", () => {
    expect(json.code).toBe(1);
    expect(findings(parseJson(json), ROOT)).toEqual(findings(demo, ROOT));
  });

  it("prints the same finding lines as the demo", async () => {
    const demoText = await (await demoESLint().loadFormatter("stylish")).format(demo);
    expect(stylishFindings(stylish.stdout)).toEqual(stylishFindings(demoText));
    expect(stylishFindings(stylish.stdout)).toHaveLength(demo.reduce((sum, result) => sum + result.messages.length, 0));
  });
});
