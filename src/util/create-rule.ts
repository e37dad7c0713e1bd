import { ESLintUtils, type TSESLint } from "@typescript-eslint/utils";
import type { RuleWithMetaAndName } from "@typescript-eslint/utils/eslint-utils";

/** The extra `docs` fields every rule of this plugin declares. */
export interface PluginDocs {
  description: string;
  /** The config that enables the rule beside `all`: high-precision rules are `recommended`, noisier ones `strict`. */
  recommended?: "recommended" | "strict";
  requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL = "https://github.com/secure-mcp/eslint-plugin-secure-mcp";

export function ruleDocsUrl(name: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;
}

const withDocsUrl = ESLintUtils.RuleCreator<PluginDocs>(ruleDocsUrl);

/**
 * `ESLintUtils.RuleCreator`, whose `create` clones the default options with `structuredClone` for every rule and every
 * file: a tenth of this plugin's time on a real project. Here a rule run without options gets its defaults as they
 * are (no rule changes its options), and configured options are merged with them once per distinct value.
 */
export const createRule = (<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, PluginDocs>>,
) => {
  const created = withDocsUrl(rule);
  const defaults = deepFreeze((rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options);
  // By value: ESLint hands each file a new array (with `meta.defaultOptions` already merged in).
  const merged = new Map<string, Options>();
  const optionsFor = (options: readonly unknown[]): Options => {
    // No options, or `meta.defaultOptions` itself (what ESLint hands a rule configured without options).
    if (options.length === 0 || options === defaults) return defaults;
    const key = JSON.stringify(options);
    let result = merged.get(key);
    if (!result) {
      result = deepFreeze(ESLintUtils.applyDefault(defaults, options as Options) as Options);
      if (merged.size > 100) merged.clear();
      merged.set(key, result);
    }
    return result;
  };
  return { ...created, create: (context: Readonly<TSESLint.RuleContext<MessageIds, Options>>) => rule.create(context, optionsFor(context.options)) };
}) as typeof withDocsUrl;

/** Shared by every file, so made immutable. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
