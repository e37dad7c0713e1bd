import { PATH_SINK_FAMILY } from "../model/sinks/path.js";
import { createRule } from "../util/create-rule.js";
import { sinkRuleListener } from "../util/sink-rule.js";

const FIX =
  "Resolve it against a fixed root and check it stays inside (`path.relative(root, resolved)` must not start with `..` or be absolute, or `resolved.startsWith(root + path.sep)`), or keep only `path.basename()` when a file name is all the tool needs.";

export default createRule<[], "pathTraversal" | "unsoundCheck" | "viaImport">({
  name: "no-path-traversal",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow MCP tool input in file-system paths without a sound containment check",
      recommended: "recommended",
    },
    messages: {
      pathTraversal: `{{source}} from the MCP {{handler}} chooses the path that {{sink}} {{verb}}: a client, or a prompt injection steering the model, can use \`../\` or an absolute path to {{gain}}. ${FIX}`,
      unsoundCheck: `{{source}} from the MCP {{handler}} reaches {{sink}} after the check \`{{check}}\`, which does not keep it inside the allowed directory: {{reason}}. ${FIX}`,
      viaImport: `{{source}} from the MCP {{handler}} is passed to {{callee}}, which {{effect}} in {{sink}} at {{location}}: a client can use \`../\` or an absolute path to reach files outside the allowed directory. ${FIX}`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return sinkRuleListener(context, PATH_SINK_FAMILY);
  },
});
