import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { nodeIndexFeeder } from "../analysis/node-index.js";
import type { InstructionKind } from "../knowledge/poisoning.js";
import { externalOriginOf, metadataTexts, type MetadataText } from "../model/metadata.js";
import { codePointOffsets, instructionIn, invisibleCharacters, literalOf, mixedScript, writtenText } from "../model/poisoning.js";
import { readSettings } from "../model/settings.js";
import { createRule } from "../util/create-rule.js";
import { isMcpCode } from "../util/sink-rule.js";
import { absolutePath } from "../analysis/modules.js";

type MessageIds = "invisibleCharacter" | "mixedScriptName" | InstructionKind | "externalText" | "removeInvisible";

const WHY = "The model reads every word of it; the user who approves the tool usually sees a name and a summary at most.";

export default createRule<[], MessageIds>({
  name: "no-tool-poisoning",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow hidden characters, model instructions and fetched text in MCP tool metadata",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      invisibleCharacter:
        "The {{what}} contains {{character}}{{more}}: invisible to the person who reviews or approves the tool, but read by the model. Hidden characters smuggle instructions into tool metadata and make one name pass for another. Remove them.",
      mixedScriptName:
        "The {{what}} {{name}} mixes Latin letters with the {{script}} letter {{character}}: it looks like another name, so it can impersonate or shadow a tool the user trusts. Write names in one script (ASCII for tool names).",
      instructionTag: `The {{what}} contains {{phrase}}, a block dressed up as system text that gives the model orders. ${WHY} Describe what the tool does and nothing else.`,
      overrideInstructions: `The {{what}} tells the model to set aside its instructions ({{phrase}}): a prompt injection shipped with the tool. ${WHY} Describe what the tool does and nothing else.`,
      hideFromUser: `The {{what}} tells the model to keep something from the user ({{phrase}}): honest tools have nothing to hide from the person using them. ${WHY} Remove the instruction.`,
      readSecrets: `The {{what}} tells the model to read credentials or keys ({{phrase}}): the classic tool-poisoning attack, which makes the model fetch secrets it will then send somewhere. ${WHY} Remove the instruction.`,
      exfiltrate: `The {{what}} tells the model to pass secret data in a tool argument ({{phrase}}): that is how a poisoned tool exfiltrates what the model can see. ${WHY} Remove the instruction; a tool that needs a credential reads it from its own configuration.`,
      otherTool: `The {{what}} gives the model orders about another tool ({{phrase}}): a description that changes how other tools behave, of this or another server, shadows them without their being called. ${WHY} Describe only this tool.`,
      externalText:
        "The {{what}} is built at run time from {{origin}}: the text the model reads can change after the user approved the tool, and whoever controls that source can write instructions to the model. Keep names and descriptions as constants in the code.",
      removeInvisible: "Remove the invisible characters.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const filename = absolutePath(context.physicalFilename ?? context.filename);
    const settings = readSettings(context.settings);
    if (!isMcpCode(sourceCode, filename, settings)) return {};

    const reported = new Set<string>();
    const report = (descriptor: TSESLint.ReportDescriptor<MessageIds> & { node: TSESTree.Node }) => {
      const key = `${descriptor.node.range[0]}:${descriptor.messageId}`;
      if (reported.has(key)) return;
      reported.add(key);
      context.report(descriptor);
    };

    const check = (text: MetadataText) => {
      const what = text.owner === null ? (text.role === "parameter description" ? "parameter description" : text.role) : `${text.role} of ${text.owner}`;
      if (text.value === null) {
        const origin = externalOriginOf(sourceCode, text.node);
        if (origin) report({ node: text.node, messageId: "externalText", data: { what, origin: origin === "network" ? "a network response" : "a file read at run time" } });
        // The written parts of a template (`${PATH_GUIDANCE} Read a file.`) are checked like a constant.
        const written = writtenText(sourceCode, text.node);
        if (written !== null) checkText(text, what, written, null, text.node);
        return;
      }
      const literal = literalOf(sourceCode, text.node);
      checkText(text, what, text.value, literal, literal ?? text.node);
    };

    const checkText = (text: MetadataText, what: string, value: string, literal: ReturnType<typeof literalOf>, target: TSESTree.Node) => {
      const invisible = invisibleCharacters(value);
      if (invisible.length > 0) {
        const offsets = literal ? codePointOffsets(sourceCode, literal) : null;
        const first = invisible[0];
        const more = invisible.length > 1 ? ` (and ${invisible.length - 1} more invisible character${invisible.length > 2 ? "s" : ""})` : "";
        const loc = offsets
          ? { start: sourceCode.getLocFromIndex(offsets[first.index][0]), end: sourceCode.getLocFromIndex(offsets[first.index][1]) }
          : undefined;
        report({
          node: target,
          ...(loc ? { loc } : {}),
          messageId: "invisibleCharacter",
          data: { what, character: first.label, more },
          suggest: offsets
            ? [
                {
                  messageId: "removeInvisible",
                  fix: (fixer) => invisible.map((char) => fixer.removeRange(offsets[char.index])),
                },
              ]
            : [],
        });
      }
      if (text.role === "name") {
        const mixed = mixedScript(value);
        if (mixed) report({ node: target, messageId: "mixedScriptName", data: { what, name: JSON.stringify(value), ...mixed } });
        return;
      }
      const instruction = instructionIn(value, text.ownerName);
      if (instruction) report({ node: target, messageId: instruction.kind, data: { what, phrase: JSON.stringify(instruction.phrase) } });
    };

    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        for (const text of metadataTexts(sourceCode, settings)) {
          try {
            check(text);
          } catch {
            // Text the rule cannot analyse is not reported.
          }
        }
      },
    };
  },
});
