import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { calleeName, contains, findProperty, skipWrappers, staticKeyName, type FunctionNode } from "../analysis/ast.js";
import { constantString, constantValue } from "../analysis/constants.js";
import { functionReferenced } from "../analysis/dataflow.js";
import { GLOBAL_MODULE, resolveCallee } from "../analysis/imports.js";
import { callsWithin, getNodeIndex } from "../analysis/node-index.js";
import { variableOf, writesOf, type SourceCode } from "../analysis/scope.js";
import {
  FS_EFFECTS,
  FS_MODULES,
  HTTP_PACKAGES,
  MUTATING_HTTP_METHODS,
  PROCESS_FUNCTIONS,
  PROCESS_PACKAGES,
  SQL_EFFECTS,
  SQL_METHODS,
  type EffectKind,
} from "../knowledge/effects.js";
import type { McpHandler } from "./handlers.js";

/** A call in a tool's handler (or a same-file function it calls) that changes the environment. */
export interface Effect {
  call: TSESTree.CallExpression;
  kind: EffectKind;
}

/** The hints of a tool's annotations that make a claim: `readOnlyHint: true`, `destructiveHint: false`. */
export interface AnnotationClaims {
  readOnly: TSESTree.Property | null;
  notDestructive: TSESTree.Property | null;
}

/** The annotations of a tool, where its framework puts them (SDK `registerTool`/`tool`, FastMCP `addTool`, definitions, mcp-framework classes). */
export function annotationClaims(sourceCode: SourceCode, handler: McpHandler): AnnotationClaims | null {
  const annotations = annotationsObject(sourceCode, handler);
  if (!annotations) return null;
  const readOnly = findProperty(annotations, "readOnlyHint");
  const destructive = findProperty(annotations, "destructiveHint");
  const claims = {
    readOnly: readOnly && constantValue(sourceCode, readOnly.value)?.value === true ? readOnly : null,
    notDestructive: destructive && constantValue(sourceCode, destructive.value)?.value === false ? destructive : null,
  };
  return claims.readOnly || claims.notDestructive ? claims : null;
}

/** The `destructiveHint: true` property of a tool's annotations, when it says so. */
export function destructiveAnnotation(sourceCode: SourceCode, handler: McpHandler): TSESTree.Property | null {
  const annotations = annotationsObject(sourceCode, handler);
  const destructive = annotations ? findProperty(annotations, "destructiveHint") : null;
  return destructive && constantValue(sourceCode, destructive.value)?.value === true ? destructive : null;
}

function annotationsObject(sourceCode: SourceCode, handler: McpHandler): TSESTree.ObjectExpression | null {
  const node = handler.node;
  if (node.type === AST_NODE_TYPES.ObjectExpression) return propertyObject(sourceCode, node, "annotations");
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
    for (const member of node.body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && staticKeyName(member) === "annotations" && member.value) {
        return objectLiteral(sourceCode, member.value);
      }
    }
    return null;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const args = node.arguments;
  switch (calleeName(node.callee)) {
    case "registerTool": {
      const config = args[1] ? objectLiteral(sourceCode, args[1]) : null;
      return config ? propertyObject(sourceCode, config, "annotations") : null;
    }
    case "tool":
      // `tool(name, [description], [shape], annotations, cb)`: the object whose values are all primitives.
      for (const arg of args.slice(1, -1)) {
        const object = objectLiteral(sourceCode, arg);
        if (object && object.properties.length > 0 && object.properties.every((p) => p.type === AST_NODE_TYPES.Property && skipWrappers(p.value).type === AST_NODE_TYPES.Literal)) {
          return object;
        }
      }
      return null;
    case "addTool": {
      const definition = args[0] ? objectLiteral(sourceCode, args[0]) : null;
      return definition ? propertyObject(sourceCode, definition, "annotations") : null;
    }
    case "addTools": {
      const list = args[0] ? skipWrappers(args[0]) : null;
      if (list?.type !== AST_NODE_TYPES.ArrayExpression) return null;
      const element = list.elements.find((item) => item && contains(item, handler.fn));
      const definition = element ? objectLiteral(sourceCode, element) : null;
      return definition ? propertyObject(sourceCode, definition, "annotations") : null;
    }
    default:
      return null;
  }
}

function propertyObject(sourceCode: SourceCode, object: TSESTree.ObjectExpression, key: string): TSESTree.ObjectExpression | null {
  const property = findProperty(object, key);
  return property ? objectLiteral(sourceCode, property.value) : null;
}

function objectLiteral(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): TSESTree.ObjectExpression | null {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
  if (inner.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const variable = variableOf(sourceCode, inner);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0) return objectLiteral(sourceCode, writes[0].value, depth + 1);
  }
  return null;
}

const MAX_HELPER_DEPTH = 2;

