import type { TSESTree } from "@typescript-eslint/utils";
import { nodeIndexFeeder } from "../analysis/node-index.js";
import { logCalls, logLabel, secretIn, type LogCall, type SecretKind } from "../model/logging.js";
import { readSettings } from "../model/settings.js";
import { createRule } from "../util/create-rule.js";
import { shortText } from "../util/describe.js";
import { isJavaScriptSource } from "../util/languages.js";
import { isMcpCode } from "../util/sink-rule.js";
import { absolutePath } from "../analysis/modules.js";

type MessageIds = "secretInLog" | "secretToClient";

const FIX =
  "Log that the secret is present, its length or a short prefix (token.slice(0, 4)) instead, or configure the logger to redact it (pino `redact`, a winston format).";

/** How messages describe each kind of secret (`{{source}}` is where it comes from). */
const WHAT: Record<SecretKind, string> = {
  clientToken: "the access token the MCP client sent ({{source}})",
  headers: "every header of the incoming request ({{source}}), Authorization and Cookie among them",
  envSecret: "the secret environment variable {{source}}",
  env: "the whole environment (process.env), API keys and tokens among it",
  named: "a secret ({{source}})",
};

export default createRule<[], MessageIds>({
  name: "no-secrets-in-logs",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow logging tokens, credentials, secret headers and secret environment variables",
      recommended: "recommended",
    },
    messages: {
      secretInLog: `{{secret}} passes {{what}} to {{logger}}: logs are kept long, copied to terminals, files and log services, and read by people and tools that must never hold the server's or its users' credentials; a token in a log can be replayed against this MCP server or the APIs behind it. ${FIX}`,
      secretToClient: `{{secret}} sends {{what}} to the MCP client through {{logger}}: MCP log messages reach the client application and may be shown to the model, which can repeat them anywhere. ${FIX}`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!isJavaScriptSource(sourceCode)) return {};
    const filename = absolutePath(context.physicalFilename ?? context.filename);
    if (!isMcpCode(sourceCode, filename, readSettings(context.settings))) return {};
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        const reported = new Set<TSESTree.Node>();
        let logs: LogCall[] = [];
        try {
          logs = logCalls(sourceCode);
        } catch {
          // Code the rule cannot analyse is not reported.
        }
        for (const log of logs) {
          for (const argument of log.call.arguments) {
            try {
              const secret = secretIn(sourceCode, argument);
              if (!secret || reported.has(secret.node)) continue;
              reported.add(secret.node);
              context.report({
                node: secret.node,
                messageId: log.toClient ? "secretToClient" : "secretInLog",
                data: { secret: shortText(sourceCode, secret.node), what: WHAT[secret.kind].replace("{{source}}", secret.source), logger: logLabel(sourceCode, log) },
              });
            } catch {
              // A value the rule cannot analyse is not reported.
            }
          }
        }
      },
    };
  },
});
