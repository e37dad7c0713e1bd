import { describe, expect, it } from "vitest";
import { callsNamed, callsNamedOrNotMember, callsWithin, getNodeIndex } from "../../src/analysis/node-index.js";
import { analyse } from "./helpers.js";

const CODE = `
app.listen(3000);
function f() { return server.start({ port: 1 }); }
start();
obj["listen"](1);
(0, app.listen)(2);
app.use(x => x.listen(4));
other();
`;

describe("callsNamed", () => {
  const texts = (names: string[]) =>
    analyse(CODE, (sourceCode) => callsNamed(getNodeIndex(sourceCode), names).map((call) => sourceCode.getText(call)), "file.js");

  it("finds member and plain calls by the callee's name, including computed string keys and `(0, fn)()`", () => {
    expect(texts(["listen"])).toEqual(["app.listen(3000)", 'obj["listen"](1)', "(0, app.listen)(2)", "x.listen(4)"]);
    expect(texts(["start"])).toEqual(["server.start({ port: 1 })", "start()"]);
  });

  it("merges several names in source order", () => {
    expect(texts(["start", "listen"])).toEqual([
      "app.listen(3000)",
      "server.start({ port: 1 })",
      "start()",
      'obj["listen"](1)',
      "(0, app.listen)(2)",
      "x.listen(4)",
    ]);
  });

  it("gives nothing for a name no call has", () => {
    expect(texts(["connect"])).toEqual([]);
  });
});

describe("callsNamedOrNotMember", () => {
  const texts = (names: string[], code = CODE) =>
    analyse(code, (sourceCode) => callsNamedOrNotMember(getNodeIndex(sourceCode), new Set(names)).map((call) => sourceCode.getText(call)), "file.js");

  it("gives the member calls of the names and every call that is not a member call, once each, in source order", () => {
    expect(texts(["listen"])).toEqual(["app.listen(3000)", "start()", 'obj["listen"](1)', "(0, app.listen)(2)", "x.listen(4)", "other()"]);
    // `start()` is named and not a member call: listed once.
    expect(texts(["start"])).toEqual(["server.start({ port: 1 })", "start()", "other()"]);
  });

  it("keeps calls of computed callees and of call results, which are not member calls of a name", () => {
    expect(texts([], "obj[key](1);\nmake()(2);\n(await load())(3);\nobj.method(4);\n")).toEqual(["make()(2)", "make()", "(await load())(3)", "load()"]);
  });
});

describe("callsWithin", () => {
  it("gives the calls inside a node, in source order", () => {
    const inside = analyse(
      CODE,
      (sourceCode, program) => {
        const fn = program.body[1];
        return callsWithin(getNodeIndex(sourceCode), fn).map((call) => sourceCode.getText(call));
      },
      "file.js",
    );
    expect(inside).toEqual(["server.start({ port: 1 })"]);
  });
});
