/**
 * Which language a file was parsed with. A config object without `files` applies to every file that any other
 * config object matches, so a rule of this plugin can be handed a file of another language: a JavaScript rule a
 * package.json parsed by `@eslint/json`, a package.json rule a JavaScript file. Each rule then does nothing.
 *
 * (ESLint 10's `meta.languages` would turn that into a configuration error instead, for the whole run; the rules
 * do not declare it, so that a user's `{ rules: { "secure-mcp/...": "error" } }` without `files` keeps working.)
 */

/** The source code of a file parsed as JavaScript or TypeScript (an ESTree `Program`). */
export function isJavaScriptSource(sourceCode: { ast?: unknown }): boolean {
  return (sourceCode.ast as { type?: unknown } | undefined)?.type === "Program";
}

/** The source code of a file parsed by `@eslint/json` (JSON, JSONC or JSON5: a Momoa `Document`). */
export function isJsonSource(sourceCode: { ast?: unknown }): boolean {
  return (sourceCode.ast as { type?: unknown } | undefined)?.type === "Document";
}
