import { GLOBAL_MODULE } from "../analysis/imports.js";
import type { ExportRef } from "./flow.js";

/**
 * Functions that run a string as JavaScript. `args: "all"` means every argument is code (`new Function(a, b, body)`);
 * `first` only argument 0.
 */
export interface CodeSink extends ExportRef {
  args: "first" | "all";
  /** Only a string argument is code (timers also take functions). */
  stringOnly?: boolean;
}

export const CODE_SINKS: readonly CodeSink[] = [
  { module: GLOBAL_MODULE, path: ["eval"], args: "first" },
  { module: GLOBAL_MODULE, path: ["Function"], args: "all" },
  { module: GLOBAL_MODULE, path: ["setTimeout"], args: "first", stringOnly: true },
  { module: GLOBAL_MODULE, path: ["setInterval"], args: "first", stringOnly: true },
  { module: "timers", path: ["setTimeout"], args: "first", stringOnly: true },
  { module: "timers", path: ["setInterval"], args: "first", stringOnly: true },
  ...["runInNewContext", "runInContext", "runInThisContext", "compileFunction", "Script", "SourceTextModule"].map(
    (name): CodeSink => ({ module: "vm", path: [name], args: "first" }),
  ),
];

/** Functions that load a module by name. */
export const MODULE_LOADERS: readonly ExportRef[] = [{ module: GLOBAL_MODULE, path: ["require"] }];

/** The last name of every callee above: a call with another name is not looked at further. */
export const CODE_SINK_NAMES: ReadonlySet<string> = new Set([
  ...CODE_SINKS.map((sink) => sink.path[sink.path.length - 1]),
  ...MODULE_LOADERS.map((loader) => loader.path[loader.path.length - 1]),
]);

/**
 * Text a file must contain to call a code sink with something other than a literal or a function: files without it
 * are not resolved call by call (a pre-filter; the exact check follows).
 */
export const CODE_SINK_TEXT_HINT =
  /\beval\b|\bFunction\s*\(|["'](?:node:)?vm["']|\bset(?:Timeout|Interval)\s*\(\s*(?!\(|function\b|async\b|(?:resolve|res|r|cb|callback|done|next|fn|tick|poll|check|run)\b)|\b(?:require|import)\s*\((?!\s*(["'])[^"'\n]*\1\s*\))/;
