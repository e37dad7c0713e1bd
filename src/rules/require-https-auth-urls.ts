import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { getNodeIndex, nodeIndexFeeder } from "../analysis/node-index.js";
import { authUrlKey, insecureUrlsOfCall, insecureUrlsOfProperty, type InsecureUrl } from "../model/auth-urls.js";
import { readSettings } from "../model/settings.js";
import { createRule } from "../util/create-rule.js";
import { isJavaScriptSource } from "../util/languages.js";
import { isMcpCode } from "../util/sink-rule.js";
import { absolutePath } from "../analysis/modules.js";

type MessageIds = "insecureAuthUrl" | "useHttps";

export default createRule<[], MessageIds>({
  name: "require-https-auth-urls",
  meta: {
    type: "problem",
    docs: {
      description: "Require https: URLs for OAuth and OpenID Connect issuers, endpoints and metadata",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      insecureAuthUrl:
        '{{name}} is {{origin}}, a plain-http URL for a host that is not loopback: anyone on the network path can read the codes and tokens sent to it, or swap its answers (metadata, keys) for their own. The MCP authorization spec: "All authorization server endpoints MUST be served over HTTPS" (OAuth 2.1 §1.5). Use https:.',
      useHttps: "Use https:// instead of http://.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!isJavaScriptSource(sourceCode)) return {};
    // Every URL this rule reports is written with its scheme in the file: most files have none.
    if (!/http:\/\//i.test(sourceCode.text)) return {};
    const filename = absolutePath(context.physicalFilename ?? context.filename);
    if (!isMcpCode(sourceCode, filename, readSettings(context.settings))) return {};
    const reported = new Set<TSESTree.Node>();

    const report = (name: string, urls: InsecureUrl[]) => {
      for (const url of urls) {
        if (reported.has(url.node)) continue;
        reported.add(url.node);
        const start = url.node.range[0] + url.schemeOffset;
        context.report({
          node: url.node,
          messageId: "insecureAuthUrl",
          data: { name, origin: url.origin },
          suggest: [{ messageId: "useHttps", fix: (fixer) => fixer.replaceTextRange([start, start + "http://".length], "https://") }],
        });
      }
    };

    const checkCall = (call: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const found = insecureUrlsOfCall(sourceCode, call);
      if (found) report(found.label, found.urls);
    };

    // Decided at the end from the shared node index: one visit per file rather than one per node.
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        const index = getNodeIndex(sourceCode);
        for (const object of index.objects) {
          for (const property of object.properties) {
            if (property.type !== AST_NODE_TYPES.Property) continue;
            const key = authUrlKey(property);
            if (key) report(key.name, insecureUrlsOfProperty(sourceCode, property, key.array));
          }
        }
        for (const call of index.calls) checkCall(call);
        for (const call of index.news) checkCall(call);
      },
    };
  },
});
