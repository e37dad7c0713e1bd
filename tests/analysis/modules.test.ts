import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adoptLintedModule, clearModuleCache, loadModule } from "../../src/analysis/modules.js";
import { analyse } from "./helpers.js";

describe("adoptLintedModule: ESLint's parse of a linted file reused by cross-file analysis", () => {
  let dir: string;
  beforeEach(() => {
    clearModuleCache();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-mcp-modules-"));
  });
  afterEach(() => {
    clearModuleCache();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const linted = (file: string, code: string) => analyse(code, (sourceCode) => sourceCode, path.basename(file));

  it("reuses the linted SourceCode when its text is the file's text on disk, and keeps it once reused", () => {
    const file = path.join(dir, "helper.ts");
    const code = "export const run = (x: string) => x;\n";
    fs.writeFileSync(file, code);
    const sourceCode = linted(file, code);
    adoptLintedModule(sourceCode, file);
    expect(loadModule(file)).toBe(sourceCode);
    expect(loadModule(file)).toBe(sourceCode);
  });

  it("parses the file itself when the linted text is not the text on disk (a --fix pass)", () => {
    const file = path.join(dir, "helper.ts");
    fs.writeFileSync(file, "export const run = (x: string) => x;\n");
    const sourceCode = linted(file, "export const run = (y: string) => y;\n");
    adoptLintedModule(sourceCode, file);
    const loaded = loadModule(file);
    expect(loaded).not.toBe(sourceCode);
    expect(loaded?.text).toBe("export const run = (x: string) => x;\n");
  });

  it("parses the file when nothing was adopted", () => {
    const file = path.join(dir, "helper.ts");
    fs.writeFileSync(file, "export const run = 1;\n");
    expect(loadModule(file)?.ast.body).toHaveLength(1);
  });
});
