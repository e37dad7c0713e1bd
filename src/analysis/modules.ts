import fs from "node:fs";
import path from "node:path";
import * as tsParser from "@typescript-eslint/parser";
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { SourceCode as EslintSourceCode } from "eslint";
import { visitorKeys } from "@typescript-eslint/visitor-keys";
import { skipWrappers, staticKeyName } from "./ast.js";
import type { SourceCode } from "./scope.js";
import { cacheLifetimeMs } from "./freshness.js";

/** Limits that keep following imports cheap and bounded. */
export const MODULE_LIMITS = {
  /** Larger files are generated or bundled code: not parsed. */
  maxFileBytes: 512 * 1024,
  /** Parsed modules kept per process. */
  maxCachedModules: 2000,
};

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/**
 * Whether a module specifier may point into the project: a relative path, or a common path alias (`~/x`, `@/x`,
 * `#x`) that `tsconfig.json` `paths` may map. A cheap syntactic test; `resolveLocalModule` decides.
 */
export function isLocalSpecifier(specifier: string): boolean {
  return /^\.\.?(?:\/|$)/.test(specifier) || /^(?:~|#|@\/)/.test(specifier);
}

/**
 * The file a project specifier names, trying what TypeScript and Node would: the path itself, `.js` written for a
 * `.ts` file, added extensions and `index` files; for aliases, the nearest `tsconfig.json` `paths`. Null when nothing
 * exists (a package, or a file we cannot find: never an error).
 */
export function resolveLocalModule(fromFile: string, specifier: string): string | null {
  const key = `${path.dirname(fromFile)}\0${specifier}`;
  const now = Date.now();
  const cached = resolutionCache.get(key);
  if (cached && now - cached.at < cacheLifetimeMs()) return cached.file;
  const file = resolveUncached(fromFile, specifier);
  if (resolutionCache.size > 50_000) resolutionCache.clear();
  resolutionCache.set(key, { at: now, file });
  return file;
}

const resolutionCache = new Map<string, { at: number; file: string | null }>();

function resolveUncached(fromFile: string, specifier: string): string | null {
  if (/^\.\.?(?:\/|$)/.test(specifier)) return resolveFile(path.resolve(path.dirname(fromFile), specifier));
  const config = tsconfigFor(path.dirname(fromFile));
  if (!config) return null;
  for (const [pattern, targets] of config.paths) {
    const star = pattern.indexOf("*");
    const prefix = star < 0 ? pattern : pattern.slice(0, star);
    const suffix = star < 0 ? "" : pattern.slice(star + 1);
    if (star < 0 ? specifier !== pattern : !(specifier.startsWith(prefix) && specifier.endsWith(suffix))) continue;
    const matched = star < 0 ? "" : specifier.slice(prefix.length, specifier.length - suffix.length);
    for (const target of targets) {
      const found = resolveFile(path.resolve(config.baseDir, target.replace("*", matched)));
      if (found) return found;
    }
  }
  return null;
}

function resolveFile(base: string): string | null {
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

interface PathsConfig {
  baseDir: string;
  paths: Array<[string, string[]]>;
}

const tsconfigCache = new Map<string, PathsConfig | null>();

/** `compilerOptions.paths` of the nearest `tsconfig.json` (comments allowed; `extends` not followed). */
function tsconfigFor(dir: string): PathsConfig | null {
  const cached = tsconfigCache.get(dir);
  if (cached !== undefined) return cached;
  let result: PathsConfig | null = null;
  const file = path.join(dir, "tsconfig.json");
  if (isFile(file)) {
    result = readPaths(file);
  } else {
    const parent = path.dirname(dir);
    if (parent !== dir && !fs.existsSync(path.join(dir, "package.json"))) result = tsconfigFor(parent);
  }
  tsconfigCache.set(dir, result);
  return result;
}

/** JSON with comments and trailing commas, as tsconfig allows, to plain JSON (strings are left alone). */
export function stripJsonComments(text: string): string {
  let result = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      result += text.slice(i, end + 1);
      i = end;
    } else if (char === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      result += "\n";
    } else if (char === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else {
      result += char;
    }
  }
  return result.replace(/,(\s*[}\]])/g, "$1");
}

