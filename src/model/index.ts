import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { contains, skipWrappers, type FunctionNode } from "../analysis/ast.js";
import { DataFlow } from "../analysis/dataflow.js";
import { isAnchoredPattern } from "../analysis/guards.js";
import { absolutePath, registerFilename, resolveLocalModule } from "../analysis/modules.js";
import { pathInPattern, variableOf, type SourceCode, type Variable } from "../analysis/scope.js";
import { TaintTracker, type TaintHit } from "../analysis/taint.js";
import { MAX_IMPORT_HOPS, findExportedFunction, outboundCalls, passesInput, receivesField, sinksReachedFromExport, type OutboundCall, type RemoteSink } from "./cross-file.js";
import { mayReachSinks, projectImportsOf } from "./sinks/filter.js";
import { findHandlers, type ImportedHandler, type McpHandler } from "./handlers.js";
import { handlerEntriesFor, type PassedValue } from "./project-index.js";
import { DEFAULT_SETTINGS, type ModelSettings } from "./settings.js";
import type { SinkFamily } from "./sinks/types.js";
import { profileKnowledge, type SinkProfile } from "./taint-profile.js";

export type { McpHandler, HandlerKind, ImportedHandler } from "./handlers.js";
export type { SinkProfile } from "./taint-profile.js";
export type { RemoteSink } from "./cross-file.js";

/** Where client-controlled data came from. */
export interface ToolInputSource {
  handler: { label: string };
}

/** Tool input of this file that reaches a sink in another module of the project. */
export interface RemoteFinding {
  /** Where to report in this file: the argument or the handler reference. */
  node: TSESTree.Node;
  /** What one report covers: the call (all its tainted arguments) or the handler reference. */
  group: TSESTree.Node;
  /** What carries the input here (`args.path`), or null for a handler passed by reference. */
  source: string | null;
  handlerLabel: string;
  /** The imported function's name as called here. */
  callee: string;
  sink: RemoteSink;
}

/** The MCP picture of one file, built once and shared by every rule. */
export interface McpFileModel {
  /** Handlers (functions of this file) whose parameters carry client input. */
  readonly handlers: readonly McpHandler[];
  /** Handlers registered by reference to another module's export. */
  readonly importedHandlers: readonly ImportedHandler[];
  /** Whether any client input enters this file: its own handlers, or exported functions that handlers elsewhere call. */
  hasToolInput(): boolean;
  /** Tool input in `node` for sinks of `profile`, after guards; null when the client cannot control it. */
  toolInputIn(node: TSESTree.Node, profile: SinkProfile): TaintHit<ToolInputSource> | null;
  /** Sinks of `family` in other project modules that tool input of this file reaches. */
  remoteFindings(family: SinkFamily): RemoteFinding[];
  /** The calls through which tool input reaches a same-file helper (see `TaintTracker.callsReaching`). */
  callsReaching(fn: FunctionNode): TSESTree.CallExpression[] | null;
}

const models = new WeakMap<TSESTree.Program, McpFileModel>();

/** Only the generic guards and coercions: what every family agrees is safe. */
const GENERIC_PROFILE: SinkProfile = { name: "generic", sanitizers: [] };

export function getMcpModel(sourceCode: SourceCode, filename: string, settings: ModelSettings = DEFAULT_SETTINGS): McpFileModel {
  const program = sourceCode.ast;
  let model = models.get(program);
  if (!model) {
    model = buildModel(sourceCode, filename, settings);
    models.set(program, model);
  }
  return model;
}

