import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { calleeName, walk } from "../../src/analysis/ast.js";
import { normalizeModule, resolveCallee } from "../../src/analysis/imports.js";
import { analyse } from "./helpers.js";

/** `module:path` of the callee of every call named `target(...)`/`x.target(...)`, in source order. */
function calleesOf(code: string, filename = "file.ts"): string[] {
  return analyse(
    code,
    (sourceCode, program) => {
      const found: string[] = [];
      walk(program, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return;
        if (!["exec", "run", "go"].includes(calleeName((node as TSESTree.CallExpression).callee) ?? "")) return;
        const resolved = resolveCallee(sourceCode, node as TSESTree.CallExpression);
        found.push(resolved ? `${resolved.module}:${resolved.path.join(".")}${resolved.promisified ? " (promisified)" : ""}` : "null");
      });
      return found;
    },
    filename,
  );
}

describe("normalizeModule", () => {
  it.each([
    ["node:child_process", "child_process"],
    ["fs/promises", "fs/promises"],
    ["@modelcontextprotocol/sdk/server/mcp.js", "@modelcontextprotocol/sdk/server/mcp"],
    ["./tools/x.js", "./tools/x"],
    ["zod", "zod"],
    ["lodash.js", "lodash.js"],
  ])("%s -> %s", (input, output) => expect(normalizeModule(input)).toBe(output));
});

describe("resolveCallee", () => {
  it("follows named, aliased, default and namespace imports, with and without node:", () => {
    expect(
      calleesOf(`import { exec } from "child_process";
import { exec as run } from "node:child_process";
import cp from "child_process";
import * as ns from "node:child_process";
exec(); run(); cp.exec(); ns.exec();`),
    ).toEqual(["child_process:exec", "child_process:exec", "child_process:exec", "child_process:exec"]);
  });

  it("follows require with destructuring, member access and aliases (CommonJS)", () => {
    expect(
      calleesOf(
        `const { exec } = require("child_process");
const { exec: run } = require("node:child_process");
const cp = require("child_process");
const go = cp.exec;
exec(); run(); cp.exec(); go(); require("child_process").exec();`,
        "file.cjs",
      ),
    ).toEqual(["child_process:exec", "child_process:exec", "child_process:exec", "child_process:exec", "child_process:exec"]);
  });

  it("follows util.promisify, re-assignment, import = require and TS wrappers", () => {
    expect(
      calleesOf(`import util, { promisify } from "util";
import cp = require("child_process");
import { exec as e } from "child_process";
const run = promisify(e);
let go;
go = util.promisify(cp.exec);
run(); go(); (cp.exec as typeof e)(); cp.exec!(); (0, cp.exec)();`),
    ).toEqual([
      "child_process:exec (promisified)",
      "child_process:exec (promisified)",
      "child_process:exec",
      "child_process:exec",
      "child_process:exec",
    ]);
  });

  it("resolves undeclared names and global objects to globalThis, and shadowed names to nothing", () => {
    expect(
      calleesOf(`function local() { const exec = () => 1; exec(); }
exec(); globalThis.exec(); window.run();`),
    ).toEqual(["null", "globalThis:exec", "globalThis:exec", "globalThis:run"]);
  });

  it("does not resolve parameters or computed members", () => {
    expect(calleesOf(`import * as cp from "child_process"; function f(exec: () => void, k: string) { exec(); (cp as any)[k].run(); }`)).toEqual([
      "null",
      "null",
    ]);
  });
});
