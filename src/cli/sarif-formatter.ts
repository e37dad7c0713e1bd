/**
 * The SARIF writer as an ESLint formatter, for projects that run ESLint with their own config (this plugin and
 * others) and upload to GitHub code scanning:
 *
 *   npx eslint . --format ./node_modules/eslint-plugin-secure-mcp/dist/sarif-formatter.js --output-file eslint.sarif
 *
 * The tool is ESLint; the rules are those that reported, with their docs; this plugin's rules are tagged "security".
 */
import { ESLint } from "eslint";
import { toSarif } from "./sarif.js";

export default function sarifFormatter(results: ESLint.LintResult[], data: ESLint.LintResultData): string {
  const levels = new Map<string, "error" | "warning">();
  for (const result of results) {
    for (const message of [...result.messages, ...(result.suppressedMessages ?? [])]) {
      if (!message.ruleId) continue;
      if (message.severity === 2 || !levels.has(message.ruleId)) levels.set(message.ruleId, message.severity === 2 ? "error" : "warning");
    }
  }
  const rules = Object.fromEntries(
    Object.entries(data.rulesMeta).map(([id, meta]) => [id, { meta, level: levels.get(id) ?? ("error" as const) }]),
  );
  const log = toSarif(results, {
    toolName: "ESLint",
    toolVersion: ESLint.version,
    informationUri: "https://eslint.org",
    rules,
    sourceRoot: data.cwd,
  });
  return `${JSON.stringify(log, null, 2)}\n`;
}
