import { ENV_SINK_FAMILY } from "../model/sinks/env.js";
import { createRule } from "../util/create-rule.js";
import { sinkRuleListener } from "../util/sink-rule.js";

type MessageIds = "envObject" | "envKey" | "envVariable" | "processEnv" | "processEnvVariable" | "viaImport";

const CHILD_FIX = "Start the program with an environment the server builds: the variables it needs, under fixed names, with values you checked.";
const SELF_FIX = "Keep the server's environment fixed; pass per-call settings to the code that needs them as arguments instead.";

export default createRule<[], MessageIds>({
  name: "no-env-injection",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow MCP tool input in the environment of started processes and in process.env",
      recommended: "recommended",
    },
    messages: {
      envObject: `{{source}} from the MCP {{handler}} supplies environment variables of the process that {{sink}} starts: a client, or a prompt injection steering the model, can set LD_PRELOAD, NODE_OPTIONS or PATH and run its own code in that process. ${CHILD_FIX}`,
      envKey: `{{source}} from the MCP {{handler}} chooses the name of an environment variable of the process that {{sink}} starts: a client can set LD_PRELOAD, NODE_OPTIONS or PATH and run its own code in that process. ${CHILD_FIX}`,
      envVariable: `{{source}} from the MCP {{handler}} sets {{name}} for the process that {{sink}} starts: {{name}} changes what code the program loads or runs, or which servers it trusts, so a client can take the process over. ${CHILD_FIX}`,
      processEnv: `{{source}} from the MCP {{handler}} chooses variables of this server's own environment ({{sink}}): every process the server starts afterwards, for every client, inherits them (LD_PRELOAD, NODE_OPTIONS, PATH), and the server's own settings change. ${SELF_FIX}`,
      processEnvVariable: `{{source}} from the MCP {{handler}} sets {{name}} in this server's own environment ({{sink}}): every program the server starts afterwards, for every client, runs with it. ${SELF_FIX}`,
      viaImport: `{{source}} from the MCP {{handler}} is passed to {{callee}}, which {{effect}} in {{sink}} at {{location}}: a client can run its own code through environment variables. ${CHILD_FIX}`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return sinkRuleListener(context, ENV_SINK_FAMILY);
  },
});
