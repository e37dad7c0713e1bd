import { COMMAND_SINK_FAMILY } from "../model/sinks/command.js";
import { createRule } from "../util/create-rule.js";
import { sinkRuleListener } from "../util/sink-rule.js";

const FIX = "Run a fixed program with execFile/spawn and an argument array, without a shell, and allowlist the value.";

export default createRule<[], "shellCommand" | "programName" | "interpreterCode" | "viaImport">({
  name: "no-command-injection",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow MCP tool input in shell commands, program names and interpreter code",
      recommended: "recommended",
    },
    messages: {
      shellCommand: `{{source}} from the MCP {{handler}} reaches the shell command of {{sink}}: a client, or a prompt injection steering the model, can run any command on this server. ${FIX}`,
      programName:
        "{{source}} from the MCP {{handler}} chooses the program that {{sink}} runs: a client can run any executable. Run a fixed program, or map the input to one through an allowlist.",
      interpreterCode:
        "{{source}} from the MCP {{handler}} is passed as code to `{{program}} {{flag}}` in {{sink}}: a client can run any code. Pass the value as data (an argument or stdin) to a fixed script instead.",
      viaImport: `{{source}} from the MCP {{handler}} is passed to {{callee}}, which {{effect}} in {{sink}} at {{location}}: a client can run commands on this server. ${FIX}`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return sinkRuleListener(context, COMMAND_SINK_FAMILY);
  },
});
