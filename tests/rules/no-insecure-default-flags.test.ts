import rule from "../../src/rules/no-insecure-default-flags.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";

type MessageIds = "onUnlessOff" | "onWhenUnset" | "defaultOn" | "requireOptIn";

const HEAD = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n`;
const file = (body: string, imports = "") => `${HEAD}${imports}${body}\n`;

function onUnlessOff(at: string, name: string, value: string, output?: string, on?: string): ExpectedError<MessageIds> {
  return {
    messageId: "onUnlessOff",
    at,
    data: { name, value },
    suggestions: output === undefined ? [] : [{ messageId: "requireOptIn", data: { on: on! }, output }],
  };
}

function onWhenUnset(at: string, name: string, value: string): ExpectedError<MessageIds> {
  return { messageId: "onWhenUnset", at, data: { name, value }, suggestions: [] };
}

function defaultOn(at: string, name: string, value = "true"): ExpectedError<MessageIds> {
  return { messageId: "defaultOn", at, data: { name, value }, suggestions: [] };
}

const invalid = [
  both({
    name: 'env flag on unless "false"',
    code: file(`export const allowWrite = process.env.ALLOW_WRITE !== "false";`),
    errors: [
      onUnlessOff(`process.env.ALLOW_WRITE !== "false"`, "ALLOW_WRITE", `"false"`, file(`export const allowWrite = process.env.ALLOW_WRITE === "true";`), `"true"`),
    ],
  }),
  both({
    name: 'lower-cased env flag on unless "0"',
    code: file(`export const enableExec = process.env.ENABLE_EXEC?.toLowerCase() !== "0";`),
    errors: [
      onUnlessOff(
        `process.env.ENABLE_EXEC?.toLowerCase() !== "0"`,
        "ENABLE_EXEC",
        `"0"`,
        file(`export const enableExec = process.env.ENABLE_EXEC?.toLowerCase() === "1";`),
        `"1"`,
      ),
    ],
  }),
  bothCjs({
    name: "CommonJS: DISABLE_AUTH != 'no', single quotes",
    code: `const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");\nconst noAuth = process.env.DISABLE_AUTH != 'no';\nmodule.exports = { noAuth };\n`,
    errors: [
      onUnlessOff(
        `process.env.DISABLE_AUTH != 'no'`,
        "DISABLE_AUTH",
        `'no'`,
        `const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");\nconst noAuth = process.env.DISABLE_AUTH == 'yes';\nmodule.exports = { noAuth };\n`,
        `"yes"`,
      ),
    ],
  }),
  both({
    name: "option flag !== false",
    code: file(`export function tools(opts) { return opts.allowDelete !== false ? ["read", "delete"] : ["read"]; }`),
    errors: [
      onUnlessOff(
        "opts.allowDelete !== false",
        "allowDelete",
        "false",
        file(`export function tools(opts) { return opts.allowDelete === true ? ["read", "delete"] : ["read"]; }`),
        "true",
      ),
    ],
  }),
  both({
    name: 'env fallback "true"',
    code: file(`export const allowDelete = (process.env.ALLOW_DELETE ?? "true") === "true";`),
    errors: [onWhenUnset(`process.env.ALLOW_DELETE ?? "true"`, "ALLOW_DELETE", `"true"`)],
  }),
  both({
    name: "config fallback true",
    code: file(`export const shell = (config) => config.dangerouslyAllowShell ?? true;`),
    errors: [onWhenUnset("config.dangerouslyAllowShell ?? true", "dangerouslyAllowShell", "true")],
  }),
  both({
    name: "commander option default true",
    code: file(`program.option("-w, --allow-write", "let tools write files", true);`, `import { program } from "commander";\n`),
    errors: [defaultOn(`files", «true»`, "allow-write")],
  }),
  both({
    name: "commander new Option().default(true)",
    code: file(`program.addOption(new Option("--allow-shell").default(true));`, `import { Option, program } from "commander";\n`),
    errors: [defaultOn(`default(«true»)`, "allow-shell")],
  }),
  both({
    name: "yargs option default true",
    code: file(`export const argv = yargs(process.argv.slice(2)).option("unsafe-eval", { type: "boolean", default: true }).parse();`, `import yargs from "yargs";\n`),
    errors: [defaultOn(`default: «true»`, "unsafe-eval")],
  }),
  both({
    name: "yargs options object",
    code: file(`export const argv = yargs(process.argv.slice(2)).options({ "enable-exec": { type: "boolean", default: true } }).parse();`, `import yargs from "yargs";\n`),
    errors: [defaultOn(`default: «true»`, "enable-exec")],
  }),
  both({
    name: "util.parseArgs default true",
    code: file(`export const { values } = parseArgs({ options: { "skip-verify": { type: "boolean", default: true } } });`, `import { parseArgs } from "node:util";\n`),
    errors: [defaultOn(`default: «true»`, "skip-verify")],
  }),
  both({
    name: "destructuring default true",
    code: file(`export function setup(config) {\n  const { allowWrite = true, root } = config;\n  return { allowWrite, root };\n}`),
    errors: [defaultOn(`allowWrite = «true»`, "allowWrite")],
  }),
  both({
    name: 'destructured env default "true"',
    code: file(`const { ALLOW_WRITE = "true" } = process.env;\nexport const allowWrite = ALLOW_WRITE === "true";`),
    errors: [defaultOn(`ALLOW_WRITE = «"true"»`, "ALLOW_WRITE", `"true"`)],
  }),
  ts({
    name: "parameter default true",
    code: file(`export function start({ noAuth = true }: { noAuth?: boolean } = {}) { return noAuth; }`),
    errors: [defaultOn(`noAuth = «true»`, "noAuth")],
  }),
  both({
    name: "zod config schema default(true)",
    code: file(`export const Config = z.object({ allowExec: z.boolean().default(true) });`, `import { z } from "zod";\n`),
    errors: [defaultOn(`default(«true»)`, "allowExec")],
  }),
];

