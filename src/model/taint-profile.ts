import type { ExportRef } from "../knowledge/flow.js";

/** A family of sinks that shares what makes a value safe for it (shell quoting is no cure for path traversal). */
export interface SinkProfile {
  name: string;
  sanitizers: readonly ExportRef[];
}
