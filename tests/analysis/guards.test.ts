import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { accessPathKey, walk } from "../../src/analysis/ast.js";
import { isAnchoredRegExp, isGuarded } from "../../src/analysis/guards.js";
import { analyse } from "./helpers.js";

/** Whether the argument of the `sink(...)` call in `body` is guarded, with `x` a parameter. */
function guarded(body: string, preamble = ""): boolean {
  return analyse(`${preamble}\nfunction handler(x: string, y: string) {\n${body}\n}`, (sourceCode, program) => {
    let result: boolean | null = null;
    walk(program, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && accessPathKey((node as TSESTree.CallExpression).callee) === "sink") {
        const argument = (node as TSESTree.CallExpression).arguments[0];
        result = isGuarded(sourceCode, accessPathKey(argument)!, argument);
      }
    });
    if (result === null) throw new Error("no sink(...) call");
    return result;
  });
}

const ALLOWED = `const ALLOWED = ["a", "b"]; const ALLOWED_SET = new Set(["a"]); const MAP = { a: 1 };`;

describe("isGuarded", () => {
  it.each([
    ["an anchored regex before an early throw", `if (!/^[a-z]+$/.test(x)) throw new Error(); sink(x);`],
    ["an anchored regex held in a const", `const RE = /^[\\w-]+$/; if (!RE.test(x)) return; sink(x);`],
    ["an allowlist includes", `if (!ALLOWED.includes(x)) throw new Error(); sink(x);`],
    ["a Set has, as the condition of an if", `if (ALLOWED_SET.has(x)) { sink(x); }`],
    ["Object.hasOwn on a module constant", `if (!Object.hasOwn(MAP, x)) return; sink(x);`],
    ["equality with constants", `if (x !== "a" && x !== "b") throw new Error(); sink(x);`],
    ["a switch on literals", `switch (x) { case "a": sink(x); break; }`],
    ["a numeric type check", `if (typeof x !== "number") return; sink(x);`],
    ["Number.isInteger", `if (!Number.isInteger(x)) throw new Error("no"); sink(x);`],
    ["a validator by name", `if (!isValidRef(x)) throw new Error(); sink(x);`],
    ["a guard in && before the use", `ALLOWED.includes(x) && sink(x);`],
    ["an assertion", `assert(ALLOWED.includes(x)); sink(x);`],
    ["an else branch that exits", `if (/^\\d+$/.test(x)) { } else { return; } sink(x);`],
  ])("recognises %s", (_name, body) => {
    expect(guarded(body, `${ALLOWED}\ndeclare function isValidRef(s: string): boolean; declare function assert(v: unknown): void; declare function sink(v: unknown): void;`)).toBe(true);
  });

  it.each([
    ["an unanchored regex", `if (!/[a-z]+/.test(x)) throw new Error(); sink(x);`],
    ["a regex anchored at one end", `if (!/^[a-z]+/.test(x)) throw new Error(); sink(x);`],
    ["a regex that allows anything", `if (!/^.*$/.test(x)) throw new Error(); sink(x);`],
    ["a top-level alternation", `if (!/^a|b$/.test(x)) throw new Error(); sink(x);`],
    ["a check on another variable", `if (!ALLOWED.includes(y)) throw new Error(); sink(x);`],
    ["a check after the use", `sink(x); if (!ALLOWED.includes(x)) throw new Error();`],
    ["a check that does not exit", `if (!ALLOWED.includes(x)) console.log("bad"); sink(x);`],
    ["a default case", `switch (x) { case "a": break; default: sink(x); }`],
    ["an allowlist built from the input", `const list = [x]; if (!list.includes(x)) return; sink(x);`],
    ["an || of a guard and anything", `if (ALLOWED.includes(x) || y) { sink(x); }`],
  ])("does not accept %s", (_name, body) => {
    expect(guarded(body, `${ALLOWED}\ndeclare function sink(v: unknown): void;`)).toBe(false);
  });
});

describe("isAnchoredRegExp", () => {
  it.each([
    ["/^[a-z0-9_-]+$/", true],
    ["/^(?:main|dev)$/", true],
    ["/^[a-z]+$/m", false],
    ["/^\\S+$/", false],
    ["/^[^;]+$/", false],
    ['new RegExp("^[a-z]+$")', true],
  ])("%s -> %s", (source, expected) => {
    const result = analyse(`const re = ${source};`, (sourceCode, program) => {
      const declaration = program.body[0] as TSESTree.VariableDeclaration;
      return isAnchoredRegExp(sourceCode, declaration.declarations[0].init!);
    });
    expect(result).toBe(expected);
  });
});
