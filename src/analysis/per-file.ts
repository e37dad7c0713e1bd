import type { TSESTree } from "@typescript-eslint/utils";
import type { SourceCode } from "./scope.js";

/**
 * A per-file analysis, computed once per parse (every rule that asks shares the answer) and never throwing: a file
 * the analysis cannot understand (odd syntax, a shape it does not expect) gets `fallback()`, and the lint run goes on.
 */
export function perFile<T>(analyse: (sourceCode: SourceCode) => T, fallback: () => T): (sourceCode: SourceCode) => T {
  const cache = new WeakMap<TSESTree.Program, T>();
  return (sourceCode) => {
    if (cache.has(sourceCode.ast)) return cache.get(sourceCode.ast) as T;
    let found: T;
    try {
      found = analyse(sourceCode);
    } catch {
      found = fallback();
    }
    cache.set(sourceCode.ast, found);
    return found;
  };
}
