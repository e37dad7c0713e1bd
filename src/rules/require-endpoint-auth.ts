import { nodeIndexFeeder } from "../analysis/node-index.js";
import { endpointFindings, type AuthKind } from "../model/endpoints.js";
import { createRule } from "../util/create-rule.js";

export default createRule<[], AuthKind>({
  name: "require-endpoint-auth",
  meta: {
    type: "problem",
    docs: {
      description: "Require authentication on MCP HTTP endpoints that are reachable beyond loopback",
      recommended: "recommended",
    },
    messages: {
      noAuth:
        "{{what}} serves MCP with no authentication and is reachable from other machines: anyone who can reach it can list and call every tool with this server's privileges and credentials (the MCP Inspector and MCPJam proxies spawned processes for anyone this way, CVE-2025-49596, CVE-2026-23744). Authenticate every request (the SDK's requireBearerAuth, FastMCP authenticate/auth, an mcp-framework auth provider, an OAuthProvider wrapper), or listen on 127.0.0.1 only.",
      canAccessWithoutAuth:
        "{{what}} is never enforced on a FastMCP server without authenticate or auth: FastMCP filters tools only for authenticated sessions, so every client can list and call this tool. Configure authentication on new FastMCP({ authenticate }) so that canAccess receives the session.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        for (const finding of endpointFindings(sourceCode).auth) {
          context.report({ node: finding.node, messageId: finding.kind, data: { what: finding.what } });
        }
      },
    };
  },
});
