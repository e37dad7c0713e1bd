import { CODE_SINK_FAMILY } from "../model/sinks/code.js";
import { createRule } from "../util/create-rule.js";
import { sinkRuleListener } from "../util/sink-rule.js";

export default createRule<[], "evalCode" | "dynamicModule" | "viaImport">({
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
      viaImport:
        "{{source}} from the MCP {{handler}} is passed to {{callee}}, which {{effect}} in {{sink}} at {{location}}: a client can run code in this server. Parse the input as data instead of evaluating it, or allowlist it.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return sinkRuleListener(context, CODE_SINK_FAMILY);
  },
});
