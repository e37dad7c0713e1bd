import type { TSESTree } from "@typescript-eslint/utils";
import type { FunctionNode } from "../analysis/ast.js";
import { nodeIndexFeeder } from "../analysis/node-index.js";
import { mayRegisterHandlers } from "../model/handlers.js";
import { getMcpModel } from "../model/index.js";
import { AUTH_REJECTION_HINT, swallowedCatches, unloggedAuthRejections } from "../model/security-logging.js";
import { readSettings } from "../model/settings.js";
import { createRule } from "../util/create-rule.js";
import { isJavaScriptSource } from "../util/languages.js";
import { isMcpCode } from "../util/sink-rule.js";
import { textIncludes } from "../analysis/text.js";
import { absolutePath } from "../analysis/modules.js";

type MessageIds = "unloggedAuthFailure" | "swallowedError";

export default createRule<[], MessageIds>({
  name: "require-security-logging",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require MCP servers to log authentication failures and the errors their tool handlers catch",
      recommended: "strict",
    },
    messages: {
      unloggedAuthFailure:
        "{{fn}} {{how}} to reject a request's credentials without logging it: failed authentication attempts are how token guessing, a stolen token being replayed or a misconfigured client show up, and an MCP server that does not record them leaves its operator nothing to detect or investigate. Log the failure first (the reason, the client id or address, never the token itself).",
      swallowedError:
        "This catch in the {{handler}} swallows the error: it does not log it, rethrow it, use it or return an isError result, so the client gets a result that looks normal and the operator never learns that the tool failed (or was made to fail). Log the error (console.error or your logger; stderr on stdio servers), or rethrow it.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!isJavaScriptSource(sourceCode)) return {};
    const filename = absolutePath(context.physicalFilename ?? context.filename);
    const settings = readSettings(context.settings);
    if (!isMcpCode(sourceCode, filename, settings)) return {};
    const checkAuth = AUTH_REJECTION_HINT.test(sourceCode.text);
    const checkHandlers = mayRegisterHandlers(sourceCode, settings) && textIncludes(sourceCode.text, "catch");
    if (!checkAuth && !checkHandlers) return {};
    const functions: FunctionNode[] = [];
    const collect = (node: FunctionNode) => void functions.push(node);
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      ...(checkAuth ? { FunctionDeclaration: collect, FunctionExpression: collect, ArrowFunctionExpression: collect } : {}),
      "Program:exit"() {
        try {
          if (checkAuth) {
            for (const rejection of unloggedAuthRejections(sourceCode, functions)) {
              context.report({ node: rejection.node, messageId: "unloggedAuthFailure", data: { fn: rejection.fn, how: rejection.how } });
            }
          }
          if (checkHandlers) {
            for (const swallowed of swallowedCatches(sourceCode, getMcpModel(sourceCode, filename, settings).handlers)) {
              const keyword = sourceCode.getFirstToken(swallowed.clause as TSESTree.Node);
              context.report({ loc: keyword ? keyword.loc : swallowed.clause.loc, messageId: "swallowedError", data: { handler: swallowed.handler.label } });
            }
          }
        } catch {
          // Code the rule cannot analyse is not reported.
        }
      },
    };
  },
});
