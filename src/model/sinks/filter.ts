import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import { calleeRootName, projectImportNames } from "../../analysis/imports.js";
import { readModuleText, resolveLocalModule } from "../../analysis/modules.js";
import type { SourceCode } from "../../analysis/scope.js";
import { PatternGroup, textMatches } from "../../analysis/text.js";
import type { SinkCall, SinkFamily } from "./types.js";

/**
 * Which calls of a file can be sinks of `family`, decided from the text before any resolution: all of them when the
 * text names the family's modules; otherwise only calls rooted at an import of a project module (a sink reached
 * through `import { execAsync } from "./utils/exec.js"`). Null when no call can be.
 */
export function sinkCallFilter(sourceCode: SourceCode, family: SinkFamily): ((call: SinkCall) => boolean) | null {
  if (!family.textHint) return () => true;
  if (SINK_HINTS.add(family.textHint)) SINK_HINTS.scan(sourceCode.text);
  if (textMatches(sourceCode.text, family.textHint)) return () => true;
  const viaProject = projectImportNames(sourceCode.ast);
  if (viaProject.size === 0) return null;
  return (call) => call.type !== AST_NODE_TYPES.ImportExpression && viaProject.has(calleeRootName(call.callee) ?? "");
}

/** The text hints of the families met so far: every sink rule asks its own of the same file. */
const SINK_HINTS = new PatternGroup();

const PROJECT_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)["']((?:\.\.?\/|~|#|@\/)[^"']+)["']/g;
const reachCache = new Map<string, boolean>();

/**
 * Whether a project module can contain or reach a sink of `family`, from text alone: its text names the family's
 * modules, or one of the project modules it imports can (up to `hops` away). Saves parsing modules that cannot matter.
 */
export function mayReachSinks(file: string, family: SinkFamily, hops: number, seen = new Set<string>()): boolean {
  if (!family.textHint) return true;
  const text = readModuleText(file);
  if (text === null || seen.has(file)) return false;
  const key = `${file}\0${family.rule}\0${hops}\0${text.length}`;
  const cached = reachCache.get(key);
  if (cached !== undefined) return cached;
  seen.add(file);
  let result = textMayHaveSinks(text, family);
  if (!result && hops > 0) result = projectImportsOf(file).some((next) => mayReachSinks(next, family, hops - 1, seen));
  if (reachCache.size > 20_000) reachCache.clear();
  reachCache.set(key, result);
  return result;
}

const importsCache = new Map<string, { text: string; imports: string[] }>();

/** The project modules a file imports, read from its text (resolved paths). */
export function projectImportsOf(file: string): string[] {
  const text = readModuleText(file);
  if (text === null) return [];
  const cached = importsCache.get(file);
  if (cached && cached.text === text) return cached.imports;
  const imports: string[] = [];
  for (const match of text.matchAll(PROJECT_IMPORT)) {
    const resolved = resolveLocalModule(file, match[1]);
    if (resolved && !imports.includes(resolved)) imports.push(resolved);
  }
  if (importsCache.size > 20_000) importsCache.clear();
  importsCache.set(file, { text, imports });
  return imports;
}

/**
 * Whether a text can hold a sink of the family, from its text hint. One regular expression per family: a shared scan
 * for the words of every family cost more than it saved, since the files of an MCP server name `fs` or `http` anyway.
 */
export function textMayHaveSinks(text: string, family: SinkFamily): boolean {
  return !family.textHint || family.textHint.test(text);
}
