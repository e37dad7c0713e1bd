import { afterEach, describe, expect, it } from "vitest";
import { EDITOR_CACHE_LIFETIME_MS, cacheLifetimeMs, inferSingleRun, resetSingleRun } from "../../src/analysis/freshness.js";

describe("inferSingleRun: whether file-system answers can be kept for the whole process", () => {
  it("is a single run under the ESLint CLI, whatever the platform's path separators", () => {
    expect(inferSingleRun({}, "/repo/node_modules/.bin/eslint")).toBe(true);
    expect(inferSingleRun({}, "/repo/node_modules/eslint/bin/eslint.js")).toBe(true);
    expect(inferSingleRun({}, "C:\\repo\\node_modules\\eslint\\bin\\eslint.js")).toBe(true);
  });

  it("is not one in other processes: an editor's ESLint server, a test runner, a script", () => {
    expect(inferSingleRun({}, "/home/me/.vscode/extensions/dbaeumer.vscode-eslint/server/out/eslintServer.js")).toBe(false);
    expect(inferSingleRun({}, "/repo/node_modules/vitest/vitest.mjs")).toBe(false);
    expect(inferSingleRun({}, "/repo/scripts/my-eslint.js")).toBe(false);
    expect(inferSingleRun({}, "")).toBe(false);
  });

  it("follows SECURE_MCP_SINGLE_RUN, then typescript-eslint's TSESTREE_SINGLE_RUN, over the inference", () => {
    expect(inferSingleRun({ SECURE_MCP_SINGLE_RUN: "true" }, "/repo/server.js")).toBe(true);
    expect(inferSingleRun({ SECURE_MCP_SINGLE_RUN: " FALSE " }, "/repo/node_modules/.bin/eslint")).toBe(false);
    expect(inferSingleRun({ TSESTREE_SINGLE_RUN: "true" }, "/repo/server.js")).toBe(true);
    expect(inferSingleRun({ SECURE_MCP_SINGLE_RUN: "false", TSESTREE_SINGLE_RUN: "true" }, "/repo/server.js")).toBe(false);
    // Any other value leaves the decision to the inference.
    expect(inferSingleRun({ SECURE_MCP_SINGLE_RUN: "1" }, "/repo/node_modules/.bin/eslint")).toBe(true);
    expect(inferSingleRun({ SECURE_MCP_SINGLE_RUN: "yes" }, "/repo/server.js")).toBe(false);
  });
});

describe("cacheLifetimeMs", () => {
  const saved = process.env.SECURE_MCP_SINGLE_RUN;
  afterEach(() => {
    if (saved === undefined) delete process.env.SECURE_MCP_SINGLE_RUN;
    else process.env.SECURE_MCP_SINGLE_RUN = saved;
    resetSingleRun();
  });

  it("keeps answers for the whole run in a single run", () => {
    process.env.SECURE_MCP_SINGLE_RUN = "true";
    resetSingleRun();
    expect(cacheLifetimeMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it("keeps them a few seconds in a long-lived process", () => {
    process.env.SECURE_MCP_SINGLE_RUN = "false";
    resetSingleRun();
    expect(cacheLifetimeMs()).toBe(EDITOR_CACHE_LIFETIME_MS);
  });
});