function readPaths(file: string): PathsConfig | null {
  try {
    const text = fs.readFileSync(file, "utf8");
    const json = JSON.parse(stripJsonComments(text)) as {
      compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> };
    };
    const options = json.compilerOptions ?? {};
    if (!options.paths) return null;
    const baseDir = path.resolve(path.dirname(file), options.baseUrl ?? ".");
    return { baseDir, paths: Object.entries(options.paths).filter(([, targets]) => Array.isArray(targets)) };
  } catch {
    return null;
  }
}

const statCache = new Map<string, { at: number; stat: fs.Stats | null }>();

const absolutePaths = new Map<string, string>();

/** `path.resolve(file)`, remembered: every rule asks it of the file it lints, and the model of the files it reaches. */
export function absolutePath(file: string): string {
  let absolute = absolutePaths.get(file);
  if (absolute === undefined) {
    absolute = path.resolve(file);
    // A relative name depends on the working directory, which may change: not remembered.
    if (!path.isAbsolute(file)) return absolute;
    if (absolutePaths.size > 10_000) absolutePaths.clear();
    absolutePaths.set(file, absolute);
  }
  return absolute;
}

/** `fs.statSync`, remembered (module resolution asks the same questions for every file): see `cacheLifetimeMs`. */
export function statCached(file: string): fs.Stats | null {
  const now = Date.now();
  const cached = statCache.get(file);
  if (cached && now - cached.at < cacheLifetimeMs()) return cached.stat;
  let stat: fs.Stats | null = null;
  try {
    // A missing file is the common answer (module resolution tries several names): no exception built for it.
    stat = fs.statSync(file, { throwIfNoEntry: false }) ?? null;
  } catch {
    stat = null;
  }
  if (statCache.size > 50_000) statCache.clear();
  statCache.set(file, { at: now, stat });
  return stat;
}

function isFile(file: string): boolean {
  return statCached(file)?.isFile() ?? false;
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
  const stat = statCached(file);
  if (!stat) return null;
  const cached = moduleCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.sourceCode;
  const sourceCode = stat.size > MODULE_LIMITS.maxFileBytes ? null : (adoptedModule(file, stat) ?? parseModule(file));
  if (moduleCache.size >= MODULE_LIMITS.maxCachedModules) moduleCache.delete(moduleCache.keys().next().value!);
  moduleCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, sourceCode });
  return sourceCode;
}

/**
 * ESLint's parse of the files it has linted, held weakly: a later file of the same run that imports one (or is
 * imported by it) reuses that parse instead of parsing the file again, as long as the garbage collector has not taken
 * it. Holding every linted file strongly would keep the trees of a whole project in memory and make every collection
 * slower; a module that is imported is held strongly once it is reused (`loadModule`).
 */
const adoptedModules = new Map<string, { mtimeMs: number; size: number; sourceCode: WeakRef<SourceCode> }>();

/** Offer the `SourceCode` ESLint made for a linted file, when its text is the file's text on disk (not a `--fix` pass). */
export function adoptLintedModule(sourceCode: SourceCode, file: string): void {
  const stat = statCached(file);
  if (!stat || stat.size > MODULE_LIMITS.maxFileBytes) return;
  const cached = moduleCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return;
  const adopted = adoptedModules.get(file);
  if (adopted && adopted.mtimeMs === stat.mtimeMs && adopted.size === stat.size && adopted.sourceCode.deref()) return;
  if (readModuleText(file) !== sourceCode.text) return;
  if (adoptedModules.size >= MODULE_LIMITS.maxCachedModules) adoptedModules.delete(adoptedModules.keys().next().value!);
  adoptedModules.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, sourceCode: new WeakRef(sourceCode) });
}

function adoptedModule(file: string, stat: fs.Stats): SourceCode | null {
  const adopted = adoptedModules.get(file);
  if (!adopted || adopted.mtimeMs !== stat.mtimeMs || adopted.size !== stat.size) return null;
  adoptedModules.delete(file);
  return adopted.sourceCode.deref() ?? null;
}

