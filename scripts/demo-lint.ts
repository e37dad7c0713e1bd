/**
 * What `npm run demo` lints, and how: examples/ with this plugin's `recommended` config, the way a user's
 * `eslint.config.js` would (`export default [...secureMcp.configs.recommended]`). tests/cli/demo.test.ts checks that the
 * scanner (`eslint-plugin-secure-mcp examples`) finds the same.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import plugin from "../src/index.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const EXAMPLES = "examples/";

export function demoESLint(): ESLint {
  return new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    // A config is one flat-config object or an array of them; both spread the same way.
    overrideConfig: [plugin.configs.recommended as Linter.Config | Linter.Config[]].flat(),
  });
}

export async function lintExamples(eslint = demoESLint()): Promise<ESLint.LintResult[]> {
  return eslint.lintFiles([EXAMPLES]);
}
