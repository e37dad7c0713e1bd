import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import { calleeName, isFunctionNode, skipWrappers } from "../../analysis/ast.js";
import { isConstant } from "../../analysis/constants.js";
import { CODE_SINK_NAMES, CODE_SINK_TEXT_HINT, CODE_SINKS, MODULE_LOADERS } from "../../knowledge/code-sinks.js";
import { matchesAny } from "../../knowledge/flow.js";
import { sinkCallee } from "./callee.js";
import type { SinkFamily } from "./types.js";

/** Code evaluation (`eval`, `Function`, `vm`, string timers) and module loading by name. */
export const CODE_SINK_FAMILY: SinkFamily = {
  rule: "no-code-injection",
  profile: { name: "code", sanitizers: [] },
  textHint: CODE_SINK_TEXT_HINT,
  argumentsToCheck(sourceCode, call) {
    if (call.type === AST_NODE_TYPES.ImportExpression) {
      return isConstant(sourceCode, call.source) ? [] : [[{ node: call.source, messageId: "dynamicModule" }]];
    }
    // A name check first: most calls are not sinks, and resolving a callee costs a scope lookup. A literal or a
    // function as the only code argument (`require("x")`, `setTimeout(() => ...)`) cannot be a finding either.
    if (call.arguments.length === 0 || !CODE_SINK_NAMES.has(calleeName(call.callee) ?? "")) return [];
    if (call.arguments.length === 1 || call.callee.type !== AST_NODE_TYPES.Identifier || calleeName(call.callee) !== "Function") {
      const first = skipWrappers(call.arguments[0]);
      if (first.type === AST_NODE_TYPES.Literal || isFunctionNode(first)) return [];
    }
    const resolved = sinkCallee(sourceCode, call, CODE_SINK_FAMILY);
    if (matchesAny(resolved, MODULE_LOADERS)) return [[{ node: call.arguments[0], messageId: "dynamicModule" }]];
    const sink = CODE_SINKS.find((candidate) => matchesAny(resolved, [candidate]));
    if (!sink) return [];
    const args = sink.args === "all" ? call.arguments : [call.arguments[0]];
    const checked = args.filter(
      (arg) => arg.type !== AST_NODE_TYPES.SpreadElement && !(sink.stringOnly && isFunctionNode(skipWrappers(arg))),
    );
    return checked.length > 0 ? [checked.map((node) => ({ node, messageId: "evalCode" }))] : [];
  },
  effects: {
    evalCode: "runs it as JavaScript",
    dynamicModule: "loads it as a module",
  },
};
