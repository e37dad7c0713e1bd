import type { TSESTree } from "@typescript-eslint/utils";
import { callsNamed, getNodeIndex, nodeIndexFeeder } from "../analysis/node-index.js";
import { readSettings } from "../model/settings.js";
import { clientTokenIn, incomingHeaders, OUTBOUND_CREDENTIAL_CALL_NAMES, outboundCredentials } from "../model/token-passthrough.js";
import { createRule } from "../util/create-rule.js";
import { callLabel, shortText } from "../util/describe.js";
import { isJavaScriptSource } from "../util/languages.js";
import { isMcpCode } from "../util/sink-rule.js";
import { absolutePath } from "../analysis/modules.js";

type MessageIds = "tokenPassthrough" | "headersPassthrough";

const SPEC =
  'The MCP authorization spec: "If the MCP server makes requests to upstream APIs, it may act as an OAuth client to them. The access token used at the upstream API is a separate token, issued by the upstream authorization server. The MCP server MUST NOT pass through the token it received from the MCP client."';
const FIX = "Call the upstream API with the server's own credential, or exchange the client's token for one issued for that API (RFC 8693 token exchange, on-behalf-of).";

export default createRule<[], MessageIds>({
  name: "no-token-passthrough",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow forwarding the MCP client's access token to upstream APIs",
      recommended: "recommended",
    },
    messages: {
      tokenPassthrough: `{{source}} is the access token the MCP client sent, and it is forwarded to an upstream API in {{name}} of {{sink}}: the upstream API then trusts a token that was issued for this server, not for it, and the server becomes a confused deputy that bypasses the upstream's own audience checks, rate limits and audit trail. ${SPEC} ${FIX}`,
      headersPassthrough: `{{source}} copies every header of the client's request, its Authorization header among them, into {{sink}}: the client's access token is passed through to the upstream API. ${SPEC} Send only the headers the upstream needs, with the server's own credential.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!isJavaScriptSource(sourceCode)) return {};
    const text = sourceCode.text;
    if (!/authInfo|authorization|auth\.token|getRequestContext|\.headers/i.test(text)) return {};
    const filename = absolutePath(context.physicalFilename ?? context.filename);
    if (!isMcpCode(sourceCode, filename, readSettings(context.settings))) return {};
    const reported = new Set<TSESTree.Node>();

    const checkCall = (call: TSESTree.CallExpression | TSESTree.NewExpression) => {
      for (const credential of outboundCredentials(sourceCode, call)) {
        if (reported.has(credential.node)) continue;
        const sink = callLabel(sourceCode, call);
        if (credential.all) {
          const spread = incomingHeaders(sourceCode, credential.node);
          if (!spread) continue;
          reported.add(credential.node);
          context.report({ node: credential.node, messageId: "headersPassthrough", data: { source: shortText(sourceCode, spread), sink } });
          continue;
        }
        const source = clientTokenIn(sourceCode, credential.node);
        if (!source) continue;
        reported.add(credential.node);
        context.report({
          node: credential.node,
          messageId: "tokenPassthrough",
          data: { source: shortText(sourceCode, source), name: credential.name === null ? "a header" : `"${credential.name}"`, sink },
        });
      }
    };

    // Decided at the end from the shared node index: one visit per file rather than one per node.
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        const index = getNodeIndex(sourceCode);
        for (const call of callsNamed(index, OUTBOUND_CREDENTIAL_CALL_NAMES)) checkCall(call);
        for (const call of index.news) checkCall(call);
      },
    };
  },
});
