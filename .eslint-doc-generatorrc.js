// Configuration of eslint-doc-generator (`npm run docs` writes, `npm run docs:check` checks).
// It reads the built plugin (`dist/`, through package.json `exports`), so run `npm run build` first.

/** @type {import("eslint-doc-generator").GenerateOptions} */
const config = {
  // `all` enables every rule by definition; a column for it would say nothing.
  ignoreConfig: ["all"],
  configEmoji: [
    ["recommended", "✅"],
    ["strict", "🔒"],
  ],
  ruleDocTitleFormat: "desc-parens-name",
  ruleDocNotices: ["deprecated", "configs", "fixableAndHasSuggestions", "requiresTypeChecking", "options"],
  ruleListColumns: ["name", "description", "configsError", "fixable", "hasSuggestions", "requiresTypeChecking", "deprecated"],
  // Every rule doc has these sections (tests/docs.test.ts also runs the examples).
  ruleDocSectionInclude: ["Why it matters for an MCP server", "Examples", "❌ Incorrect", "✅ Correct", "Options", "When not to use it"],
  // The generator's own options check wants an "Options" section only for rules that have options; ours always
  // have one (saying "This rule has no options." when so), which the section list above requires.
  ruleDocSectionOptions: false,
  urlConfigs: "https://github.com/secure-mcp/eslint-plugin-secure-mcp#configs",
};

export default config;
