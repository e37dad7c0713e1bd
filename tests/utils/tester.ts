/**
 * Shared RuleTester setup for the rule tests.
 *
 * One case object describes code and its expected reports; `ts()`, `js()`, `cjs()` and `both()` turn it into
 * concrete RuleTester cases for a parser and a file name:
 *
 * - `ts`:  `@typescript-eslint/parser` (the tester's default parser), `file.ts`.
 * - `js`:  espree (ESLint's default parser), ecmaVersion "latest", sourceType "module", `file.js`.
 * - `cjs`: espree, sourceType "commonjs", `file.cjs`.
 *
 * Expected errors name the reported node by its source text (`at`), and the tester turns that into exact
 * `line`/`column`/`endLine`/`endColumn`, so every invalid case asserts the full location of every report.
 * `data` is checked too: the RuleTester rebuilds the message from `messageId` + `data` and compares it with the
 * reported message, so every placeholder must match.
 *
 * `runRuleTests()` adds an empty-file valid case in each language to every rule.
 */
import { RuleTester, type InvalidTestCase, type ValidTestCase } from "@typescript-eslint/rule-tester";
import type { TSESLint } from "@typescript-eslint/utils";
import * as espree from "espree";

export const ruleTester = new RuleTester();

export type Lang = "ts" | "js" | "cjs";

export interface ExpectedError<MessageIds extends string = string> {
  messageId: MessageIds;
  /**
   * The exact source text of the reported node. It must occur once in the code (or see `nth`); to point into a
   * larger unique context, mark the reported part with `«…»`: `"exec(«cmd»)"`.
   */
  at: string;
  /** Which occurrence of `at` (0-based) is meant when it occurs more than once. Without it, `at` must be unique. */
  nth?: number;
  /** Message data; every placeholder of the message. */
  data: Record<string, string>;
  /** The suggestions the report offers (required by the tester when a rule offers any): id and fixed code. */
  suggestions?: { messageId: MessageIds; data?: Record<string, string>; output: string }[];
}

export interface CaseSpec {
  /** A short description; the language tag is appended. */
  name: string;
  code: string;
  only?: boolean;
}

export interface ValidSpec extends CaseSpec {}

export interface InvalidSpec<MessageIds extends string = string> extends CaseSpec {
  errors: ExpectedError<MessageIds>[];
}

/** A case bound to one language. */
export interface LangCase<Spec extends CaseSpec> {
  lang: Lang;
  spec: Spec;
}

type AnySpec = ValidSpec | InvalidSpec<string>;

const FILENAMES: Record<Lang, string> = { ts: "file.ts", js: "file.js", cjs: "file.cjs" };

/** TypeScript: `@typescript-eslint/parser`, `file.ts`. */
export function ts<Spec extends AnySpec>(spec: Spec): LangCase<Spec>[] {
  return [{ lang: "ts", spec }];
}

/** ES module JavaScript: espree, `file.js`. */
export function js<Spec extends AnySpec>(spec: Spec): LangCase<Spec>[] {
  return [{ lang: "js", spec }];
}

/** CommonJS JavaScript: espree with sourceType "commonjs", `file.cjs`. */
export function cjs<Spec extends AnySpec>(spec: Spec): LangCase<Spec>[] {
  return [{ lang: "cjs", spec }];
}

/** Code that is valid TypeScript and valid ES-module JavaScript: run as `file.ts` and `file.js`. */
export function both<Spec extends AnySpec>(spec: Spec): LangCase<Spec>[] {
  return [...ts(spec), ...js(spec)];
}

/** CommonJS code that is also valid TypeScript: run as `file.ts` and `file.cjs`. */
export function bothCjs<Spec extends AnySpec>(spec: Spec): LangCase<Spec>[] {
  return [...ts(spec), ...cjs(spec)];
}

