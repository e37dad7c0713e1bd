import { nodeIndexFeeder } from "../analysis/node-index.js";
import { predictableSessionIds } from "../model/session-ids.js";
import { createRule } from "../util/create-rule.js";
import { shortText } from "../util/describe.js";

type MessageIds = "predictableSessionId" | "useRandomUUID";

export default createRule<[], MessageIds>({
  name: "require-secure-session-id",
  meta: {
    type: "problem",
    docs: {
      description: "Require MCP session ids from a cryptographically secure random source",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      predictableSessionId:
        "This MCP session id generator builds ids from {{reason}} ({{code}}), which an attacker can guess: the Mcp-Session-Id header is all that ties a request to a session, so whoever guesses an id can send requests into another client's session, receive its responses and notifications, or end it with DELETE. Generate ids with crypto.randomUUID() (or randomBytes).",
      useRandomUUID: "Generate session ids with crypto.randomUUID().",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        for (const finding of predictableSessionIds(sourceCode)) {
          const edit = finding.edit;
          context.report({
            node: finding.node,
            messageId: "predictableSessionId",
            data: { reason: finding.reason, code: shortText(sourceCode, finding.source) },
            suggest: edit ? [{ messageId: "useRandomUUID", fix: (fixer) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text) }] : [],
          });
        }
      },
    };
  },
});