const valid = [
  both({ name: "opt-in env flag", code: file(`export const allowWrite = process.env.ALLOW_WRITE === "true";`) }),
  both({ name: "harmless flag on by default", code: file(`export const telemetry = process.env.ENABLE_TELEMETRY !== "false";`) }),
  both({ name: "harmless fallback", code: file(`export const logging = process.env.ENABLE_LOGGING ?? "true";`) }),
  both({ name: "disabling something harmless", code: file(`export const quiet = process.env.DISABLE_TELEMETRY !== "false";`) }),
  both({ name: "write without an enabling word", code: file(`export const timeout = process.env.WRITE_TIMEOUT !== "0";`) }),
  both({ name: "fallback off", code: file(`export const allowWrite = (process.env.ALLOW_WRITE ?? "false") === "true";`) }),
  both({ name: "commander negation keeps the protection on", code: file(`program.option("--no-sandbox", "run without the sandbox");`, `import { program } from "commander";\n`) }),
  both({ name: "commander default false", code: file(`program.option("--allow-write", "let tools write", false);`, `import { program } from "commander";\n`) }),
  both({ name: "yargs default false", code: file(`export const argv = yargs([]).option("allow-write", { type: "boolean", default: false }).parse();`, `import yargs from "yargs";\n`) }),
  both({ name: "protections on by default", code: file(`export function setup({ readOnly = true, verifySsl = true, requireAuth = true } = {}) { return [readOnly, verifySsl, requireAuth]; }`) }),
  both({ name: "destructuring default false", code: file(`export function setup(config) { const { allowWrite = false } = config; return allowWrite; }`) }),
  both({ name: "a constant compared", code: file(`export const x = "ALLOW_WRITE" !== "false";`) }),
  both({ name: "an unknown comparison", code: file(`export const same = (a, b) => a.allowWrite !== b.allowWrite;`) }),
];

runRuleTests("no-insecure-default-flags", rule, { valid, invalid });
