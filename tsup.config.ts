import { defineConfig, type Options } from "tsup";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * The CLI imports the plugin as `../index.js`; in the build it loads the published ESM entry (`./index.js`) instead of
 * a second copy of the plugin bundled into cli.js.
 */
const pluginEntryIsExternal: EsbuildPlugin = {
  name: "plugin-entry-is-external",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) =>
      args.importer.includes("/src/cli/") ? { path: "./index.js", external: true } : undefined,
    );
  },
};

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    // TypeScript 6 rejects the `baseUrl` that tsup's declaration build sets; silence that deprecation only here.
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    // Both builds run at once: this one cleans dist/ but for the files the other writes.
    clean: ["!cli.js", "!sarif-formatter.js"],
    target: "node20",
    platform: "node",
    sourcemap: false,
    // tsup applies `cjsInterop` (module.exports = the default export) only to code-split output.
    splitting: true,
    shims: false,
    // The CommonJS build exposes the plugin as `module.exports` so that `require()` users get it directly.
    cjsInterop: true,
  },
  {
    // The scanner, the package's `bin`, and its SARIF writer as an ESLint formatter: ESM only, no declarations, each
    // file whole (no shared chunks, which the other build's clean would remove).
    entry: { cli: "src/cli/bin.ts", "sarif-formatter": "src/cli/sarif-formatter.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    splitting: false,
    target: "node20",
    platform: "node",
    sourcemap: false,
    banner: { js: "#!/usr/bin/env node" },
    esbuildPlugins: [pluginEntryIsExternal],
  },
]);
