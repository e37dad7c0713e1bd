import type { TSESLint } from "@typescript-eslint/utils";
import { ARGV_SINK_FAMILY, PROGRAM_SENTINEL } from "../model/sinks/argv.js";
import { createRule } from "../util/create-rule.js";
import { sinkRuleListener } from "../util/sink-rule.js";

type MessageIds = "optionInjection" | "splitCommand" | "viaImport";

const FIX = 'Put "--" before the values from tool input (for programs that honour it), or reject values that start with "-" (`if (value.startsWith("-")) throw ...`), or allowlist them.';

export default createRule<[], MessageIds>({
  name: "no-argument-injection",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow MCP tool input in argument arrays where it can be read as an option",
      recommended: "strict",
    },
    messages: {
      optionInjection: `{{source}} from the MCP {{handler}} is an argument of the program that {{sink}} runs, before any "--": a value such as "--server=https://attacker.example" or "--output=/home/user/.ssh/authorized_keys" is read as an option, and can send credentials elsewhere, overwrite files or run commands. ${FIX}`,
      splitCommand: `{{source}} from the MCP {{handler}} is split on spaces into the program and arguments that {{sink}} runs: the client can add any option. Build the argument array from separate, checked values instead of splitting a string.`,
      viaImport: `{{source}} from the MCP {{handler}} is passed to {{callee}}, which {{effect}} in {{sink}} at {{location}}: a value starting with "-" is read as an option. ${FIX}`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    // A group starts with the program: when the program itself is tool input (no-command-injection's finding), the
    // group reports the sentinel, which is dropped here, so the call gets no finding from this rule.
    const effectOfSentinel = ARGV_SINK_FAMILY.effects[PROGRAM_SENTINEL];
    const filtered = Object.create(context, {
      report: {
        value(descriptor: TSESLint.ReportDescriptor<MessageIds>) {
          const { messageId } = descriptor as { messageId: string };
          const data = (descriptor as { data?: Record<string, unknown> }).data;
          if (messageId === PROGRAM_SENTINEL || (messageId === "viaImport" && data?.effect === effectOfSentinel)) return;
          context.report(descriptor);
        },
      },
    }) as typeof context;
    return sinkRuleListener(filtered, ARGV_SINK_FAMILY);
  },
});
