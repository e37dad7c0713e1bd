import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { absolutePath, adoptLintedModule, registerFilename } from "../analysis/modules.js";
import type { FunctionNode } from "../analysis/ast.js";
import type { SourceCode } from "../analysis/scope.js";
import { getNodeIndex, nodeIndexFeeder } from "../analysis/node-index.js";
import { describeLocation } from "../model/cross-file.js";
import { getMcpModel, type McpFileModel, type RemoteFinding } from "../model/index.js";
import { mayRegisterHandlers } from "../model/handlers.js";
import { mentionsMcpModule, packageUsesMcp } from "../model/project-index.js";
import { readSettings, type ModelSettings } from "../model/settings.js";
import { sinkCallFilter } from "../model/sinks/filter.js";
import type { SinkArgument, SinkCall, SinkFamily } from "../model/sinks/types.js";
import { callLabel, shortText } from "./describe.js";
import { isJavaScriptSource } from "./languages.js";

/** The message ids every sink rule has: its own per sink kind, plus `viaImport` for sinks in other modules. */
export type SinkMessageIds = string;

/**
 * The visitor of a rule that reports client input reaching the sinks of one family: at the sink in this file, and at
 * the call (or handler reference) in this file whose input reaches a sink in another module of the project.
 */
export function sinkRuleListener<M extends string>(
  context: Readonly<TSESLint.RuleContext<M, []>>,
  family: SinkFamily,
): TSESLint.RuleListener {
  const sourceCode = context.sourceCode;
  // A file of another language (a package.json under `@eslint/json`, when a config without `files` enables this rule).
  if (!isJavaScriptSource(sourceCode)) return {};
  const filename = context.physicalFilename ?? context.filename;
  const absolute = absolutePath(filename);
  // The model is built at the end of the file, once for every sink rule: in a file that registers no handler, it only
  // asks the project index whether handlers elsewhere pass tool input in.
  let model: McpFileModel | null = null;
  const settings = readSettings(context.settings);
  registerFilename(sourceCode, absolute);
  const getModel = () => (model ??= getMcpModel(sourceCode, filename, settings));

  // The cheapest exit first: a package that depends on no MCP framework (read once from its package.json) has no
  // MCP server to check. Settings can name a framework the plugin does not know.
  if (!isMcpCode(sourceCode, filename, settings)) return {};
  adoptLintedModule(sourceCode, absolute);
  const mayHaveHandlers = mayRegisterHandlers(sourceCode, settings);
  const assignmentSinks = family.assignments;

  // One report per node and message: a value can sit in two groups of one call (an array spread twice).
  const reported = new Set<string>();

  const firstHit = (parts: readonly TSESTree.Node[]) => {
    for (const part of parts) {
      const hit = getModel().toolInputIn(part, family.profile);
      if (hit) return hit;
    }
    return null;
  };

  /** Reports the first argument of each group that carries client input; `sink` names the sink in messages. */
  const checkGroups = (groups: readonly (readonly SinkArgument[])[], sink: () => string) => {
    if (groups.length === 0 || !getModel().hasToolInput()) return;
    for (const group of groups) {
      for (const argument of group) {
        let hit = getModel().toolInputIn(argument.node, family.profile);
        if (hit && argument.parts) hit = firstHit(argument.parts);
        if (!hit) continue;
        const key = `${argument.node.range[0]}:${argument.node.range[1]}:${argument.messageId}`;
        if (reported.has(key)) break;
        reported.add(key);
        const finding = family.refine?.(sourceCode, argument) ?? argument;
        context.report({
          node: finding.node,
          messageId: finding.messageId as M,
          data: { source: shortText(sourceCode, hit.leaf), handler: hit.source.handler.label, sink: sink(), ...finding.data },
        });
        break;
      }
    }
  };

  const callsReaching = (fn: FunctionNode) => getModel().callsReaching(fn);
  const checkCall = (call: SinkCall, mayBeSink: (call: SinkCall) => boolean) => {
    if (!mayBeSink(call)) return;
    checkGroups(family.argumentsToCheck(sourceCode, call, callsReaching), () => callLabel(sourceCode, call));
  };

  const assignments: TSESTree.AssignmentExpression[] = [];
  const checkAssignment = (assignment: TSESTree.AssignmentExpression) => {
    if (!assignmentSinks) return;
    // One finding per assignment, at its first part that carries client input.
    checkGroups([assignmentSinks.argumentsOf(sourceCode, assignment)], () => assignmentSinks.label(sourceCode, assignment));
  };

  const reportRemote = () => {
    const current = getModel();
    if (current.handlers.length === 0 && current.importedHandlers.length === 0) return;
    // One report per call or handler reference, at its first tainted argument, naming the first sink and how many more.
    const byNode = new Map<TSESTree.Node, RemoteFinding[]>();
    for (const finding of current.remoteFindings(family)) {
      const list = byNode.get(finding.group) ?? [];
      if (!list.some((other) => other.sink.file === finding.sink.file && other.sink.line === finding.sink.line)) list.push(finding);
      byNode.set(finding.group, list);
    }
    for (const findings of byNode.values()) {
      const [first] = findings;
      const node = first.node;
      const more = findings.length > 1 ? ` (and ${findings.length - 1} more)` : "";
      context.report({
        node,
        messageId: "viaImport" as M,
        data: {
          source: first.source ?? "Tool input",
          handler: first.handlerLabel,
          callee: `${first.callee}()`,
          effect: family.effects[first.sink.messageId] ?? "uses it unsafely",
          sink: first.sink.data.sink ?? "a sink",
          location: `${describeLocation(filename, first.sink)}${more}`,
        },
      });
    }
  };

  // ESLint's own traversal fills the file's node index (for whichever rule asked first); everything is decided at
  // `Program:exit`, once the index is complete, so no rule walks the tree again.
  return {
    ...nodeIndexFeeder(sourceCode, context.id),
    ...(assignmentSinks
      ? {
          AssignmentExpression(node: TSESTree.AssignmentExpression) {
            if (assignmentSinks.mayWrite(node)) assignments.push(node);
          },
        }
      : {}),
    "Program:exit"() {
      // Without tool input (no handler found here, none elsewhere passing input in) nothing can be reported, and no
      // call need be resolved: asked first, since the project index that answers it is built once for every file.
      if (!getModel().hasToolInput()) {
        if (mayHaveHandlers) reportRemote();
        return;
      }
      for (const assignment of assignments) checkAssignment(assignment);
      // Which calls can be sinks, from the text (a scan per family): asked only of a file with tool input.
      const mayBeSink = sinkCallFilter(sourceCode, family);
      if (mayBeSink) {
        const index = getNodeIndex(sourceCode);
        for (const call of index.calls) checkCall(call, mayBeSink);
        for (const call of index.news) checkCall(call, mayBeSink);
        for (const call of index.imports) checkCall(call, mayBeSink);
      }
      if (mayHaveHandlers) reportRemote();
    },
  };
}

const mcpCodeMemo = new WeakMap<SourceCode, boolean>();

/** The package gate, once per file for all rules: an MCP package, or a file that imports an MCP framework. */
export function isMcpCode(sourceCode: SourceCode, filename: string, settings: ModelSettings): boolean {
  let result = mcpCodeMemo.get(sourceCode);
  if (result === undefined) {
    result = packageUsesMcp(absolutePath(filename), settings) || mentionsMcpModule(sourceCode.text, settings);
    mcpCodeMemo.set(sourceCode, result);
  }
  return result;
}
