/**
 * Session id generators of MCP HTTP transports (`sessionIdGenerator`) and where their ids come from: a
 * cryptographically secure source, or one an attacker can predict (`Math.random`, the time, a counter).
 */
import { AST_NODE_TYPES, ASTUtils, type TSESTree } from "@typescript-eslint/utils";
import { contains, isFunctionNode, skipWrappers, staticKeyName, walk, type FunctionNode } from "../analysis/ast.js";
import { constantString } from "../analysis/constants.js";
import { isExport, resolveCallee, resolveValue, type ResolvedValue } from "../analysis/imports.js";
import { getNodeIndex } from "../analysis/node-index.js";
import { variableOf, writesOf, type SourceCode } from "../analysis/scope.js";
import { perFile } from "../analysis/per-file.js";
import { MAX_GENERATOR_DEPTH, PREDICTABLE_ID_SOURCES, SECURE_ID_SOURCES } from "../knowledge/session-ids.js";
import { textIncludes } from "../analysis/text.js";

/** A `sessionIdGenerator` whose ids can be predicted. */
export interface PredictableSessionId {
  /** Where to report: the generator (or the key of a method). */
  node: TSESTree.Node;
  /** The predictable part (`Math.random()`, `counter++`). */
  source: TSESTree.Node;
  /** What it is, for a message: "the current time". */
  reason: string;
  /** An edit that generates ids with `randomUUID()` instead, when one is mechanical. */
  edit: { range: readonly [number, number]; text: string } | null;
}

type Verdict = { kind: "secure" } | { kind: "predictable"; source: TSESTree.Node; reason: string } | null;

/** The `sessionIdGenerator` options of this file whose ids an attacker can predict. */
export const predictableSessionIds: (sourceCode: SourceCode) => PredictableSessionId[] = perFile((sourceCode) => find(sourceCode), () => []);

function find(sourceCode: SourceCode): PredictableSessionId[] {
  const text = sourceCode.text;
  if (!textIncludes(text, "sessionIdGenerator") || !textIncludes(text, "@modelcontextprotocol/")) return [];
  const result: PredictableSessionId[] = [];
  for (const object of getNodeIndex(sourceCode).objects) {
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property || staticKeyName(property) !== "sessionIdGenerator") continue;
      const verdict = judgeGenerator(sourceCode, property.value, 0);
      if (verdict?.kind !== "predictable") continue;
      const whole = property.method || property.shorthand;
      const replacement = secureGeneratorText(sourceCode, property);
      result.push({
        node: property.method ? property.key : property.value,
        source: verdict.source,
        reason: verdict.reason,
        edit: replacement
          ? whole
            ? { range: property.range, text: `sessionIdGenerator: ${replacement}` }
            : { range: property.value.range, text: replacement }
          : null,
      });
    }
  }
  return result;
}

function matches<Ref extends { module: string; path: readonly string[] }>(resolved: ResolvedValue | null, refs: readonly Ref[]): Ref | undefined {
  return refs.find((ref) => isExport(resolved, ref.module, ...ref.path));
}

