import type { GuardCheck } from "../analysis/guards.js";
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
    }, profile.isClean);
    knowledgeMemo.set(profile, knowledge);
  }
  return knowledge;
}
