/**
 * .gitignore files as flat-config ignore patterns relative to the lint root. ESLint's Node API does not read
 * .gitignore; `includeIgnoreFile()` reads one file relative to the config (or needs `basePath`, ESLint >= 9.30), so the
 * scanner converts each pattern with ESLint's own `convertIgnorePatternToMinimatch()` and rebases it itself:
 *
 * - the .gitignore files of the root and of every folder below it (not inside node_modules/, dist/ or .git/), each
 *   pattern prefixed with the file's folder;
 * - the .gitignore files of the root's ancestors up to the Git work tree's top (and its `.git/info/exclude`): patterns
 *   that match anywhere are kept, patterns anchored above the root are kept when they lead into the root (their
 *   leading folders dropped), and patterns that would ignore the root itself are dropped, since it was named on purpose.
 *
 * Not read: the global `core.excludesFile`. A pattern anchored above the root with a wildcard in a folder that leads to
 * the root (`packages/*\/gen`) is kept only when that wildcard is a whole `*` segment.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { convertIgnorePatternToMinimatch } from "@eslint/config-helpers";

/** Folders the scanner never enters (ESLint itself skips node_modules/ and .git/). */
export const SKIPPED_FOLDERS = ["node_modules", "dist"];
const NOT_WALKED = new Set([...SKIPPED_FOLDERS, ".git"]);
/** A bound on the folders visited to find nested .gitignore files. */
const MAX_FOLDERS = 20_000;

export function gitignorePatterns(root: string): string[] {
  const patterns: string[] = [];
  const top = gitTop(root);
  if (top !== undefined) {
    const ancestors: string[] = [];
    for (let folder = root; folder !== top; folder = dirname(folder)) ancestors.unshift(dirname(folder));
    const infoExclude = join(top, ".git", "info", "exclude");
    for (const file of [infoExclude, ...ancestors.map((folder) => join(folder, ".gitignore"))]) {
      const base = file === infoExclude ? top : dirname(file);
      const toRoot = toPosix(relative(base, root));
      for (const pattern of readPatterns(file)) {
        const rebased = toRoot === "" ? pattern : rebaseIntoRoot(pattern, toRoot);
        if (rebased !== undefined) patterns.push(rebased);
      }
    }
  }
  for (const folder of foldersBelow(root)) {
    const prefix = toPosix(relative(root, folder));
    for (const pattern of readPatterns(join(folder, ".gitignore"))) {
      patterns.push(prefix === "" ? pattern : prefixPattern(pattern, prefix));
    }
  }
  return patterns;
}

/** The top of the Git work tree that contains `folder` (where `.git` is a folder or, in a worktree, a file). */
function gitTop(folder: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    if (existsSync(join(current, ".git"))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/** The patterns of one ignore file, converted to minimatch patterns relative to the file's folder. */
function readPatterns(file: string): string[] {
  let text: string;
  try {
    if (!statSync(file).isFile()) return [];
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(?<!\\)\s+$/, ""))
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map(convertIgnorePatternToMinimatch);
}

function prefixPattern(pattern: string, prefix: string): string {
  const negated = pattern.startsWith("!");
  return `${negated ? "!" : ""}${prefix}/${negated ? pattern.slice(1) : pattern}`;
}

/**
 * A pattern relative to an ancestor of the root, made relative to the root (`toRoot` is the root's path from that
 * ancestor); `undefined` when it cannot match inside the root or would ignore the root itself.
 */
export function rebaseIntoRoot(pattern: string, toRoot: string): string | undefined {
  const negated = pattern.startsWith("!");
  const body = negated ? pattern.slice(1) : pattern;
  const sign = negated ? "!" : "";
  if (body.startsWith("**/")) return pattern;
  const patternSegments = body.split("/");
  const rootSegments = toRoot.split("/");
  for (const [index, rootSegment] of rootSegments.entries()) {
    const segment = patternSegments[index];
    if (segment === "**") return `${sign}${patternSegments.slice(index).join("/")}`;
    if (segment === undefined || segment === "") return undefined;
    if (segment !== rootSegment && segment !== "*") return undefined;
  }
  const rest = patternSegments.slice(rootSegments.length).join("/");
  // Nothing left (`packages/a/`) or only `**`: the pattern names the root itself.
  if (rest === "" || rest === "**") return undefined;
  return `${sign}${rest}`;
}

/** The root and every folder below it that the scanner may lint, parents before children. */
function foldersBelow(root: string): string[] {
  const folders = [root];
  for (let index = 0; index < folders.length && folders.length < MAX_FOLDERS; index++) {
    let entries;
    try {
      entries = readdirSync(folders[index], { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !NOT_WALKED.has(entry.name)) folders.push(join(folders[index], entry.name));
    }
  }
  return folders;
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}
