import path from "node:path";
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers, staticKeyName, type FunctionNode } from "../analysis/ast.js";
import { instanceClass } from "../analysis/classes.js";
import { callsWithin, getNodeIndex } from "../analysis/node-index.js";
import { DataFlow, classMember } from "../analysis/dataflow.js";
import { resolveCallee, resolveValue } from "../analysis/imports.js";
import { findExport, isLocalSpecifier, loadModule, resolveLocalModule } from "../analysis/modules.js";
import { pathInPattern, variableOf, type SourceCode, type Variable } from "../analysis/scope.js";
import { TaintTracker, type TaintHit } from "../analysis/taint.js";
import { profileKnowledge, type SinkProfile } from "./taint-profile.js";
import { callLabel } from "../util/describe.js";
import { handlerFunction } from "./handlers.js";
import { mayReachSinks, sinkCallFilter } from "./sinks/filter.js";
import type { SinkCall, SinkFamily } from "./sinks/types.js";

/** How far a chain of imports is followed from a handler: registration -> handler module -> its helpers. */
export const MAX_IMPORT_HOPS = 3;

/** A sink in another module that a parameter of one of its exported functions reaches. */
export interface RemoteSink {
  rule: string;
  messageId: string;
  /** `sink` (the call's label) and any extra message data. */
  data: Record<string, string>;
  file: string;
  line: number;
}

/** A call from tainted code to a function of another project module, with the tainted argument. */
export interface OutboundCall<S> {
  call: TSESTree.CallExpression;
  argument: TSESTree.Node;
  argumentIndex: number;
  hit: TaintHit<S>;
  file: string;
  exportPath: readonly string[];
  /** For an object literal argument (`f({ path: args.path, id })`), the tainted property this entry is about. */
  field: string | null;
}

/**
 * Calls to functions of other project modules that pass tainted data, made in the functions client data reaches (the
 * tracker's roots and the same-file helpers they call).
 */
export function outboundCalls<S>(sourceCode: SourceCode, filename: string, tracker: TaintTracker<S>): OutboundCall<S>[] {
  const result: OutboundCall<S>[] = [];
  const seen = new Set<TSESTree.Node>();
  const index = getNodeIndex(sourceCode);
  for (const root of tracker.reachedFunctions) {
    for (const node of callsWithin(index, root)) {
      if (seen.has(node) || node.arguments.length === 0) continue;
      seen.add(node);
      const target = projectCallee(sourceCode, node);
      const file = target ? resolveLocalModule(filename, target.module) : null;
      if (!target || !file) continue;
      node.arguments.forEach((argument, argumentIndex) => {
        // An options object is followed field by field: the callee may use `opts.path` as a path and `opts.id` as data.
        const fields = literalFields(argument);
        if (fields) {
          for (const [field, value] of fields) {
            const hit = tracker.taintOf(value);
            if (hit) result.push({ call: node, argument: value, argumentIndex, hit, file, exportPath: target.exportPath, field });
          }
          return;
        }
        const hit = tracker.taintOf(argument);
        if (hit) result.push({ call: node, argument, argumentIndex, hit, file, exportPath: target.exportPath, field: null });
      });
    }
  }
  return result;
}

/** The properties of an object literal argument with static keys and no spread, or null for any other argument. */
function literalFields(raw: TSESTree.Node): [string, TSESTree.Node][] | null {
  const node = skipWrappers(raw);
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const fields: [string, TSESTree.Node][] = [];
  for (const property of node.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return null;
    const key = staticKeyName(property);
    if (key === null) return null;
    fields.push([key, property.value]);
  }
  return fields;
}

/**
 * The export of a project module a call invokes: an imported function (`handlers.handleRead(args)`), or a method of an
 * instance of an imported class (`service.getFile(key)` with `service: FigmaService`), as `[Class, method]`.
 */
function projectCallee(sourceCode: SourceCode, call: TSESTree.CallExpression): ProjectCallee | null {
  const cached = projectCalleeMemo.get(call);
  if (cached !== undefined) return cached;
  const result = projectCalleeUncached(sourceCode, call);
  projectCalleeMemo.set(call, result);
  return result;
}

type ProjectCallee = { module: string; exportPath: readonly string[] };
const projectCalleeMemo = new WeakMap<TSESTree.CallExpression, ProjectCallee | null>();

