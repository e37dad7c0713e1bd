import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getNodeIndex, nodeIndexFeeder } from "../analysis/node-index.js";
import { errorDisclosures, mayDisclose, staticResourceReaders, type Disclosure, type DisclosureKind } from "../model/error-disclosure.js";
import { fileImports, mayRegisterHandlers } from "../model/handlers.js";
import { servesMcpOverHttp } from "../model/http.js";
import { getMcpModel } from "../model/index.js";
import { readSettings } from "../model/settings.js";
import { createRule } from "../util/create-rule.js";
import { shortText } from "../util/describe.js";
import { isJavaScriptSource } from "../util/languages.js";
import { isMcpCode } from "../util/sink-rule.js";
import { absolutePath } from "../analysis/modules.js";

type Options = [{ allowErrorMessage?: boolean }];
type MessageIds = DisclosureKind | "useMessage" | "useMessageOrString";

/** Files that can disclose anything: they catch an error, handle one, or check a response's status. */
const ERROR_TEXT = /\bcatch\b|onError|ErrorHandler|\.ok\b|\.status(?:Code)?\b|\bnext\s*\)|["']error["']/;

/** Static resources (which `findHandlers` does not list: they take no client input). */
const RESOURCE_TEXT = /\b(?:registerResource|addResource|resource)\s*\(/;

const WHY =
  "the client (and the model reading the result, and whoever the conversation is shared with) learns the server's internals: file paths, dependency versions, SQL, internal hosts and, in request configurations and upstream responses, credentials.";
const LOG = "Log the details on the server (console.error goes to stderr) and send a short, generic message";

export default createRule<Options, MessageIds>({
  name: "no-error-disclosure",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow sending stack traces, whole error objects and upstream error details to the MCP client",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      stack: `{{expr}} sends the error's stack trace to the client in {{sink}}: ${WHY} ${LOG}, such as the error's message.`,
      wholeError: `{{expr}} sends the whole error object to the client in {{sink}}: its own properties (an HTTP client's error carries the request's headers and the response) and, when serialised with all its properties, its stack: ${WHY} ${LOG}.`,
      errorToString: `{{expr}} prints whatever was thrown, which need not be an Error, into {{sink}}: ${WHY} Send the message of Errors only (err instanceof Error ? err.message : String(err)), or a generic text, and log the rest on the server.`,
      cause: `{{expr}} sends the error's cause chain to the client in {{sink}}: the underlying errors of libraries and the system are the most revealing part: ${WHY} ${LOG}.`,
      upstreamResponse: `{{expr}} sends the failed upstream call's response to the client in {{sink}}: ${WHY} ${LOG}, with the status code if useful.`,
      requestConfig: `{{expr}} sends the failed request's configuration, with its headers and the server's own credentials, to the client in {{sink}}: ${WHY} ${LOG}.`,
      failedResponseBody: `{{expr}} sends the body of a failed upstream response to the client in {{sink}}: an upstream's error pages and messages carry its stack traces, queries and internal hosts: ${WHY} Log the body on the server and send the status code or a generic message.`,
      message: `{{expr}} sends the caught error's message to the client in {{sink}}: messages of file system, database and HTTP errors contain paths, queries and hosts (this project's allowErrorMessage option is false). Map known errors to messages of your own and log the rest on the server.`,
      useMessage: "Send the error's message instead.",
      useMessageOrString: "Send the message of an Error (err instanceof Error ? err.message : String(err)).",
    },
    schema: [
      {
        type: "object",
        properties: {
          allowErrorMessage: {
            type: "boolean",
            description: "Whether a caught error's message alone (err.message, or String(err) of a value known to be an Error) may be sent to the client.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowErrorMessage: true }],
  },
  defaultOptions: [{ allowErrorMessage: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!isJavaScriptSource(sourceCode) || !ERROR_TEXT.test(sourceCode.text)) return {};
    const filename = absolutePath(context.physicalFilename ?? context.filename);
    const settings = readSettings(context.settings);
    if (!isMcpCode(sourceCode, filename, settings)) return {};
    const withHandlers = mayRegisterHandlers(sourceCode, settings);
    const withResources = RESOURCE_TEXT.test(sourceCode.text);
    if (!withHandlers && !withResources && !servesMcpOverHttp(sourceCode)) return {};
    const allowMessage = options.allowErrorMessage !== false;
    const throws: TSESTree.ThrowStatement[] = [];
    const returns: TSESTree.ReturnStatement[] = [];
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      ThrowStatement: (node) => void throws.push(node),
      ReturnStatement: (node) => void returns.push(node),
      "Program:exit"() {
        const catchClauses = getNodeIndex(sourceCode).catches;
        if (!mayDisclose(sourceCode, catchClauses)) return;
        const found = withHandlers ? getMcpModel(sourceCode, filename, settings).handlers : [];
        const handlers = withResources && fileImports(sourceCode, settings).importsMcp ? [...found, ...staticResourceReaders(sourceCode, found)] : found;
        for (const disclosure of errorDisclosures(sourceCode, handlers, throws, catchClauses, returns)) {
          if (disclosure.kind === "message" && allowMessage) continue;
          context.report({
            node: disclosure.node,
            messageId: disclosure.kind,
            data: { expr: shortText(sourceCode, disclosure.node), sink: disclosure.sink },
            suggest: allowMessage ? suggestions(disclosure) : [],
          });
        }
      },
    };
  },
});

type Suggestion = TSESLint.SuggestionReportDescriptor<MessageIds>;

/** `err.stack` -> `err.message`; `${err}` / `String(err)` -> the message of an Error, or the value as text. */
function suggestions(disclosure: Disclosure): Suggestion[] {
  const { error } = disclosure;
  if (!error) return [];
  if (disclosure.kind === "stack") {
    if (error.type !== AST_NODE_TYPES.MemberExpression || error.computed || error.property.type !== AST_NODE_TYPES.Identifier) return [];
    const property = error.property;
    return [{ messageId: "useMessage", fix: (fixer) => fixer.replaceText(property, "message") }];
  }
  if (disclosure.kind !== "errorToString" || error.type !== AST_NODE_TYPES.Identifier) return [];
  const name = error.name;
  const text = `${name} instanceof Error ? ${name}.message : String(${name})`;
  const parent = error.parent;
  if (parent?.type === AST_NODE_TYPES.TemplateLiteral || (parent?.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === error)) {
    return [{ messageId: "useMessageOrString", fix: (fixer) => fixer.replaceText(error, text) }];
  }
  if (parent?.type === AST_NODE_TYPES.BinaryExpression) {
    return [{ messageId: "useMessageOrString", fix: (fixer) => fixer.replaceText(error, `(${text})`) }];
  }
  // `String(err)`, `err.toString()`: the whole call.
  const call =
    parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === error
      ? parent
      : parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === error && parent.parent?.type === AST_NODE_TYPES.CallExpression
        ? parent.parent
        : null;
  if (!call) return [];
  const wrapped = call.parent?.type === AST_NODE_TYPES.TemplateLiteral || call.parent?.type === AST_NODE_TYPES.Property ? text : `(${text})`;
  return [{ messageId: "useMessageOrString", fix: (fixer) => fixer.replaceText(call, wrapped) }];
}
