/**
 * The real-server corpus shared by the integration test (tests/integration/real-servers.test.ts) and the
 * benchmark (scripts/bench.ts): the published builds of real MCP servers, installed as exact-pinned dev dependencies.
 *
 * To add a server: `npm install -D --save-exact <name>@<version>`, check that the `@rollup/rollup-*` entries of
 * package-lock.json survived and that `npm ci` works in a fresh clone, then add an entry below. Prefer packages that
 * add few megabytes (CI runs `npm ci` on every run) and whose code is not one bundled file over MAX_FILE_BYTES.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Linter } from "eslint";

/** How the server is built: the official SDK v1 (`@modelcontextprotocol/sdk`) or v2 (`@modelcontextprotocol/server`), FastMCP, mcp-framework. */
export type Framework = "sdk-v1" | "sdk-v2" | "fastmcp" | "mcp-framework";

export interface CorpusPackage {
  /** npm name of the installed dev dependency. */
  name: string;
  framework: Framework;
  /** The directory holding the package's JavaScript, relative to the repository root. */
  dir: string;
  /** Why it is in the corpus (what it exercises). */
  note: string;
}

export const REAL_SERVERS: readonly CorpusPackage[] = [
  {
    name: "@modelcontextprotocol/server-filesystem",
    framework: "sdk-v1",
    dir: "node_modules/@modelcontextprotocol/server-filesystem/dist",
    note: "reference server: paths from tool input to fs",
  },
  {
    name: "@modelcontextprotocol/server-memory",
    framework: "sdk-v1",
    dir: "node_modules/@modelcontextprotocol/server-memory/dist",
    note: "reference server: low-level Server API",
  },
  {
    name: "@modelcontextprotocol/server-everything",
    framework: "sdk-v1",
    dir: "node_modules/@modelcontextprotocol/server-everything/dist",
    note: "reference server: every protocol feature, many modules",
  },
  {
    name: "@modelcontextprotocol/server-sequential-thinking",
    framework: "sdk-v1",
    dir: "node_modules/@modelcontextprotocol/server-sequential-thinking/dist",
    note: "reference server: registerTool",
  },
  {
    name: "@modelcontextprotocol/sdk",
    framework: "sdk-v1",
    dir: "node_modules/@modelcontextprotocol/sdk/dist/esm/examples/server",
    note: "the SDK's example servers (HTTP, OAuth, elicitation)",
  },
  { name: "tavily-mcp", framework: "sdk-v1", dir: "node_modules/tavily-mcp/build", note: "web-search API client" },
  {
    name: "mcp-server-code-runner",
    framework: "sdk-v1",
    dir: "node_modules/mcp-server-code-runner/dist",
    note: "runs code from tool input through child_process (by design)",
  },
  {
    name: "mcp-server-commands",
    framework: "sdk-v1",
    dir: "node_modules/mcp-server-commands/build",
    note: "runs shell commands from tool input (by design); low-level Server API",
  },
  {
    name: "@djankies/vitest-mcp",
    framework: "sdk-v1",
    dir: "node_modules/@djankies/vitest-mcp/dist",
    note: "spawns vitest with arguments from tool input; many modules",
  },
  { name: "@eslint/mcp", framework: "sdk-v1", dir: "node_modules/@eslint/mcp/src", note: "ESLint's own server: Node API" },
  {
    name: "@upstash/context7-mcp",
    framework: "sdk-v2",
    dir: "node_modules/@upstash/context7-mcp/dist",
    note: "most-downloaded MCP server; SDK v2 over HTTP, JWT, encryption",
  },
  {
    name: "ios-simulator-mcp",
    framework: "sdk-v2",
    dir: "node_modules/ios-simulator-mcp/build",
    note: "SDK v2; runs xcrun/idb through child_process with tool input",
  },
  {
    name: "firecrawl-mcp",
    framework: "fastmcp",
    dir: "node_modules/firecrawl-mcp/dist",
    note: "FastMCP addTool; web-scraping API client",
  },
  {
    name: "ynab-mcp-server",
    framework: "mcp-framework",
    dir: "node_modules/ynab-mcp-server/dist",
    note: "mcp-framework MCPTool classes",
  },
];

export const REAL_SERVER_DIRS: readonly string[] = REAL_SERVERS.map((server) => server.dir);

/** Bundles over this size are skipped: they are mostly vendored libraries, and they dominate the run time. */
export const MAX_FILE_BYTES = 500 * 1024;

const CODE = /\.(?:[cm]?js|[cm]?ts)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

export interface CorpusFiles {
  /** Absolute paths of the files to lint. */
  files: string[];
  /** Files left out for their size, relative to the root. */
  skipped: string[];
}

/**
 * The code files of one corpus directory (absolute paths): JavaScript and TypeScript, not type declarations, source
 * maps, nested node_modules, nor files over MAX_FILE_BYTES.
 */
export function corpusFiles(root: string, dir: string): CorpusFiles {
  const out: CorpusFiles = { files: [], skipped: [] };
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(child);
      } else if (entry.isFile() && CODE.test(entry.name) && !DECLARATION.test(entry.name)) {
        if (statSync(child).size > MAX_FILE_BYTES) out.skipped.push(relative(root, child));
        else out.files.push(child);
      }
    }
  };
  walk(join(root, dir));
  return out;
}

/** All files of the corpus (absolute paths). */
export function allCorpusFiles(root: string): CorpusFiles {
  const parts = REAL_SERVER_DIRS.map((dir) => corpusFiles(root, dir));
  return { files: parts.flatMap((part) => part.files), skipped: parts.flatMap((part) => part.skipped) };
}

/** The corpus package a file belongs to. */
export function packageOf(root: string, file: string): CorpusPackage | undefined {
  const rel = relative(root, file).split(sep).join("/");
  return REAL_SERVERS.find((server) => rel.startsWith(`${server.dir}/`));
}

/** The installed version of a corpus package (from its package.json). */
export function installedVersion(root: string, name: string): string {
  return (JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

/** ESLint ignores node_modules by default, and the corpus lives there. Type declarations are not code. */
export const UNIGNORE_CORPUS: Linter.Config = {
  name: "corpus/unignore-node-modules",
  ignores: ["!**/node_modules/", "**/*.d.ts", "**/*.d.mts", "**/*.d.cts"],
};
