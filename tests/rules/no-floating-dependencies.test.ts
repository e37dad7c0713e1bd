import rule from "../../src/rules/no-floating-dependencies.js";
import { pkg, runJsonRuleTests, type ExpectedJsonError, type JsonCase, type JsonInvalidCase } from "../utils/json-tester.js";

const RULE = "no-floating-dependencies";
const SDK = "@modelcontextprotocol/sdk";

type MessageId = "tag" | "anyVersion" | "unbounded" | "git" | "gitCommit" | "url";

/** An MCP server's manifest (it depends on the SDK) with more runtime dependencies. */
function server(dependencies: Record<string, string>, extra: Record<string, unknown> = {}): string {
  return pkg({ name: "weather-server", version: "1.0.0", type: "module", dependencies: { [SDK]: "^1.32.0", ...dependencies }, ...extra });
}

function error(messageId: MessageId, name: string, spec: string, data: Record<string, string> = {}, at = JSON.stringify(spec)): ExpectedJsonError {
  return { messageId, at, data: { name, spec, ...data }, suggestions: [] };
}

function invalid(name: string, code: string, errors: ExpectedJsonError[], extra: Partial<JsonCase> = {}): JsonInvalidCase {
  return { name, code, errors, ...extra };
}

const specifiers: JsonInvalidCase[] = [
  invalid("latest", server({ zod: "latest" }), [error("tag", "zod", "latest", { tag: "latest" })]),
  invalid("another dist-tag", server({ undici: "next" }), [error("tag", "undici", "next", { tag: "next" })]),
  invalid("*", server({ zod: "*" }), [error("anyVersion", "zod", "*")]),
  invalid("x", server({ zod: "x" }), [error("anyVersion", "zod", "x")]),
  invalid("an empty string", server({ zod: "" }), [error("anyVersion", "zod", "")]),
  invalid(">=0", server({ zod: ">=0" }), [error("anyVersion", "zod", ">=0")]),
  invalid(">= with no upper bound", server({ zod: ">=3.25.0" }), [error("unbounded", "zod", ">=3.25.0")]),
  invalid("> with no upper bound", server({ zod: ">3" }), [error("unbounded", "zod", ">3")]),
  invalid("an unbounded alternative", server({ zod: "^3.25.0 || >=4" }), [error("unbounded", "zod", "^3.25.0 || >=4")]),
  invalid("an any-version alternative", server({ zod: "^3.25.0 || *" }), [error("anyVersion", "zod", "^3.25.0 || *")]),
  invalid("git+https", server({ "my-lib": "git+https://github.com/acme/my-lib.git" }), [error("git", "my-lib", "git+https://github.com/acme/my-lib.git")]),
  invalid("git+ssh with a branch", server({ "my-lib": "git+ssh://git@github.com/acme/my-lib.git#main" }), [
    error("git", "my-lib", "git+ssh://git@github.com/acme/my-lib.git#main"),
  ]),
  invalid("git://", server({ "my-lib": "git://github.com/acme/my-lib.git" }), [error("git", "my-lib", "git://github.com/acme/my-lib.git")]),
  invalid("github: shortcut", server({ "my-lib": "github:acme/my-lib" }), [error("git", "my-lib", "github:acme/my-lib")]),
  invalid("gitlab: shortcut with a semver committish", server({ "my-lib": "gitlab:acme/my-lib#semver:^1.0.0" }), [
    error("git", "my-lib", "gitlab:acme/my-lib#semver:^1.0.0"),
  ]),
  invalid("GitHub shorthand user/repo", server({ "my-lib": "acme/my-lib" }), [error("git", "my-lib", "acme/my-lib")]),
  invalid("GitHub shorthand with a tag", server({ "my-lib": "acme/my-lib#v1.2.0" }), [error("git", "my-lib", "acme/my-lib#v1.2.0")]),
  invalid("scp-like git URL", server({ "my-lib": "git@github.com:acme/my-lib.git" }), [error("git", "my-lib", "git@github.com:acme/my-lib.git")]),
  invalid("https URL of a GitHub repository", server({ "my-lib": "https://github.com/acme/my-lib" }), [error("git", "my-lib", "https://github.com/acme/my-lib")]),
  invalid("git pinned to a full commit", server({ "my-lib": "github:acme/my-lib#0123456789abcdef0123456789abcdef01234567" }), [
    error("gitCommit", "my-lib", "github:acme/my-lib#0123456789abcdef0123456789abcdef01234567"),
  ]),
  invalid("a tarball URL", server({ "my-lib": "https://example.com/my-lib-1.0.0.tgz" }), [error("url", "my-lib", "https://example.com/my-lib-1.0.0.tgz")]),
  invalid("a GitHub archive URL is a tarball", server({ "my-lib": "https://github.com/acme/my-lib/archive/refs/heads/main.tar.gz" }), [
    error("url", "my-lib", "https://github.com/acme/my-lib/archive/refs/heads/main.tar.gz"),
  ]),
  invalid("an http URL", server({ "my-lib": "http://example.com/my-lib.tgz" }), [error("url", "my-lib", "http://example.com/my-lib.tgz")]),
  invalid("an npm: alias of latest", server({ validator: "npm:zod@latest" }), [error("tag", "validator", "npm:zod@latest", { tag: "latest" })]),
  invalid("an npm: alias with no version", server({ validator: "npm:zod" }), [error("anyVersion", "validator", "npm:zod")]),
  invalid("an npm: alias with no upper bound", server({ validator: "npm:@acme/zod@>=3" }), [error("unbounded", "validator", "npm:@acme/zod@>=3")]),
  invalid("the MCP framework itself", pkg({ dependencies: { [SDK]: "latest" } }), [error("tag", SDK, "latest", { tag: "latest" })]),
  invalid(
    "several at once, each at its own string",
    server({ a: "latest", b: "^1.0.0", c: "*", d: "github:acme/d" }),
    [error("tag", "a", "latest", { tag: "latest" }), error("anyVersion", "c", "*"), error("git", "d", "github:acme/d")],
  ),
  invalid("optionalDependencies are installed too", pkg({ dependencies: { [SDK]: "^1.32.0" }, optionalDependencies: { "fsevents": "*" } }), [
    error("anyVersion", "fsevents", "*"),
  ]),
];

