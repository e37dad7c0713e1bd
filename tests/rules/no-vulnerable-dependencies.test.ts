import { describe, expect, it } from "vitest";
import { ADVISORIES } from "../../src/knowledge/advisories.js";
import rule from "../../src/rules/no-vulnerable-dependencies.js";
import { locationOf } from "../utils/tester.js";
import { pkg, runJsonRuleTests, type ExpectedJsonError, type JsonCase, type JsonInvalidCase } from "../utils/json-tester.js";

const RULE = "no-vulnerable-dependencies";
const SDK = "@modelcontextprotocol/sdk";

const ADVISORY = new Map(ADVISORIES.map((advisory) => [advisory.id, advisory]));

/** The SDK's advisories in table order, and the floor that clears all of them. */
const DNS = "CVE-2025-66414";
const REDOS = "CVE-2026-0621";
const LEAK = "CVE-2026-25536";
const BODY = "GHSA-f897-62hf-6gxq";
const OOM = "CVE-2026-111768";
const SDK_FIXED = "1.32.0";

interface Expect {
  /** The reported specifier as it appears in the code, with quotes (`"^1.20.0"`), or a marked context. */
  at: string;
  nth?: number;
  name: string;
  /** The range as the message shows it. */
  range: string;
  version: string;
  /** Advisory ids the message names, the first one first. */
  ids: string[];
  fixed: string;
  /** The specifier the suggestion writes (without quotes); absent for no suggestion. */
  replacement?: string;
}

function error(code: string, expected: Expect): ExpectedJsonError {
  const [first, ...others] = expected.ids;
  const advisory = ADVISORY.get(first);
  if (!advisory) throw new Error(`no advisory ${first} in the table`);
  const suggestions = [];
  if (expected.replacement !== undefined) {
    const location = locationOf(code, expected.at, expected.nth);
    const lines = code.split("\n");
    const line = lines[location.line - 1];
    lines[location.line - 1] =
      line.slice(0, location.column - 1) + JSON.stringify(expected.replacement) + line.slice(location.endColumn - 1);
    suggestions.push({
      messageId: "raiseFloor",
      data: { fixed: expected.fixed, replacement: JSON.stringify(expected.replacement) },
      output: lines.join("\n"),
    });
  }
  return {
    messageId: "vulnerable",
    at: expected.at,
    ...(expected.nth === undefined ? {} : { nth: expected.nth }),
    data: {
      name: expected.name,
      range: expected.range,
      version: expected.version,
      advisory: first,
      summary: advisory.summary,
      more: others.length === 0 ? "" : `, and by ${others.join(", ")}`,
      fixed: expected.fixed,
    },
    suggestions,
  };
}

/** An invalid case: one manifest, its errors described by `Expect`s. */
function invalid(name: string, code: string, expected: Expect[], extra: Partial<JsonCase> = {}): JsonInvalidCase {
  return { name, code, ...extra, errors: expected.map((e) => error(code, e)) };
}

/** A manifest with one SDK dependency. */
function sdk(spec: string, section = "dependencies"): string {
  return pkg({ name: "server", version: "1.0.0", [section]: { [SDK]: spec } });
}

/** The expectation for an SDK specifier. */
function sdkError(spec: string, version: string, ids: string[], replacement?: string): Expect {
  return { at: JSON.stringify(spec), name: SDK, range: spec === "" ? '""' : spec, version, ids, fixed: SDK_FIXED, replacement };
}

const ALL_SDK = [DNS, REDOS, LEAK, BODY, OOM];

// ---------------------------------------------------------------------------------------------------------------
// Exact pins, caret, tilde and x-ranges
// ---------------------------------------------------------------------------------------------------------------

