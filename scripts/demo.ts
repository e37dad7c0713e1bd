/**
 * `npm run demo`: lint the example MCP server in examples/ (its code and its package.json) with this plugin's `recommended` config, the way a user's
 * `eslint.config.js` would, and print the findings. Exits 0 (the examples are insecure on purpose); exits 1 only if
 * the demo itself is broken (no file linted, a parse error). `npx eslint-plugin-secure-mcp examples` prints the same
 * findings with no ESLint set-up at all.
 */
import { demoESLint, lintExamples } from "./demo-lint.js";

const eslint = demoESLint();
const results = await lintExamples(eslint);
const formatter = await eslint.loadFormatter("stylish");
const output = await formatter.format(results);

const findings = results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
const fatal = results.flatMap((result) => result.messages.filter((message) => message.fatal));

console.log(`eslint-plugin-secure-mcp demo: ${results.length} file(s) in examples/ linted with secure-mcp/recommended`);
console.log(output || "\nNo findings.\n");
console.log(
  `${findings} finding(s). The examples contain insecure tools on purpose; each finding says why it matters and what to do instead.`,
);

if (results.length === 0 || fatal.length > 0) {
  console.error(results.length === 0 ? "The demo linted no file." : "The demo could not parse an example.");
  process.exitCode = 1;
}