function buildModel(sourceCode: SourceCode, filename: string, settings: ModelSettings): McpFileModel {
  registerFilename(sourceCode, absolutePath(filename));
  const found = findHandlers(sourceCode, settings);
  const { handlers, imported } = found;
  const trackers = new Map<string, TaintTracker<ToolInputSource>>();
  let outbound: OutboundCall<ToolInputSource>[] | null = null;
  let entryPoints: EntryPoint[] | null = null;
  // Asked only when a sink is seen: the project index costs a folder listing.
  const remoteEntryPoints = () => (entryPoints ??= entryPointsOf(sourceCode, filename, settings));

  const flows = new Map<string, DataFlow>();
  const flowOf = (profile: SinkProfile): DataFlow => {
    let flow = flows.get(profile.name);
    if (!flow) {
      flow = new DataFlow(sourceCode, profileKnowledge(profile));
      flows.set(profile.name, flow);
    }
    return flow;
  };
  const genericFlow = () => flowOf(GENERIC_PROFILE);
  const effectiveProfile = (requested: SinkProfile): SinkProfile => {
    // Families with nothing of their own share one tracker.
    const ownGuards = Boolean(
      requested.guards?.length || requested.falsyGuards?.length || requested.acceptsRegExp || requested.isClean || requested.validatorName || requested.argumentParts,
    );
    return requested.sanitizers.length === 0 && !ownGuards ? GENERIC_PROFILE : requested;
  };

  /**
   * The tracker of a profile, for the whole file, or, with `only`, for one handler (its seeds and the helpers it
   * calls): a family that looks at few sinks need not trace every handler of a large file.
   */
  const trackerFor = (requested: SinkProfile, only?: McpHandler): TaintTracker<ToolInputSource> => {
    const profile = effectiveProfile(requested);
    const key = only ? `${profile.name}\0${handlers.indexOf(only)}` : profile.name;
    let tracker = trackers.get(key);
    if (!tracker) {
      const flow = flowOf(profile);
      const remote = only ? [] : remoteEntryPoints().filter((entry) => reachesProfile(entry.passed, profile, new Set()));
      const scope = only ? [only] : handlers;
      const seeds = [...seedsOf(flow, scope, profile), ...remote.flatMap((entry) => entrySeeds(flow, entry))];
      const roots = [...scope.map((handler) => handler.fn), ...remote.map((entry) => entry.fn)];
      const validated = validatedFieldCheck(sourceCode, scope, profile);
      const untainted = entryFieldCheck(sourceCode, flow, remote);
      // The generic flow's origins bound every family's (a family only adds sanitizers and guards): shared, they spare
      // each family a flow-insensitive pass over the whole file.
      const bound = profile === GENERIC_PROFILE ? undefined : genericFlow();
      tracker = new TaintTracker(flow, seeds, roots, { isSafeField: (object, name) => validated(object, name) || untainted(object, name), bound });
      trackers.set(key, tracker);
    }
    return tracker;
  };

  /** The one handler whose function holds `node`, when no exported function of this file is an entry point. */
  const soleHandlerOf = (node: TSESTree.Node): McpHandler | undefined => {
    if (remoteEntryPoints().length > 0) return undefined;
    const holding = handlers.filter((handler) => contains(handler.fn, node));
    return holding.length === 1 ? holding[0] : undefined;
  };

  return {
    handlers,
    importedHandlers: imported,
    hasToolInput() {
      return handlers.length > 0 || remoteEntryPoints().length > 0;
    },
    toolInputIn(node, profile) {
      if (!this.hasToolInput()) return null;
      try {
        // A family's own sanitizers and guards only ever remove taint: where the generic flow finds none, the family's
        // tracker (costly to build) is not needed.
        // A sink inside a handler is traced from that handler only: far cheaper in files with many handlers, at the
        // price of not following client data that another handler stores in module state.
        const sole = soleHandlerOf(node);
        if (effectiveProfile(profile) === GENERIC_PROFILE) return trackerFor(GENERIC_PROFILE, sole).taintOf(node);
        if (!trackerFor(GENERIC_PROFILE, sole).mayBeTainted(node)) return null;
        return trackerFor(profile, sole).taintOf(node);
      } catch {
        // Unexpected syntax must never crash the lint run: an expression we cannot analyse is not reported.
        return null;
      }
    },
    callsReaching(fn) {
      if (!this.hasToolInput()) return null;
      try {
        return trackerFor(GENERIC_PROFILE).callsReaching(fn);
      } catch {
        return null;
      }
    },
    remoteFindings(family) {
      // A text test over the import graph first: most files import nothing that can reach a sink of this family.
      if (!projectImportsOf(absolutePath(filename)).some((file) => mayReachSinks(file, family, MAX_IMPORT_HOPS))) return [];
      try {
        // The calls that pass tool input to other modules are the same for every family: found once, with the
        // generic profile; each family's own sanitizers and guards apply inside the modules they lead to.
        outbound ??= handlers.length > 0 ? outboundCalls(sourceCode, filename, trackerFor(GENERIC_PROFILE)) : [];
        const passes = (call: OutboundCall<ToolInputSource>) =>
          passesInput(family.profile, sourceCode, call.argument, (part) => trackerFor(family.profile).taintOf(part) !== null);
        return [...viaImportedHandlers(filename, imported, family), ...viaOutboundCalls(sourceCode, outbound.filter(passes), family)];
      } catch {
        return [];
      }
    },
  };
}

