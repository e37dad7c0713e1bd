import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  // TypeScript 6 rejects the `baseUrl` that tsup's declaration build sets; silence that deprecation only here.
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  clean: true,
  target: "node20",
  platform: "node",
  sourcemap: false,
  // tsup applies `cjsInterop` (module.exports = the default export) only to code-split output.
  splitting: true,
  shims: false,
  // The CommonJS build exposes the plugin as `module.exports` so that `require()` users get it directly.
  cjsInterop: true,
});
