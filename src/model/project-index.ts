import fs from "node:fs";
import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import type { FunctionNode } from "../analysis/ast.js";
import { DataFlow } from "../analysis/dataflow.js";
import { MODULE_LIMITS, loadModule, readModuleText, resolveLocalModule, statCached } from "../analysis/modules.js";
import { cacheLifetimeMs } from "../analysis/freshness.js";
import type { SourceCode, Variable } from "../analysis/scope.js";
import { TaintTracker } from "../analysis/taint.js";
import { flowKnowledge } from "../knowledge/flow.js";
import { HANDLER_TEXT_HINT, MCP_TEXT_HINT, isFrameworkPackage } from "../knowledge/frameworks.js";
import { projectImportsOf } from "./sinks/filter.js";
import { MAX_IMPORT_HOPS, findExportedFunction, otherFieldsOf, outboundCalls, receivesField } from "./cross-file.js";
import { findHandlers } from "./handlers.js";
import { settingsKey, type ModelSettings } from "./settings.js";
import { profileKnowledge, type SinkProfile } from "./taint-profile.js";
import { textIncludes } from "../analysis/text.js";

/** Bounds of the project scan. */
export const PROJECT_LIMITS = {
  maxFiles: 4000,
  maxDepth: 12,
};

/** An exported function of a project module whose parameter receives client input from a handler elsewhere. */
export interface HandlerEntry {
  file: string;
  exportPath: readonly string[];
  paramIndex: number;
  /** The one field of an options object argument that carries tool input, or null for the whole argument. */
  field: string | null;
  /** The originating handler's label, for messages: `tool "kubectl_get"`. */
  handlerLabel: string;
  /**
   * The values that reach the parameter: one per call that makes this an entry (a handler registered by reference
   * receives the whole input). Some families judge the shape of the value (a URL whose origin is fixed cannot change
   * where a request goes).
   */
  passed: PassedValue[];
}

/** A value a caller passes to an entry's parameter, and what reached the caller itself (for a chain of helpers). */
export interface PassedValue {
  /**
   * Null for the whole client input (a handler registered by reference). `carriesInput` answers with the family's
   * own guards (a tracker per profile, made when first asked).
   */
  value: { sourceCode: SourceCode; node: TSESTree.Node; carriesInput: (part: TSESTree.Node, profile: SinkProfile) => boolean } | null;
  /** What the caller received, when the caller is an entry too; its own entry's list (later calls are added to it). */
  from: PassedValue[] | null;
}

interface RegistrationFile {
  mtimeMs: number;
  size: number;
  /** The text mentions an MCP framework and a registration. */
  isRegistration: boolean;
  /** What its handlers pass to other modules; computed the first time a file it can reach asks. */
  entries?: HandlerEntry[];
}

interface ProjectState {
  listedAt: number;
  registrations: Map<string, RegistrationFile>;
  /** The listed files, made once per listing. */
  files?: string[];
  /** The files that register handlers, made once per listing: every linted file asks, most files are not one. */
  registrationFiles?: Array<[string, RegistrationFile]>;
}

const projects = new Map<string, ProjectState>();
const SKIPPED_DIRS = new Set(["node_modules", "coverage", ".git"]);
const BUILD_DIRS = new Set(["dist", "build", "out", "lib-cjs", "esm", "cjs"]);
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/**
 * Functions of `file` that handlers in other files of the project call with client input: a per-process index built
 * lazily from the files near the linted one that mention an MCP framework (a text test before any parse).
 */
export function handlerEntriesFor(file: string, settings: ModelSettings): HandlerEntry[] {
  const root = projectRoot(file);
  if (!root) return [];
  const state = refresh(root, file, settings);
  const result: HandlerEntry[] = [];
  state.registrationFiles ??= [...state.registrations].filter(([, registration]) => registration.isRegistration);
  for (const [candidate, registration] of state.registrationFiles) {
    // Only registration files whose imports (read from text) lead to this file within the hop limit are parsed.
    if (!importsReach(candidate, file, MAX_IMPORT_HOPS)) continue;
    registration.entries ??= registrationEntries(candidate, settings);
    for (const entry of registration.entries) if (entry.file === file) result.push(entry);
  }
  return result;
}

/** The source files of the project `file` belongs to (the cached listing the index is built from). */
export function projectFilesNear(file: string, settings: ModelSettings): string[] {
  const root = projectRoot(file);
  if (!root) return [];
  const state = refresh(root, file, settings);
  return (state.files ??= [...state.registrations.keys()]);
}

/** Whether `from` imports `target`, directly or through project imports, within `hops` modules (text only). */
export function importsReach(from: string, target: string, hops: number): boolean {
  let frontier = [from];
  const seen = new Set(frontier);
  for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const file of frontier) {
      for (const imported of projectImportsOf(file)) {
        if (imported === target) return true;
        if (!seen.has(imported)) {
          seen.add(imported);
          next.push(imported);
        }
      }
    }
    frontier = next;
  }
  return false;
}

