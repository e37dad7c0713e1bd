import type { ESLint, Linter } from "eslint";
import { buildConfig, type ConfigLevel } from "./configs/index.js";
import { NAMESPACE, PLUGIN_NAME, PLUGIN_VERSION } from "./meta.js";
import { rules } from "./rules/index.js";

/**
 * The plugin as ESLint sees it, with its configs typed for `defineConfig` in `eslint.config.ts`. Each config is an
 * array (a block for JavaScript and TypeScript, one for package.json): spread it, or name it in `extends`.
 */
export interface SecureMcpPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  configs: Record<ConfigLevel, Linter.Config[]>;
  rules: NonNullable<ESLint.Plugin["rules"]>;
}

const plugin: SecureMcpPlugin = {
  meta: { name: PLUGIN_NAME, version: PLUGIN_VERSION, namespace: NAMESPACE },
  // typescript-eslint's rule type and ESLint's differ only in their TypeScript declarations.
  rules: rules as unknown as SecureMcpPlugin["rules"],
  configs: {} as SecureMcpPlugin["configs"],
};

for (const level of ["recommended", "strict", "all"] as const) {
  plugin.configs[level] = buildConfig(plugin, rules, level, NAMESPACE);
}

// A default export only, so that the CommonJS build gives `require("eslint-plugin-secure-mcp")` the plugin itself.
export default plugin;
