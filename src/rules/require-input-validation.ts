import { nodeIndexFeeder } from "../analysis/node-index.js";
import { mayRegisterHandlers } from "../model/handlers.js";
import { getMcpModel } from "../model/index.js";
import { readSettings } from "../model/settings.js";
import { argumentsReadFromContext, isLowLevelToolHandler, permissiveSchema, unvalidatedArgumentsRead } from "../model/validation.js";
import { createRule } from "../util/create-rule.js";
import { isMcpCode } from "../util/sink-rule.js";
import { absolutePath } from "../analysis/modules.js";

type MessageIds = "unvalidatedArguments" | "permissiveSchema" | "argumentsFromContext";

export default createRule<[], MessageIds>({
  name: "require-input-validation",
  meta: {
    type: "problem",
    docs: {
      description: "Require MCP tool arguments to be validated against a schema that describes them",
      recommended: "recommended",
    },
    messages: {
      unvalidatedArguments:
        "The {{handler}} reads {{read}} without validating it: the low-level Server hands tool arguments over as the client sent them, whatever inputSchema tools/list advertises, so any field can be missing, of another type or crafted. Parse them with a schema first (`const args = ArgsSchema.parse(request.params.arguments)`).",
      permissiveSchema:
        "The input schema of {{handler}} is {{schema}}: it accepts any arguments, so the framework validates nothing and every field reaches the handler unchecked. Describe the arguments with z.object({ ... }) and their types.",
      argumentsFromContext:
        "The {{handler}} has no input schema, so its callback's first parameter is the request context (extra), not the tool arguments: `{{name}}` is read from the context and is undefined, and the arguments are never validated. Add an input schema that declares `{{name}}`.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const filename = absolutePath(context.physicalFilename ?? context.filename);
    const settings = readSettings(context.settings);
    if (!isMcpCode(sourceCode, filename, settings) || !mayRegisterHandlers(sourceCode, settings)) return {};
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        for (const handler of getMcpModel(sourceCode, filename, settings).handlers) {
          try {
            if (isLowLevelToolHandler(handler)) {
              const read = unvalidatedArgumentsRead(sourceCode, handler);
              if (read) context.report({ node: read, messageId: "unvalidatedArguments", data: { handler: handler.label, read: "request.params.arguments" } });
              continue;
            }
            const permissive = handler.inputSchema ? permissiveSchema(sourceCode, handler.inputSchema) : null;
            if (permissive) context.report({ node: permissive.node, messageId: "permissiveSchema", data: { handler: handler.label, schema: permissive.kind } });
            const fromContext = argumentsReadFromContext(sourceCode, handler);
            if (fromContext) context.report({ node: fromContext.node, messageId: "argumentsFromContext", data: { handler: handler.label, name: fromContext.name } });
          } catch {
            // A handler the rule cannot analyse is not reported.
          }
        }
      },
    };
  },
});
