import type { TSESTree } from "@typescript-eslint/utils";
import type { CallsReaching } from "../../analysis/call-sites.js";
import type { SourceCode } from "../../analysis/scope.js";
import type { SinkProfile } from "../taint-profile.js";

export type SinkCall = TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.ImportExpression;

/** One argument of a sink call that must not carry client input. */
export interface SinkArgument {
  node: TSESTree.Node;
  messageId: string;
  /** Extra message data (`program`, `flag`). */
  data?: Record<string, string>;
  /**
   * Where client input must come from for `node` to be reported, when that is elsewhere in the file: the parts of a
   * value that matter, found where it is built (a `const`'s initialiser, a helper's call sites). `node` must carry
   * client input too, so that a check made at the sink still counts; the message names the first part's input.
   */
  parts?: readonly TSESTree.Node[];
}

/**
 * A family of sinks checked by one rule: how to find them in any file (the linted one, or a module a handler calls
 * into), and what makes a value safe for them.
 */
export interface SinkFamily {
  rule: string;
  profile: SinkProfile;
  /** A file whose text does not match has no sink of this family. */
  textHint: RegExp | null;
  /**
   * The arguments of `call` to check, in groups: each group reports at most its first argument that carries client
   * input (`spawn(cmd, [a, b], { shell: true })` is one finding, not three). `callsReaching` gives, for a helper of
   * the file, the calls through which client data reaches it: what its parameters hold there is what matters.
   */
  argumentsToCheck(sourceCode: SourceCode, call: SinkCall, callsReaching?: CallsReaching): SinkArgument[][];
  /**
   * A second look at an argument found to carry client input, to say more about it (`unsoundCheck`: a containment
   * check that did not hold). Only called for arguments about to be reported.
   */
  refine?(sourceCode: SourceCode, argument: SinkArgument): SinkArgument;
  /**
   * Sinks that are assignments, not calls (`process.env[name] = value`, `url.hostname = value`): a cheap syntactic
   * test, the parts to check, and how messages name the sink. Checked in the linted file only.
   */
  assignments?: {
    mayWrite(assignment: TSESTree.AssignmentExpression): boolean;
    argumentsOf(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): SinkArgument[];
    label(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): string;
  };
  /** What the sink does, for messages about sinks in other files: `runs it through a shell`. */
  effects: Readonly<Record<string, string>>;
}