/** 1-based line and 0-based column of an offset, as ESLint reports them (column converted to 1-based later). */
function position(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Where `text` (its `nth` occurrence, or its only occurrence) sits in `code`, in RuleTester terms.
 * `text` may mark the reported part inside a larger, unique context with `«` and `»`:
 * `"exec(«cmd»)"` is the `cmd` inside `exec(cmd)`.
 */
export function locationOf(
  code: string,
  text: string,
  nth?: number,
): { line: number; column: number; endLine: number; endColumn: number } {
  const open = text.indexOf("«");
  const close = text.indexOf("»");
  if ((open === -1) !== (close === -1) || close < open) throw new Error(`locationOf: unbalanced markers in ${JSON.stringify(text)}`);
  const context = open === -1 ? text : text.slice(0, open) + text.slice(open + 1, close) + text.slice(close + 1);
  const startInContext = open === -1 ? 0 : open;
  const length = open === -1 ? text.length : close - open - 1;
  if (length === 0) throw new Error("locationOf: empty `at` text");
  const offsets: number[] = [];
  for (let index = code.indexOf(context); index !== -1; index = code.indexOf(context, index + 1)) offsets.push(index);
  if (offsets.length === 0) throw new Error(`locationOf: ${JSON.stringify(context)} does not occur in the code`);
  if (nth === undefined && offsets.length > 1) {
    throw new Error(`locationOf: ${JSON.stringify(context)} occurs ${offsets.length} times; set \`nth\` or widen the context`);
  }
  const found = offsets[nth ?? 0];
  if (found === undefined) throw new Error(`locationOf: ${JSON.stringify(context)} has no occurrence #${nth}`);
  const start = found + startInContext;
  const from = position(code, start);
  const to = position(code, start + length);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

function languageOptions(lang: Lang): ValidTestCase<[]>["languageOptions"] {
  switch (lang) {
    case "ts":
      // The tester's default parser is @typescript-eslint/parser; setting it again is an error in this tester.
      return undefined;
    case "js":
      return {
        parser: espree,
        parserOptions: { ecmaVersion: "latest", sourceType: "module" },
        // `sourceType` is a flat-config language option the tester's types do not list; it is passed through.
        ...({ ecmaVersion: "latest", sourceType: "module" } as object),
      };
    case "cjs":
      return {
        parser: espree,
        parserOptions: { ecmaVersion: "latest", sourceType: "commonjs" },
        ...({ ecmaVersion: "latest", sourceType: "commonjs" } as object),
      };
  }
}

function toValid(entry: LangCase<ValidSpec>): ValidTestCase<[]> {
  const { spec, lang } = entry;
  return {
    name: `${spec.name} [${lang}]`,
    code: spec.code,
    filename: FILENAMES[lang],
    languageOptions: languageOptions(lang),
    ...(spec.only ? { only: true } : {}),
  };
}

function toInvalid<MessageIds extends string>(entry: LangCase<InvalidSpec<MessageIds>>): InvalidTestCase<MessageIds, []> {
  const { spec, lang } = entry;
  if (spec.errors.length === 0) throw new Error(`invalid case ${JSON.stringify(spec.name)} has no errors`);
  return {
    name: `${spec.name} [${lang}]`,
    code: spec.code,
    filename: FILENAMES[lang],
    languageOptions: languageOptions(lang),
    ...(spec.only ? { only: true } : {}),
    errors: spec.errors.map((error) => ({
      messageId: error.messageId,
      data: error.data,
      ...locationOf(spec.code, error.at, error.nth),
      ...(error.suggestions ? { suggestions: error.suggestions } : {}),
    })),
  };
}

/** The valid cases every rule gets: an empty file in each language. */
export const EMPTY_FILE_CASES: LangCase<ValidSpec>[] = [
  ...ts({ name: "empty file", code: "" }),
  ...js({ name: "empty file", code: "" }),
  ...cjs({ name: "empty file", code: "" }),
];

/** Run a rule's cases (each already bound to its languages by `ts`/`js`/`cjs`/`both`) under vitest. */
export function runRuleTests<MessageIds extends string>(
  ruleName: string,
  rule: TSESLint.RuleModule<MessageIds, []>,
  cases: {
    valid: LangCase<ValidSpec>[][] | LangCase<ValidSpec>[];
    invalid: LangCase<InvalidSpec<MessageIds>>[][] | LangCase<InvalidSpec<MessageIds>>[];
  },
): void {
  const valid = [...EMPTY_FILE_CASES, ...(cases.valid.flat() as LangCase<ValidSpec>[])];
  const invalid = cases.invalid.flat() as LangCase<InvalidSpec<MessageIds>>[];
  assertUniqueNames([...valid, ...invalid]);
  // `@typescript-eslint/rule-tester` may bundle its own copy of `@typescript-eslint/utils`, whose RuleModule type is
  // nominally different from the one the rules are built with; the runtime shape is the same.
  type TesterRule = Parameters<typeof ruleTester.run<MessageIds, []>>[1];
  ruleTester.run(ruleName, rule as unknown as TesterRule, {
    valid: valid.map(toValid),
    invalid: invalid.map(toInvalid),
  });
}

function assertUniqueNames(entries: LangCase<CaseSpec>[]): void {
  const seen = new Set<string>();
  for (const { spec, lang } of entries) {
    const key = `${spec.name} [${lang}]`;
    if (seen.has(key)) throw new Error(`duplicate test case name: ${key}`);
    seen.add(key);
  }
}
