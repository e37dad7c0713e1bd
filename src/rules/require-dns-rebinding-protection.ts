import { nodeIndexFeeder } from "../analysis/node-index.js";
import { endpointFindings, type RebindingKind } from "../model/endpoints.js";
import { createRule } from "../util/create-rule.js";

const WHY =
  "a web page the user opens can point its own domain at this server's address (DNS rebinding) and call the MCP tools from the browser, with the user's local files, processes and credentials (the SDK shipped this protection off, CVE-2025-66414; @playwright/mcp, CVE-2025-9611).";
const FIX =
  "Create the app with createMcpExpressApp() / createMcpHonoApp() (they validate the Host header for localhost), or put hostHeaderValidation([...allowed hosts]) or localhostHostValidation() in front of the MCP routes.";

export default createRule<[], RebindingKind>({
  name: "require-dns-rebinding-protection",
  meta: {
    type: "problem",
    docs: {
      description: "Require Host-header validation in front of MCP HTTP transports",
      recommended: "recommended",
    },
    messages: {
      unprotectedApp: `{{what}} serves an MCP transport without validating the Host header: ${WHY} ${FIX}`,
      protectionWithoutHosts: `{{what}} without allowedHosts or allowedOrigins checks nothing: ${WHY} List the hosts and origins the server is reached by (allowedHosts: ["127.0.0.1:3000", "localhost:3000"]), or use the SDK's host-validation middleware instead.`,
      factoryHost: `{{what}} with a host that is not loopback installs no Host validation (the SDK validates only for localhost hosts, or when allowedHosts is given): ${WHY} Pass allowedHosts with the names the server is reached by.`,
      handlerWithoutGuard: `{{what}} does no Host or Origin validation: ${WHY} Answer hostHeaderValidationResponse(request, localhostAllowedHostnames()) ?? originValidationResponse(request, localhostAllowedOrigins()) before calling the handler, or serve it from createMcpHonoApp().`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        for (const finding of endpointFindings(sourceCode).rebinding) {
          context.report({ node: finding.node, messageId: finding.kind, data: { what: finding.what } });
        }
      },
    };
  },
});
