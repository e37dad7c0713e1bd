// `npm run test:package`: the packed package installed into fixture projects (tests/package/package.test.ts).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["tests/package/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 620_000,
    // One project at a time: installs and ESLint runs share two cores with everything else.
    fileParallelism: false,
  },
});
