import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { describeLocation } from "../model/cross-file.js";
import { getMcpModel, type McpFileModel } from "../model/index.js";
import { readSettings } from "../model/settings.js";
import type { SinkCall, SinkFamily } from "../model/sinks/types.js";
import { callLabel, shortText } from "./describe.js";

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
  const filename = context.physicalFilename ?? context.filename;
  // The model is built only once a sink (or, at the end, a handler) is seen: most files pay for a text test only.
  let model: McpFileModel | null = null;
  const settings = readSettings(context.settings);
  const getModel = () => (model ??= getMcpModel(sourceCode, filename, settings));

  const checkCall = (call: SinkCall) => {
    const groups = family.argumentsToCheck(sourceCode, call);
    if (groups.length === 0 || !getModel().hasToolInput()) return;
    for (const group of groups) {
      for (const argument of group) {
        const hit = getModel().toolInputIn(argument.node, family.profile);
        if (!hit) continue;
        context.report({
          node: argument.node,
          messageId: argument.messageId as M,
          data: { source: shortText(sourceCode, hit.leaf), handler: hit.source.handler.label, sink: callLabel(sourceCode, call), ...argument.data },
        });
        break;
      }
    }
  };

  const reportRemote = () => {
    const current = getModel();
    if (current.handlers.length === 0 && current.importedHandlers.length === 0) return;
    const reported = new Set<string>();
    for (const finding of current.remoteFindings(family)) {
      const location = describeLocation(filename, finding.sink);
      const key = `${finding.node.range[0]}:${location}`;
      if (reported.has(key)) continue;
      reported.add(key);
      context.report({
        node: finding.node,
        messageId: "viaImport" as M,
        data: {
          source: finding.source ?? "Tool input",
          handler: finding.handlerLabel,
          callee: `${finding.callee}()`,
          effect: family.effects[finding.sink.messageId] ?? "uses it unsafely",
          sink: finding.sink.data.sink ?? "a sink",
          location,
        },
      });
    }
  };

  const listener: TSESLint.RuleListener = { "Program:exit": reportRemote };
  if (family.textHint && !family.textHint.test(sourceCode.text)) return listener;
  return {
    ...listener,
    CallExpression: checkCall,
    NewExpression: checkCall,
    ImportExpression: checkCall as (node: TSESTree.ImportExpression) => void,
  };
}