const forms: JsonInvalidCase[] = [
  invalid("exact pin", sdk("1.20.0"), [sdkError("1.20.0", "1.20.0", ALL_SDK, "1.32.0")]),
  invalid("exact pin with =", sdk("=1.20.0"), [sdkError("=1.20.0", "1.20.0", ALL_SDK, "=1.32.0")]),
  invalid("exact pin with v", sdk("v1.23.1"), [sdkError("v1.23.1", "1.23.1", ALL_SDK, "1.32.0")]),
  invalid("caret", sdk("^1.20.0"), [sdkError("^1.20.0", "1.20.0", ALL_SDK, "^1.32.0")]),
  invalid("caret with a partial version", sdk("^1.20"), [sdkError("^1.20", "1.20.0", ALL_SDK, "^1.32.0")]),
  invalid("tilde", sdk("~1.25.0"), [sdkError("~1.25.0", "1.25.0", [REDOS, LEAK, BODY, OOM], "~1.32.0")]),
  invalid("tilde with >", sdk("~>1.25.3"), [sdkError("~>1.25.3", "1.25.3", [LEAK, BODY, OOM], "~1.32.0")]),
  invalid("x-range on the major", sdk("1.x"), [sdkError("1.x", "1.0.0", [DNS, REDOS], "^1.32.0")]),
  invalid("major only", sdk("1"), [sdkError("1", "1.0.0", [DNS, REDOS], "^1.32.0")]),
  invalid("tilde on the major only", sdk("~1"), [sdkError("~1", "1.0.0", [DNS, REDOS], "^1.32.0")]),
  invalid("x-range on the minor", sdk("1.20.x"), [sdkError("1.20.x", "1.20.0", ALL_SDK, "~1.32.0")]),
  invalid("star", sdk("*"), [sdkError("*", "0.0.0", [DNS, REDOS], ">=1.32.0")]),
  invalid("empty string", sdk(""), [sdkError("", "0.0.0", [DNS, REDOS], ">=1.32.0")]),
  invalid(">= keeps its operator", sdk(">=1.23.0"), [sdkError(">=1.23.0", "1.23.0", ALL_SDK, ">=1.32.0")]),
  invalid("> becomes >=", sdk(">1.30.0"), [sdkError(">1.30.0", "1.30.1", [OOM], ">=1.32.0")]),
];

// ---------------------------------------------------------------------------------------------------------------
// Ranges that straddle a fix, and complex ranges
// ---------------------------------------------------------------------------------------------------------------

