/** The closing summary: files scanned, problems by rule and severity, and what the exit code will say. */
import type { ESLint } from "eslint";

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  suppressed: number;
  /** Problems by rule id (`(parse error)` and `(no rule)` for messages without one), most errors first. */
  byRule: { rule: string; errors: number; warnings: number }[];
}

export function summarize(results: ESLint.LintResult[]): Summary {
  const byRule = new Map<string, { rule: string; errors: number; warnings: number }>();
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    suppressed += result.suppressedMessages?.length ?? 0;
    for (const message of result.messages) {
      const rule = message.ruleId ?? (message.fatal ? "(parse error)" : "(no rule)");
      const row = byRule.get(rule) ?? { rule, errors: 0, warnings: 0 };
      if (message.severity === 2) row.errors++;
      else row.warnings++;
      byRule.set(rule, row);
    }
  }
  return {
    files: results.length,
    errors,
    warnings,
    suppressed,
    byRule: [...byRule.values()].sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.rule.localeCompare(b.rule)),
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function formatSummary(summary: Summary, config: string, maxWarnings?: number): string {
  const problems = summary.errors + summary.warnings;
  const lines = [
    `secure-mcp/${config}: ${plural(summary.files, "file")} scanned, ` +
      (problems === 0
        ? "no problems."
        : `${plural(problems, "problem")} (${plural(summary.errors, "error")}, ${plural(summary.warnings, "warning")}).`),
  ];
  if (summary.byRule.length > 0) {
    const width = Math.max(...summary.byRule.map((row) => row.rule.length), "rule".length);
    lines.push("", `  ${"rule".padEnd(width)}  errors  warnings`);
    for (const row of summary.byRule) {
      lines.push(`  ${row.rule.padEnd(width)}  ${String(row.errors).padStart(6)}  ${String(row.warnings).padStart(8)}`);
    }
  }
  if (summary.suppressed > 0) {
    lines.push("", `${plural(summary.suppressed, "problem")} silenced by eslint-disable comments (listed in the json and sarif reports).`);
  }
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) {
    lines.push("", `Too many warnings: ${summary.warnings}, at most ${maxWarnings} allowed (--max-warnings).`);
  }
  return `${lines.join("\n")}\n`;
}

/** 0 when clean, 1 on errors or more warnings than allowed (as ESLint's own CLI). */
export function exitCode(summary: Summary, maxWarnings?: number): 0 | 1 {
  return summary.errors > 0 || (maxWarnings !== undefined && summary.warnings > maxWarnings) ? 1 : 0;
}
