/**
 * ESLint and the plugin, loaded only when a scan runs: `--help`, `--version` and usage errors answer at once instead of
 * after the TypeScript parser has loaded. (The build keeps `import()` of external modules lazy; the plugin entry is
 * the package's own dist/index.js.)
 */
import type { ESLint } from "eslint";
import type { SecureMcpPlugin } from "../index.js";

export async function loadESLint(): Promise<typeof ESLint> {
  return (await import("eslint")).ESLint;
}

export async function loadPlugin(): Promise<SecureMcpPlugin> {
  return (await import("../index.js")).default;
}
