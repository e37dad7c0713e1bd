/**
 * The package.json model on its own: how specifiers are read, how ranges are rewritten, and how the floor that clears
 * every advisory is found, with synthetic advisory tables for the shapes the real table does not have (yet).
 */
import { describe, expect, it } from "vitest";
import { readSpecifier } from "../../src/analysis/package-json.js";
import type { Advisory, AdvisoryTable } from "../../src/knowledge/advisories.js";
import { vulnerableRange } from "../../src/model/dependencies.js";
import { isUnbounded, lowestCommonVersion, raiseFloor } from "../../src/analysis/version-ranges.js";

function table(...rows: Array<Pick<Advisory, "id" | "affected" | "fixed">>): AdvisoryTable {
  return new Map([["pkg", rows.map((row) => ({ ...row, aliases: [], package: "pkg", summary: row.id, url: `https://example.com/${row.id}` }))]]);
}

const NONE = new Set<string>();

describe("vulnerableRange with synthetic tables", () => {
  it("follows a fix that lands inside another advisory's range", () => {
    const rows = table({ id: "A", affected: "<1.5.0", fixed: "1.5.0" }, { id: "B", affected: ">=1.4.0 <=1.6.0", fixed: "1.7.0" });
    expect(vulnerableRange("pkg", "^1.0.0", NONE, rows)).toEqual({
      version: "1.0.0",
      advisories: [expect.objectContaining({ id: "A" })],
      fixed: "1.7.0",
      replacement: "^1.7.0",
    });
  });

  it("raises an open range past a later regression it still admits", () => {
    const rows = table({ id: "A", affected: "<1.5.0", fixed: "1.5.0" }, { id: "REGRESSION", affected: ">=2.0.0 <2.2.0", fixed: "2.2.0" });
    expect(vulnerableRange("pkg", ">=1.0.0", NONE, rows)).toMatchObject({ version: "1.0.0", fixed: "2.2.0", replacement: ">=2.2.0" });
    // A caret range stays below the regression: the first fix is enough.
    expect(vulnerableRange("pkg", "^1.0.0", NONE, rows)).toMatchObject({ fixed: "1.5.0", replacement: "^1.5.0" });
  });

  it("offers no suggestion when the rewritten range would admit an affected version (a tilde moves its ceiling)", () => {
    const rows = table({ id: "A", affected: "<1.5.0", fixed: "1.5.0" }, { id: "REGRESSION", affected: ">=1.5.2 <1.6.0", fixed: "1.6.0" });
    // ~1.4.0 admits 1.4.x only: 1.5.0 clears it, but ~1.5.0 would admit 1.5.2.
    expect(vulnerableRange("pkg", "~1.4.0", NONE, rows)).toMatchObject({ version: "1.4.0", fixed: "1.5.0", replacement: null });
    // An exact pin moves to the fixed version itself.
    expect(vulnerableRange("pkg", "1.4.0", NONE, rows)).toMatchObject({ fixed: "1.5.0", replacement: "1.5.0" });
  });

  it("reports nothing for a range that admits no affected version, and for packages not in the table", () => {
    const rows = table({ id: "A", affected: ">=1.4.0 <1.5.0", fixed: "1.5.0" });
    expect(vulnerableRange("pkg", "~1.3.0", NONE, rows)).toBeNull();
    expect(vulnerableRange("pkg", "^1.5.0", NONE, rows)).toBeNull();
    expect(vulnerableRange("other", "1.4.0", NONE, rows)).toBeNull();
    expect(vulnerableRange("pkg", "1.4.0", new Set(["A"]), rows)).toBeNull();
  });

  it("gives up (no report) on a table whose fixed version is itself affected, instead of looping", () => {
    const rows = table({ id: "BROKEN", affected: "<2.0.0", fixed: "1.0.0" });
    expect(vulnerableRange("pkg", "^1.0.0", NONE, rows)).toBeNull();
  });
});

describe("readSpecifier", () => {
  it.each([
    ["^1.2.3", { kind: "range", name: "x", range: "^1.2.3", prefix: "" }],
    ["", { kind: "range", name: "x", range: "", prefix: "" }],
    ["latest", { kind: "tag", name: "x", tag: "latest", prefix: "" }],
    ["npm:@scope/real@~2.0.0", { kind: "range", name: "@scope/real", range: "~2.0.0", prefix: "npm:@scope/real@" }],
    ["npm:real", { kind: "range", name: "real", range: "", prefix: "npm:real@" }],
    ["npm:real@next", { kind: "tag", name: "real", tag: "next", prefix: "npm:real@" }],
    ["github:a/b", { kind: "git", name: "x", commit: false }],
    ["a/b#0123456789abcdef0123456789abcdef01234567", { kind: "git", name: "x", commit: true }],
    ["git+https://host.example/a/b.git", { kind: "git", name: "x", commit: false }],
    ["https://host.example/b.tgz", { kind: "url", name: "x" }],
    ["file:../b", { kind: "local", name: "x" }],
    ["workspace:^", { kind: "local", name: "x" }],
    ["../b", { kind: "local", name: "x" }],
    ["C:\\b", { kind: "local", name: "x" }],
    ["catalog:", { kind: "other", name: "x" }],
    ["1.2.3beta", { kind: "other", name: "x" }],
  ])("reads %j", (spec, expected) => {
    expect(readSpecifier("x", spec)).toEqual(expected);
  });
});

describe("version ranges", () => {
  it.each([
    ["^1.20.0", "^1.24.0"],
    ["~1.20.0", "~1.24.0"],
    ["1.20.0", "1.24.0"],
    ["=1.20.0", "=1.24.0"],
    [">=1.20.0", ">=1.24.0"],
    [">1.20.0", ">=1.24.0"],
    ["1.x", "^1.24.0"],
    ["1.20.x", "~1.24.0"],
    ["*", ">=1.24.0"],
    [">=1.0.0 <2.0.0", ">=1.24.0 <2.0.0"],
    ["1.0.0 - 2.0.0", "1.24.0 - 2.0.0"],
    ["<2.0.0", ">=1.24.0 <2.0.0"],
    ["^1.20.0 || ^2.0.0", "^1.24.0 || ^2.0.0"],
  ])("raises the floor of %j to 1.24.0 as %j", (range, expected) => {
    expect(raiseFloor(range, "1.24.0", (alternative) => !alternative.startsWith("^2"))).toBe(expected);
  });

  it.each(["0.x", "2.x", ">=1.0.0 <1.10.0", "1.0.0 - 1.10.0", "<1.10.0", ">=1 <2 || <1.0.0 >0.1.0 >0.2.0 >0.3.0"])(
    "does not rewrite %j (the new floor would change what the range means)",
    (range) => {
      expect(raiseFloor(range, "1.24.0", () => true)).toBeNull();
    },
  );

  it("finds the lowest version two ranges share", () => {
    expect(lowestCommonVersion("^1.0.0", ">=1.4.2 <1.8.0")).toBe("1.4.2");
    expect(lowestCommonVersion("^2.0.0-beta.1", ">=2.0.0 <=2.2.0")).toBe("2.0.0");
    expect(lowestCommonVersion(">=2.0.0", "<1.0.0")).toBeNull();
    expect(lowestCommonVersion("not a range", "*")).toBeNull();
  });

  it.each([
    [">=1.0.0", true],
    [">1", true],
    ["*", true],
    ["", true],
    ["^1.0.0", false],
    ["<2", false],
    [">=1 <2", false],
    ["1.x", false],
  ])("isUnbounded(%j) is %s", (range, expected) => {
    expect(isUnbounded(range)).toBe(expected);
  });
});
