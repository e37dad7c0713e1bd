import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers, staticKeyName } from "../../analysis/ast.js";
import { constantString, constantValue } from "../../analysis/constants.js";
import type { SourceCode } from "../../analysis/scope.js";
import {
  COMMAND_MODULE_HINT,
  COMMAND_SINKS,
  INTERPRETER_CODE_FLAGS,
  SHELL_PROGRAMS,
  SHELL_QUOTERS,
  SHELL_SCRIPT_FLAG,
  type CommandSink,
} from "../../knowledge/command-sinks.js";
import { matchesAny } from "../../knowledge/flow.js";
import { calleeNamesOf, mayCall, sinkCallee } from "./callee.js";
import type { SinkArgument, SinkFamily } from "./types.js";

/** Process-spawning calls: shell command lines, chosen programs, `sh -c` scripts and interpreter code. */
export const COMMAND_SINK_FAMILY: SinkFamily = {
  rule: "no-command-injection",
  profile: { name: "command", sanitizers: SHELL_QUOTERS },
  textHint: COMMAND_MODULE_HINT,
  argumentsToCheck(sourceCode, call) {
    if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length === 0 || !mayCall(sourceCode, call, COMMAND_CALLEE_NAMES)) return [];
    const resolved = sinkCallee(sourceCode, call, COMMAND_SINK_FAMILY);
    const sink = matchesAny(resolved, COMMAND_SINKS) as CommandSink | null;
    if (!sink) return [];
    if (sink.form === "shell" || sink.form === "split") return [[{ node: call.arguments[0], messageId: "shellCommand" }]];
    return programCallArguments(sourceCode, call);
  },
  effects: {
    shellCommand: "runs it through a shell",
    programName: "runs it as the program",
    interpreterCode: "runs it as interpreter code",
  },
};

/** The names a process-spawning call can be written with (argument injection checks the same calls). */
export const COMMAND_CALLEE_NAMES = calleeNamesOf(COMMAND_SINKS);

function programCallArguments(sourceCode: SourceCode, call: TSESTree.CallExpression): SinkArgument[][] {
  const [program, second] = call.arguments;
  const argv = second && skipWrappers(second).type !== AST_NODE_TYPES.ObjectExpression ? second : null;
  if (usesShell(sourceCode, call)) {
    const elements = argv ? argvElements(argv) : [];
    return [[program, ...elements].map((node) => ({ node, messageId: "shellCommand" }))];
  }
  const groups: SinkArgument[][] = [[{ node: program, messageId: "programName" }]];
  const programName = programBaseName(constantString(sourceCode, program));
  const inner = argv ? skipWrappers(argv) : null;
  if (!programName || inner?.type !== AST_NODE_TYPES.ArrayExpression) return groups;
  const isShell = SHELL_PROGRAMS.has(programName);
  const codeFlags = isShell ? null : INTERPRETER_CODE_FLAGS[programName];
  inner.elements.forEach((element, index) => {
    const next = inner.elements[index + 1];
    if (!element || !next || next.type === AST_NODE_TYPES.SpreadElement) return;
    const flag = constantString(sourceCode, element);
    if (flag === null) return;
    if (isShell && SHELL_SCRIPT_FLAG.test(flag)) groups.push([{ node: next, messageId: "shellCommand" }]);
    else if (codeFlags?.includes(flag)) groups.push([{ node: next, messageId: "interpreterCode", data: { program: programName, flag } }]);
  });
  return groups;
}

function argvElements(argv: TSESTree.Node): TSESTree.Node[] {
  const inner = skipWrappers(argv);
  if (inner.type !== AST_NODE_TYPES.ArrayExpression) return [argv];
  return inner.elements.filter((element): element is TSESTree.Expression | TSESTree.SpreadElement => element !== null);
}

/**
 * Whether the options (the last object argument) may run a shell: `shell: true` or a shell path, a `shell` value that
 * is not a constant (`shell: process.platform === "win32"`: a shell on some machines), or one spread in conditionally.
 */
export function usesShell(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  for (let i = call.arguments.length - 1; i >= 1; i--) {
    const options = skipWrappers(call.arguments[i]);
    if (options.type !== AST_NODE_TYPES.ObjectExpression) continue;
    return objectMaySetShell(sourceCode, options, 0);
  }
  return false;
}

function objectMaySetShell(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): boolean {
  const node = skipWrappers(raw);
  if (depth > 3) return false;
  if (node.type === AST_NODE_TYPES.ConditionalExpression) {
    return objectMaySetShell(sourceCode, node.consequent, depth + 1) || objectMaySetShell(sourceCode, node.alternate, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression) return objectMaySetShell(sourceCode, node.right, depth + 1);
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  // Later properties win: `{ shell: false, ...(win32 ? { shell: true } : {}) }` may run a shell.
  for (let i = node.properties.length - 1; i >= 0; i--) {
    const property = node.properties[i];
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      if (objectMaySetShell(sourceCode, property.argument, depth + 1)) return true;
    } else if (staticKeyName(property) === "shell") {
      const value = constantValue(sourceCode, property.value);
      return value === null || Boolean(value.value);
    }
  }
  return false;
}

/** `/usr/bin/python3.exe` -> `python3`. */
function programBaseName(program: string | null): string | null {
  if (program === null) return null;
  const base = program.split(/[\\/]/).pop() ?? program;
  return base.replace(/\.exe$/i, "").replace(/^(python3)\.\d+$/, "$1");
}
