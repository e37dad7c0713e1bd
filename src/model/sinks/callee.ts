import type { TSESTree } from "@typescript-eslint/utils";
import { resolveCallee, type ResolvedValue } from "../../analysis/imports.js";
import { isLocalSpecifier } from "../../analysis/modules.js";
import type { SourceCode } from "../../analysis/scope.js";
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
