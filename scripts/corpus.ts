/**
 * The real-server corpus shared by the integration test (tests/integration/real-servers.test.ts) and the
 * benchmark (scripts/bench.ts): the published builds of real MCP servers, installed as dev dependencies.
 */
import type { Linter } from "eslint";

export const REAL_SERVER_DIRS = [
  "node_modules/@modelcontextprotocol/server-filesystem/dist",
  "node_modules/@modelcontextprotocol/server-memory/dist",
  "node_modules/@modelcontextprotocol/server-everything/dist",
  "node_modules/@modelcontextprotocol/server-sequential-thinking/dist",
  "node_modules/tavily-mcp/build",
  "node_modules/@modelcontextprotocol/sdk/dist/esm/examples/server",
];

/** Glob patterns of the JavaScript files of the corpus. */
export const REAL_SERVER_PATTERNS = REAL_SERVER_DIRS.map((dir) => `${dir}/**/*.{js,mjs,cjs}`);

/** ESLint ignores node_modules by default, and the corpus lives there. Type declarations are not code. */
export const UNIGNORE_CORPUS: Linter.Config = {
  name: "corpus/unignore-node-modules",
  ignores: ["!**/node_modules/", "**/*.d.ts", "**/*.d.mts", "**/*.d.cts"],
};
