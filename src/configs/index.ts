import type { ESLint, Linter } from "eslint";
import json from "@eslint/json";
import * as tsParser from "@typescript-eslint/parser";
import type { PluginDocs } from "../util/create-rule.js";
import { JSON_DIALECT } from "../util/create-json-rule.js";

export const JS_TS_FILES = ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"];
export const PACKAGE_JSON_FILES = ["**/package.json"];

/**
 * The name under which the package.json block registers `@eslint/json`. Not `json`: a user who registers their own
 * `json` plugin (any version of `@eslint/json`, or another plugin under that name) must not get "Cannot redefine
 * plugin". `@eslint/json`'s `meta.namespace` is `json`, so its rules (`json/no-duplicate-keys`, which declare
 * `meta.languages: ["json/json", ...]`) still accept this language when both blocks match a package.json.
 */
export const JSON_PLUGIN_KEY = "secure-mcp-json";

export type ConfigLevel = "recommended" | "strict" | "all";
type RuleMap = Record<string, { meta?: { docs?: Partial<PluginDocs> & { dialects?: readonly string[] } } }>;

/** Whether a rule lints package.json (its `meta.docs.dialects` names JSON) rather than JavaScript and TypeScript. */
export function isJsonRule(rule: RuleMap[string]): boolean {
  return rule.meta?.docs?.dialects?.includes(JSON_DIALECT) ?? false;
}

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
 * A config is two named flat-config objects, as typescript-eslint's are, to spread into a config array
 * (`...secureMcp.configs.recommended`) or to name in `extends`:
 *
 * - `secure-mcp/<level>`: the rules for JavaScript and TypeScript files, parsed by the TypeScript parser (which reads
 *   both, and needs no type information). A later config of the user's that sets its own parser wins.
 * - `secure-mcp/<level>/package-json`: the dependency rules for `package.json`, parsed by `@eslint/json`. It sets
 *   nothing else, so a user's own JSON config (its rules, `json/jsonc` for other files) is left alone; where both
 *   match a package.json, the later `language` wins and the rules work with either.
 */
export function buildConfig(plugin: ESLint.Plugin, rules: RuleMap, level: ConfigLevel, namespace: string): Linter.Config[] {
  const enabled = rulesFor(rules, level, namespace);
  const pick = (json: boolean) =>
    Object.fromEntries(Object.entries(enabled).filter(([id]) => isJsonRule(rules[id.slice(namespace.length + 1)]) === json));
  return [
    {
      name: `${namespace}/${level}`,
      files: JS_TS_FILES,
      plugins: { [namespace]: plugin },
      languageOptions: { parser: tsParser as Linter.Parser },
      rules: pick(false),
    },
    {
      name: `${namespace}/${level}/package-json`,
      files: PACKAGE_JSON_FILES,
      plugins: { [namespace]: plugin, [JSON_PLUGIN_KEY]: json as unknown as ESLint.Plugin },
      language: `${JSON_PLUGIN_KEY}/json`,
      rules: pick(true),
    },
  ];
}
