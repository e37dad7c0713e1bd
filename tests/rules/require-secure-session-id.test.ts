import rule from "../../src/rules/require-secure-session-id.js";
import { both, bothCjs, cjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";

type MessageIds = "predictableSessionId" | "useRandomUUID";

const RANDOM = "Math.random(), which is not a cryptographic random source";
const TIME = "the current time";

function predictable(at: string, reason: string, code: string, output?: string): ExpectedError<MessageIds> {
  return {
    messageId: "predictableSessionId",
    at,
    data: { reason, code },
    suggestions: output === undefined ? [] : [{ messageId: "useRandomUUID", output }],
  };
}

/** An SDK v1 Streamable HTTP file whose transport gets `generator` as its `sessionIdGenerator`. */
const v1 = (imports: string, generator: string, before = "") => `import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
${imports}
${before}
export function createTransport() {
  return new StreamableHTTPServerTransport({ sessionIdGenerator: ${generator}, enableJsonResponse: true });
}
`;

const v2 = (imports: string, generator: string) => `import { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
${imports}
const options = { sessionIdGenerator: ${generator} };
export const transport = new NodeStreamableHTTPServerTransport(options);
`;

const cjsFile = (generator: string) => `const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
module.exports.transport = new StreamableHTTPServerTransport({
  ${generator},
});
`;

const invalid = [
  both({
    name: "v1: Math.random() ids",
    code: v1("", "() => Math.random().toString(36).slice(2)"),
    errors: [predictable("() => Math.random().toString(36).slice(2)", RANDOM, "Math.random()", v1("", "() => crypto.randomUUID()"))],
  }),
  both({
    name: "v1: Date.now() ids, randomUUID already imported",
    code: v1(`import { randomUUID } from "node:crypto";`, "() => `sess-${Date.now()}`"),
    errors: [predictable("() => `sess-${Date.now()}`", TIME, "Date.now()", v1(`import { randomUUID } from "node:crypto";`, "() => randomUUID()"))],
  }),
  both({
    name: "v1: a module-level counter",
    code: v1("", "() => String(++next)", "let next = 0;"),
    errors: [predictable("() => String(++next)", "a counter", "++next", v1("", "() => crypto.randomUUID()", "let next = 0;"))],
  }),
  both({
    name: "v1: uuid v1 by reference",
    code: v1(`import { v1 as uuidv1 } from "uuid";`, "uuidv1"),
    errors: [
      predictable(
        "sessionIdGenerator: «uuidv1»",
        "a version 1 UUID (the time and the machine's address)",
        "uuidv1",
        v1(`import { v1 as uuidv1 } from "uuid";`, "() => crypto.randomUUID()"),
      ),
    ],
  }),
  both({
    name: "v1: a same-file function declaration",
    code: v1("", "makeSessionId", "function makeSessionId() {\n  return Math.random().toString(16).slice(2);\n}"),
    errors: [
      predictable(
        "sessionIdGenerator: «makeSessionId»",
        RANDOM,
        "Math.random()",
        v1("", "() => crypto.randomUUID()", "function makeSessionId() {\n  return Math.random().toString(16).slice(2);\n}"),
      ),
    ],
  }),
  both({
    name: "v1: characters picked with Math.random in a callback",
    code: v1("", '() => Array.from({ length: 32 }, () => "abcdef0123456789"[Math.floor(Math.random() * 16)]).join("")'),
    errors: [
      predictable(
        '() => Array.from({ length: 32 }, () => "abcdef0123456789"[Math.floor(Math.random() * 16)]).join("")',
        RANDOM,
        "Math.random()",
        v1("", "() => crypto.randomUUID()"),
      ),
    ],
  }),
  both({
    name: "v1: a constant id",
    code: v1("", '() => "default-session"'),
    errors: [predictable('() => "default-session"', "a constant", '"default-session"', v1("", "() => crypto.randomUUID()"))],
  }),
  both({
    name: "v1: stateful branch of a conditional",
    code: v1("", "process.env.STATELESS ? undefined : () => Date.now().toString(36)"),
    errors: [
      predictable(
        "process.env.STATELESS ? undefined : () => Date.now().toString(36)",
        TIME,
        "Date.now()",
        v1("", "() => crypto.randomUUID()"),
      ),
    ],
  }),
  both({
    name: "v1: nanoid/non-secure",
    code: v1(`import { nanoid } from "nanoid/non-secure";`, "() => nanoid()"),
    errors: [predictable("() => nanoid()", "nanoid/non-secure, which uses Math.random()", "nanoid()", v1(`import { nanoid } from "nanoid/non-secure";`, "() => crypto.randomUUID()"))],
  }),
  both({
    name: "v1: crypto default import in scope, Math.random used",
    code: v1(`import crypto from "node:crypto";`, "() => Math.random().toString()"),
    errors: [predictable("() => Math.random().toString()", RANDOM, "Math.random()", v1(`import crypto from "node:crypto";`, "() => crypto.randomUUID()"))],
  }),
  ts({
    name: "v1: a crypto parameter shadows the global: no suggestion",
    code: `import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
export function createTransport(crypto: { id(): string }) {
  return new StreamableHTTPServerTransport({ sessionIdGenerator: () => Math.random().toString(36) as string });
}
`,
    errors: [predictable("() => Math.random().toString(36) as string", RANDOM, "Math.random()")],
  }),
  both({
    name: "v2: new Date() through an options object",
    code: v2("", "() => new Date().getTime().toString()"),
    errors: [predictable("() => new Date().getTime().toString()", TIME, "new Date()", v2("", "() => crypto.randomUUID()"))],
  }),
  bothCjs({
    name: "CommonJS: a method generator",
    code: cjsFile('sessionIdGenerator() { return "sess-" + Date.now(); }'),
    errors: [predictable("«sessionIdGenerator»()", TIME, "Date.now()", cjsFile("sessionIdGenerator: () => crypto.randomUUID()"))],
  }),
  cjs({
    name: "CommonJS: a shorthand generator bound to a counter function",
    code: `const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
let count = 0;
const sessionIdGenerator = function () { count += 1; return \`s\${count}\`; };
module.exports.transport = new StreamableHTTPServerTransport({ sessionIdGenerator });
`,
    errors: [
      predictable(
        "({ «sessionIdGenerator» })",
        "a counter",
        "count += 1",
        `const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
let count = 0;
const sessionIdGenerator = function () { count += 1; return \`s\${count}\`; };
module.exports.transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
`,
      ),
    ],
  }),
];

const valid = [
  both({ name: "v1: randomUUID imported", code: v1(`import { randomUUID } from "node:crypto";`, "() => randomUUID()") }),
  both({ name: "v1: randomUUID by reference", code: v1(`import { randomUUID } from "crypto";`, "randomUUID") }),
  both({ name: "v1: global crypto.randomUUID", code: v1("", "() => crypto.randomUUID()") }),
  both({ name: "v1: randomBytes hex", code: v1(`import { randomBytes } from "node:crypto";`, '() => randomBytes(16).toString("hex")') }),
  both({ name: "v1: webcrypto getRandomValues", code: v1(`import { webcrypto } from "node:crypto";`, '() => Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString("hex")') }),
  both({ name: "v1: uuid v4", code: v1(`import { v4 as uuidv4 } from "uuid";`, "() => uuidv4()") }),
  both({ name: "v1: nanoid", code: v1(`import { nanoid } from "nanoid";`, "() => nanoid()") }),
  both({ name: "v1: nanoid customAlphabet factory", code: v1(`import { customAlphabet } from "nanoid";`, 'customAlphabet("0123456789abcdef", 32)') }),
  both({ name: "v1: time prefix plus randomUUID", code: v1(`import { randomUUID } from "node:crypto";`, "() => `${Date.now()}-${randomUUID()}`") }),
  both({
    name: "v1: same-file helper backed by randomBytes",
    code: v1(`import { randomBytes } from "node:crypto";`, "() => newId()", 'function newId() {\n  return randomBytes(24).toString("base64url");\n}'),
  }),
  both({ name: "v1: stateless", code: v1("", "undefined") }),
  both({ name: "v1: generator from configuration", code: v1("", "globalThis.config.sessionIdGenerator") }),
  both({
    name: "v1: a local loop counter around an unknown source",
    code: v1("", '() => { let id = ""; for (let i = 0; i < 4; i++) id += pick(); return id; }', "function pick() { return globalThis.nextChunk(); }"),
  }),
  both({ name: "v2: randomUUID", code: v2(`import { randomUUID } from "node:crypto";`, "randomUUID") }),
  cjs({ name: "CommonJS: require crypto", code: `const crypto = require("node:crypto");\n${cjsFile("sessionIdGenerator: () => crypto.randomUUID()")}` }),
  both({
    name: "odd input: recursive helpers, computed keys, spreads",
    code: v1(
      "",
      "() => ping()",
      `function ping() { return pong(); }
function pong() { return ping(); }
const key = "sessionIdGenerator";
export const other = { [key]: () => Math.random().toString(), ...{ sessionIdGenerator: undefined } };`,
    ),
  }),
  both({ name: "not an MCP file", code: `export const options = { sessionIdGenerator: () => Math.random().toString() };\n` }),
];

runRuleTests("require-secure-session-id", rule, { valid, invalid });
