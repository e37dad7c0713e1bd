import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { calleeName, isFunctionNode, skipWrappers, staticKeyName } from "../analysis/ast.js";
import { resolveValue } from "../analysis/imports.js";
import { variableOf, writesOf, type SourceCode, type Variable } from "../analysis/scope.js";
import { INPUT_PARAM_NAME } from "../knowledge/frameworks.js";
import {
  ANY_SCHEMAS,
  CONTEXT_KEYS,
  NON_VALIDATING_CALLS,
  PASSTHROUGH_METHODS,
  SCHEMA_MODIFIERS,
  SCHEMA_OPTIONAL_REGISTRATIONS,
} from "../knowledge/validation.js";
import type { McpHandler } from "./handlers.js";

/** Whether a handler is a low-level `tools/call` dispatcher (`setRequestHandler(CallToolRequestSchema, ...)`). */
export function isLowLevelToolHandler(handler: McpHandler): boolean {
  return handler.kind === "tool" && handler.node.type === AST_NODE_TYPES.CallExpression && calleeName(handler.node.callee) === "setRequestHandler";
}

/**
 * Where a low-level `tools/call` handler reads `request.params.arguments` without validating it: the first read,
 * when the arguments are only read field by field (`args.path`, `const { path } = args as {...}`) and never handed
 * whole to a function (a schema's `parse`, `validate(args)`, or a handler in another module that may validate them).
 */
export function unvalidatedArgumentsRead(sourceCode: SourceCode, handler: McpHandler): TSESTree.Node | null {
  const request = handler.fn.params[0];
  if (!request) return null;
  const reads: TSESTree.Node[] = [];
  const state = { handedOff: false, fieldReads: 0 };
  const requestTarget = request.type === AST_NODE_TYPES.AssignmentPattern ? request.left : request;
  if (requestTarget.type === AST_NODE_TYPES.Identifier) {
    const variable = declaredVariable(sourceCode, handler.fn, requestTarget);
    if (!variable) return null;
    for (const reference of variable.references) {
      if (reference.init) continue;
      argumentsFromRequest(sourceCode, reference.identifier as TSESTree.Identifier, reads, state);
    }
  } else if (requestTarget.type === AST_NODE_TYPES.ObjectPattern) {
    const params = propertyOf(requestTarget, "params");
    const value = params ? patternTarget(params.value) : null;
    if (value?.type === AST_NODE_TYPES.ObjectPattern) argumentsFromPattern(sourceCode, handler.fn, value, reads, state);
    else if (value?.type === AST_NODE_TYPES.Identifier) followVariable(sourceCode, handler.fn, value, reads, state, "params");
  }
  if (state.handedOff || state.fieldReads === 0 || reads.length === 0) return null;
  return reads.sort((a, b) => a.range[0] - b.range[0])[0];
}

interface ReadState {
  handedOff: boolean;
  fieldReads: number;
}

/** `request.params.arguments`, `const { arguments: args } = request.params`, `const params = request.params`. */
function argumentsFromRequest(sourceCode: SourceCode, identifier: TSESTree.Identifier, reads: TSESTree.Node[], state: ReadState): void {
  const parent = identifier.parent;
  // `const { params } = request`, `const { params: { arguments: args } } = request`.
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === identifier && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
    const params = propertyOf(parent.id, "params");
    const target = params ? patternTarget(params.value) : null;
    const fn = enclosingFunction(parent);
    if (fn && target?.type === AST_NODE_TYPES.ObjectPattern) argumentsFromPattern(sourceCode, fn, target, reads, state);
    else if (fn && target?.type === AST_NODE_TYPES.Identifier) followVariable(sourceCode, fn, target, reads, state, "params");
    return;
  }
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) {
    // The whole request handed on (`handleCall(request)`): it may be validated elsewhere.
    if (parent?.type === AST_NODE_TYPES.CallExpression) state.handedOff = true;
    return;
  }
  if (staticKeyName(parent) !== "params") return;
  paramsUse(sourceCode, parent, reads, state);
}

