import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "node20",
  platform: "node",
  sourcemap: false,
  splitting: false,
  shims: false,
  // The CommonJS build exposes the plugin as `module.exports` so that `require()` users get it directly.
  cjsInterop: true,
});
