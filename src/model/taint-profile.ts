import type { TSESTree } from "@typescript-eslint/utils";
import type { GuardCheck } from "../analysis/guards.js";
import type { SourceCode } from "../analysis/scope.js";
import type { FlowKnowledge } from "../analysis/dataflow.js";
import { flowKnowledge, type ExportRef } from "../knowledge/flow.js";

/**
 * What makes a value safe for a family of sinks, beside the generic guards (allowlists, anchored regular expressions,
 * numbers): its sanitizers (shell quoting is no cure for path traversal) and its own checks (path containment).
 */
export interface SinkProfile {
  name: string;
  sanitizers: readonly ExportRef[];
  guards?: readonly GuardCheck[];
  /** Checks that make a value safe when their test is falsy (`if (x.startsWith("-")) throw ...`). */
  falsyGuards?: readonly GuardCheck[];
  /** Whether an anchored regular expression is a guard for this family (see `ExtraGuards.acceptsRegExp`). */
  acceptsRegExp?: (pattern: string, flags: string) => boolean;
  /** Expressions that carry nothing this family fears, whatever their parts (see `FlowKnowledge.isClean`). */
  isClean?: FlowKnowledge["isClean"];
  /** Which validator names make a check for this family (see `ExtraGuards.validatorName`). */
  validatorName?: (name: string) => boolean;
  /**
   * For a value passed to a function of another module, or received from one: the parts of it that can matter to this
   * family's sinks wherever that function puts the value, or null when all of it can. A URL whose constant prefix
   * fixes the origin (`` `https://api.github.com/repos/${owner}` ``) has none: it cannot change where a request goes.
   */
  argumentParts?: (sourceCode: SourceCode, argument: TSESTree.Node) => readonly TSESTree.Node[] | null;
}

const knowledgeMemo = new WeakMap<SinkProfile, FlowKnowledge>();

/** The data-flow knowledge of a profile: its sanitizers and guard checks on top of the generic ones. */
export function profileKnowledge(profile: SinkProfile): FlowKnowledge {
  let knowledge = knowledgeMemo.get(profile);
  if (!knowledge) {
    knowledge = flowKnowledge(profile.sanitizers, {
      id: profile.name,
      checks: profile.guards ?? [],
      falsyChecks: profile.falsyGuards,
      acceptsRegExp: profile.acceptsRegExp,
      validatorName: profile.validatorName,
    }, profile.isClean);
    knowledgeMemo.set(profile, knowledge);
  }
  return knowledge;
}
