import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { walk } from "../analysis/ast.js";
import { DataFlow } from "../analysis/dataflow.js";
import { importedModules } from "../analysis/imports.js";
import type { SourceCode, Variable } from "../analysis/scope.js";
import { TaintTracker, type TaintHit } from "../analysis/taint.js";
import { flowKnowledge, type ExportRef } from "../knowledge/flow.js";
import { HANDLER_TEXT_HINT, frameworkOfModule } from "../knowledge/frameworks.js";
import { frameworkOf, handlersOfCall, handlersOfClass, handlersOfDefinition, type McpHandler } from "./handlers.js";

export type { McpHandler, HandlerKind } from "./handlers.js";

/** Where client-controlled data came from. */
export interface ToolInputSource {
  handler: McpHandler;
}

/** A family of sinks that shares what makes a value safe for it (shell quoting is no cure for path traversal). */
export interface SinkProfile {
  name: string;
  sanitizers: readonly ExportRef[];
}

/** The MCP picture of one file, built once and shared by every rule. */
export interface McpFileModel {
  /** Normalised specifiers of every module the file imports or requires. */
  readonly modules: ReadonlySet<string>;
  /** Whether the file imports an MCP framework. */
  readonly importsMcp: boolean;
  /** Handlers whose parameters carry client input. */
  readonly handlers: readonly McpHandler[];
  /** Tool input in `node` for sinks of `profile`, after guards; null when the client cannot control it. */
  toolInputIn(node: TSESTree.Node, profile: SinkProfile): TaintHit<ToolInputSource> | null;
}

const models = new WeakMap<TSESTree.Program, McpFileModel>();

export function getMcpModel(sourceCode: SourceCode): McpFileModel {
  const program = sourceCode.ast;
  let model = models.get(program);
  if (!model) {
    model = buildModel(sourceCode);
    models.set(program, model);
  }
  return model;
}

function buildModel(sourceCode: SourceCode): McpFileModel {
  const program = sourceCode.ast;
  const modules = importedModules(program, sourceCode.text);
  const importsMcp = [...modules].some((module) => frameworkOfModule(module) !== null);
  const handlers = HANDLER_TEXT_HINT.test(sourceCode.text) ? findHandlers(sourceCode, program, modules, importsMcp) : [];
  const trackers = new Map<string, TaintTracker<ToolInputSource>>();

  const trackerFor = (profile: SinkProfile): TaintTracker<ToolInputSource> => {
    let tracker = trackers.get(profile.name);
    if (!tracker) {
      const flow = new DataFlow(sourceCode, flowKnowledge(profile.sanitizers));
      tracker = new TaintTracker(flow, seedsOf(flow, handlers), handlers.map((handler) => handler.fn));
      trackers.set(profile.name, tracker);
    }
    return tracker;
  };

  return {
    modules,
    importsMcp,
    handlers,
    toolInputIn(node, profile) {
      if (handlers.length === 0) return null;
      try {
        return trackerFor(profile).taintOf(node);
      } catch {
        // Unexpected syntax must never crash the lint run: an expression we cannot analyse is not reported.
        return null;
      }
    },
  };
}

function findHandlers(sourceCode: SourceCode, program: TSESTree.Program, modules: ReadonlySet<string>, importsMcp: boolean): McpHandler[] {
  const framework = frameworkOf(modules);
  const handlers: McpHandler[] = [];
  const seen = new Set<TSESTree.Node>();
  const add = (found: McpHandler[]) => {
    for (const handler of found) {
      // A FastMCP `addTool({...})` object is also a definition object: one handler, described by the registration.
      if (seen.has(handler.fn)) continue;
      seen.add(handler.fn);
      handlers.push(handler);
    }
  };
  walk(program, (node) => {
    try {
      if (node.type === AST_NODE_TYPES.CallExpression) add(handlersOfCall(sourceCode, node, framework, importsMcp));
      else if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) add(handlersOfClass(sourceCode, node));
      else if (node.type === AST_NODE_TYPES.ObjectExpression) add(handlersOfDefinition(sourceCode, node));
    } catch {
      // A shape the model does not understand contributes no handler; the rest of the file is still checked.
    }
  });
  return handlers;
}

function seedsOf(flow: DataFlow, handlers: readonly McpHandler[]): Array<readonly [Variable, ToolInputSource]> {
  const seeds: Array<readonly [Variable, ToolInputSource]> = [];
  for (const handler of handlers) {
    const inputIndexes = new Set(handler.inputParams.map((param) => handler.fn.params.indexOf(param)));
    for (const [variable, index] of flow.paramIndex(handler.fn)) {
      if (inputIndexes.has(index)) seeds.push([variable, { handler }]);
    }
  }
  return seeds;
}