const straddling: JsonInvalidCase[] = [
  invalid("bounded range straddling the fix", sdk(">=1.23.0 <1.40.0"), [sdkError(">=1.23.0 <1.40.0", "1.23.0", ALL_SDK, ">=1.32.0 <1.40.0")]),
  invalid("> lower bound straddling the fix", sdk(">1.20.0 <1.40.0"), [sdkError(">1.20.0 <1.40.0", "1.20.1", ALL_SDK, ">=1.32.0 <1.40.0")]),
  invalid("bounded range that ends before the fix: no suggestion", sdk(">=1.20.0 <1.30.0"), [sdkError(">=1.20.0 <1.30.0", "1.20.0", ALL_SDK)]),
  invalid("upper bound only", sdk("<2.0.0"), [sdkError("<2.0.0", "0.0.0", [DNS, REDOS], ">=1.32.0 <2.0.0")]),
  invalid("upper bound only, below the fix: no suggestion", sdk("<1.30.0"), [sdkError("<1.30.0", "0.0.0", [DNS, REDOS])]),
  invalid("hyphen range straddling the fix", sdk("1.20.0 - 1.35.0"), [sdkError("1.20.0 - 1.35.0", "1.20.0", ALL_SDK, "1.32.0 - 1.35.0")]),
  invalid("hyphen range that ends before the fix: no suggestion", sdk("1.20.0 - 1.31.0"), [sdkError("1.20.0 - 1.31.0", "1.20.0", ALL_SDK)]),
  invalid("caret on the last affected minor", sdk("^1.31.0"), [sdkError("^1.31.0", "1.31.0", [OOM], "^1.32.0")]),
  invalid("|| with the first alternative affected", sdk("^1.20.0 || ^1.33.0"), [sdkError("^1.20.0 || ^1.33.0", "1.20.0", ALL_SDK, "^1.32.0 || ^1.33.0")]),
  invalid("|| with only a later alternative affected", sdk("^1.33.0 || ~1.28.0"), [sdkError("^1.33.0 || ~1.28.0", "1.28.0", [BODY, OOM], "^1.33.0 || ~1.32.0")]),
  invalid("|| with both alternatives affected", sdk("~1.24.0||~1.30.0"), [sdkError("~1.24.0||~1.30.0", "1.24.0", [REDOS, LEAK, BODY, OOM], "~1.32.0 || ~1.32.0")]),
  invalid("|| with an alternative that cannot be rewritten: no suggestion", sdk("<1.30.0 || ^1.33.0"), [sdkError("<1.30.0 || ^1.33.0", "0.0.0", [DNS, REDOS])]),
  invalid(
    "a floor older than the advisory: the lowest affected version the range admits",
    pkg({ dependencies: { "@arikusi/deepseek-mcp-server": "^1.0.0" } }),
    [{ at: '"^1.0.0"', name: "@arikusi/deepseek-mcp-server", range: "^1.0.0", version: "1.4.2", ids: ["CVE-2026-55605"], fixed: "1.8.0", replacement: "^1.8.0" }],
  ),
  invalid(
    "a floor between the advisory's two ranges (calendar versions)",
    pkg({ dependencies: { "@modelcontextprotocol/server-filesystem": ">=0.6.4" } }),
    [{ at: '">=0.6.4"', name: "@modelcontextprotocol/server-filesystem", range: ">=0.6.4", version: "2025.0.0", ids: ["CVE-2025-53110", "CVE-2025-53109"], fixed: "2025.7.1", replacement: ">=2025.7.1" }],
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Prerelease versions
// ---------------------------------------------------------------------------------------------------------------

const prerelease: JsonInvalidCase[] = [
  invalid("a prerelease of the fixed version comes before it", sdk("^1.24.0-beta.1"), [sdkError("^1.24.0-beta.1", "1.24.0-beta.1", ALL_SDK, "^1.32.0")]),
  invalid("an exact prerelease inside an affected range", sdk("1.31.0-rc.1"), [sdkError("1.31.0-rc.1", "1.31.0-rc.1", [OOM], "1.32.0")]),
  invalid(
    "a range from a prerelease admits the affected releases after it",
    pkg({ dependencies: { "@modelcontextprotocol/server": "^2.0.0-beta.1" } }),
    [{ at: '"^2.0.0-beta.1"', name: "@modelcontextprotocol/server", range: "^2.0.0-beta.1", version: "2.0.0", ids: ["GHSA-jm63-cq47-j5jp"], fixed: "2.3.0", replacement: "^2.3.0" }],
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Sections, overrides, aliases
// ---------------------------------------------------------------------------------------------------------------

const sections: JsonInvalidCase[] = [
  ...["devDependencies", "optionalDependencies", "peerDependencies"].map((section) =>
    invalid(`in ${section}`, sdk("^1.20.0", section), [sdkError("^1.20.0", "1.20.0", ALL_SDK, "^1.32.0")]),
  ),
  invalid(
    "every section of one manifest, each at its own string",
    pkg({
      dependencies: { [SDK]: "^1.25.3", zod: "^3.25.0" },
      devDependencies: { "@modelcontextprotocol/inspector": "^0.16.0" },
      peerDependencies: { [SDK]: ">=1.0.0" },
    }),
    [
      sdkError("^1.25.3", "1.25.3", [LEAK, BODY, OOM], "^1.32.0"),
      {
        at: '"^0.16.0"',
        name: "@modelcontextprotocol/inspector",
        range: "^0.16.0",
        version: "0.16.0",
        ids: ["CVE-2025-58444"],
        fixed: "0.16.6",
        replacement: "^0.16.6",
      },
      sdkError(">=1.0.0", "1.0.0", [DNS, REDOS], ">=1.32.0"),
    ],
  ),
  invalid("an override", pkg({ overrides: { [SDK]: "1.23.0" } }), [sdkError("1.23.0", "1.23.0", ALL_SDK, "1.32.0")]),
  invalid("an override with a selector on the key", pkg({ overrides: { [`${SDK}@<1.24.0`]: "~1.24.1" } }), [
    sdkError("~1.24.1", "1.24.1", [REDOS, LEAK, BODY, OOM], "~1.32.0"),
  ]),
  invalid("an override nested under another package", pkg({ overrides: { "some-client": { [SDK]: "^1.26.0" } } }), [
    sdkError("^1.26.0", "1.26.0", [BODY, OOM], "^1.32.0"),
  ]),
  invalid("the \".\" version of a nested override", pkg({ overrides: { [SDK]: { ".": "1.30.0", zod: "3.25.0" } } }), [
    sdkError("1.30.0", "1.30.0", [BODY, OOM], "1.32.0"),
  ]),
  invalid(
    "overrides nested three deep",
    pkg({ overrides: { a: { b: { "mcp-remote": { ".": "0.1.15" } } } } }),
    [{ at: '"0.1.15"', name: "mcp-remote", range: "0.1.15", version: "0.1.15", ids: ["CVE-2025-6514"], fixed: "0.1.16", replacement: "0.1.16" }],
  ),
  invalid(
    "an npm: alias is read as its target, and the suggestion keeps the alias",
    pkg({ dependencies: { "mcp-sdk": `npm:${SDK}@~1.25.0` } }),
    [{ at: `"npm:${SDK}@~1.25.0"`, name: SDK, range: "~1.25.0", version: "1.25.0", ids: [REDOS, LEAK, BODY, OOM], fixed: SDK_FIXED, replacement: `npm:${SDK}@~1.32.0` }],
  ),
  invalid(
    "the same package in two sections: two reports",
    pkg({ dependencies: { [SDK]: "^1.24.0" }, devDependencies: { [SDK]: "1.24.0" } }),
    [sdkError("^1.24.0", "1.24.0", [REDOS, LEAK, BODY, OOM], "^1.32.0"), sdkError("1.24.0", "1.24.0", [REDOS, LEAK, BODY, OOM], "1.32.0")],
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Each advisory row: a version it affects is reported, naming it (or the row before it when both apply)
// ---------------------------------------------------------------------------------------------------------------

function row(packageName: string, version: string, ids: string[], fixed: string): JsonInvalidCase {
  const code = pkg({ dependencies: { [packageName]: version } });
  return invalid(`advisory ${ids[0]}: ${packageName} ${version}`, code, [
    { at: JSON.stringify(version), name: packageName, range: version, version, ids, fixed, replacement: fixed },
  ]);
}

const rows: JsonInvalidCase[] = [
  row(SDK, "1.2.0", [DNS, REDOS], SDK_FIXED),
  row(SDK, "1.25.1", [REDOS, LEAK, BODY, OOM], SDK_FIXED),
  row(SDK, "1.25.3", [LEAK, BODY, OOM], SDK_FIXED),
  row(SDK, "1.28.0", [BODY, OOM], SDK_FIXED),
  row(SDK, "1.31.0", [OOM], SDK_FIXED),
  row("@modelcontextprotocol/server", "2.2.0", ["GHSA-jm63-cq47-j5jp"], "2.3.0"),
  row("@modelcontextprotocol/inspector", "0.14.0", ["CVE-2025-49596", "CVE-2025-58444"], "0.16.6"),
  row("@modelcontextprotocol/inspector", "0.16.5", ["CVE-2025-58444"], "0.16.6"),
  row("mcp-remote", "0.0.5", ["CVE-2025-6514"], "0.1.16"),
  row("mcp-handler", "1.0.7", ["GHSA-w2fm-25vw-vh7f"], "1.1.0"),
  row("mcp-framework", "0.2.16", ["CVE-2026-39313"], "0.2.22"),
  row("@modelcontextprotocol/server-filesystem", "0.6.2", ["CVE-2025-53110", "CVE-2025-53109"], "2025.7.1"),
  row("@modelcontextprotocol/server-filesystem", "2025.3.28", ["CVE-2025-53110", "CVE-2025-53109"], "2025.7.1"),
  row("@cloudflare/workers-oauth-provider", "0.0.4", ["CVE-2025-4143", "CVE-2025-4144"], "0.0.5"),
  row("@playwright/mcp", "0.0.39", ["CVE-2025-9611"], "0.0.40"),
  row("@mcpjam/inspector", "1.4.2", ["CVE-2026-23744"], "1.4.3"),
  row("figma-developer-mcp", "0.6.0", ["CVE-2025-53967"], "0.6.3"),
  row("@akoskm/create-mcp-server-stdio", "0.0.4", ["CVE-2025-54994"], "0.0.13"),
  row("mcp-server-kubernetes", "2.9.6", ["CVE-2026-61459"], "3.9.0"),
  row("github-kanban-mcp-server", "0.4.0", ["CVE-2025-53818"], "0.4.1"),
  row("serverless", "4.29.0", ["CVE-2025-69256"], "4.29.3"),
  row("@dynatrace-oss/dynatrace-mcp-server", "1.8.6", ["GHSA-pc2w-4mq8-32qw"], "1.8.7"),
  row("@zereight/mcp-gitlab", "2.0.36", ["GHSA-5648-rgj9-v224", "CVE-2026-61462"], "2.1.32"),
  row("@zereight/mcp-gitlab", "2.1.31", ["CVE-2026-61462"], "2.1.32"),
  row("@arikusi/deepseek-mcp-server", "1.7.0", ["CVE-2026-55605"], "1.8.0"),
  // Rows that always apply together with the row before them: named once that one is ignored.
  {
    ...row("@modelcontextprotocol/server-filesystem", "2025.7.0", ["CVE-2025-53109"], "2025.7.1"),
    name: "advisory CVE-2025-53109 (with CVE-2025-53110 ignored by its GHSA id)",
    options: [{ ignore: ["GHSA-hc55-p739-j48w"] }],
  },
  {
    ...row("@cloudflare/workers-oauth-provider", "0.0.1", ["CVE-2025-4144"], "0.0.5"),
    name: "advisory CVE-2025-4144 (with CVE-2025-4143 ignored)",
    options: [{ ignore: ["CVE-2025-4143"] }],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// JSONC and JSON5 (when the user's own config parses package.json so)
// ---------------------------------------------------------------------------------------------------------------

const languages: JsonInvalidCase[] = [
  invalid(
    "JSONC: comments",
    `{
  // the server
  "dependencies": {
    "${SDK}": "^1.20.0" /* pinned low */
  }
}
`,
    [sdkError("^1.20.0", "1.20.0", ALL_SDK, "^1.32.0")],
    { language: "json/jsonc", options: [{ ignore: [] }] },
  ),
  invalid(
    "JSON5: unquoted keys and single quotes",
    `{ dependencies: { 'mcp-remote': '0.1.10' } }`,
    [{ at: "'0.1.10'", name: "mcp-remote", range: "0.1.10", version: "0.1.10", ids: ["CVE-2025-6514"], fixed: "0.1.16", replacement: "0.1.16" }],
    { language: "json/json5" },
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Valid: fixed floors, other packages, other specifiers, odd JSON
// ---------------------------------------------------------------------------------------------------------------

const valid: JsonCase[] = [
  ...["1.32.0", "^1.32.0", "~1.32.0", ">=1.32.0", ">=1.32.0 <2.0.0", "1.32.0 - 1.40.0", "^1.32.2", "1.32.0-rc.1", ">1.31.0", "^1.33.0 || ^1.40.0"].map(
    (spec) => ({ name: `SDK ${spec}`, code: sdk(spec) }),
  ),
  { name: "v2 server prerelease before the affected releases", code: pkg({ dependencies: { "@modelcontextprotocol/server": "2.0.0-alpha.2" } }) },
  { name: "v2 server after the fix", code: pkg({ dependencies: { "@modelcontextprotocol/server": "^2.3.0" } }) },
  { name: "server-filesystem 2.0.1, between the two affected ranges", code: pkg({ dependencies: { "@modelcontextprotocol/server-filesystem": "2.0.1" } }) },
  { name: "mcp-remote before the affected range", code: pkg({ dependencies: { "mcp-remote": "0.0.4" } }) },
  { name: "mcp-remote ^0.0.4 admits 0.0.4 only", code: pkg({ dependencies: { "mcp-remote": "^0.0.4" } }) },
  { name: "packages without advisories", code: pkg({ dependencies: { zod: "^3.0.0", express: "4.0.0", "@modelcontextprotocol/client": "1.0.0" } }) },
  {
    name: "specifiers that are not ranges",
    code: pkg({
      dependencies: { [SDK]: "latest" },
      devDependencies: { [SDK]: "workspace:^" },
      optionalDependencies: { [SDK]: "file:../sdk" },
      peerDependencies: { [SDK]: "github:modelcontextprotocol/typescript-sdk#v1.20.0" },
      overrides: { [SDK]: "link:../sdk" },
    }),
  },
  { name: "a tarball URL", code: sdk("https://registry.npmjs.org/@modelcontextprotocol/sdk/-/sdk-1.20.0.tgz") },
  ...["1.2.3beta", "01.2.3", "^^1.20.0", ">=x.y", "1.20.0 ||| 2", "not a version at all"].map((spec) => ({ name: `invalid range ${JSON.stringify(spec)}`, code: sdk(spec) })),
  { name: "an impossible range", code: sdk(">=2.0.0 <1.0.0") },
  { name: "a version that is a number", code: `{ "dependencies": { "${SDK}": 1.2 } }` },
  { name: "a version that is an object", code: `{ "dependencies": { "${SDK}": { "version": "1.20.0" } } }` },
  { name: "a version that is null or a boolean", code: `{ "dependencies": { "${SDK}": null, "mcp-remote": true } }` },
  { name: "dependencies that are an array", code: `{ "dependencies": ["${SDK}@1.20.0"] }` },
  { name: "dependencies that are a string", code: `{ "dependencies": "${SDK}@1.20.0" }` },
  { name: "overrides that are an array", code: `{ "overrides": [{ "${SDK}": "1.20.0" }] }` },
  { name: "an override that references a root dependency", code: pkg({ dependencies: { [SDK]: "^1.32.0" }, overrides: { [SDK]: `$${SDK}` } }) },
  { name: "an override whose key is not a package name", code: pkg({ overrides: { "not a name": "1.20.0", "": "1.20.0" } }) },
  { name: "a nested \".\" at the top of overrides names no package", code: pkg({ overrides: { ".": "1.20.0" } }) },
  { name: "the name and version of the package itself", code: pkg({ name: SDK, version: "1.20.0" }) },
  { name: "bundledDependencies are names, not ranges", code: pkg({ bundledDependencies: [SDK] }) },
  { name: "a dependency section nested elsewhere", code: pkg({ config: { dependencies: { [SDK]: "1.20.0" } } }) },
  { name: "an ignored advisory, by CVE id", code: sdk("1.31.0"), options: [{ ignore: [OOM] }] },
  { name: "an ignored advisory, by GHSA id", code: sdk("1.31.0"), options: [{ ignore: ["GHSA-46jr-4wx8-v453"] }] },
  { name: "every SDK advisory ignored", code: sdk("^1.0.0"), options: [{ ignore: ALL_SDK }] },
  { name: "not package.json: the file name does not matter, the config's files do", code: sdk("^1.32.0"), filename: "other.json" },
  {
    name: "a duplicate top-level key: the last one counts, as in JSON.parse",
    code: `{ "dependencies": { "${SDK}": "1.20.0" }, "dependencies": { "${SDK}": "1.32.0" } }`,
    language: "json/jsonc",
  },
];

runJsonRuleTests(RULE, rule, {
  valid,
  invalid: [...forms, ...straddling, ...prerelease, ...sections, ...rows, ...languages],
});

describe(`${RULE} on large input`, () => {
  it("stays fast on a manifest with thousands of dependencies and deep overrides", async () => {
    const { ESLint } = await import("eslint");
    const { default: plugin } = await import("../../src/index.js");
    const dependencies = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`pkg-${i}`, `^${i % 7}.${i % 13}.0`]));
    dependencies[SDK] = "^1.20.0";
    let overrides: Record<string, unknown> = { [SDK]: "1.20.0" };
    for (let depth = 0; depth < 200; depth++) overrides = { [`level-${depth}`]: overrides };
    const code = pkg({ name: "big", dependencies, overrides });
    const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const started = performance.now();
    const [result] = await eslint.lintText(code, { filePath: "package.json" });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.messages.filter((message) => message.fatal)).toEqual([]);
    // The dependency is reported; the override 200 levels deep is past the depth the rule follows.
    expect(result.messages.map((message) => message.ruleId)).toEqual([`secure-mcp/${RULE}`]);
  });
});
