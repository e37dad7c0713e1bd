import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import plugin from "../../src/index.js";

const PROJECTS = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "projects");

/**
 * `file:line:column messageId` of one rule's messages (and any fatal one), sorted, and the messages in report order,
 * for `files` of a fixture project linted with the `all` config through the ESLint API.
 */
export async function lintProject(rule: string, project: string, files: string[]): Promise<{ places: string[]; messages: string[] }> {
  const cwd = join(PROJECTS, project);
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...plugin.configs.all], ignore: false });
  const results = await eslint.lintFiles(files);
  const ours = results.flatMap((result) =>
    result.messages
      .filter((message) => message.ruleId === `secure-mcp/${rule}` || message.fatal)
      .map((message) => ({ place: `${relative(cwd, result.filePath).split(sep).join("/")}:${message.line}:${message.column} ${message.messageId}`, text: message.message })),
  );
  return { places: ours.map((entry) => entry.place).sort(), messages: ours.map((entry) => entry.text) };
}
