import { nodeIndexFeeder } from "../analysis/node-index.js";
import { permissiveCors } from "../model/cors.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "defaultOrigin" | "anyOrigin" | "reflectedOrigin" | "frameworkDefault";

const WHY =
  "any web page the user opens can then call this MCP server's tools from the browser and read the results (sessions, files, tokens the tools return), no DNS rebinding needed; the MCP Inspector proxy was attacked from web pages this way (CVE-2025-49596).";
const FIX =
  "Allow only the origins of your own browser clients (origin: [\"https://app.example.com\"]) or drop CORS: MCP clients that are not browsers do not need it.";

export default createRule<[], MessageIds>({
  name: "no-permissive-cors",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow CORS settings that let any web page read an MCP HTTP server's responses",
      recommended: "recommended",
    },
    messages: {
      defaultOrigin: `{{what}} without an origin allows every origin (Access-Control-Allow-Origin: *): ${WHY} ${FIX}`,
      anyOrigin: `{{what}} allows every origin: ${WHY} ${FIX}`,
      reflectedOrigin: `{{what}} echoes back whatever origin asks, so every origin is allowed, with credentials too: ${WHY} ${FIX}`,
      frameworkDefault: `{{what}} answers every origin by default (Access-Control-Allow-Origin: *) and this server has no authentication: ${WHY} Configure the allowed origins (cors), and authenticate clients (authenticate/auth).`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        for (const finding of permissiveCors(sourceCode)) {
          context.report({ node: finding.node, messageId: finding.kind, data: { what: finding.what } });
        }
      },
    };
  },
});