function parseModule(file: string): SourceCode | null {
  try {
    const text = readModuleText(file);
    if (text === null) return null;
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
    const sourceCode = new EslintSourceCode({
      text,
      ast: result.ast as never,
      scopeManager: result.scopeManager as never,
      visitorKeys: result.visitorKeys as never,
      parserServices: result.services,
    }) as unknown as SourceCode;
    registerFilename(sourceCode, file);
    return sourceCode;
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

const textCache = new Map<string, { mtimeMs: number; size: number; text: string | null }>();

/** A module's text, cached per size and mtime; null when unreadable or too large to analyse. */
export function readModuleText(file: string): string | null {
  const stat = statCached(file);
  if (!stat) return null;
  const cached = textCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
  let text: string | null = null;
  if (stat.size <= MODULE_LIMITS.maxFileBytes) {
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      text = null;
    }
  }
  if (textCache.size >= MODULE_LIMITS.maxCachedModules * 4) textCache.delete(textCache.keys().next().value!);
  textCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
  return text;
}

/** Forget parsed modules (tests). */
export function clearModuleCache(): void {
  moduleCache.clear();
  adoptedModules.clear();
  resolutionCache.clear();
  statCache.clear();
  textCache.clear();
}

const filenames = new WeakMap<SourceCode, string>();

/** Remember which file a parsed module is, so that its relative imports can be followed. */
export function registerFilename(sourceCode: SourceCode, file: string): void {
  filenames.set(sourceCode, file);
}

export function filenameOf(sourceCode: SourceCode): string | null {
  return filenames.get(sourceCode) ?? null;
}

/** Where an export's value is defined: a node of some project module, or a re-export of a package. */
export type ExportSite =
  | { sourceCode: SourceCode; file: string; name: string; node: TSESTree.Node }
  | { module: string; name: string };

/**
 * The definition behind export `name` of a module (`export function`, `export const`, `export { a as name }`,
 * `export default`, CommonJS `exports.name =`), following `export ... from` and `export *` up to `hops` modules.
 */
export function findExport(sourceCode: SourceCode, file: string, name: string, hops: number): ExportSite | null {
  const local = (node: TSESTree.Node | null | undefined): ExportSite | null => (node ? { sourceCode, file, name, node } : null);
  const forward = (specifier: string, exported: string): ExportSite | null => {
    if (!isLocalSpecifier(specifier)) return { module: specifier, name: exported };
    if (hops <= 0) return null;
    const next = resolveLocalModule(file, specifier);
    const nextSource = next ? loadModule(next) : null;
    return next && nextSource ? findExport(nextSource, next, exported, hops - 1) : null;
  };
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if ((declaration?.type === AST_NODE_TYPES.FunctionDeclaration || declaration?.type === AST_NODE_TYPES.ClassDeclaration) && declaration.id?.name === name) {
        return local(declaration);
      }
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name) return local(declarator.init);
        }
      }
      for (const specifier of statement.specifiers) {
        if (nameOf(specifier.exported) !== name) continue;
        if (statement.source) return forward(statement.source.value, nameOf(specifier.local));
        return local(specifier.local);
      }
    }
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === "default") return local(statement.declaration);
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const fromCommonJs = commonJsExport(statement.expression, name);
      if (fromCommonJs) return local(fromCommonJs);
    }
  }
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && statement.exported === null) {
      const found = forward(statement.source.value, name);
      if (found) return found;
    }
  }
  return null;
}

function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/** `exports.name = value`, `module.exports.name = value`, `module.exports = { name }`. */
function commonJsExport(expression: TSESTree.Expression, name: string): TSESTree.Node | null {
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.left.type !== AST_NODE_TYPES.MemberExpression) return null;
  const target = memberText(expression.left);
  if (target === `exports.${name}` || target === `module.exports.${name}`) return expression.right;
  if (target === "module.exports") {
    const value = skipWrappers(expression.right);
    if (name === "default") return value;
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of value.properties) {
        if (property.type === AST_NODE_TYPES.Property && staticKeyName(property) === name) return property.value;
      }
    }
  }
  return null;
}

function memberText(node: TSESTree.Node): string {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return `${memberText(inner.object)}.${staticKeyName(inner) ?? "?"}`;
  return "?";
}
