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
    // Both builds run at once: this one cleans dist/ but for the CLI, which the other writes.
    clean: ["!cli.js"],
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
    // The scanner, the package's `bin`: ESM only, with a shebang, no declarations.
    entry: { cli: "src/cli/bin.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    target: "node20",
    platform: "node",
    sourcemap: false,
    banner: { js: "#!/usr/bin/env node" },
    esbuildPlugins: [pluginEntryIsExternal],
  },
]);
