import { AST_NODE_TYPES, ASTUtils, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers } from "./ast.js";
import type { SourceCode } from "./scope.js";

/** The value of an expression when it can be computed without running the program, else undefined. */
export function constantValue(sourceCode: SourceCode, node: TSESTree.Node): { value: unknown } | null {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal) return { value: inner.value };
  try {
    const result = ASTUtils.getStaticValue(inner as TSESTree.Expression, sourceCode.getScope(inner));
    return result ? { value: result.value } : null;
  } catch {
    return null;
  }
}

export function constantString(sourceCode: SourceCode, node: TSESTree.Node): string | null {
  const result = constantValue(sourceCode, node);
  return result && typeof result.value === "string" ? result.value : null;
}

export function isConstant(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return constantValue(sourceCode, node) !== null;
}
