import { nodeIndexFeeder } from "../analysis/node-index.js";
import { bearerAuthWithoutAudience } from "../model/access-control.js";
import { createRule } from "../util/create-rule.js";
import { textIncludes } from "../analysis/text.js";

type MessageIds = "missingExpectedResource";

export default createRule<[], MessageIds>({
  name: "require-token-audience",
  meta: {
    type: "problem",
    docs: {
      description: "Require the SDK's bearer-token middleware to check that tokens were issued for this MCP server",
      recommended: "strict",
    },
    messages: {
      missingExpectedResource:
        "requireBearerAuth() has no expectedResource, so it accepts any valid token whatever resource (audience) it was issued for: a token a client obtained for another service, or another MCP server that accepts the same authorization server, is accepted here (GHSA-rvq5-wwqv-78pq). The MCP authorization spec says servers MUST validate that tokens were issued specifically for them. Set expectedResource: new URL(\"https://<this server>/mcp\") (SDK v1 1.32.0 and later, recent v2), or check the audience in the verifier (checkResourceAllowed on authInfo.resource, or jwtVerify with audience).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!textIncludes(sourceCode.text, "requireBearerAuth")) return {};
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        for (const { call } of bearerAuthWithoutAudience(sourceCode)) {
          context.report({ node: call.callee, messageId: "missingExpectedResource" });
        }
      },
    };
  },
});
