import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The package tests install the packed package into fixture projects: `npm run test:package`.
    exclude: [...configDefaults.exclude, "tests/package/**"],
    setupFiles: ["tests/setup.ts"],
    testTimeout: 60_000,
    pool: "threads",
  },
});
