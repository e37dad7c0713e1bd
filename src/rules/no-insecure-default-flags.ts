import { onByDefaultFlags } from "../model/flags.js";
import { readSettings } from "../model/settings.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "onUnlessOff" | "onWhenUnset" | "defaultOn" | "requireOptIn";

const WHY =
  "an MCP client that starts the server with no configuration, the usual case, gets it switched on, and then a prompt injection in any content the model reads can use it.";
const FIX = "Make it off by default so that users opt in";

export default createRule<[], MessageIds>({
  name: "no-insecure-default-flags",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow dangerous features of MCP servers that are on unless switched off",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      onUnlessOff: `{{name}} turns on something dangerous and is on unless it is set to {{value}}: ${WHY} ${FIX} (compare with the value that turns it on).`,
      onWhenUnset: `{{name}} turns on something dangerous and falls back to {{value}} when it is not set: ${WHY} ${FIX} (fall back to off).`,
      defaultOn: `{{name}} turns on something dangerous and defaults to {{value}}: ${WHY} ${FIX} (default to false).`,
      requireOptIn: "Turn it on only when it is set to {{on}}.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      "Program:exit"() {
        const flags = onByDefaultFlags(context.sourceCode, context.physicalFilename ?? context.filename, readSettings(context.settings));
        for (const flag of flags) {
          const optIn = flag.optIn;
          context.report({
            node: flag.node,
            messageId: flag.kind === "comparison" ? "onUnlessOff" : flag.kind === "fallback" ? "onWhenUnset" : "defaultOn",
            data: { name: flag.name, value: flag.value },
            suggest: optIn
              ? [{ messageId: "requireOptIn", data: { on: optIn.on }, fix: (fixer) => optIn.edits.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text)) }]
              : [],
          });
        }
      },
    };
  },
});