function viaImportedHandlers(filename: string, imported: readonly ImportedHandler[], family: SinkFamily): RemoteFinding[] {
  const findings: RemoteFinding[] = [];
  for (const handler of imported) {
    const file = resolveLocalModule(filename, handler.module);
    if (!file) continue;
    for (const index of handler.inputIndexes) {
      for (const sink of sinksReachedFromExport(file, handler.exportPath, index, family)) {
        findings.push({ node: handler.reference, group: handler.reference, source: null, handlerLabel: handler.label, callee: handler.referenceText, sink });
      }
    }
  }
  return findings;
}

function viaOutboundCalls(sourceCode: SourceCode, outbound: readonly OutboundCall<ToolInputSource>[], family: SinkFamily): RemoteFinding[] {
  const findings: RemoteFinding[] = [];
  for (const call of outbound) {
    for (const sink of sinksReachedFromExport(call.file, call.exportPath, call.argumentIndex, family, MAX_IMPORT_HOPS, call.field)) {
      findings.push({
        node: call.argument,
        group: call.call,
        source: sourceCode.getText(call.hit.leaf),
        handlerLabel: call.hit.source.handler.label,
        callee: sourceCode.getText(call.call.callee),
        sink,
      });
    }
  }
  return findings;
}

/** An exported function of this file that a handler in another file calls with client input. */
interface EntryPoint {
  fn: FunctionNode;
  paramIndex: number;
  field: string | null;
  source: ToolInputSource;
  /** The values callers pass (see `HandlerEntry.passed`). */
  passed: readonly PassedValue[];
}

/**
 * Whether one of the values passed to an entry can matter to the sinks of `profile` (see `SinkProfile.argumentParts`),
 * and so can what reached its caller, up the chain of helpers.
 */
function reachesProfile(passed: readonly PassedValue[] | null, profile: SinkProfile, seen: Set<readonly PassedValue[]>): boolean {
  if (passed === null || !profile.argumentParts) return true;
  if (seen.has(passed)) return false;
  seen.add(passed);
  const result = passed.some(
    ({ value, from }) =>
      (value === null || passesInput(profile, value.sourceCode, value.node, (part) => value.carriesInput(part, profile))) && reachesProfile(from, profile, seen),
  );
  seen.delete(passed);
  return result;
}

function entryPointsOf(sourceCode: SourceCode, filename: string, settings: ModelSettings): EntryPoint[] {
  if (!/\bexport\b|\bexports\b/.test(sourceCode.text)) return [];
  try {
    const result: EntryPoint[] = [];
    for (const entry of handlerEntriesFor(absolutePath(filename), settings)) {
      const target = findExportedFunction(sourceCode, entry.file, entry.exportPath, 0);
      if (target && target.file === entry.file) {
        result.push({ fn: target.fn, paramIndex: entry.paramIndex, field: entry.field, source: { handler: { label: entry.handlerLabel } }, passed: entry.passed });
      }
    }
    return result;
  } catch {
    return [];
  }
}

