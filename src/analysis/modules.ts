import fs from "node:fs";
import path from "node:path";
import * as tsParser from "@typescript-eslint/parser";
import type { TSESTree } from "@typescript-eslint/utils";
import { SourceCode as EslintSourceCode } from "eslint";
import { visitorKeys } from "@typescript-eslint/visitor-keys";
import type { SourceCode } from "./scope.js";

/** Limits that keep following imports cheap and bounded. */
export const MODULE_LIMITS = {
  /** Larger files are generated or bundled code: not parsed. */
  maxFileBytes: 512 * 1024,
  /** Parsed modules kept per process. */
  maxCachedModules: 2000,
};

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** Whether a module specifier points into the project (relative or absolute path). */
export function isLocalSpecifier(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..";
}

/**
 * The file a relative specifier names, trying what TypeScript and Node would: the path itself, `.js` written for a
 * `.ts` file, added extensions and `index` files. Null when nothing exists.
 */
export function resolveLocalModule(fromFile: string, specifier: string): string | null {
  if (!isLocalSpecifier(specifier)) return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const stem = base.replace(/\.(?:[cm]?js|jsx)$/, "");
  const candidates = [
    base,
    ...SOURCE_EXTENSIONS.map((extension) => stem + extension),
    ...SOURCE_EXTENSIONS.map((extension) => path.join(base, `index${extension}`)),
  ];
  for (const candidate of candidates) {
    if (isFile(candidate)) return candidate;
  }
  return null;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

interface CachedModule {
  mtimeMs: number;
  size: number;
  sourceCode: SourceCode | null;
}

const moduleCache = new Map<string, CachedModule>();

/**
 * A module of the project, parsed (TypeScript parser, which reads JavaScript too) with scopes and parent links, as an
 * ESLint `SourceCode` so that every analysis works on it. Cached per path, size and mtime. Null when it cannot be read
 * or parsed, or is too large: an import we cannot follow is skipped, never reported.
 */
export function loadModule(file: string): SourceCode | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  const cached = moduleCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.sourceCode;
  const sourceCode = stat.size > MODULE_LIMITS.maxFileBytes ? null : parseModule(file);
  if (moduleCache.size >= MODULE_LIMITS.maxCachedModules) moduleCache.delete(moduleCache.keys().next().value!);
  moduleCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, sourceCode });
  return sourceCode;
}

function parseModule(file: string): SourceCode | null {
  try {
    const text = fs.readFileSync(file, "utf8");
    const isTypeScript = /\.[cm]?tsx?$/.test(file);
    const result = tsParser.parseForESLint(text, {
      filePath: file,
      sourceType: file.endsWith(".cjs") ? "script" : "module",
      ecmaVersion: "latest",
      range: true,
      loc: true,
      tokens: true,
      comment: true,
      jsx: file.endsWith("x") || !isTypeScript,
    });
    setParents(result.ast as TSESTree.Program);
    return new EslintSourceCode({
      text,
      ast: result.ast as never,
      scopeManager: result.scopeManager as never,
      visitorKeys: result.visitorKeys as never,
      parserServices: result.services,
    }) as unknown as SourceCode;
  } catch {
    return null;
  }
}

/** ESLint sets `parent` while it traverses; a module parsed here gets them once, up front. */
function setParents(root: TSESTree.Node): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === "object" && typeof (child as TSESTree.Node).type === "string") {
          (child as { parent: TSESTree.Node }).parent = node;
          stack.push(child as TSESTree.Node);
        }
      }
    }
  }
}

/** Forget parsed modules (tests). */
export function clearModuleCache(): void {
  moduleCache.clear();
}
