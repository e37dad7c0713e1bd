import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { findProperty, skipWrappers } from "../analysis/ast.js";
import { constantString, constantValue } from "../analysis/constants.js";
import { resolveCallee } from "../analysis/imports.js";
import type { SourceCode } from "../analysis/scope.js";
import {
  COMMAND_MODULE_HINT,
  COMMAND_SINKS,
  INTERPRETER_CODE_FLAGS,
  SHELL_PROGRAMS,
  SHELL_QUOTERS,
  SHELL_SCRIPT_FLAG,
  type CommandSink,
} from "../knowledge/command-sinks.js";
import { matchesAny } from "../knowledge/flow.js";
import { getMcpModel, type McpFileModel, type SinkProfile } from "../model/index.js";
import { createRule } from "../util/create-rule.js";
import { callLabel, shortText } from "../util/describe.js";

export const COMMAND_PROFILE: SinkProfile = { name: "command", sanitizers: SHELL_QUOTERS };

type MessageIds = "shellCommand" | "programName" | "interpreterCode";

export default createRule<[], MessageIds>({
  name: "no-command-injection",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow MCP tool input in shell commands, program names and interpreter code",
      recommended: "recommended",
    },
    messages: {
      shellCommand:
        "{{source}} from the MCP {{handler}} reaches the shell command of {{sink}}: a client, or a prompt injection steering the model, can run any command on this server. Run a fixed program with execFile/spawn and an argument array, without a shell, and allowlist the value.",
      programName:
        "{{source}} from the MCP {{handler}} chooses the program that {{sink}} runs: a client can run any executable. Run a fixed program, or map the input to one through an allowlist.",
      interpreterCode:
        "{{source}} from the MCP {{handler}} is passed as code to `{{program}} {{flag}}` in {{sink}}: a client can run any code. Pass the value as data (an argument or stdin) to a fixed script instead.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!COMMAND_MODULE_HINT.test(sourceCode.text)) return {};
    // The model is built only once a sink is seen.
    let model: McpFileModel | null = null;

    const report = (node: TSESTree.Node, messageId: MessageIds, call: TSESTree.CallExpression, extra: Record<string, string> = {}) => {
      model ??= getMcpModel(sourceCode);
      const hit = model.toolInputIn(node, COMMAND_PROFILE);
      if (!hit) return false;
      context.report({
        node,
        messageId,
        data: { source: shortText(sourceCode, hit.leaf), handler: hit.source.handler.label, sink: callLabel(sourceCode, call), ...extra },
      });
      return true;
    };

    return {
      CallExpression(call) {
        const sink = matchesAny(resolveCallee(sourceCode, call), COMMAND_SINKS) as CommandSink | null;
        if (!sink || call.arguments.length === 0) return;
        if (sink.form === "shell" || sink.form === "split") {
          report(call.arguments[0], "shellCommand", call);
          return;
        }
        checkProgramCall(sourceCode, call, report);
      },
    };
  },
});

type Reporter = (node: TSESTree.Node, messageId: MessageIds, call: TSESTree.CallExpression, extra?: Record<string, string>) => boolean;

/** `spawn(program, argv, options)` and friends: a shell option, a shell or interpreter program, or a chosen program. */
function checkProgramCall(sourceCode: SourceCode, call: TSESTree.CallExpression, report: Reporter): void {
  const [program, second] = call.arguments;
  const argv = second && skipWrappers(second).type !== AST_NODE_TYPES.ObjectExpression ? second : null;
  if (usesShell(sourceCode, call)) {
    if (report(program, "shellCommand", call)) return;
    if (argv) reportArgv(argv, (element) => report(element, "shellCommand", call));
    return;
  }
  if (report(program, "programName", call)) return;
  const programName = programBaseName(constantString(sourceCode, program));
  const elements = argv && skipWrappers(argv).type === AST_NODE_TYPES.ArrayExpression ? (skipWrappers(argv) as TSESTree.ArrayExpression).elements : null;
  if (!programName || !elements) return;
  const codeFlags = SHELL_PROGRAMS.has(programName) ? null : INTERPRETER_CODE_FLAGS[programName];
  elements.forEach((element, index) => {
    const next = elements[index + 1];
    if (!element || !next || next.type === AST_NODE_TYPES.SpreadElement) return;
    const flag = constantString(sourceCode, element);
    if (flag === null) return;
    if (SHELL_PROGRAMS.has(programName) && SHELL_SCRIPT_FLAG.test(flag)) report(next, "shellCommand", call);
    else if (codeFlags?.includes(flag)) report(next, "interpreterCode", call, { program: programName, flag });
  });
}

function reportArgv(argv: TSESTree.Node, reportElement: (node: TSESTree.Node) => boolean): void {
  const inner = skipWrappers(argv);
  if (inner.type !== AST_NODE_TYPES.ArrayExpression) {
    reportElement(argv);
    return;
  }
  for (const element of inner.elements) if (element && reportElement(element)) return;
}

/** `{ shell: true }` or `{ shell: "/bin/bash" }` in the options (the last object argument). */
function usesShell(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  for (let i = call.arguments.length - 1; i >= 1; i--) {
    const options = skipWrappers(call.arguments[i]);
    if (options.type !== AST_NODE_TYPES.ObjectExpression) continue;
    const shell = findProperty(options, "shell");
    if (!shell) return false;
    const value = constantValue(sourceCode, shell.value);
    return value !== null && Boolean(value.value);
  }
  return false;
}

/** `/usr/bin/python3.exe` -> `python3`. */
function programBaseName(program: string | null): string | null {
  if (program === null) return null;
  const base = program.split(/[\\/]/).pop() ?? program;
  return base.replace(/\.exe$/i, "").replace(/^(python3)\.\d+$/, "$1");
}