/** A use of `request.params`: `.arguments`, destructuring, or a variable holding it. */
function paramsUse(sourceCode: SourceCode, params: TSESTree.Node, reads: TSESTree.Node[], state: ReadState): void {
  const outer = valueContext(params);
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) {
    if (staticKeyName(parent) === "arguments") {
      reads.push(parent);
      argumentsUse(sourceCode, parent, state);
    }
    return;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer) {
    const fn = enclosingFunction(parent);
    if (parent.id.type === AST_NODE_TYPES.ObjectPattern && fn) argumentsFromPattern(sourceCode, fn, parent.id, reads, state);
    else if (parent.id.type === AST_NODE_TYPES.Identifier && fn) followVariable(sourceCode, fn, parent.id, reads, state, "params");
    return;
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression) state.handedOff = true;
}

/** `{ name, arguments: args }` destructured from `request.params`. */
function argumentsFromPattern(sourceCode: SourceCode, fn: TSESTree.Node, pattern: TSESTree.ObjectPattern, reads: TSESTree.Node[], state: ReadState): void {
  const property = propertyOf(pattern, "arguments");
  if (!property) return;
  reads.push(property);
  const target = patternTarget(property.value);
  if (target?.type === AST_NODE_TYPES.ObjectPattern) state.fieldReads++;
  else if (target?.type === AST_NODE_TYPES.Identifier) followVariable(sourceCode, fn, target, reads, state, "arguments");
}

/** The uses of a variable holding `request.params` or the arguments. */
function followVariable(sourceCode: SourceCode, fn: TSESTree.Node, identifier: TSESTree.Identifier, reads: TSESTree.Node[], state: ReadState, holds: "params" | "arguments"): void {
  const variable = declaredVariable(sourceCode, fn, identifier);
  if (!variable) {
    state.handedOff = true;
    return;
  }
  for (const reference of variable.references) {
    if (reference.init || reference.isWrite()) continue;
    const node = reference.identifier as TSESTree.Node;
    if (holds === "params") {
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && staticKeyName(parent) === "arguments") {
        reads.push(parent);
        argumentsUse(sourceCode, parent, state);
      } else if (parent?.type === AST_NODE_TYPES.CallExpression) state.handedOff = true;
    } else {
      argumentsUse(sourceCode, node, state);
    }
  }
}

/** How the arguments object is used: a field read, handed whole to a function, or kept in another variable. */
function argumentsUse(sourceCode: SourceCode, node: TSESTree.Node, state: ReadState): void {
  const outer = valueContext(node);
  const parent = outer.parent;
  if (!parent) return;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      if (parent.object === outer) state.fieldReads++;
      return;
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== outer) return;
      const fn = enclosingFunction(parent);
      if (parent.id.type === AST_NODE_TYPES.ObjectPattern) state.fieldReads++;
      else if (parent.id.type === AST_NODE_TYPES.Identifier && fn) followVariable(sourceCode, fn, parent.id, [], state, "arguments");
      else state.handedOff = true;
      return;
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === outer) return;
      const name = calleeName(parent.callee);
      if (name === null || !NON_VALIDATING_CALLS.has(name)) state.handedOff = true;
      return;
    }
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.TemplateLiteral:
      return;
    default:
      // Spread into an object, returned, stored: it may be validated where it goes.
      state.handedOff = true;
  }
}

/** The expression a value ends up as through `as`, `!`, `satisfies`, `?.`, `await` and `?? {}` / `|| {}`. */
function valueContext(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === current)
    ) {
      current = parent;
      continue;
    }
    return current;
  }
}

function enclosingFunction(node: TSESTree.Node): TSESTree.Node | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return null;
}

function declaredVariable(sourceCode: SourceCode, scopeNode: TSESTree.Node, identifier: TSESTree.Identifier): Variable | null {
  const declared = sourceCode.getDeclaredVariables(scopeNode).find((variable) => variable.name === identifier.name);
  if (declared) return declared;
  const parent = identifier.parent;
  if (parent) {
    const found = sourceCode.getDeclaredVariables(parent).find((variable) => variable.name === identifier.name);
    if (found) return found;
  }
  return variableOf(sourceCode, identifier);
}