/** Where the ids of a generator value come from. */
function judgeGenerator(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): Verdict {
  if (depth > MAX_GENERATOR_DEPTH) return null;
  const node = skipWrappers(raw);
  if (isFunctionNode(node)) return judgeFunction(sourceCode, node, depth);
  switch (node.type) {
    case AST_NODE_TYPES.ConditionalExpression:
      return worst(judgeGenerator(sourceCode, node.consequent, depth + 1), judgeGenerator(sourceCode, node.alternate, depth + 1));
    case AST_NODE_TYPES.LogicalExpression:
      return worst(judgeGenerator(sourceCode, node.left, depth + 1), judgeGenerator(sourceCode, node.right, depth + 1));
    case AST_NODE_TYPES.CallExpression: {
      // A generator factory: `customAlphabet(alphabet, 32)`.
      const resolved = resolveCallee(sourceCode, node);
      if (matches(resolved, SECURE_ID_SOURCES)) return { kind: "secure" };
      const predictable = matches(resolved, PREDICTABLE_ID_SOURCES);
      return predictable ? { kind: "predictable", source: node, reason: predictable.label } : null;
    }
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression: {
      if (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined") return null;
      const resolved = resolveValue(sourceCode, node);
      if (matches(resolved, SECURE_ID_SOURCES)) return { kind: "secure" };
      const predictable = matches(resolved, PREDICTABLE_ID_SOURCES);
      if (predictable) return { kind: "predictable", source: node, reason: predictable.label };
      const target = node.type === AST_NODE_TYPES.Identifier ? sameFileValue(sourceCode, node) : null;
      return target ? judgeGenerator(sourceCode, target, depth + 1) : null;
    }
    default:
      return null;
  }
}

/** The function or single value a same-file name is bound to. */
function sameFileValue(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Node | null {
  const variable = variableOf(sourceCode, identifier);
  if (!variable) return null;
  const declaration = variable.defs.find((def) => def.type === "FunctionName")?.node as TSESTree.Node | undefined;
  if (declaration && isFunctionNode(declaration)) return declaration;
  const writes = writesOf(variable);
  return writes.length === 1 && writes[0].path?.length === 0 && !writes[0].iterated ? writes[0].value : null;
}

/** A generator function: secure if it calls a secure source anywhere, predictable if it uses only guessable ones. */
function judgeFunction(sourceCode: SourceCode, fn: FunctionNode, depth: number): Verdict {
  if (depth > MAX_GENERATOR_DEPTH) return null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement && constantString(sourceCode, fn.body) !== null) {
    return { kind: "predictable", source: fn.body, reason: "a constant" };
  }
  let secure = false;
  let predictable: Verdict = null;
  walk(fn.body, (node) => {
    if (secure) return false;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const resolved = resolveCallee(sourceCode, node);
      if (matches(resolved, SECURE_ID_SOURCES)) {
        secure = true;
        return false;
      }
      const known = matches(resolved, PREDICTABLE_ID_SOURCES);
      if (known) {
        predictable ??= { kind: "predictable", source: node, reason: known.label };
        return;
      }
      const callee = skipWrappers(node.callee);
      const helper = callee.type === AST_NODE_TYPES.Identifier ? sameFileValue(sourceCode, callee) : null;
      if (helper && isFunctionNode(helper) && helper !== fn && !contains(helper, fn)) {
        const verdict = judgeFunction(sourceCode, helper, depth + 1);
        if (verdict?.kind === "secure") {
          secure = true;
          return false;
        }
        if (verdict) predictable ??= verdict;
      }
      return;
    }
    const counter = counterUpdate(sourceCode, node, fn);
    if (counter) predictable ??= { kind: "predictable", source: counter, reason: "a counter" };
    return;
  });
  if (secure) return { kind: "secure" };
  return predictable;
}

/** `count++`, `count += 1` on a variable declared outside the generator: each id is the previous one plus one. */
function counterUpdate(sourceCode: SourceCode, node: TSESTree.Node, fn: FunctionNode): TSESTree.Node | null {
  let target: TSESTree.Node | null = null;
  if (node.type === AST_NODE_TYPES.UpdateExpression) target = node.argument;
  else if (node.type === AST_NODE_TYPES.AssignmentExpression && (node.operator === "+=" || node.operator === "-=")) target = node.left;
  if (!target) return null;
  const inner = skipWrappers(target);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    // `this.count++`, `state.next++`: state kept outside the call.
    return node;
  }
  if (inner.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, inner);
  const declared = variable?.defs[0]?.name as TSESTree.Node | undefined;
  return declared && !contains(fn, declared) ? node : null;
}

function worst(a: Verdict, b: Verdict): Verdict {
  if (a?.kind === "predictable") return a;
  if (b?.kind === "predictable") return b;
  return a ?? b;
}

/** `() => randomUUID()` when `randomUUID` of `crypto` is in scope, `() => crypto.randomUUID()` with the global. */
function secureGeneratorText(sourceCode: SourceCode, property: TSESTree.Property): string | null {
  const scope = sourceCode.getScope(property);
  const named = ASTUtils.findVariable(scope, "randomUUID");
  const namedDef = named?.defs[0]?.name as TSESTree.Identifier | undefined;
  if (namedDef && matches(resolveValue(sourceCode, namedDef), SECURE_ID_SOURCES.filter((ref) => ref.path[ref.path.length - 1] === "randomUUID"))) {
    return "() => randomUUID()";
  }
  if (named) return null;
  const crypto = ASTUtils.findVariable(scope, "crypto");
  if (!crypto || crypto.defs.length === 0) return "() => crypto.randomUUID()";
  const cryptoDef = crypto.defs[0].name as TSESTree.Identifier;
  return isExport(resolveValue(sourceCode, cryptoDef), "crypto") ? "() => crypto.randomUUID()" : null;
}
