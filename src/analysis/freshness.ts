/**
 * How long answers read from the file system (listings, stats, resolutions, package manifests) are reused.
 *
 * In a long-lived process (an editor's ESLint server) files change between lints: answers are reused for a few
 * seconds, then read again. In a single run (the ESLint CLI, a pre-commit hook, CI, this package's CLI) the project
 * does not change under the linter, and reading it again every few seconds only costs time: a run over a large
 * project would list it again and again. The same inference as typescript-eslint's `inferSingleRun`.
 */

/** The lifetime in a long-lived process. */
export const EDITOR_CACHE_LIFETIME_MS = 5000;

const ESLINT_CLI_SCRIPT = /(?:^|\/)(?:node_modules\/\.bin\/eslint|eslint\/bin\/eslint\.js)$/;

let singleRun: boolean | undefined;

/**
 * Whether this process lints once and exits: `SECURE_MCP_SINGLE_RUN` (or typescript-eslint's `TSESTREE_SINGLE_RUN`)
 * set to `true` or `false` decides; otherwise a process started by the ESLint CLI is one.
 */
export function isSingleRun(): boolean {
  singleRun ??= inferSingleRun(process.env, process.argv[1] ?? "");
  return singleRun;
}

export function inferSingleRun(env: Readonly<Record<string, string | undefined>>, script: string): boolean {
  for (const name of ["SECURE_MCP_SINGLE_RUN", "TSESTREE_SINGLE_RUN"]) {
    const value = env[name]?.trim().toLowerCase();
    if (value === "true") return true;
    if (value === "false") return false;
  }
  return ESLINT_CLI_SCRIPT.test(script.replaceAll("\\", "/"));
}

/** How long a file-system answer may be reused: the whole run in a single run. */
export function cacheLifetimeMs(): number {
  return isSingleRun() ? Number.POSITIVE_INFINITY : EDITOR_CACHE_LIFETIME_MS;
}

/** Forget the inferred mode (tests). */
export function resetSingleRun(): void {
  singleRun = undefined;
}
