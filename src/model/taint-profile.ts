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
}

const knowledgeMemo = new WeakMap<SinkProfile, FlowKnowledge>();

/** The data-flow knowledge of a profile: its sanitizers and guard checks on top of the generic ones. */
export function profileKnowledge(profile: SinkProfile): FlowKnowledge {
  let knowledge = knowledgeMemo.get(profile);
  if (!knowledge) {
    knowledge = flowKnowledge(profile.sanitizers, { id: profile.name, checks: profile.guards ?? [] });
    knowledgeMemo.set(profile, knowledge);
  }
  return knowledge;
}