function refresh(root: string, file: string, settings: ModelSettings): ProjectState {
  const key = `${root}\0${settingsKey(settings)}`;
  const previous = projects.get(key);
  const now = Date.now();
  if (previous && now - previous.listedAt <= cacheLifetimeMs()) return previous;
  const insideBuild = path.relative(root, file).split(path.sep).some((segment) => BUILD_DIRS.has(segment));
  const state: ProjectState = { listedAt: now, registrations: new Map() };
  for (const candidate of listSourceFiles(root, insideBuild)) {
    const known = previous?.registrations.get(candidate);
    const stat = statOf(candidate);
    if (!stat) continue;
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) {
      state.registrations.set(candidate, known);
      continue;
    }
    const text = stat.size > MODULE_LIMITS.maxFileBytes ? null : readModuleText(candidate);
    state.registrations.set(candidate, { ...stat, isRegistration: text !== null && isRegistrationText(text, settings) });
  }
  projects.set(key, state);
  return state;
}

function statOf(file: string): { mtimeMs: number; size: number } | null {
  const stat = statCached(file);
  return stat ? { mtimeMs: stat.mtimeMs, size: stat.size } : null;
}

function registrationEntries(file: string, settings: ModelSettings): HandlerEntry[] {
  const sourceCode = loadModule(file);
  return sourceCode ? entriesOf(sourceCode, file, settings) : [];
}

function isRegistrationText(text: string, settings: ModelSettings): boolean {
  const mentionsFramework = MCP_TEXT_HINT.test(text) || settings.frameworkModules.some((module) => text.includes(module));
  const mentionsHandler = HANDLER_TEXT_HINT.test(text) || settings.handlerHelpers.some((name) => text.includes(name));
  return mentionsFramework && mentionsHandler;
}

/** What the handlers of one registration file pass on to other modules, followed a few hops. */
function entriesOf(sourceCode: SourceCode, file: string, settings: ModelSettings): HandlerEntry[] {
  try {
    const { handlers, imported } = findHandlers(sourceCode, settings);
    const entries: HandlerEntry[] = [];
    for (const handler of imported) {
      const target = resolveLocalModule(file, handler.module);
      if (!target) continue;
      for (const paramIndex of handler.inputIndexes) {
        entries.push({ file: target, exportPath: handler.exportPath, paramIndex, field: null, handlerLabel: handler.label, passed: [{ value: null, from: null }] });
      }
    }
    if (handlers.length > 0) {
      const flow = new DataFlow(sourceCode, flowKnowledge());
      const seeds: Array<readonly [Variable, string]> = [];
      for (const handler of handlers) {
        const inputIndexes = new Set(handler.inputParams.map((param) => handler.fn.params.indexOf(param)));
        for (const [variable, index] of flow.paramIndex(handler.fn)) if (inputIndexes.has(index)) seeds.push([variable, handler.label]);
      }
      const roots = handlers.map((handler) => handler.fn);
      const tracker = new TaintTracker(flow, seeds, roots);
      const carriesInput = profileTaint(sourceCode, seeds, roots);
      for (const outbound of outboundCalls(sourceCode, file, tracker)) {
        const passed = [{ value: { sourceCode, node: outbound.argument, carriesInput }, from: null }];
        entries.push({
          file: outbound.file,
          exportPath: outbound.exportPath,
          paramIndex: outbound.argumentIndex,
          field: outbound.field,
          handlerLabel: outbound.hit.source,
          passed,
        });
      }
    }
    return withFurtherHops(entries);
  } catch {
    return [];
  }
}

/** Entries for the helpers that handler modules pass the input on to, up to `MAX_IMPORT_HOPS` away. */
function withFurtherHops(first: HandlerEntry[]): HandlerEntry[] {
  const all = [...first];
  const seen = new Map(first.map((entry) => [entryKey(entry), entry] as const));
  let frontier = first;
  for (let hop = 1; hop < MAX_IMPORT_HOPS && frontier.length > 0; hop++) {
    const next: HandlerEntry[] = [];
    for (const entry of frontier) {
      for (const further of followEntry(entry)) {
        const key = entryKey(further);
        const existing = seen.get(key);
        // Another way into a function already followed: its values join the entry's (helpers followed from it see them).
        if (existing) existing.passed.push(...further.passed.filter((value) => !existing.passed.includes(value)));
        if (existing) continue;
        seen.set(key, further);
        next.push(further);
      }
    }
    all.push(...next);
    frontier = next;
  }
  return all;
}

