import type { FlowKnowledge } from "../analysis/dataflow.js";
import { NO_EXTRA_GUARDS, type ExtraGuards } from "../analysis/guards.js";
import { GLOBAL_MODULE, type ResolvedValue } from "../analysis/imports.js";

/** An export of a module, as `isExport` matches it: `["path", "join"]` is `path.join`. */
export interface ExportRef {
  module: string;
  path: readonly string[];
}

const PATH_FUNCTIONS = ["join", "resolve", "normalize", "basename", "dirname", "relative", "format", "toNamespacedPath"];

/** Calls whose result carries data from their arguments. */
export const PROPAGATORS: readonly ExportRef[] = [
  ...PATH_FUNCTIONS.flatMap((name) => [
    { module: "path", path: [name] },
    { module: "path", path: ["posix", name] },
    { module: "path", path: ["win32", name] },
    { module: "path/posix", path: [name] },
  ]),
  { module: "util", path: ["format"] },
  { module: GLOBAL_MODULE, path: ["String"] },
  { module: GLOBAL_MODULE, path: ["URL"] },
  { module: GLOBAL_MODULE, path: ["decodeURIComponent"] },
  { module: GLOBAL_MODULE, path: ["decodeURI"] },
  { module: GLOBAL_MODULE, path: ["encodeURI"] },
  { module: GLOBAL_MODULE, path: ["JSON", "stringify"] },
  { module: GLOBAL_MODULE, path: ["JSON", "parse"] },
  { module: GLOBAL_MODULE, path: ["Buffer", "from"] },
  { module: GLOBAL_MODULE, path: ["Array", "from"] },
  { module: GLOBAL_MODULE, path: ["Array", "of"] },
  { module: GLOBAL_MODULE, path: ["Object", "values"] },
  { module: GLOBAL_MODULE, path: ["Object", "entries"] },
  { module: GLOBAL_MODULE, path: ["Object", "keys"] },
  { module: GLOBAL_MODULE, path: ["Object", "assign"] },
  { module: GLOBAL_MODULE, path: ["Object", "fromEntries"] },
  { module: GLOBAL_MODULE, path: ["structuredClone"] },
  { module: "buffer", path: ["Buffer", "from"] },
];

/** Calls whose result carries nothing injectable from their arguments: numeric and boolean coercions. */
export const COERCIONS: readonly ExportRef[] = [
  { module: GLOBAL_MODULE, path: ["Number"] },
  { module: GLOBAL_MODULE, path: ["parseInt"] },
  { module: GLOBAL_MODULE, path: ["parseFloat"] },
  { module: GLOBAL_MODULE, path: ["Boolean"] },
  { module: GLOBAL_MODULE, path: ["BigInt"] },
  { module: GLOBAL_MODULE, path: ["Number", "parseInt"] },
  { module: GLOBAL_MODULE, path: ["Number", "parseFloat"] },
  { module: GLOBAL_MODULE, path: ["Math", "floor"] },
  { module: GLOBAL_MODULE, path: ["Math", "round"] },
  { module: GLOBAL_MODULE, path: ["Math", "ceil"] },
  { module: GLOBAL_MODULE, path: ["Math", "trunc"] },
  { module: GLOBAL_MODULE, path: ["Math", "abs"] },
  { module: GLOBAL_MODULE, path: ["Math", "min"] },
  { module: GLOBAL_MODULE, path: ["Math", "max"] },
];

/** Validation methods of schema libraries (zod, yup, joi, valibot wrappers) that return the data they were given. */
function SCHEMA_PARSE_METHODS_LIST(): string[] {
  return ["parse", "parseAsync", "safeParse", "safeParseAsync", "validate", "validateSync", "validateAsync", "cast"];
}

/** Methods of strings and arrays whose result carries the receiver's (and arguments') data. */
export const PROPAGATING_METHODS = new Set([
  "trim", "trimStart", "trimEnd", "toLowerCase", "toUpperCase", "toLocaleLowerCase", "toLocaleUpperCase", "normalize",
  "split", "join", "concat", "slice", "substring", "substr", "replace", "replaceAll", "padStart", "padEnd", "repeat",
  "at", "charAt", "toString", "valueOf", "map", "flatMap", "filter", "flat", "reverse", "toReversed", "sort",
  "toSorted", "find", "findLast", "pop", "shift", "reduce", "entries", "values", "keys", "get", "then", "format",
  ...SCHEMA_PARSE_METHODS_LIST(),
]);

/**
 * Of those, the methods whose non-callback arguments also flow into the result (`a.concat(b)`, `s.replace(x, y)`), and
 * schema validation (`schema.parse(args)`): a validated string is still the client's string.
 */
export const ARGUMENT_PASSING_METHODS = new Set(["concat", "replace", "replaceAll", "padStart", "padEnd", "join", "format", ...SCHEMA_PARSE_METHODS_LIST()]);

/** Properties that never carry injectable text. */
export const INERT_PROPERTIES = new Set(["length", "size", "byteLength"]);

/** Methods whose callback receives the receiver's elements. */
export const ITERATING_METHODS = new Set(["forEach", "map", "flatMap", "filter", "some", "every", "find", "findIndex", "findLast"]);

export function matchesAny(resolved: ResolvedValue | null, refs: readonly ExportRef[]): ExportRef | null {
  if (!resolved) return null;
  let index = refIndexes.get(refs);
  if (!index) {
    index = new Map();
    for (const ref of refs) {
      const key = exportKey(ref.module, ref.path);
      if (!index.has(key)) index.set(key, ref);
    }
    refIndexes.set(refs, index);
  }
  // The same answer as `isExport` for each ref, in one lookup: sink tables have hundreds of entries.
  const path = resolved.path[0] === "default" ? resolved.path.slice(1) : resolved.path;
  return index.get(exportKey(resolved.module, path)) ?? null;
}

const refIndexes = new WeakMap<readonly ExportRef[], Map<string, ExportRef>>();

function exportKey(module: string, path: readonly string[]): string {
  return `${module}\0${path.join("\0")}`;
}

/** Flow knowledge for a sink family, with its own sanitizers added to the coercions and its own guards. */
export function flowKnowledge(
  extraSanitizers: readonly ExportRef[] = [],
  guards: ExtraGuards = NO_EXTRA_GUARDS,
  isClean?: FlowKnowledge["isClean"],
): FlowKnowledge {
  const sanitizers = [...COERCIONS, ...extraSanitizers];
  return {
    guards,
    isClean,
    propagates: (resolved) => matchesAny(resolved, PROPAGATORS) !== null,
    sanitizes: (resolved) => matchesAny(resolved, sanitizers) !== null,
    propagatingMethods: PROPAGATING_METHODS,
    argumentPassingMethods: ARGUMENT_PASSING_METHODS,
    inertProperties: INERT_PROPERTIES,
    iteratingMethods: ITERATING_METHODS,
  };
}
