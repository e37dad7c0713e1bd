import type { TSESLint } from "@typescript-eslint/utils";
import { buildConfig } from "./configs/index.js";
import { rules } from "./rules/index.js";
import { PLUGIN_NAME, PLUGIN_VERSION, NAMESPACE } from "./meta.js";

type Configs = Record<"recommended" | "strict" | "all", TSESLint.FlatConfig.ConfigArray>;

const plugin = {
  meta: { name: PLUGIN_NAME, version: PLUGIN_VERSION, namespace: NAMESPACE },
  rules,
  configs: {} as Configs,
};

plugin.configs.recommended = buildConfig(plugin as TSESLint.FlatConfig.Plugin, rules, "recommended", NAMESPACE);
plugin.configs.strict = buildConfig(plugin as TSESLint.FlatConfig.Plugin, rules, "strict", NAMESPACE);
plugin.configs.all = buildConfig(plugin as TSESLint.FlatConfig.Plugin, rules, "all", NAMESPACE);

// A default export only, so that the CommonJS build gives `require("eslint-plugin-secure-mcp")` the plugin itself.
export default plugin;