/** What a tool's handler does to its environment, in source order: its own calls and those of same-file functions it calls. */
export function effectsOf(sourceCode: SourceCode, handler: McpHandler): Effect[] {
  const effects: Effect[] = [];
  const index = getNodeIndex(sourceCode);
  const visited = new Set<FunctionNode>();
  const visit = (fn: FunctionNode, depth: number) => {
    if (visited.has(fn)) return;
    visited.add(fn);
    for (const call of callsWithin(index, fn)) {
      const kind = effectOfCall(sourceCode, call);
      // In a helper, a command from a parameter is the caller's choice (`run("xcrun", [...])`): not counted.
      if (kind === "execute" && depth > 0) continue;
      // Clean-up on failure (`catch { await unlink(tempFile) }`) undoes the tool's own work.
      if (kind && inCleanup(call, fn)) continue;
      if (kind) {
        effects.push({ call, kind });
        continue;
      }
      // Same-file helpers called by name (`saveGraph(graph)`); method calls on objects are not followed.
      if (depth < MAX_HELPER_DEPTH && skipWrappers(call.callee).type === AST_NODE_TYPES.Identifier) {
        const helper = functionReferenced(sourceCode, call.callee);
        if (helper && !contains(helper, call)) visit(helper, depth + 1);
      }
    }
  };
  try {
    visit(handler.fn, 0);
  } catch {
    // What cannot be analysed adds no effect.
  }
  return effects;
}

/** Whether a call sits in a `catch` clause or a `finally` block inside `fn`. */
function inCleanup(call: TSESTree.Node, fn: FunctionNode): boolean {
  let child: TSESTree.Node = call;
  for (let node = call.parent; node && node !== fn; node = node.parent) {
    if (node.type === AST_NODE_TYPES.CatchClause) return true;
    if (node.type === AST_NODE_TYPES.TryStatement && node.finalizer === child) return true;
    child = node;
  }
  return false;
}

/** Callee names of the fs, process and HTTP tables: only these (and local aliases of their imports) are resolved. */
const RESOLVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(FS_EFFECTS),
  ...PROCESS_FUNCTIONS,
  ...PROCESS_PACKAGES,
  ...HTTP_PACKAGES,
  "fetch",
  "put",
  "patch",
  "delete",
  "request",
  "execa",
  "execaCommand",
]);

const namesMemo = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/** The resolved names, with local names of imports of those exports or modules (`import { rm as remove }`, `import ky`). */
function resolvedNames(sourceCode: SourceCode): ReadonlySet<string> {
  let names = namesMemo.get(sourceCode.ast);
  if (!names) {
    const aliases: string[] = [];
    for (const statement of sourceCode.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
      const module = statement.source.value.replace(/^node:/, "");
      const effectModule = FS_MODULES.has(module) || HTTP_PACKAGES.has(module) || PROCESS_PACKAGES.has(module) || module === "child_process";
      for (const specifier of statement.specifiers) {
        const imported = specifier.type === AST_NODE_TYPES.ImportSpecifier ? (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value) : null;
        if (effectModule || (imported !== null && RESOLVED_NAMES.has(imported))) aliases.push(specifier.local.name);
      }
    }
    names = aliases.length > 0 ? new Set([...RESOLVED_NAMES, ...aliases]) : RESOLVED_NAMES;
    namesMemo.set(sourceCode.ast, names);
  }
  return names;
}

function effectOfCall(sourceCode: SourceCode, call: TSESTree.CallExpression): EffectKind | null {
  const name = calleeName(call.callee);
  if (name === null) return null;
  // SQL is recognised by its text, without resolving the callee.
  if (SQL_METHODS.has(name) && call.arguments.length > 0) {
    const sql = sqlHead(call.arguments[0]);
    if (sql !== null) for (const [pattern, kind] of SQL_EFFECTS) if (pattern.test(sql)) return kind;
  }
  if (!resolvedNames(sourceCode).has(name)) return null;
  const resolved = resolveCallee(sourceCode, call);
  const last = resolved?.path[resolved.path.length - 1];
  if (resolved && last !== undefined) {
    if (FS_MODULES.has(resolved.module) && Object.hasOwn(FS_EFFECTS, last)) return FS_EFFECTS[last];
    if (resolved.module === "child_process" && PROCESS_FUNCTIONS.has(last)) return runtimeCommand(sourceCode, call) ? "execute" : null;
    if (HTTP_PACKAGES.has(resolved.module) && MUTATING_HTTP_METHODS.has(last.toUpperCase())) return last.toUpperCase() === "DELETE" ? "delete" : "httpMutation";
  }
  if (resolved && PROCESS_PACKAGES.has(resolved.module)) return runtimeCommand(sourceCode, call) ? "execute" : null;
  if (resolved && ((resolved.module === GLOBAL_MODULE && last === "fetch") || (resolved.module === "node-fetch" && resolved.path.length <= 1) || HTTP_PACKAGES.has(resolved.module))) {
    const method = mutatingMethodOption(sourceCode, call);
    if (method) return method === "DELETE" ? "delete" : "httpMutation";
  }
  return null;
}

/** The command (or program) of a process call is not a constant: it is chosen at run time. */
function runtimeCommand(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const command = call.arguments[0];
  return command !== undefined && command.type !== AST_NODE_TYPES.SpreadElement && constantString(sourceCode, command) === null;
}

/** `fetch(url, { method: "DELETE" })`, `axios({ method: "put" })`: the mutating method of an options object, upper-cased. */
function mutatingMethodOption(sourceCode: SourceCode, call: TSESTree.CallExpression): string | null {
  for (const argument of call.arguments) {
    const object = objectLiteral(sourceCode, argument);
    const method = object ? findProperty(object, "method") : null;
    const value = method ? constantString(sourceCode, method.value)?.toUpperCase() : undefined;
    if (value !== undefined && MUTATING_HTTP_METHODS.has(value)) return value;
  }
  return null;
}

/** The written start of SQL text: a string literal, or the text before the first `${}` of a template. */
function sqlHead(raw: TSESTree.Node): string | null {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis[0].value.cooked ?? null;
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === "string" ? node.value : null;
}
