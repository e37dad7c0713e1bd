import { describe, expect, it } from "vitest";
import { PatternGroup, textMatches } from "../../src/analysis/text.js";
import { CODE_SINK_TEXT_HINT } from "../../src/knowledge/code-sinks.js";
import { COMMAND_MODULE_HINT } from "../../src/knowledge/command-sinks.js";
import { PATH_TEXT_HINT } from "../../src/knowledge/path-sinks.js";
import { SQL_TEXT_HINT } from "../../src/knowledge/sql-sinks.js";
import { SSRF_TEXT_HINT } from "../../src/knowledge/ssrf-sinks.js";

/** What `pattern.test(text)` says, on a copy (so that no answer remembered for `text` is used). */
const alone = (pattern: RegExp, text: string) => new RegExp(pattern.source, pattern.flags).test(text);

/** The answers `textMatches` gives after one scan of the group, each pattern's text made unique to the call. */
function grouped(members: RegExp[], text: string): boolean[] {
  const group = new PatternGroup();
  for (const pattern of members) expect(group.add(pattern)).toBe(true);
  group.scan(text);
  return members.map((pattern) => textMatches(text, pattern));
}

describe("PatternGroup: several patterns' answers from one scan of a text", () => {
  const HINTS = [CODE_SINK_TEXT_HINT, COMMAND_MODULE_HINT, PATH_TEXT_HINT, SQL_TEXT_HINT, SSRF_TEXT_HINT];
  const TEXTS = [
    'import { exec } from "node:child_process";\nexec(cmd);\n',
    'const fs = require("fs");\nconst x = await fetch(url);\n',
    'db.prepare("SELECT * FROM users WHERE id = " + id);\n',
    'setTimeout(code, 10);\nconst m = require(name);\nrequire("./fixed.js");\n',
    "nothing to see here\n",
    "",
  ];

  it("gives each pattern the answer it gives alone", () => {
    for (const text of TEXTS) expect(grouped(HINTS, text)).toEqual(HINTS.map((hint) => alone(hint, text)));
  });

  it("finds a pattern that matches only inside another pattern's match", () => {
    const text = "xx abcdef yy";
    expect(grouped([/abcdef/, /cde/], text)).toEqual([true, true]);
    expect(grouped([/abcdef/, /cdx/], text)).toEqual([true, false]);
  });

  it("keeps each pattern's back-references pointing at its own groups", () => {
    const quoted = /(["'])x\1/;
    const text = `a "x' b 'x' c`;
    expect(grouped([/(a)(b)?/, quoted], text)).toEqual([true, true]);
    expect(grouped([/(a)(b)?/, quoted], `"x' 'x"`)).toEqual([false, false]);
    // A back-reference inside a character class is not one: `[\1]` is an escape, left alone.
    expect(grouped([/(q)/, new RegExp("[\\1]z")], "q")).toEqual([true, false]);
  });

  it("refuses patterns that cannot join the union: other flags, named groups", () => {
    const group = new PatternGroup();
    expect(group.add(/a/)).toBe(true);
    expect(group.add(/a/)).toBe(true);
    expect(group.add(/b/i)).toBe(false);
    expect(group.add(/(?<name>c)/)).toBe(false);
    expect(group.add(/(?<=d)e/)).toBe(true);
  });
});
