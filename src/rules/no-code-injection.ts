import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { calleeName, isFunctionNode, skipWrappers } from "../analysis/ast.js";
import { isConstant } from "../analysis/constants.js";
import { resolveCallee } from "../analysis/imports.js";
import { CODE_SINK_NAMES, CODE_SINKS, MODULE_LOADERS } from "../knowledge/code-sinks.js";
import { matchesAny } from "../knowledge/flow.js";
import { getMcpModel, type McpFileModel, type SinkProfile } from "../model/index.js";
import { createRule } from "../util/create-rule.js";
import { callLabel, shortText } from "../util/describe.js";

export const CODE_PROFILE: SinkProfile = { name: "code", sanitizers: [] };

type MessageIds = "evalCode" | "dynamicModule";

export default createRule<[], MessageIds>({
  name: "no-code-injection",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow MCP tool input in code that is evaluated or in module names that are loaded",
      recommended: "recommended",
    },
    messages: {
      evalCode:
        "{{source}} from the MCP {{handler}} reaches {{sink}}, which runs it as JavaScript: a client, or a prompt injection steering the model, can run any code in this server. Parse the input as data (JSON.parse, a math-expression parser) instead of evaluating it.",
      dynamicModule:
        "{{source}} from the MCP {{handler}} chooses the module that {{sink}} loads: a client can load and run any file. Map the input to a fixed module through an allowlist.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    // The model is built only once a sink is seen: files without one cost a name check per call.
    let model: McpFileModel | null = null;

    const report = (node: TSESTree.Node, messageId: MessageIds, sinkNode: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.ImportExpression) => {
      model ??= getMcpModel(sourceCode);
      const hit = model.toolInputIn(node, CODE_PROFILE);
      if (!hit) return false;
      context.report({
        node,
        messageId,
        data: { source: shortText(sourceCode, hit.leaf), handler: hit.source.handler.label, sink: callLabel(sourceCode, sinkNode) },
      });
      return true;
    };

    const checkCall = (call: TSESTree.CallExpression | TSESTree.NewExpression) => {
      if (call.arguments.length === 0 || !CODE_SINK_NAMES.has(calleeName(call.callee) ?? "")) return;
      const resolved = resolveCallee(sourceCode, call);
      if (matchesAny(resolved, MODULE_LOADERS)) {
        report(call.arguments[0], "dynamicModule", call);
        return;
      }
      const sink = CODE_SINKS.find((candidate) => matchesAny(resolved, [candidate]));
      if (!sink) return;
      const args = sink.args === "all" ? call.arguments : [call.arguments[0]];
      for (const arg of args) {
        if (sink.stringOnly && isFunctionNode(skipWrappers(arg))) continue;
        if (arg.type !== AST_NODE_TYPES.SpreadElement && report(arg, "evalCode", call)) return;
      }
    };

    return {
      CallExpression: checkCall,
      NewExpression: checkCall,
      ImportExpression(node) {
        if (!isConstant(sourceCode, node.source)) report(node.source, "dynamicModule", node);
      },
    };
  },
});