function followEntry(entry: HandlerEntry): HandlerEntry[] {
  const sourceCode = loadModule(entry.file);
  const target = sourceCode ? findExportedFunction(sourceCode, entry.file, entry.exportPath, MAX_IMPORT_HOPS) : null;
  if (!target) return [];
  const targetSource = loadModule(target.file);
  if (!targetSource) return [];
  const result: HandlerEntry[] = [];
  // A re-export (`export * from "./x.js"`): the function lives in the file the barrel forwards to.
  if (target.file !== entry.file) result.push({ ...entry, file: target.file, exportPath: target.exportPath });
  const flow = new DataFlow(targetSource, flowKnowledge());
  const params = [...flow.paramIndex(target.fn)].filter(([, index]) => index === entry.paramIndex).map(([variable]) => variable);
  const seeds = params.filter((variable) => entry.field === null || receivesField(variable, entry.field)).map((variable) => [variable, entry.handlerLabel] as const);
  if (seeds.length === 0) return result;
  const tracker = new TaintTracker(flow, seeds, [target.fn], { isSafeField: otherFieldsOf(targetSource, params, entry.field) });
  const carriesInput = profileTaint(targetSource, seeds, [target.fn]);
  for (const outbound of outboundCalls(targetSource, target.file, tracker)) {
    const passed = [{ value: { sourceCode: targetSource, node: outbound.argument, carriesInput }, from: entry.passed }];
    result.push({
      file: outbound.file,
      exportPath: outbound.exportPath,
      paramIndex: outbound.argumentIndex,
      field: outbound.field,
      handlerLabel: entry.handlerLabel,
      passed,
    });
  }
  return result;
}

/** Whether a node carries the seeds' data for a family's profile: one tracker per profile, made when first asked. */
function profileTaint(
  sourceCode: SourceCode,
  seeds: ReadonlyArray<readonly [Variable, string]>,
  roots: readonly FunctionNode[],
): (part: TSESTree.Node, profile: SinkProfile) => boolean {
  const trackers = new Map<string, TaintTracker<string>>();
  return (part, profile) => {
    let tracker = trackers.get(profile.name);
    if (!tracker) {
      tracker = new TaintTracker(new DataFlow(sourceCode, profileKnowledge(profile)), seeds, roots);
      trackers.set(profile.name, tracker);
    }
    return tracker.taintOf(part) !== null;
  };
}

function entryKey(entry: HandlerEntry): string {
  return `${entry.file}\0${entry.exportPath.join(".")}\0${entry.paramIndex}\0${entry.field ?? ""}`;
}

/** The nearest folder with a `package.json`, or null for a file outside any package (nothing to index). */
function projectRoot(file: string): string | null {
  const now = Date.now();
  // By the file's own name: several analyses ask for every file, and resolving the name each time cost more.
  const cached = rootCache.get(file);
  if (cached && now - cached.at < cacheLifetimeMs()) return cached.root;
  const root = findRoot(path.dirname(path.resolve(file)));
  // A relative name depends on the working directory, which may change: not remembered.
  if (!path.isAbsolute(file)) return root;
  if (rootCache.size > 10_000) rootCache.clear();
  rootCache.set(file, { at: now, root });
  return root;
}

const rootCache = new Map<string, { at: number; root: string | null }>();

function findRoot(start: string): string | null {
  let dir = start;
  for (let depth = 0; depth < PROJECT_LIMITS.maxDepth; depth++) {
    if (statCached(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  return null;
}

function listSourceFiles(root: string, includeBuildDirs: boolean): string[] {
  const files: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (files.length >= PROJECT_LIMITS.maxFiles || depth > PROJECT_LIMITS.maxDepth) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".") || SKIPPED_DIRS.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!includeBuildDirs && BUILD_DIRS.has(entry.name)) continue;
        // A nested package is a project of its own (a monorepo's packages, test fixtures).
        if (statCached(path.join(full, "package.json"))) continue;
        visit(full, depth + 1);
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !entry.name.endsWith(".d.ts") && files.length < PROJECT_LIMITS.maxFiles) {
        files.push(full);
      }
    }
  };
  visit(root, 0);
  return files;
}

/** Forget every project index (tests). */
export function clearProjectIndex(): void {
  projects.clear();
}

const manifestCache = new Map<string, { at: number; usesMcp: boolean }>();

/**
 * Whether the package a file belongs to depends on an MCP framework (or a module named in the settings): in other
 * packages a file without handlers of its own cannot receive tool input from elsewhere, so it is skipped outright.
 * Files outside any package are given the benefit of the doubt.
 */
export function packageUsesMcp(file: string, settings: ModelSettings): boolean {
  const root = projectRoot(file);
  if (!root) return true;
  const now = Date.now();
  const cached = manifestCache.get(root);
  if (cached && now - cached.at < cacheLifetimeMs()) return cached.usesMcp;
  let usesMcp = true;
  const text = readModuleText(path.join(root, "package.json"));
  if (text !== null) {
    try {
      const manifest = JSON.parse(text) as Record<string, unknown>;
      const names = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"].flatMap((key) =>
        Object.keys((manifest[key] as Record<string, unknown> | undefined) ?? {}),
      );
      usesMcp = names.some((name) => isFrameworkPackage(name, settings.frameworkModules));
    } catch {
      usesMcp = true;
    }
  }
  manifestCache.set(root, { at: now, usesMcp });
  return usesMcp;
}

/** A substring test (fast) for a file that imports an MCP framework although its package does not declare one. */
export function mentionsMcpModule(text: string, settings: ModelSettings): boolean {
  return (
    textIncludes(text, "@modelcontextprotocol/") ||
    textIncludes(text, "fastmcp") ||
    textIncludes(text, "mcp-framework") ||
    textIncludes(text, "agents/mcp") ||
    textIncludes(text, "mcp-handler") ||
    settings.frameworkModules.some((module) => textIncludes(text, module))
  );
}
