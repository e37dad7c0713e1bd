import { nodeIndexFeeder } from "../analysis/node-index.js";
import { effectWords, mayAuthenticate, serverAuthentication, unscopedDestructiveTools } from "../model/access-control.js";
import { mayRegisterHandlers } from "../model/handlers.js";
import { getMcpModel } from "../model/index.js";
import { readSettings } from "../model/settings.js";
import { createRule } from "../util/create-rule.js";
import { callLabel } from "../util/describe.js";
import { isMcpCode } from "../util/sink-rule.js";
import { absolutePath } from "../analysis/modules.js";

type MessageIds = "unscopedDestructiveTool";

export default createRule<[], MessageIds>({
  name: "require-tool-scope-check",
  meta: {
    type: "problem",
    docs: {
      description: "Require destructive tools of an authenticated MCP server to check the caller's scopes",
      recommended: "strict",
    },
    messages: {
      unscopedDestructiveTool:
        "The {{tool}} {{what}}, and this server authenticates its clients, but the tool never checks the caller's scopes: every client with a valid token can use it, including one that was only granted read access. Check the scopes before acting (extra.authInfo?.scopes / ctx.http?.authInfo?.scopes, v2 scopeChallenge: requireScopes(\"...\"), FastMCP canAccess) and answer insufficient_scope otherwise.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!mayAuthenticate(sourceCode.text)) return {};
    const filename = absolutePath(context.physicalFilename ?? context.filename);
    const settings = readSettings(context.settings);
    if (!isMcpCode(sourceCode, filename, settings) || !mayRegisterHandlers(sourceCode, settings)) return {};
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        const authentication = serverAuthentication(sourceCode);
        // No authentication in sight (it may live in another module), or every request already needs a scope.
        if (authentication.length === 0 || authentication.some((auth) => auth.requiresScopes)) return;
        for (const tool of unscopedDestructiveTools(sourceCode, getMcpModel(sourceCode, filename, settings).handlers)) {
          const what = tool.effect
            ? `${effectWords(tool.effect.kind)} (${callLabel(sourceCode, tool.effect.call)} at line ${tool.effect.call.loc.start.line})`
            : "is annotated destructiveHint: true";
          context.report({ node: tool.node, messageId: "unscopedDestructiveTool", data: { tool: tool.handler.label, what } });
        }
      },
    };
  },
});
