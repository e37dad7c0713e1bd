import * as tsParser from "@typescript-eslint/parser";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { Linter } from "eslint";
import type { SourceCode } from "../../src/analysis/scope.js";

/**
 * Run `inspect` on a parsed file with ESLint's real scope analysis (the TypeScript parser for `.ts`, espree for `.js`),
 * from inside a throwaway rule, and return what it collected.
 */
export function analyse<T>(code: string, inspect: (sourceCode: SourceCode, program: TSESTree.Program) => T, filename = "file.ts"): T {
  let result: T | undefined;
  const rule = {
    meta: { type: "problem", schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        "Program:exit"(program: TSESTree.Program) {
          result = inspect(context.sourceCode, program);
        },
      };
    },
  };
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.ts", "**/*.js", "**/*.cjs"],
        plugins: { test: { rules: { inspect: rule as never } } },
        languageOptions: filename.endsWith(".ts") ? { parser: tsParser as Linter.Parser } : { sourceType: filename.endsWith(".cjs") ? "commonjs" : "module" },
        rules: { "test/inspect": "error" },
      },
    ],
    filename,
  );
  const fatal = messages.find((message) => message.fatal || message.ruleId === null || message.ruleId === "test/inspect");
  if (fatal) throw new Error(fatal.message);
  return result as T;
}