function entrySeeds(flow: DataFlow, entry: EntryPoint): Array<readonly [Variable, ToolInputSource]> {
  return entryParams(flow, entry)
    .filter((variable) => entry.field === null || receivesField(variable, entry.field))
    .map((variable) => [variable, entry.source] as const);
}

function entryParams(flow: DataFlow, entry: EntryPoint): Variable[] {
  return [...flow.paramIndex(entry.fn)].filter(([, index]) => index === entry.paramIndex).map(([variable]) => variable);
}

/**
 * Reads of the fields of an entry point's options parameter that no caller passes tool input in: for each parameter
 * variable, the fields that may carry it (null: all of them).
 */
function entryFieldCheck(sourceCode: SourceCode, flow: DataFlow, entries: readonly EntryPoint[]): (object: TSESTree.Node, name: string) => boolean {
  const fieldsByParam = new Map<Variable, Set<string> | null>();
  for (const entry of entries) {
    for (const variable of entryParams(flow, entry)) {
      const known = fieldsByParam.get(variable);
      if (known === null) continue;
      if (entry.field === null) fieldsByParam.set(variable, null);
      else fieldsByParam.set(variable, new Set([...(known ?? []), entry.field]));
    }
  }
  return (object, name) => {
    const inner = skipWrappers(object);
    if (inner.type !== AST_NODE_TYPES.Identifier || fieldsByParam.size === 0) return false;
    const variable = variableOf(sourceCode, inner);
    const fields = variable ? fieldsByParam.get(variable) : undefined;
    return fields !== undefined && fields !== null && !fields.has(name);
  };
}

function seedsOf(flow: DataFlow, handlers: readonly McpHandler[], profile: SinkProfile): Array<readonly [Variable, ToolInputSource]> {
  const seeds: Array<readonly [Variable, ToolInputSource]> = [];
  for (const handler of handlers) {
    const inputIndexes = new Set(handler.inputParams.map((param) => handler.fn.params.indexOf(param)));
    for (const [variable, index] of flow.paramIndex(handler.fn)) {
      if (!inputIndexes.has(index)) continue;
      // `({ mode }) => ...` with `mode: z.enum([...])`: a field validated safe for this family is not a source.
      const field = variable.defs[0] ? pathInPattern(variable.defs[0].name as TSESTree.Node)?.[0] : undefined;
      if (field !== undefined && isSafeField(handler, field, profile)) continue;
      seeds.push([variable, { handler }]);
    }
  }
  return seeds;
}

/** A field the framework validated in a way this family accepts: a finite schema, or an anchored pattern. */
function isSafeField(handler: McpHandler, field: string, profile: SinkProfile): boolean {
  const validation = handler.validatedFields.get(field);
  if (!validation) return false;
  if (validation.kind === "finite") return true;
  return isAnchoredPattern(validation.pattern, validation.flags) && (profile.acceptsRegExp?.(validation.pattern, validation.flags) ?? true);
}

/** `args.mode` where `args` is a handler's input parameter and `mode` one of its fields validated safe. */
function validatedFieldCheck(sourceCode: SourceCode, handlers: readonly McpHandler[], profile: SinkProfile): (object: TSESTree.Node, name: string) => boolean {
  const byParam = new Map<Variable, McpHandler>();
  for (const handler of handlers) {
    if (handler.validatedFields.size === 0) continue;
    for (const param of handler.inputParams) {
      if (param.type !== AST_NODE_TYPES.Identifier) continue;
      const variable = sourceCode.getDeclaredVariables(handler.fn).find((candidate) => candidate.defs.some((def) => def.name === param));
      if (variable) byParam.set(variable, handler);
    }
  }
  return (object, name) => {
    if (byParam.size === 0) return false;
    const inner = skipWrappers(object);
    if (inner.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = variableOf(sourceCode, inner);
    const handler = variable ? byParam.get(variable) : undefined;
    return handler !== undefined && isSafeField(handler, name, profile);
  };
}
