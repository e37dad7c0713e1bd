import { nodeIndexFeeder } from "../analysis/node-index.js";
import { maySharedInstances, sharedInstances } from "../model/shared-transport.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "sharedServer" | "sharedTransport";

const WHY =
  "the SDK matches responses to requests by JSON-RPC id, and every client starts its ids at 0, so concurrent clients receive each other's tool results (GHSA-345p-7cg4-v4c7, SDK 1.10.0-1.25.3); SDK 1.26.0 and later throw on the second request instead.";

export default createRule<[], MessageIds>({
  name: "no-shared-transport",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow one MCP server or stateless transport shared by every HTTP request",
      recommended: "recommended",
    },
    messages: {
      sharedServer: `{{name}}.connect() runs for every HTTP request, but this {{what}} was created once (line {{line}}) and is shared by all clients: ${WHY} Create the server inside the request handler (a getServer() factory), or keep one server per session next to its transport.`,
      sharedTransport: `{{name}} is a stateless transport (no sessionIdGenerator) created once (line {{line}}) and given every HTTP request: ${WHY} Create the transport (and its server) inside the request handler, or use session ids and one transport per session.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!maySharedInstances(sourceCode.text)) return {};
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        for (const finding of sharedInstances(sourceCode)) {
          context.report({
            node: finding.node,
            messageId: finding.kind,
            data: { name: finding.name, what: finding.what, line: String(finding.creation.loc.start.line) },
          });
        }
      },
    };
  },
});
