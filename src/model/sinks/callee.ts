import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { isFunctionNode, skipWrappers, staticKeyName } from "../../analysis/ast.js";
import { resolveCallee, type ResolvedValue } from "../../analysis/imports.js";
import { isLocalSpecifier } from "../../analysis/modules.js";
import { variableOf, writesOf, type SourceCode } from "../../analysis/scope.js";
import type { ExportRef } from "../../knowledge/flow.js";
import { mayReachSinks } from "./filter.js";
import type { SinkFamily } from "./types.js";

/**
 * What a call's callee is, for sink matching: the plain resolution (memoised and shared by every rule), and only for
 * an import of a project module the resolution through that module (`export const execAsync = promisify(exec)` in
 * `./utils/exec.ts`), which is not memoised and may parse it.
 */
export function sinkCallee(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, family: SinkFamily): ResolvedValue | null {
  const plain = resolveCallee(sourceCode, call);
  if (!plain || !isLocalSpecifier(plain.module)) return plain;
  return resolveCallee(sourceCode, call, { throughProject: (file) => mayReachSinks(file, family, 1) });
}

/** The names a call of one of `refs` can be written with, for `mayCall`: each export's own name, and `default`. */
export function calleeNamesOf(refs: readonly ExportRef[]): ReadonlySet<string> {
  return new Set(["default", ...refs.map((ref) => ref.path[ref.path.length - 1]).filter((name): name is string => name !== undefined)]);
}

/**
 * Whether resolving the callee can give an export whose own name is in `names` (from `calleeNamesOf`), decided without
 * resolving: a member call ends its path with the member's name, a global is its own name, and any other identifier
 * resolves only through an import or a write of a value that is not a function (`const run = promisify(exec)`). Most
 * calls of a file (methods of other objects, same-file functions, parameters) are none of these, and are skipped.
 */
export function mayCall(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, names: ReadonlySet<string>): boolean {
  let callee: TSESTree.Node = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.SequenceExpression) callee = skipWrappers(callee.expressions[callee.expressions.length - 1]);
  switch (callee.type) {
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticKeyName(callee);
      return name !== null && names.has(name);
    }
    case AST_NODE_TYPES.Identifier:
      return names.has(callee.name) || isBoundToValue(sourceCode, callee);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.AwaitExpression:
      return true;
    default:
      return false;
  }
}

/**
 * Whether a name is bound by an import or a write of a value that is not a function: only then can it be an alias of
 * a module export (`import { run } from "./exec"`, `const run = promisify(exec)`). Asked by every sink family about the
 * same callees: remembered per identifier.
 */
export function isBoundToValue(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  let answer = boundMemo.get(identifier);
  if (answer === undefined) {
    const variable = variableOf(sourceCode, identifier);
    answer =
      variable !== null &&
      (variable.defs.some((def) => def.type === "ImportBinding") || writesOf(variable).some((write) => !isFunctionNode(skipWrappers(write.value))));
    boundMemo.set(identifier, answer);
  }
  return answer;
}

const boundMemo = new WeakMap<TSESTree.Identifier, boolean>();
