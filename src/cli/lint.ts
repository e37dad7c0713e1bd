/**
 * Runs ESLint's Node API with the plugin's own config and nothing of the target's: `overrideConfigFile: true` so no
 * eslint.config.* is looked up, node_modules/ and dist/ skipped, .gitignore honoured.
 */
import type { ESLint, Linter, Rule } from "eslint";
import type { ConfigLevel } from "../configs/index.js";
import type { SecureMcpPlugin } from "../index.js";
import { gitignorePatterns, SKIPPED_FOLDERS } from "./gitignore.js";
import { loadESLint, loadPlugin } from "./load.js";
import type { Progress } from "./progress.js";
import type { Targets } from "./targets.js";

export interface LintOutcome {
  eslint: ESLint;
  plugin: SecureMcpPlugin;
  /** The folder ESLint ran from. */
  root: string;
  results: ESLint.LintResult[];
  /** The rules the config turns on, by id, with their metadata and level. */
  rules: Record<string, { meta?: Rule.RuleMetaData; level?: "error" | "warning" }>;
}

/**
 * The plugin's config for a level as a list of flat-config objects: a config is one object or (in later versions of
 * the plugin) an array of them.
 */
export function pluginConfigs(plugin: SecureMcpPlugin, level: ConfigLevel): Linter.Config[] {
  return [plugin.configs[level] as Linter.Config | Linter.Config[]].flat();
}

export function scannerConfig(plugin: SecureMcpPlugin, level: ConfigLevel, root: string, progress?: Progress): Linter.Config[] {
  const gitignored = gitignorePatterns(root);
  return [
    { name: "secure-mcp-cli/skipped-folders", ignores: SKIPPED_FOLDERS.map((folder) => `**/${folder}/`) },
    ...(gitignored.length > 0 ? [{ name: "secure-mcp-cli/gitignore", ignores: gitignored }] : []),
    // Code written for other ESLint set-ups names rules this run does not have: its disable comments are not news.
    { name: "secure-mcp-cli/linter-options", linterOptions: { reportUnusedDisableDirectives: "off" } },
    ...pluginConfigs(plugin, level),
    ...(progress ? [progress.config()] : []),
  ];
}

export async function lint(level: ConfigLevel, targets: Targets, progress?: Progress): Promise<LintOutcome> {
  const [ESLint, plugin] = await Promise.all([loadESLint(), loadPlugin()]);
  const eslint = new ESLint({
    cwd: targets.root,
    overrideConfigFile: true,
    overrideConfig: scannerConfig(plugin, level, targets.root, progress),
    errorOnUnmatchedPattern: false,
  });
  let results: ESLint.LintResult[];
  try {
    results = await eslint.lintFiles(targets.patterns);
  } finally {
    progress?.done();
  }
  const rules = configuredRules(plugin, level);
  return { eslint, plugin, root: targets.root, results: results.map((result) => withoutUnknownRules(result, rules)), rules };
}

const UNKNOWN_RULE = /^Definition for rule '[^']+' was not found\.$/;

/**
 * Code written for another ESLint set-up names rules of plugins this run does not load, in disable comments
 * (`// eslint-disable-next-line @typescript-eslint/no-explicit-any`) and inline configs; ESLint reports each as an
 * error. They say nothing about the code's security: drop them, and count again.
 */
export function withoutUnknownRules(result: ESLint.LintResult, rules: LintOutcome["rules"]): ESLint.LintResult {
  const messages = result.messages.filter(
    (message) => !(message.ruleId && !(message.ruleId in rules) && UNKNOWN_RULE.test(message.message)),
  );
  if (messages.length === result.messages.length) return result;
  const count = (severity: number, fixable = false) =>
    messages.filter((message) => message.severity === severity && (!fixable || message.fix !== undefined)).length;
  return {
    ...result,
    messages,
    errorCount: count(2),
    fatalErrorCount: messages.filter((message) => message.fatal).length,
    warningCount: count(1),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
  };
}

function configuredRules(plugin: SecureMcpPlugin, level: ConfigLevel): LintOutcome["rules"] {
  const configs = pluginConfigs(plugin, level);
  const rules: LintOutcome["rules"] = {};
  for (const config of configs) {
    for (const [id, entry] of Object.entries(config.rules ?? {})) {
      const severity = Array.isArray(entry) ? entry[0] : entry;
      if (severity === "off" || severity === 0 || severity === undefined) continue;
      rules[id] = { meta: ruleMeta(configs, id), level: severity === "warn" || severity === 1 ? "warning" : "error" };
    }
  }
  return rules;
}

function ruleMeta(configs: Linter.Config[], id: string): Rule.RuleMetaData | undefined {
  const slash = id.lastIndexOf("/");
  if (slash < 0) return undefined;
  for (const config of configs) {
    const rule = config.plugins?.[id.slice(0, slash)]?.rules?.[id.slice(slash + 1)];
    if (typeof rule === "object" && rule !== null) return (rule as Rule.RuleModule).meta;
  }
  return undefined;
}
