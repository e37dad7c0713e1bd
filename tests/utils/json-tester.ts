/**
 * RuleTester setup for the package.json rules: ESLint's own RuleTester (typescript-eslint's always parses as
 * TypeScript) with `@eslint/json`, `language: "json/json"`, and the file named `package.json`.
 *
 * As in `tester.ts`, an expected error names the reported node by its source text (`at`, with `«…»` to point into a
 * larger unique context), and becomes exact `line`/`column`/`endLine`/`endColumn`; `data` is checked through the
 * message. The tester requires message ids and locations (`assertionOptions`), and a `suggestions` list on every error
 * (`[]` when there is none), so no case can pass without saying what it expects.
 *
 * `runJsonRuleTests()` adds the manifests that are not objects (`{}`, `[]`, `null`, a string, a number) as valid
 * cases to every rule.
 */
import json from "@eslint/json";
import { RuleTester, type Rule } from "eslint";
import { locationOf } from "./tester.js";

export const jsonRuleTester = new RuleTester({ plugins: { json }, language: "json/json" });

export type JsonLanguage = "json/json" | "json/jsonc" | "json/json5";

export interface JsonCase {
  name: string;
  code: string;
  options?: unknown[];
  /** Defaults to `package.json`. */
  filename?: string;
  /** Defaults to `json/json`. */
  language?: JsonLanguage;
  settings?: Record<string, unknown>;
  only?: boolean;
}

export interface ExpectedSuggestion {
  messageId: string;
  data: Record<string, string>;
  output: string;
}

export interface ExpectedJsonError {
  messageId: string;
  /** The exact source text of the reported node (with its quotes for a string); `«…»` marks it in a larger context. */
  at: string;
  nth?: number;
  data: Record<string, string>;
  /** The suggestions the error offers, `[]` for none. */
  suggestions: ExpectedSuggestion[];
}

export interface JsonInvalidCase extends JsonCase {
  errors: ExpectedJsonError[];
}

/** A package.json from an object, indented as npm writes it. */
export function pkg(manifest: Record<string, unknown>): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The manifests that are not objects, and an empty one: valid for every rule, and must not crash it. */
export const NOT_A_MANIFEST: JsonCase[] = [
  { name: "empty object", code: "{}" },
  { name: "an array", code: "[]" },
  { name: "null", code: "null" },
  { name: "a string", code: '"dependencies"' },
  { name: "a number", code: "42" },
];

function baseCase(spec: JsonCase) {
  return {
    name: spec.name,
    code: spec.code,
    filename: spec.filename ?? "package.json",
    ...(spec.options ? { options: spec.options } : {}),
    ...(spec.language && spec.language !== "json/json" ? { language: spec.language } : {}),
    ...(spec.settings ? { settings: spec.settings } : {}),
    ...(spec.only ? { only: true } : {}),
  };
}

export function runJsonRuleTests(ruleName: string, rule: unknown, cases: { valid: JsonCase[]; invalid: JsonInvalidCase[] }): void {
  const all = [...NOT_A_MANIFEST, ...cases.valid, ...cases.invalid];
  const names = new Set<string>();
  for (const { name } of all) {
    if (names.has(name)) throw new Error(`duplicate test case name: ${name}`);
    names.add(name);
  }
  jsonRuleTester.run(ruleName, rule as Rule.RuleModule, {
    assertionOptions: { requireMessage: "messageId", requireLocation: true },
    valid: [...NOT_A_MANIFEST, ...cases.valid].map(baseCase),
    invalid: cases.invalid.map((spec) => {
      if (spec.errors.length === 0) throw new Error(`invalid case ${JSON.stringify(spec.name)} has no errors`);
      return {
        ...baseCase(spec),
        errors: spec.errors.map((error) => ({
          messageId: error.messageId,
          data: error.data,
          ...locationOf(spec.code, error.at, error.nth),
          suggestions: error.suggestions,
        })),
      };
    }),
  });
}
