/**
 * The advisory table is well formed: ids, ranges and fixed versions that semver reads, a fixed version outside its
 * own range, a floor that clears every row of a package, and every row documented in the rule's doc.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { ADVISORIES, ADVISORIES_BY_PACKAGE } from "../../src/knowledge/advisories.js";
import { vulnerableRange } from "../../src/model/dependencies.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DOC = readFileSync(join(ROOT, "docs", "rules", "no-vulnerable-dependencies.md"), "utf8");

const CVE = /^CVE-\d{4}-\d{4,}$/;
const GHSA = /^GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}$/;
const NONE = new Set<string>();

it("has rows", () => {
  expect(ADVISORIES.length).toBeGreaterThan(20);
});

it("has unique ids and aliases", () => {
  const ids = ADVISORIES.flatMap((row) => [row.id, ...row.aliases]);
  expect(new Set(ids).size).toBe(ids.length);
});

it("groups every row by its package, in table order", () => {
  expect([...ADVISORIES_BY_PACKAGE.values()].flat().length).toBe(ADVISORIES.length);
  for (const [name, rows] of ADVISORIES_BY_PACKAGE) {
    expect(rows).toEqual(ADVISORIES.filter((row) => row.package === name));
  }
});

describe.each(ADVISORIES.map((row) => [row.id, row] as const))("%s", (_id, row) => {
  it("names itself by CVE when it has one, else by GHSA", () => {
    expect(row.id).toMatch(CVE.test(row.id) ? CVE : GHSA);
    for (const alias of row.aliases) expect(alias).toMatch(GHSA);
  });

  it("has a valid package name, range and fixed version outside the range", () => {
    expect(row.package).toMatch(/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/);
    expect(semver.validRange(row.affected)).not.toBeNull();
    expect(semver.valid(row.fixed)).toBe(row.fixed);
    expect(semver.satisfies(row.fixed, row.affected, { includePrerelease: true })).toBe(false);
    // The fixed version comes after some affected version (the range is not entirely above it).
    expect(semver.gt(row.fixed, semver.minVersion(row.affected)!.version)).toBe(true);
  });

  it("links to the advisory", () => {
    expect(row.url).toMatch(/^https:\/\/(?:github\.com\/advisories\/GHSA-|nvd\.nist\.gov\/vuln\/detail\/CVE-)/);
    expect([row.id, ...row.aliases].some((id) => row.url.endsWith(id))).toBe(true);
  });

  it("has a one-line summary that fits in a message", () => {
    // No parentheses: the message puts the summary in parentheses.
    expect(row.summary).toMatch(/^[a-zA-Z][^\n()]*[^.\s]$/);
    expect(row.summary.length).toBeLessThanOrEqual(100);
  });

  it("is reported at its lowest affected version, and the suggested floor clears every row of the package", () => {
    const lowest = semver.minVersion(row.affected)!.version;
    const found = vulnerableRange(row.package, lowest, NONE);
    expect(found?.advisories).toContainEqual(row);
    expect(found?.replacement).toBe(found?.fixed);
    expect(vulnerableRange(row.package, found!.fixed, NONE)).toBeNull();
    expect(vulnerableRange(row.package, `^${found!.fixed}`, NONE)).toBeNull();
  });

  it("is listed in docs/rules/no-vulnerable-dependencies.md", () => {
    expect(DOC).toContain(row.id);
    expect(DOC).toContain(row.url);
  });
});