function propertyOf(pattern: TSESTree.ObjectPattern, key: string): TSESTree.Property | null {
  for (const property of pattern.properties) if (property.type === AST_NODE_TYPES.Property && staticKeyName(property) === key) return property;
  return null;
}

function patternTarget(node: TSESTree.Node): TSESTree.Node | null {
  return node.type === AST_NODE_TYPES.AssignmentPattern ? node.left : node;
}

/** A schema that accepts any input as a whole, and how it is written: `z.any()`, `.passthrough()`, `z.record(z.any())`. */
export function permissiveSchema(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): { node: TSESTree.Node; kind: string } | null {
  let node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length !== 1 || writes[0].path?.length !== 0) return null;
    const found = permissiveSchema(sourceCode, writes[0].value, depth + 1);
    return found ? { node: raw, kind: found.kind } : null;
  }
  const original = node;
  // Modifiers (`.optional()`, `.describe()`) do not change what is accepted.
  while (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && SCHEMA_MODIFIERS.has(staticKeyName(node.callee) ?? "")) {
    node = skipWrappers(node.callee.object);
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || !isZodChain(sourceCode, node)) return null;
  const method = calleeName(node.callee);
  if (method === null) return null;
  const text = sourceCode.getText(original);
  if (ANY_SCHEMAS.has(method) && node.arguments.length === 0) return { node: original, kind: shorten(text) };
  if (PASSTHROUGH_METHODS.has(method)) return { node: original, kind: shorten(text) };
  if (method === "catchall" && node.arguments.length === 1 && isAnySchema(sourceCode, node.arguments[0])) return { node: original, kind: shorten(text) };
  if (method === "record" && node.arguments.length > 0 && isAnySchema(sourceCode, node.arguments[node.arguments.length - 1])) return { node: original, kind: shorten(text) };
  return null;
}

function isAnySchema(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  return node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 0 && ANY_SCHEMAS.has(calleeName(node.callee) ?? "") && isZodChain(sourceCode, node);
}

/** A call chain rooted at zod: `z.any()`, `z.object({}).passthrough()`, `zod.unknown()`. */
function isZodChain(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  while (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.MemberExpression) {
    node = skipWrappers(node.type === AST_NODE_TYPES.CallExpression ? node.callee : node.object);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  if (node.name === "z") return true;
  const resolved = resolveValue(sourceCode, node);
  return resolved !== null && /^zod(?:\/|$)/.test(resolved.module);
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 50 ? `${flat.slice(0, 49)}…` : flat;
}

/**
 * A registration without an input schema whose callback reads tool arguments from its first parameter, which is the
 * request context: `registerTool("read", { description }, async ({ path }) => ...)`. The node and name of the first
 * such read.
 */
export function argumentsReadFromContext(sourceCode: SourceCode, handler: McpHandler): { node: TSESTree.Node; name: string } | null {
  if (handler.inputParams.length > 0 || handler.node.type !== AST_NODE_TYPES.CallExpression) return null;
  const method = calleeName(handler.node.callee);
  if (method === null || !SCHEMA_OPTIONAL_REGISTRATIONS.has(method) || handler.fn.params.length === 0) return null;
  const first = patternTarget(handler.fn.params[0]);
  if (first?.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of first.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticKeyName(property);
      if (key !== null && !CONTEXT_KEYS.has(key)) return { node: property, name: key };
    }
    return null;
  }
  if (first?.type !== AST_NODE_TYPES.Identifier || !INPUT_PARAM_NAME.test(first.name)) return null;
  const variable = declaredVariable(sourceCode, handler.fn, first);
  for (const reference of variable?.references ?? []) {
    const node = reference.identifier as TSESTree.Node;
    const parent = valueContext(node).parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== valueContext(node)) continue;
    const key = staticKeyName(parent);
    if (key !== null && !CONTEXT_KEYS.has(key)) return { node: parent, name: key };
  }
  return null;
}
