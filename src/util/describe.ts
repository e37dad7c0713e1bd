import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers } from "../analysis/ast.js";
import type { SourceCode } from "../analysis/scope.js";

const MAX_TEXT = 60;

/** Source text for a message, on one line and shortened. */
export function shortText(sourceCode: SourceCode, node: TSESTree.Node): string {
  const text = sourceCode.getText(node).replace(/\s+/g, " ");
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** How a message names a call: `exec()`, `cp.execSync()`, `new Function()`, `eval()` for `(0, eval)(x)`. */
export function callLabel(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.ImportExpression): string {
  if (call.type === AST_NODE_TYPES.ImportExpression) return "import()";
  let callee: TSESTree.Node = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.SequenceExpression) callee = callee.expressions[callee.expressions.length - 1];
  const prefix = call.type === AST_NODE_TYPES.NewExpression ? "new " : "";
  return `${prefix}${shortText(sourceCode, callee)}()`;
}