function projectCalleeUncached(sourceCode: SourceCode, call: TSESTree.CallExpression): ProjectCallee | null {
  const resolved = resolveCallee(sourceCode, call);
  // A default import (or a CommonJS `require` of a module that exports a function) resolves to the namespace.
  if (resolved && isLocalSpecifier(resolved.module)) return { module: resolved.module, exportPath: resolved.path.length > 0 ? resolved.path : ["default"] };
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = staticKeyName(callee);
  const instance = method ? instanceClass(sourceCode, callee.object) : null;
  return instance?.kind === "imported" ? { module: instance.module, exportPath: [...instance.exportPath, method!] } : null;
}

const summaries = new Map<string, RemoteSink[]>();

/**
 * The sinks of `family` that parameter `paramIndex` of export `exportPath` of `file` reaches, following further
 * project imports up to `hops` times. Cached per process; a module that cannot be read or parsed contributes nothing.
 */
export function sinksReachedFromExport(
  file: string,
  exportPath: readonly string[],
  paramIndex: number,
  family: SinkFamily,
  hops = MAX_IMPORT_HOPS,
  field: string | null = null,
): RemoteSink[] {
  if (hops <= 0 || !mayReachSinks(file, family, hops)) return [];
  const sourceCode = loadModule(file);
  if (!sourceCode) return [];
  const key = `${file}\0${exportPath.join(".")}\0${paramIndex}\0${field ?? ""}\0${family.rule}\0${hops}`;
  const cached = summaries.get(key);
  // The cache entry is only valid for the parsed module it was computed from.
  if (cached && summaryOwners.get(key) === sourceCode) return cached;
  summaries.set(key, []);
  summaryOwners.set(key, sourceCode);
  let result: RemoteSink[] = [];
  try {
    result = computeSummary(sourceCode, file, exportPath, paramIndex, family, hops, field);
  } catch {
    result = [];
  }
  summaries.set(key, result);
  return result;
}

const summaryOwners = new Map<string, SourceCode>();

function computeSummary(
  sourceCode: SourceCode,
  file: string,
  exportPath: readonly string[],
  paramIndex: number,
  family: SinkFamily,
  hops: number,
  field: string | null,
): RemoteSink[] {
  const target = findExportedFunction(sourceCode, file, exportPath, MAX_IMPORT_HOPS);
  if (!target) return [];
  if (target.file !== file) return sinksReachedFromExport(target.file, target.exportPath, paramIndex, family, hops, field);
  const fn = target.fn;
  const flow = new DataFlow(sourceCode, profileKnowledge(family.profile));
  const params = [...flow.paramIndex(fn)].filter(([, index]) => index === paramIndex).map(([variable]) => variable);
  const seeds = params.filter((variable) => field === null || receivesField(variable, field)).map((variable) => [variable, true] as const);
  if (seeds.length === 0) return [];
  const tracker = new TaintTracker<true>(flow, seeds, [fn], { isSafeField: otherFieldsOf(sourceCode, params, field) });
  const result: RemoteSink[] = [];
  const mayBeSink = sinkCallFilter(sourceCode, family);
  if (mayBeSink) {
    for (const call of sinkCalls(sourceCode).filter(mayBeSink)) {
      for (const group of family.argumentsToCheck(sourceCode, call, (fn) => tracker.callsReaching(fn))) {
        const argument = group.find(
          (candidate) => tracker.taintOf(candidate.node) !== null && (!candidate.parts || candidate.parts.some((part) => tracker.taintOf(part) !== null)),
        );
        if (argument) {
          result.push({
            rule: family.rule,
            messageId: argument.messageId,
            data: { sink: callLabel(sourceCode, call), ...argument.data },
            file,
            line: argument.node.loc.start.line,
          });
        }
      }
    }
  }
  for (const outbound of outboundCalls(sourceCode, file, tracker)) {
    if (!passesInput(family.profile, sourceCode, outbound.argument, (part) => tracker.taintOf(part) !== null)) continue;
    result.push(...sinksReachedFromExport(outbound.file, outbound.exportPath, outbound.argumentIndex, family, hops - 1, outbound.field));
  }
  return result;
}

