/**
 * What to lint and from where. ESLint resolves ignore and `files` patterns relative to its `cwd`, so the scanner runs
 * ESLint from the folder the user named (the common ancestor of the paths): a folder named on purpose is scanned even
 * when it lies in node_modules/, dist/, a git-ignored folder or outside the current folder, while node_modules/,
 * dist/ and git-ignored files *inside* it are skipped.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, parse, relative, resolve, sep } from "node:path";
import { UsageError } from "./args.js";

export interface Targets {
  /** The folder ESLint runs from: ignore patterns and config `files` are relative to it. */
  root: string;
  /** What to pass to `lintFiles`: absolute paths, and glob patterns as given. */
  patterns: string[];
}

const GLOB = /[*?[\]{}]/;

export function resolveTargets(paths: string[], cwd: string): Targets {
  const folders: string[] = [];
  const patterns: string[] = [];
  let globs = false;
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    if (existsSync(absolute)) {
      folders.push(statSync(absolute).isDirectory() ? absolute : dirname(absolute));
      patterns.push(absolute);
    } else if (GLOB.test(path)) {
      // A glob pattern is relative to the current folder, which must then be inside the root.
      globs = true;
      patterns.push(isAbsolute(path) ? path : resolve(cwd, path));
    } else {
      throw new UsageError(`No such file or folder: ${path}${isAbsolute(path) ? "" : ` (looked for ${absolute})`}`);
    }
  }
  if (globs) folders.push(cwd);
  return { root: commonAncestor(folders), patterns };
}

/** The deepest folder that contains every given folder. */
export function commonAncestor(folders: string[]): string {
  let common = folders[0];
  for (const folder of folders.slice(1)) {
    while (!isInside(folder, common)) {
      const parent = dirname(common);
      if (parent === common) return parse(common).root;
      common = parent;
    }
  }
  return common;
}

/** Whether `path` is `folder` or lies inside it. */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}
