import { describe, expect, it } from "vitest";
import { callsNamed, callsWithin, getNodeIndex } from "../../src/analysis/node-index.js";
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