/**
 * With one field of an options parameter tainted, reads of its other fields (`opts.id`, `const { id } = opts`) are
 * clean; undefined when the whole parameter is.
 */
export function otherFieldsOf(
  sourceCode: SourceCode,
  params: readonly Variable[],
  field: string | null,
): ((object: TSESTree.Node, name: string) => boolean) | undefined {
  if (field === null) return undefined;
  return (object, name) => name !== field && readsParam(sourceCode, object, params);
}

/** A parameter variable that holds field `field` of the argument: the whole parameter, or `{ field }` destructured. */
export function receivesField(variable: Variable, field: string): boolean {
  const path = variable.defs[0] ? pathInPattern(variable.defs[0].name as TSESTree.Node) : null;
  return !path || path.length === 0 || path[0] === field;
}

function readsParam(sourceCode: SourceCode, raw: TSESTree.Node, params: readonly Variable[]): boolean {
  const node = skipWrappers(raw);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, node);
  return variable !== null && params.includes(variable);
}

/**
 * Whether a tainted value passed to another module can matter to the sinks of a family there: always, unless the
 * family says which parts of the value can (`argumentParts`) and none of them carries client input (as the family's
 * own guards see it: `carriesInput` asks the caller's tracker for the family's profile).
 */
export function passesInput(profile: SinkProfile, sourceCode: SourceCode, argument: TSESTree.Node, carriesInput: (part: TSESTree.Node) => boolean): boolean {
  if (!profile.argumentParts) return true;
  const parts = profile.argumentParts(sourceCode, argument);
  if (parts !== null && !parts.some(carriesInput)) return false;
  // The value itself must carry input where it is passed, for the family: a check of its own made there counts.
  return carriesInput(argument);
}

function sinkCalls(sourceCode: SourceCode): SinkCall[] {
  const index = getNodeIndex(sourceCode);
  return [...index.calls, ...index.news, ...index.imports];
}

export interface ExportedFunction {
  file: string;
  exportPath: readonly string[];
  fn: FunctionNode;
}

/** The function behind an export path (`["handleRead"]`, `["default"]`, `["tools", "read"]`), following re-exports. */
export function findExportedFunction(sourceCode: SourceCode, file: string, exportPath: readonly string[], hops: number): ExportedFunction | null {
  const [name = "default", ...rest] = exportPath;
  const site = findExport(sourceCode, file, name, hops);
  if (!site || !("node" in site)) return null;
  const fn = functionAt(site.sourceCode, site.node, rest);
  if (fn) return { file: site.file, exportPath: [site.name, ...rest], fn };
  // `import { f } from "./impl.js"; export { f }` and `const { f } = require("./impl"); module.exports = { f }`.
  const imported = hops > 0 ? resolveValue(site.sourceCode, site.node) : null;
  const next = imported && isLocalSpecifier(imported.module) ? resolveLocalModule(site.file, imported.module) : null;
  const nextSource = next ? loadModule(next) : null;
  if (!next || !nextSource) return null;
  const nextPath = [...(imported!.path.length > 0 ? imported!.path : ["default"]), ...rest];
  return findExportedFunction(nextSource, next, nextPath, hops - 1);
}

/** The function a value stands for, or, with `rest`, the function at that property path of an object literal. */
function functionAt(sourceCode: SourceCode, node: TSESTree.Node, rest: readonly string[]): FunctionNode | null {
  if (rest.length === 0) return handlerFunction(sourceCode, node);
  const inner = skipWrappers(node);
  if ((inner.type === AST_NODE_TYPES.ClassDeclaration || inner.type === AST_NODE_TYPES.ClassExpression) && rest.length === 1) {
    return classMember(inner.body, rest[0], true) ?? classMember(inner.body, rest[0], false);
  }
  if (inner.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of inner.properties) {
    if (property.type === AST_NODE_TYPES.Property && staticKeyName(property) === rest[0]) return functionAt(sourceCode, property.value, rest.slice(1));
  }
  return null;
}

/** `./tools/kubectl.ts:42`, relative to the linted file's folder. */
export function describeLocation(fromFile: string, sink: RemoteSink): string {
  const relative = path.relative(path.dirname(fromFile), sink.file).split(path.sep).join("/");
  return `${relative.startsWith(".") ? relative : `./${relative}`}:${sink.line}`;
}
