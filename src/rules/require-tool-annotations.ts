import { nodeIndexFeeder } from "../analysis/node-index.js";
import { DESTRUCTIVE_EFFECTS, EFFECT_WORDS } from "../knowledge/effects.js";
import { annotationClaims, effectsOf } from "../model/annotations.js";
import { mayRegisterHandlers } from "../model/handlers.js";
import { getMcpModel } from "../model/index.js";
import { readSettings } from "../model/settings.js";
import { createRule } from "../util/create-rule.js";
import { callLabel } from "../util/describe.js";
import { isMcpCode } from "../util/sink-rule.js";
import { absolutePath } from "../analysis/modules.js";

type MessageIds = "readOnlyButChanges" | "notDestructiveButDestroys";

/** A claim written as a literal (a constant elsewhere is rare: the model confirms either way). */
const CLAIM_TEXT = /readOnlyHint["']?\s*:\s*true|destructiveHint["']?\s*:\s*false|readOnlyHint\b(?!["']?\s*:)|destructiveHint\b(?!["']?\s*:)/;

export default createRule<[], MessageIds>({
  name: "require-tool-annotations",
  meta: {
    type: "problem",
    docs: {
      description: "Require MCP tool annotations that agree with what the tool's handler does",
      recommended: "recommended",
    },
    messages: {
      readOnlyButChanges:
        "The {{tool}} is annotated readOnlyHint: true, but its handler {{effect}} ({{call}} at line {{line}}): clients may run read-only tools without asking the user, so this change happens unconfirmed. Remove readOnlyHint (or set it to false), and set destructiveHint to say whether the change is destructive.",
      notDestructiveButDestroys:
        "The {{tool}} is annotated destructiveHint: false, but its handler {{effect}} ({{call}} at line {{line}}): clients ask for less confirmation for non-destructive tools, so the user may not get to stop it. Set destructiveHint: true, or leave it out (the MCP default is true).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const filename = absolutePath(context.physicalFilename ?? context.filename);
    const settings = readSettings(context.settings);
    if (!isMcpCode(sourceCode, filename, settings) || !mayRegisterHandlers(sourceCode, settings)) return {};
    // Only an explicit claim can be contradicted: without annotations the MCP defaults already assume the worst.
    if (!CLAIM_TEXT.test(sourceCode.text)) return {};
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        for (const handler of getMcpModel(sourceCode, filename, settings).handlers) {
          if (handler.kind !== "tool") continue;
          try {
            const claims = annotationClaims(sourceCode, handler);
            if (!claims) continue;
            const effects = effectsOf(sourceCode, handler);
            const effect = claims.readOnly ? effects[0] : effects.find((candidate) => DESTRUCTIVE_EFFECTS.has(candidate.kind));
            if (!effect) continue;
            context.report({
              node: (claims.readOnly ?? claims.notDestructive)!,
              messageId: claims.readOnly ? "readOnlyButChanges" : "notDestructiveButDestroys",
              data: { tool: handler.label, effect: EFFECT_WORDS[effect.kind], call: callLabel(sourceCode, effect.call), line: String(effect.call.loc.start.line) },
            });
          } catch {
            // A tool the rule cannot analyse is not reported.
          }
        }
      },
    };
  },
});
