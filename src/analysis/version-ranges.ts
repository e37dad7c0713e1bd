/**
 * Semver ranges as written in package.json, read with node-semver: the lowest version each alternative admits, whether
 * an alternative has an upper bound, and the same range with a higher floor.
 *
 * Prerelease versions are compared by precedence (`includePrerelease`): 1.24.0-beta.1 comes before 1.24.0.
 */
import semver from "semver";

const OPTIONS = { includePrerelease: true } as const;

/** `1.2.3`, `^1.2.3`, `~1.2`: ranges for certain, without a parse. */
const PLAIN = /^[\^~]?(?:0|[1-9]\d{0,8})(?:\.(?:0|[1-9]\d{0,8})){0,2}$/;

/** Whether text is a semver range npm accepts (`""` and `*` are; dist-tags, URLs and `1.2.3beta` are not). */
export function isRange(text: string): boolean {
  // The common forms need no parse (a manifest can list thousands of dependencies).
  if (PLAIN.test(text)) return true;
  try {
    return semver.validRange(text) !== null;
  } catch {
    return false;
  }
}

/** The alternatives of a range (`a || b`), trimmed; an empty alternative admits every version, as in node-semver. */
export function alternatives(range: string): string[] {
  return range.split("||").map((part) => part.trim());
}

/** The lowest version an alternative admits, or null (an invalid or empty range: `>2 <1`). */
export function floorOf(alternative: string): string | null {
  try {
    return semver.minVersion(alternative)?.version ?? null;
  } catch {
    return null;
  }
}

/** The comparator sets of a range, each as text (`>=1.0.0 <2.0.0-0`); `*` for a set that admits everything. */
function comparatorSets(range: string): string[] | null {
  try {
    return new semver.Range(range).set.map((set) => set.map((comparator) => comparator.value).filter(Boolean).join(" ") || "*");
  } catch {
    return null;
  }
}

/** The lowest version that satisfies both ranges, or null when none does (or one is invalid). */
export function lowestCommonVersion(a: string, b: string): string | null {
  const left = comparatorSets(a);
  const right = comparatorSets(b);
  if (!left || !right) return null;
  let lowest: string | null = null;
  for (const x of left) {
    for (const y of right) {
      const floor = floorOf(x === "*" ? y : y === "*" ? x : `${x} ${y}`);
      if (floor !== null && satisfies(floor, a) && satisfies(floor, b) && (lowest === null || semver.lt(floor, lowest))) lowest = floor;
    }
  }
  return lowest;
}

/** The range `a`, with the versions below `version` left out: `a` and `>=version`. */
export function atOrAbove(range: string, version: string): string {
  const sets = comparatorSets(range) ?? [range];
  return sets.map((set) => (set === "*" ? `>=${version}` : `${set} >=${version}`)).join(" || ");
}

/** Whether a version satisfies a range, prereleases compared by precedence; false for anything invalid. */
export function satisfies(version: string, range: string): boolean {
  try {
    return semver.satisfies(version, range, OPTIONS);
  } catch {
    return false;
  }
}

export function compareVersions(a: string, b: string): number {
  return semver.compare(a, b);
}

/** Whether an alternative has no upper bound (`>=1.2.0`, `>1`, `*`): it admits every future major release. */
export function isUnbounded(alternative: string): boolean {
  // Without `>` or a wildcard, every form (exact, ^, ~, <, hyphen, partial) has a ceiling.
  if (alternative.trim() !== "" && !/[>*xX]/.test(alternative)) return false;
  let range: semver.Range;
  try {
    range = new semver.Range(alternative);
  } catch {
    return false;
  }
  return range.set.some((comparators) =>
    comparators.every((comparator) => comparator.value === "" || comparator.operator === ">" || comparator.operator === ">="),
  );
}

/** Whether an alternative admits every version (`*`, `x`, `""`, `>=0`). */
export function admitsAnyVersion(alternative: string): boolean {
  return isUnbounded(alternative) && floorOf(alternative) === "0.0.0";
}

const VERSION = String.raw`(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`;
/** One comparator: an operator (or none) and a full or partial version. */
const SIMPLE = new RegExp(String.raw`^(\^|~>?|>=|>|=|v|=v)?\s*v?${VERSION}$`);
/** `>=a <b` (or `>`, `<=`): a lower and an upper bound. */
const BOUNDED = new RegExp(String.raw`^>=?\s*v?${VERSION}\s+(<=?\s*v?${VERSION})$`);
/** `<b` (or `<=`): an upper bound only. */
const BELOW = new RegExp(String.raw`^<=?\s*v?${VERSION}$`);
/** `a - b`. */
const HYPHEN = new RegExp(String.raw`^v?${VERSION}\s+-\s+(v?${VERSION})$`);
const WILDCARD = /^(?:[xX*]|)$/;

/**
 * The alternative with its floor raised to `version`, keeping its form: `^1.20.0` -> `^1.24.0`, `~1.20.0` ->
 * `~1.24.0`, `1.20.0` -> `1.24.0`, `>=1.20.0` (or `>`) -> `>=1.24.0`, `1.x` -> `^1.24.0` (same major), `1.20.x`
 * -> `~1.24.0`, `*` -> `>=1.24.0`, and `>=1.0.0 <2.0.0` -> `>=1.24.0 <2.0.0`, `<2.0.0` -> `>=1.24.0 <2.0.0`,
 * `1.0.0 - 2.0.0` -> `1.24.0 - 2.0.0` when the new floor is inside the old range. Null for any other form.
 */
function raiseAlternative(alternative: string, version: string): string | null {
  if (WILDCARD.test(alternative)) return `>=${version}`;
  const simple = SIMPLE.exec(alternative);
  if (simple) {
    const [, operator = "", major, minor, patch] = simple;
    const majorOnly = minor === undefined || /[xX*]/.test(minor);
    const partial = majorOnly || patch === undefined || /[xX*]/.test(patch);
    if (operator === "^") return `^${version}`;
    if (operator === ">=" || operator === ">") return `>=${version}`;
    if (operator.startsWith("~") && !majorOnly) return `~${version}`;
    if (!partial) return operator.startsWith("=") ? `=${version}` : version;
    // An x-range: `1.x` (and `~1`) is `^1.0.0` when the major is not 0, `1.20.x` is `~1.20.0`.
    const target = semver.parse(version);
    if (!target || Number(major) !== target.major) return null;
    if (majorOnly) return target.major > 0 ? `^${version}` : null;
    return `~${version}`;
  }
  const below = BELOW.exec(alternative);
  if (below && satisfies(version, alternative)) return `>=${version} ${alternative.replace(/\s+/g, "")}`;
  const bounded = BOUNDED.exec(alternative);
  if (bounded && satisfies(version, alternative)) return `>=${version} ${bounded[4].replace(/\s+/g, "")}`;
  const hyphen = HYPHEN.exec(alternative);
  if (hyphen && satisfies(version, alternative)) return `${version} - ${hyphen[4]}`;
  return null;
}

/**
 * The range with the floor of every alternative that `needsRaise` picks raised to `version`, or null when one of
 * them has a form this cannot rewrite safely. The result is checked: each raised alternative's floor is `version`.
 */
export function raiseFloor(range: string, version: string, needsRaise: (alternative: string) => boolean): string | null {
  const parts = alternatives(range);
  const raised: string[] = [];
  for (const part of parts) {
    if (!needsRaise(part)) {
      raised.push(part);
      continue;
    }
    const next = raiseAlternative(part, version);
    if (next === null || floorOf(next) !== version) return null;
    raised.push(next);
  }
  return raised.join(" || ");
}
