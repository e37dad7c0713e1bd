import type { ESLint, Linter } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import type { PluginDocs } from "../util/create-rule.js";

export const JS_TS_FILES = ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"];

export type ConfigLevel = "recommended" | "strict" | "all";
type RuleMap = Record<string, { meta?: { docs?: Partial<PluginDocs> } }>;

/** Rules enabled by a config, computed from rule meta so that no config is hand-listed. */
export function rulesFor(rules: RuleMap, level: ConfigLevel, namespace: string): Linter.RulesRecord {
  const entries = Object.entries(rules).filter(([, rule]) => {
    const tier = rule.meta?.docs?.recommended;
    if (level === "all") return true;
    if (level === "strict") return tier === "recommended" || tier === "strict";
    return tier === "recommended";
  });
  return Object.fromEntries(entries.map(([name]) => [`${namespace}/${name}`, "error" as const]));
}

/**
 * One flat-config object, so that `export default [secureMcp.configs.recommended]` works as written: the rules for
 * JavaScript and TypeScript files, parsed by the TypeScript parser (which reads both, and needs no type information).
 * A later config of the user's that sets its own parser wins, as flat config merges in order.
 */
export function buildConfig(plugin: ESLint.Plugin, rules: RuleMap, level: ConfigLevel, namespace: string): Linter.Config {
  return {
    name: `${namespace}/${level}`,
    files: JS_TS_FILES,
    plugins: { [namespace]: plugin },
    languageOptions: { parser: tsParser as Linter.Parser },
    rules: rulesFor(rules, level, namespace),
  };
}