/** What makes a manifest an MCP server's. */
const gates: JsonInvalidCase[] = [
  invalid("an MCP server by its bin (string)", pkg({ name: "cli", bin: "dist/index.js", dependencies: { zod: "latest" } }), [
    error("tag", "zod", "latest", { tag: "latest" }),
  ]),
  invalid("an MCP server by its bin (object)", pkg({ name: "cli", bin: { "my-server": "dist/index.js" }, dependencies: { zod: "latest" } }), [
    error("tag", "zod", "latest", { tag: "latest" }),
  ]),
  ...["@modelcontextprotocol/server", "@modelcontextprotocol/node", "fastmcp", "mcp-framework", "mcp-handler"].map((framework) =>
    invalid(`an MCP server by ${framework}`, pkg({ dependencies: { [framework]: "^1.0.0", zod: "latest" } }), [
      error("tag", "zod", "latest", { tag: "latest" }),
    ]),
  ),
  invalid("an MCP framework as a peer dependency", pkg({ peerDependencies: { [SDK]: "^1.32.0" }, dependencies: { zod: "latest" } }), [
    error("tag", "zod", "latest", { tag: "latest" }),
  ]),
  invalid("an MCP framework through an alias", pkg({ dependencies: { "mcp-sdk": `npm:${SDK}@^1.32.0`, zod: "latest" } }), [
    error("tag", "zod", "latest", { tag: "latest" }),
  ]),
  invalid(
    "a framework named in settings",
    pkg({ dependencies: { "@acme/mcp-kit": "^2.0.0", zod: "latest" } }),
    [error("tag", "zod", "latest", { tag: "latest" })],
    { settings: { "secure-mcp": { frameworkModules: ["@acme/mcp-kit"] } } },
  ),
  invalid(
    "JSONC",
    `{
  // an MCP server
  "bin": "index.js",
  "dependencies": { "zod": "latest" /* for now */ }
}`,
    [error("tag", "zod", "latest", { tag: "latest" })],
    { language: "json/jsonc" },
  ),
];

const valid: JsonCase[] = [
  {
    name: "bounded ranges from the registry",
    code: server({
      zod: "^3.25.0",
      express: "~5.1.0",
      undici: "7.10.0",
      a: "1.x",
      b: "1",
      c: ">=1.2.0 <2.0.0",
      d: "1.0.0 - 2.0.0",
      e: "<2.0.0",
      f: "^1.0.0 || ^2.0.0",
      g: "=1.2.3",
      h: "^1.0.0-beta.1",
    }),
  },
  { name: "local and workspace specifiers", code: server({ a: "file:../a", b: "link:../b", c: "workspace:*", d: "portal:../d", e: "../e", f: "./f" }) },
  { name: "other protocols", code: server({ a: "catalog:", b: "jsr:@std/path@^1.0.0", c: "patch:a@1.0.0#./a.patch" }) },
  { name: "invalid specifiers are another rule's business", code: server({ a: "1.2.3beta", b: "^^1", c: "two words" }) },
  { name: "a package that is not an MCP server", code: pkg({ name: "lib", dependencies: { zod: "latest", a: "*", b: "github:acme/b" } }) },
  { name: "an MCP framework only as a dev dependency, no bin", code: pkg({ devDependencies: { [SDK]: "^1.32.0" }, dependencies: { zod: "latest" } }) },
  { name: "an MCP client is not a server framework", code: pkg({ dependencies: { "@modelcontextprotocol/client": "^2.0.0", zod: "latest" } }) },
  { name: "an empty bin", code: pkg({ bin: {}, dependencies: { zod: "latest" } }) },
  { name: "devDependencies and peerDependencies are not installed for the server's users", code: server({}, { devDependencies: { vitest: "latest" }, peerDependencies: { zod: "*" } }) },
  { name: "overrides apply only where the server is the root", code: server({}, { overrides: { zod: "latest" } }) },
  { name: "allowed by name", code: server({ "my-fork": "github:acme/my-fork", zod: "latest" }), options: [{ allow: ["my-fork", "zod"] }] },
  { name: "dependencies that are an array", code: `{ "bin": "x.js", "dependencies": ["zod@latest"] }` },
  { name: "a version that is a number or null", code: `{ "bin": "x.js", "dependencies": { "zod": 3, "a": null, "b": ["latest"] } }` },
  { name: "bin that is a number", code: `{ "bin": 1, "dependencies": { "zod": "latest" } }` },
  { name: "a framework key that is not a string value", code: `{ "dependencies": { "${SDK}": 1, "zod": "1.0.0" } }` },
];

runJsonRuleTests(RULE, rule, { valid, invalid: [...specifiers, ...gates] });
