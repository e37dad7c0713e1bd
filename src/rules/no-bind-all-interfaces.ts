import { nodeIndexFeeder } from "../analysis/node-index.js";
import { allInterfacesBindings } from "../model/http.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "allInterfaces" | "allInterfacesDefault" | "noHost" | "bindLoopback";

const WHY =
  "any machine that can reach this one can call the server's tools, and a web page its user opens can reach it through DNS rebinding (the MCP Inspector proxy was exposed this way, CVE-2025-49596).";
const FIX = "Listen on 127.0.0.1 (or a host from configuration that defaults to it), and expose the server only behind authentication.";

export default createRule<[], MessageIds>({
  name: "no-bind-all-interfaces",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow MCP HTTP servers that listen on every network interface",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      allInterfaces: `{{call}} binds the MCP server to {{host}}, every network interface: ${WHY} ${FIX}`,
      allInterfacesDefault: `{{call}} falls back to {{host}}, every network interface, when the host is not configured: ${WHY} ${FIX}`,
      noHost: `{{call}} has no host, so the MCP server listens on every network interface: ${WHY} ${FIX}`,
      bindLoopback: "Listen on 127.0.0.1 only.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        for (const binding of allInterfacesBindings(sourceCode)) {
          const edit = binding.edit;
          context.report({
            node: binding.node,
            messageId: binding.kind === "missing" ? "noHost" : binding.kind === "default" ? "allInterfacesDefault" : "allInterfaces",
            data: { call: binding.call, host: binding.host },
            suggest: edit ? [{ messageId: "bindLoopback", fix: (fixer) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text) }] : [],
          });
        }
      },
    };
  },
});
