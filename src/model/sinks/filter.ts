import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import { calleeRootName, projectImportNames } from "../../analysis/imports.js";
import type { SourceCode } from "../../analysis/scope.js";
import type { SinkCall, SinkFamily } from "./types.js";

/**
 * Which calls of a file can be sinks of `family`, decided from the text before any resolution: all of them when the
 * text names the family's modules; otherwise only calls rooted at an import of a project module (a sink reached
 * through `import { execAsync } from "./utils/exec.js"`). Null when no call can be.
 */
export function sinkCallFilter(sourceCode: SourceCode, family: SinkFamily): ((call: SinkCall) => boolean) | null {
  if (!family.textHint || family.textHint.test(sourceCode.text)) return () => true;
  const viaProject = projectImportNames(sourceCode.ast);
  if (viaProject.size === 0) return null;
  return (call) => call.type !== AST_NODE_TYPES.ImportExpression && viaProject.has(calleeRootName(call.callee) ?? "");
}
