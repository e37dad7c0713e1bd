import type { JSONRuleDefinition } from "@eslint/json";
import { ruleDocsUrl, type PluginDocs } from "./create-rule.js";
import { isJsonSource } from "./languages.js";

/** The dialect a rule lints, in `meta.docs.dialects`: the configs put rules that name "JSON" in the package.json block. */
export const JSON_DIALECT = "JSON";

/** The `docs` every JSON rule declares beside ESLint's own (`description`, `dialects`): as for the other rules. */
type JsonRuleDocs = Pick<PluginDocs, "recommended">;

export type JsonRule<Options extends unknown[], MessageIds extends string> = JSONRuleDefinition<{
  RuleOptions: Options;
  MessageIds: MessageIds;
  ExtRuleDocs: JsonRuleDocs;
}>;

type JsonRuleMeta<Options extends unknown[], MessageIds extends string> = NonNullable<JsonRule<Options, MessageIds>["meta"]>;

/**
 * The factory of rules that lint package.json with `@eslint/json`, the JSON counterpart of `createRule`: the docs URL
 * from the rule name, `dialects: ["JSON"]`, and no work at all when the file is not JSON (a config without `files`
 * can hand the rule a JavaScript file). Default options go in `meta.defaultOptions`, which ESLint merges into
 * `context.options`.
 */
export function createJsonRule<Options extends unknown[], MessageIds extends string>(rule: {
  name: string;
  meta: Omit<JsonRuleMeta<Options, MessageIds>, "docs"> & { docs: { description: string } & JsonRuleDocs };
  create: JsonRule<Options, MessageIds>["create"];
}): JsonRule<Options, MessageIds> & { name: string } {
  const { name, meta, create } = rule;
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, dialects: [JSON_DIALECT], url: ruleDocsUrl(name) } },
    create(context) {
      if (!isJsonSource(context.sourceCode)) return {};
      return create(context);
    },
  };
}
