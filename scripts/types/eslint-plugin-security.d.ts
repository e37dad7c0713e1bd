// eslint-plugin-security ships no type declarations; scripts/bench.ts only needs its flat `recommended` config.
declare module "eslint-plugin-security" {
  import type { ESLint, Linter } from "eslint";

  const plugin: ESLint.Plugin & { configs: { recommended: Linter.Config } };
  export default plugin;
}
