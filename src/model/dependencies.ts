/**
 * What a package.json means for an MCP server: whether the package is one (it depends on an MCP framework or
 * declares executables), and which dependency ranges admit a version with a published advisory.
 */
import { ADVISORIES_BY_PACKAGE, type Advisory, type AdvisoryTable } from "../knowledge/advisories.js";
import { isFrameworkPackage } from "../knowledge/frameworks.js";
import { declaresBin, sectionPackages, type DependencySection, type JsonMember } from "../analysis/package-json.js";
import { alternatives, atOrAbove, compareVersions, isRange, lowestCommonVersion, raiseFloor, satisfies } from "../analysis/version-ranges.js";
import type { ModelSettings } from "./settings.js";

/** The sections that say the package itself runs on an MCP framework. */
const FRAMEWORK_SECTIONS: readonly DependencySection[] = ["dependencies", "peerDependencies", "optionalDependencies"];

/**
 * Whether the manifest is an MCP server's: an MCP framework (or a module named in the settings) among the runtime or
 * peer dependencies (an alias counts by its target), or executables (`bin`): `npx some-server` is how most servers
 * are installed.
 */
export function isMcpServerManifest(members: ReadonlyMap<string, JsonMember>, settings: ModelSettings): boolean {
  if (declaresBin(members)) return true;
  return FRAMEWORK_SECTIONS.some((section) =>
    sectionPackages(members, section).some(
      ({ name, target }) => isFrameworkPackage(name, settings.frameworkModules) || isFrameworkPackage(target, settings.frameworkModules),
    ),
  );
}

/** A range that admits a version with advisories, and the floor that leaves them all out. */
export interface VulnerableRange {
  /** The lowest admitted version that an advisory affects (the range's floor, unless the floor is older than the advisory). */
  version: string;
  /** The advisories that affect it, in table order: the first is the one to name. */
  advisories: Advisory[];
  /** The lowest floor from which the range admits no affected version. */
  fixed: string;
  /** The same range with that floor, in the same form (`^`, `~`, exact, `>=`), or null when it cannot be rewritten. */
  replacement: string | null;
}

/** The advisories of the table for a package that affect a version, in table order, except the ignored ids. */
export function advisoriesAffecting(name: string, version: string, ignored: ReadonlySet<string>, table = ADVISORIES_BY_PACKAGE): Advisory[] {
  return rowsOf(name, ignored, table).filter((row) => satisfies(version, row.affected));
}

function rowsOf(name: string, ignored: ReadonlySet<string>, table: AdvisoryTable): Advisory[] {
  return (table.get(name) ?? []).filter((row) => !ignored.has(row.id) && !row.aliases.some((alias) => ignored.has(alias)));
}

/** The lowest version a range admits that an advisory affects, or null. */
function lowestAffected(range: string, rows: Advisory[]): string | null {
  let lowest: string | null = null;
  for (const row of rows) {
    const version = lowestCommonVersion(range, row.affected);
    if (version !== null && (lowest === null || compareVersions(version, lowest) < 0)) lowest = version;
  }
  return lowest;
}

/**
 * The lowest floor from which an alternative admits no affected version. From the lowest affected version it admits:
 * the highest `fixed` of the advisories that affect it, again while that version is affected (a fix can land inside
 * another advisory's range), and again from the next affected version the alternative still admits above it (a later
 * regression). Bounded; null if it never clears (a table error).
 */
function clearingFloor(alternative: string, rows: Advisory[]): string | null {
  let candidate = lowestAffected(alternative, rows);
  if (candidate === null) return null;
  for (let step = 0; step <= 2 * rows.length + 1; step++) {
    const affecting = rows.filter((row) => satisfies(candidate!, row.affected));
    if (affecting.length > 0) {
      const next = affecting.map((row) => row.fixed).reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
      if (compareVersions(next, candidate) <= 0) return null;
      candidate = next;
      continue;
    }
    const later = lowestAffected(atOrAbove(alternative, candidate), rows);
    if (later === null) return candidate;
    candidate = later;
  }
  return null;
}

/**
 * Whether a range admits a version that an advisory of the table affects: its floor (the version a lockfile, or an
 * install deduplicated against another package's range, can keep), or a later version when the floor is older than
 * the advisory (`^1.0.0` admits 1.5.0). Prerelease versions count by precedence.
 */
export function vulnerableRange(
  name: string,
  range: string,
  ignored: ReadonlySet<string>,
  table: AdvisoryTable = ADVISORIES_BY_PACKAGE,
): VulnerableRange | null {
  const rows = rowsOf(name, ignored, table);
  if (rows.length === 0 || !isRange(range)) return null;
  let version: string | null = null;
  let fixed: string | null = null;
  const raise = new Set<string>();
  for (const alternative of alternatives(range)) {
    const lowest = lowestAffected(alternative, rows);
    if (lowest === null) continue;
    raise.add(alternative);
    if (version === null || compareVersions(lowest, version) < 0) version = lowest;
    const floor = clearingFloor(alternative, rows);
    if (floor === null) return null;
    if (fixed === null || compareVersions(floor, fixed) > 0) fixed = floor;
  }
  if (version === null || fixed === null) return null;
  let replacement = raiseFloor(range, fixed, (alternative) => raise.has(alternative));
  // The rewritten range must admit no affected version at all.
  if (replacement !== null && lowestAffected(replacement, rows) !== null) replacement = null;
  return { version, advisories: advisoriesAffecting(name, version, ignored, table), fixed, replacement };
}
