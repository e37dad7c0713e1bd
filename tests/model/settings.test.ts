import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { readSettings } from "../../src/model/settings.js";

const SERVER = `
import { exec } from "node:child_process";
import { defineMyTool, BaseTool } from "@acme/mcp-kit";

export const run = defineMyTool({ handler: async (input) => { exec(input.command); } });
export class Deploy extends BaseTool {
  async execute(params) { exec("deploy " + params.target); }
}
`;

async function lint(settings: Record<string, unknown> | undefined) {
  const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [...plugin.configs.recommended, ...(settings ? [{ settings }] : [])] });
  const [result] = await eslint.lintText(SERVER, { filePath: "server.ts" });
  return result.messages;
}

describe('settings["secure-mcp"]', () => {
  it("without settings, unknown helpers and base classes are not handlers", async () => {
    expect(await lint(undefined)).toEqual([]);
  });

  it("handlerHelpers and toolBaseClasses make their functions handlers", async () => {
    const messages = await lint({ "secure-mcp": { handlerHelpers: ["defineMyTool"], toolBaseClasses: ["BaseTool"] } });
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ["secure-mcp/no-command-injection", 5, 68],
      ["secure-mcp/no-command-injection", 7, 32],
    ]);
  });

  it.each([
    [{ "secure-mcp": "defineMyTool" }, 'settings["secure-mcp"] must be an object'],
    [{ "secure-mcp": { handlerHelper: ["x"] } }, 'settings["secure-mcp"].handlerHelper is not a known setting'],
    [{ "secure-mcp": { handlerHelpers: "defineMyTool" } }, 'settings["secure-mcp"].handlerHelpers must be an array of non-empty strings'],
    [{ "secure-mcp": { toolBaseClasses: [""] } }, 'settings["secure-mcp"].toolBaseClasses must be an array of non-empty strings'],
  ])("rejects %j with an error that names the setting", (settings, message) => {
    expect(() => readSettings(settings)).toThrow(message);
  });

  it("reports an invalid setting through ESLint as a configuration error naming it", async () => {
    await expect(lint({ "secure-mcp": { handlerHelpers: [1] } })).rejects.toThrow("handlerHelpers must be an array");
  });
});
