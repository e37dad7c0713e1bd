import { AST_NODE_TYPES, ASTUtils, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers } from "./ast.js";
import { variableOf, type SourceCode } from "./scope.js";

/** The value of an expression when it can be computed without running the program, else undefined. */
export function constantValue(sourceCode: SourceCode, node: TSESTree.Node): { value: unknown } | null {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal) return { value: inner.value };
  // A name that is a parameter, an import, a function or declared twice has no static value: answered before
  // `getStaticValue`, which looks the name up again from its node (a scan of the scope's children) to say the same.
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, inner);
    if (variable && variable.defs.length > 0 && (variable.defs.length > 1 || variable.defs[0].type !== "Variable")) return null;
  }
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
