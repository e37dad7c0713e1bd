// ESLint config for the plugin's own code (not a config for users of the plugin: see README.md).
// Flat config, ESLint 9 and 10. No type information, so that `npm run lint` stays fast.
import eslintPlugin from "eslint-plugin-eslint-plugin";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(
    [
      "dist/",
      "node_modules/",
      "coverage/",
      "tmp/",
      // Deliberately insecure inputs for the tests and the demo (`npm run demo` lints examples/ with the plugin).
      "tests/fixtures/**",
      "tests/package/fixtures/**",
      "examples/**",
    ],
    "secure-mcp-dev/ignores",
  ),
  {
    name: "secure-mcp-dev/typescript-eslint",
    files: ["**/*.{js,mjs,cjs,ts,mts,cts}"],
    extends: [tseslint.configs.recommended],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // `interface ValidSpec extends CaseSpec {}` names a role; it is not an accidental empty type.
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
    },
  },
  {
    name: "secure-mcp-dev/rules",
    files: ["src/rules/**/*.ts"],
    ignores: ["src/rules/index.ts"],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      "eslint-plugin/require-meta-docs-description": ["error", { pattern: "^(Enforce|Require|Disallow) .+[^. ]$" }],
      "eslint-plugin/require-meta-schema": "error",
      "eslint-plugin/require-meta-schema-description": "error",
      "eslint-plugin/require-meta-type": "error",
      "eslint-plugin/require-meta-has-suggestions": "error",
      "eslint-plugin/require-meta-fixable": ["error", { catchNoFixerButFixableProperty: true }],
      "eslint-plugin/require-meta-default-options": "error",
      // `createRule` (ESLintUtils.RuleCreator) builds `meta.docs.url` from the rule name, so the URL is never
      // written in the rule file; tests/registry.test.ts checks every rule's URL against docs/rules/<name>.md.
      "eslint-plugin/require-meta-docs-url": "off",
    },
  },
  {
    name: "secure-mcp-dev/rule-tests",
    files: ["tests/rules/**/*.ts"],
    extends: [eslintPlugin.configs["tests-recommended"]],
  },
);
