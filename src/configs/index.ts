import type { TSESLint } from "@typescript-eslint/utils";
import * as tsParser from "@typescript-eslint/parser";
import type { PluginDocs } from "../util/create-rule.js";

export const JS_TS_FILES = ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"];
export const TS_FILES = ["**/*.{ts,mts,cts,tsx}"];

type RuleMap = Record<string, { meta?: { docs?: Partial<PluginDocs> } }>;
type Severity = "error" | "warn";

/** Rules enabled by a config, computed from rule meta so that no config is hand-listed. */
export function rulesFor(rules: RuleMap, level: "recommended" | "strict" | "all", namespace: string): Record<string, Severity> {
  const entries = Object.entries(rules).filter(([, rule]) => {
    const tier = rule.meta?.docs?.recommended;
    if (level === "all") return true;
    if (level === "strict") return tier === "recommended" || tier === "strict";
    return tier === "recommended";
  });
  return Object.fromEntries(entries.map(([name]) => [`${namespace}/${name}`, "error" as const]));
}

/**
 * One flat config: the TypeScript parser for TypeScript files (no type information needed), then the rules for
 * JavaScript and TypeScript files. An array, so it composes both inside `defineConfig({ extends })` and spread.
 */
export function buildConfig(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: RuleMap,
  level: "recommended" | "strict" | "all",
  namespace: string,
): TSESLint.FlatConfig.ConfigArray {
  return [
    {
      name: `${namespace}/${level}/typescript-parser`,
      files: TS_FILES,
      languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser, sourceType: "module" },
    },
    {
      name: `${namespace}/${level}`,
      files: JS_TS_FILES,
      plugins: { [namespace]: plugin },
      rules: rulesFor(rules, level, namespace),
    },
  ];
}
