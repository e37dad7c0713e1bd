import { ESLintUtils } from "@typescript-eslint/utils";

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

export const createRule = ESLintUtils.RuleCreator<PluginDocs>(ruleDocsUrl);
