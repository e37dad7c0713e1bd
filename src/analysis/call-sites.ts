import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { isFunctionNode, skipWrappers, staticKeyName, type FunctionNode } from "./ast.js";
import { functionReferenced } from "./dataflow.js";
import { getNodeIndex } from "./node-index.js";
import { hasPropertyWrites, pathInPattern, variableOf, writesOf, type SourceCode, type Variable } from "./scope.js";

const MAX_CALLS = 32;
const MAX_DEPTH = 4;

/**
 * What a parameter, or a property path below one, receives at the calls of its function in this file: for `opts.env`
 * in `function run(cmd, opts) { spawn(cmd, [], { env: opts.env }) }`, the `env` value of each object literal passed as
 * `opts` (`run("ls", { env: { ...process.env, TOKEN: token } })`). Lets a rule judge the shape of the value where it
 * is built rather than only its taint.
 *
 * Null when that cannot be known: `node` is not a read of a parameter, the function may be called from elsewhere (it
 * is exported, or passed as a value), it has no call in this file, or a call passes something whose shape is unknown.
 * With `callsReaching`, only the calls it gives for the function are looked at (when it gives some).
 */
export function valuesAtCallSites(sourceCode: SourceCode, node: TSESTree.Node, callsReaching?: CallsReaching): TSESTree.Node[] | null {
  const access = parameterAccess(sourceCode, node);
  if (!access) return null;
  const calls = callsReaching?.(access.fn) ?? callsOf(sourceCode, access.fn);
  if (calls === null || calls.length === 0 || calls.length > MAX_CALLS) return null;
  const values: TSESTree.Node[] = [];
  for (const call of calls) {
    if (call.arguments.slice(0, access.index + 1).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return null;
    const argument = call.arguments[access.index] ?? access.fallback;
    if (!argument) continue;
    const value = fieldOf(sourceCode, argument, access.path, 0);
    if (value === null) return null;
    if (value !== undefined) values.push(value);
  }
  return values;
}

/**
 * The calls of a function that matter to the question asked (those through which client data reaches it), or null
 * to take all of its calls.
 */
export type CallsReaching = (fn: FunctionNode) => readonly TSESTree.CallExpression[] | null;

interface ParameterAccess {
  fn: FunctionNode;
  index: number;
  path: string[];
  /** The parameter's default value, for calls that do not pass it. */
  fallback: TSESTree.Node | null;
}

function parameterAccess(sourceCode: SourceCode, raw: TSESTree.Node): ParameterAccess | null {
  const path: string[] = [];
  let node = skipWrappers(raw);
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(node);
    if (name === null) return null;
    path.unshift(name);
    node = skipWrappers(node.object);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, node);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== "Parameter" || hasPropertyWrites(variable)) return null;
  const fn = def.node as TSESTree.Node;
  if (!isFunctionNode(fn)) return null;
  // A default value (`options = {}`) is a write at the function; any other write changes what the parameter holds.
  const writes = writesOf(variable);
  if (writes.some((write) => write.site !== fn)) return null;
  const index = fn.params.findIndex((param) => param.range[0] <= def.name.range[0] && def.name.range[1] <= param.range[1]);
  const inPattern = pathInPattern(def.name as TSESTree.Node);
  if (index < 0 || inPattern === null || fn.params[index].type === AST_NODE_TYPES.RestElement) return null;
  return { fn, index, path: [...inPattern, ...path], fallback: writes[0]?.value ?? null };
}

const callsMemo = new WeakMap<TSESTree.Program, Map<FunctionNode, TSESTree.CallExpression[]>>();

/** The calls of `fn` in its file, or null when it may also be called from elsewhere. */
function callsOf(sourceCode: SourceCode, fn: FunctionNode): TSESTree.CallExpression[] | null {
  const own = ownVariable(sourceCode, fn);
  if (own && !own.references.every((reference) => reference.init || isCallee(reference.identifier as TSESTree.Node))) return null;
  if (isExported(fn)) return null;
  // A named function only called by its name: its calls are its references (no look at every call of the file).
  if (own) return own.references.flatMap((reference) => (isCallee(reference.identifier as TSESTree.Node) ? [reference.identifier.parent as TSESTree.CallExpression] : []));
  let byFunction = callsMemo.get(sourceCode.ast);
  if (!byFunction) {
    byFunction = new Map();
    for (const call of getNodeIndex(sourceCode).calls) {
      const target = functionReferenced(sourceCode, call.callee);
      if (!target) continue;
      const list = byFunction.get(target) ?? [];
      list.push(call);
      byFunction.set(target, list);
    }
    callsMemo.set(sourceCode.ast, byFunction);
  }
  return byFunction.get(fn) ?? [];
}

/** The variable a function is declared as or assigned to (`function f`, `const f = () => ...`), if any. */
function ownVariable(sourceCode: SourceCode, fn: FunctionNode): Variable | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return variableOf(sourceCode, fn.id);
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    return variableOf(sourceCode, parent.id);
  }
  return null;
}

function isCallee(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier;
}

function isExported(fn: FunctionNode): boolean {
  let current: TSESTree.Node | undefined = fn.parent;
  for (let i = 0; current && i < 3; i++, current = current.parent) {
    if (current.type === AST_NODE_TYPES.ExportNamedDeclaration || current.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  }
  return false;
}

/**
 * The value at `path` of `node`, through object literals and single-write variables: `undefined` when the literal has
 * no such property (nothing is passed), null when the shape is unknown.
 */
function fieldOf(sourceCode: SourceCode, raw: TSESTree.Node, path: readonly string[], depth: number): TSESTree.Node | null | undefined {
  if (path.length === 0) return raw;
  if (depth > MAX_DEPTH) return null;
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    let found: TSESTree.Node | undefined;
    for (const property of node.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) return null;
      if (property.computed && staticKeyName(property) === null) return null;
      if (staticKeyName(property) === path[0]) found = property.value;
    }
    return found === undefined ? undefined : fieldOf(sourceCode, found, path.slice(1), depth + 1);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    if (!variable || variable.defs.some((def) => def.type === "Parameter") || hasPropertyWrites(variable)) return null;
    const writes = writesOf(variable);
    if (writes.length !== 1 || writes[0].path?.length !== 0 || writes[0].iterated || writes[0].compound) return null;
    return fieldOf(sourceCode, writes[0].value, path, depth + 1);
  }
  return null;
}
