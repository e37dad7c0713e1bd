/**
 * Feature flags that turn on something dangerous and are on unless someone opts out: `process.env.ALLOW_WRITE !==
 * "false"`, `?? "true"`, CLI option defaults of `true`, `{ allowWrite = true }`, `z.boolean().default(true)`.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers, staticKeyName } from "../analysis/ast.js";
import { constantValue } from "../analysis/constants.js";
import { isExport, resolveCallee } from "../analysis/imports.js";
import type { SourceCode } from "../analysis/scope.js";
import {
  CAPABILITY_WORDS,
  CLI_OPTION_METHODS,
  DANGEROUS_WORDS,
  DISABLING_WORDS,
  ENABLING_WORDS,
  NORMALISING_METHODS,
  OFF_VALUES,
  ON_VALUES,
  PROTECTION_WORDS,
} from "../knowledge/flags.js";
import { mentionsMcpModule, packageUsesMcp } from "./project-index.js";
import type { ModelSettings } from "./settings.js";
import { absolutePath } from "../analysis/modules.js";

export type FlagDefault = "comparison" | "fallback" | "option" | "parameter";

/** A dangerous flag that is on by default. */
export interface OnByDefaultFlag {
  kind: FlagDefault;
  /** Where to report: the comparison, the fallback, or the default value. */
  node: TSESTree.Node;
  /** The flag's name as written (`ALLOW_WRITE`, `--allow-write`, `allowWrite`). */
  name: string;
  /** The value that switches it off (comparison) or the default that switches it on, as written. */
  value: string;
  /** For a comparison: edits that make it opt-in (`!== "false"` to `=== "true"`), with the value that turns it on. */
  optIn: { edits: Array<{ range: readonly [number, number]; text: string }>; on: string } | null;
}

/** The words of a name: `ALLOW_WRITE`, `allowWrite`, `--allow-write` give `["allow", "write"]`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** Whether a flag's name says that it turns on something dangerous or turns a protection off. */
export function isDangerousFlagName(name: string): boolean {
  const words = nameWords(name);
  if (words.some((word) => DANGEROUS_WORDS.has(word))) return true;
  const enables = words.some((word) => ENABLING_WORDS.has(word));
  if (enables && words.some((word) => CAPABILITY_WORDS.has(word))) return true;
  const disables = words.some((word) => DISABLING_WORDS.has(word));
  return disables && words.some((word) => PROTECTION_WORDS.has(word));
}

const alternatives = (words: ReadonlySet<string>) => [...words].sort((a, b) => b.length - a.length).join("|");

/**
 * A dangerous flag name somewhere in the text, as one identifier (`ALLOW_FILE_WRITE`, `skipVerify`, `authDisabled`,
 * `dangerouslyAllow...`), found by one scan of the text: only the nodes around each are looked at.
 */
const TEXT_HINT_ALL = (() => {
  const dangerous = `(?:${alternatives(DANGEROUS_WORDS)})`;
  const enabling = `(?:${alternatives(ENABLING_WORDS)})`;
  const capability = `(?:${alternatives(CAPABILITY_WORDS)})`;
  const disabling = `(?:${alternatives(DISABLING_WORDS)})`;
  const protection = `(?:${alternatives(PROTECTION_WORDS)})`;
  // Every branch starts at the word that turns something on or off (`ALLOW_WRITE`, `WRITE_ALLOWED` found at `ALLOWED`,
  // looking behind): trying capability and protection words at every position as well made the scan a fifth slower.
  return new RegExp(
    [
      dangerous,
      `${enabling}(?:[_-]?(?:[a-z]+[_-]?)?${capability}|(?<=${capability}[_-]?${enabling}))`,
      `${disabling}(?:[_-]?(?:[a-z]+[_-]?)?${protection}|(?<=${protection}[_-]?${disabling}))`,
    ].join("|"),
    "gi",
  );
})();

const cache = new WeakMap<TSESTree.Program, OnByDefaultFlag[]>();

/** The dangerous flags of this file that are on by default, in an MCP server package. */
export function onByDefaultFlags(sourceCode: SourceCode, filename: string, settings: ModelSettings): OnByDefaultFlag[] {
  let found = cache.get(sourceCode.ast);
  if (!found) {
    found = [];
    try {
      const text = sourceCode.text;
      // The package test first: it is read once per package, where the text scan costs a pass over every file.
      if (packageUsesMcp(absolutePath(filename), settings) || mentionsMcpModule(text, settings)) found = find(sourceCode);
    } catch {
      found = [];
    }
    cache.set(sourceCode.ast, found);
  }
  return found;
}

function find(sourceCode: SourceCode): OnByDefaultFlag[] {
  const result: OnByDefaultFlag[] = [];
  const seen = new Set<TSESTree.Node>();
  const check = (node: TSESTree.Node) => {
    if (seen.has(node)) return;
    seen.add(node);
    switch (node.type) {
      case AST_NODE_TYPES.BinaryExpression:
        add(comparison(sourceCode, node));
        break;
      case AST_NODE_TYPES.LogicalExpression:
        add(fallback(sourceCode, node));
        break;
      case AST_NODE_TYPES.AssignmentPattern:
        add(parameterDefault(sourceCode, node));
        break;
      case AST_NODE_TYPES.CallExpression:
        for (const flag of optionDefaults(sourceCode, node)) add(flag);
        break;
      case AST_NODE_TYPES.Property:
        // `{ allowWrite: aw = true }` and `allowWrite: z.boolean().default(true)`: the name is the key, outside the value.
        if (node.value.type === AST_NODE_TYPES.AssignmentPattern || node.value.type === AST_NODE_TYPES.CallExpression) check(node.value);
        break;
      default:
        break;
    }
  };
  const add = (flag: OnByDefaultFlag | null) => {
    if (flag) result.push(flag);
  };
  // A flag's name is written inside the node that tests or defaults it (or in the key of the property it is the value
  // of): only the few nodes around a dangerous name in the text are looked at, climbing from the name.
  for (const match of sourceCode.text.matchAll(TEXT_HINT_ALL)) {
    let node: TSESTree.Node | null = sourceCode.getNodeByRangeIndex(match.index) as TSESTree.Node | null;
    for (let depth = 0; node && depth < MAX_CLIMB && !STOP_CLIMB.has(node.type); depth++, node = node.parent ?? null) check(node);
  }
  return result.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** How far above a name its flag's test or default can sit: `parseArgs({ options: { "allow-write": { default } } })`. */
const MAX_CLIMB = 8;
const STOP_CLIMB = new Set<string>([
  AST_NODE_TYPES.Program,
  AST_NODE_TYPES.BlockStatement,
  AST_NODE_TYPES.ExpressionStatement,
  AST_NODE_TYPES.VariableDeclaration,
  AST_NODE_TYPES.ReturnStatement,
  AST_NODE_TYPES.IfStatement,
  AST_NODE_TYPES.ClassBody,
]);

/** The name a flag expression reads: `ALLOW_WRITE` for `process.env.ALLOW_WRITE?.toLowerCase()`. */
function flagName(raw: TSESTree.Node): string | null {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return staticKeyName(node);
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 0) {
    const callee = skipWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && NORMALISING_METHODS.has(staticKeyName(callee) ?? "")) return flagName(callee.object);
  }
  return null;
}

/** Whether a constant is the value that turns a flag on: `true`, `"true"`, `"1"`, `1`. */
function isOn(value: unknown): boolean {
  return value === true || value === 1 || (typeof value === "string" && ON_VALUES.has(value.trim().toLowerCase()));
}

/** `process.env.ALLOW_WRITE !== "false"`, `opts.allowWrite !== false`: on unless set off. */
function comparison(sourceCode: SourceCode, node: TSESTree.BinaryExpression): OnByDefaultFlag | null {
  if (node.operator !== "!==" && node.operator !== "!=") return null;
  for (const [flagSide, valueSide] of [
    [node.left, node.right],
    [node.right, node.left],
  ] as const) {
    // The name first: it is cheaper than evaluating constants, and most comparisons are not about flags.
    const name = flagName(flagSide);
    if (!name || !isDangerousFlagName(name)) continue;
    const constant = constantValue(sourceCode, valueSide);
    if (!constant || constantValue(sourceCode, flagSide)) continue;
    const value = constant.value;
    const off = typeof value === "string" ? OFF_VALUES[value.trim().toLowerCase()] : value === false ? "true" : undefined;
    if (off === undefined) continue;
    const operator = sourceCode.getTokens(node).find((token) => token.value === node.operator && token.range[0] >= node.left.range[1]);
    const literal = skipWrappers(valueSide);
    const on = typeof value === "string" ? matchCase(value, off) : "true";
    const optIn =
      operator && literal.type === AST_NODE_TYPES.Literal
        ? {
            edits: [
              { range: operator.range, text: node.operator === "!==" ? "===" : "==" },
              { range: literal.range, text: typeof value === "string" ? JSON.stringify(on).replace(/^"|"$/g, quoteOf(sourceCode, literal)) : "true" },
            ],
            on: typeof value === "string" ? JSON.stringify(on) : "true",
          }
        : null;
    return { kind: "comparison", node, name, value: sourceCode.getText(valueSide), optIn };
  }
  return null;
}

function quoteOf(sourceCode: SourceCode, literal: TSESTree.Node): string {
  const first = sourceCode.getText(literal)[0];
  return first === "'" || first === "`" ? first : '"';
}

function matchCase(original: string, replacement: string): string {
  return original === original.toUpperCase() && original !== original.toLowerCase() ? replacement.toUpperCase() : replacement;
}

/** `process.env.ALLOW_WRITE ?? "true"`, `config.allowWrite ?? true`: on when unset. */
function fallback(sourceCode: SourceCode, node: TSESTree.LogicalExpression): OnByDefaultFlag | null {
  if (node.operator !== "??" && node.operator !== "||") return null;
  const name = flagName(node.left);
  if (!name || !isDangerousFlagName(name)) return null;
  const constant = constantValue(sourceCode, node.right);
  if (!constant || !isOn(constant.value) || constantValue(sourceCode, node.left)) return null;
  return { kind: "fallback", node, name, value: sourceCode.getText(node.right), optIn: null };
}

/** `const { allowWrite = true } = config`, `function start({ allowExec = true } = {})`, `(unsafe = true) => ...`. */
function parameterDefault(sourceCode: SourceCode, node: TSESTree.AssignmentPattern): OnByDefaultFlag | null {
  const constant = constantValue(sourceCode, node.right);
  if (!constant || (constant.value !== true && (typeof constant.value !== "string" || !isOn(constant.value)))) return null;
  const parent = node.parent;
  const name =
    parent?.type === AST_NODE_TYPES.Property && parent.value === node ? staticKeyName(parent) : node.left.type === AST_NODE_TYPES.Identifier ? node.left.name : null;
  if (!name || !isDangerousFlagName(name)) return null;
  return { kind: "parameter", node: node.right, name, value: sourceCode.getText(node.right), optIn: null };
}

/**
 * CLI and schema defaults: commander `.option("--allow-write", "...", true)`, yargs `.option("allow-write", { default:
 * true })` and `.options({ ... })`, `util.parseArgs({ options: { ... } })`, `.default(true)` on a property of a schema
 * (`allowWrite: z.boolean().default(true)`) or on commander's `new Option("--allow-write")`.
 */
function optionDefaults(sourceCode: SourceCode, call: TSESTree.CallExpression): OnByDefaultFlag[] {
  const callee = skipWrappers(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
  const found: OnByDefaultFlag[] = [];
  const option = (name: string | null, value: TSESTree.Node | undefined) => {
    if (!name || !value || value.type === AST_NODE_TYPES.SpreadElement) return;
    const constant = constantValue(sourceCode, value);
    if (!constant || constant.value !== true || !isDangerousFlagName(name)) return;
    found.push({ kind: "option", node: value, name, value: sourceCode.getText(value), optIn: null });
  };
  const specs = (object: TSESTree.Node | undefined) => {
    const specsObject = object ? skipWrappers(object) : null;
    if (specsObject?.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const property of specsObject.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const spec = skipWrappers(property.value);
      if (spec.type === AST_NODE_TYPES.ObjectExpression) option(staticKeyName(property), defaultOf(spec));
    }
  };
  if (method !== null && CLI_OPTION_METHODS.has(method)) {
    const [first, second, third] = call.arguments;
    const flags = first ? constantValue(sourceCode, first)?.value : undefined;
    if (typeof flags === "string") {
      const name = cliFlagName(flags);
      const spec = second ? skipWrappers(second) : null;
      if (spec?.type === AST_NODE_TYPES.ObjectExpression) option(name, defaultOf(spec));
      else option(name, third);
    } else if (first) {
      specs(first);
    }
  } else if (method === "default" && call.arguments.length === 1) {
    const parent = call.parent;
    const property = parent?.type === AST_NODE_TYPES.Property && parent.value === call ? staticKeyName(parent) : null;
    option(property ?? commanderOptionName(sourceCode, callee), call.arguments[0]);
  } else if (isExport(resolveCallee(sourceCode, call), "util", "parseArgs")) {
    const config = call.arguments[0] ? skipWrappers(call.arguments[0]) : null;
    if (config?.type === AST_NODE_TYPES.ObjectExpression) {
      const options = config.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && staticKeyName(p) === "options");
      specs(options?.value);
    }
  }
  return found;
}

function defaultOf(spec: TSESTree.ObjectExpression): TSESTree.Node | undefined {
  for (const property of spec.properties) {
    if (property.type === AST_NODE_TYPES.Property && staticKeyName(property) === "default") return property.value;
  }
  return undefined;
}

/** The long name of commander flags (`"-w, --allow-write [bool]"` gives `allow-write`); none for a `--no-x` negation. */
function cliFlagName(flags: string): string | null {
  const long = /--([A-Za-z0-9][\w-]*)/.exec(flags)?.[1] ?? /^-?([A-Za-z][\w-]*)/.exec(flags.trim())?.[1] ?? null;
  // Commander's `--no-sandbox` defines `sandbox`, on by default: the protection, not its removal.
  if (long === null || (flags.includes("--no-") && long.startsWith("no-"))) return null;
  return long;
}

/** `new Option("--allow-write").default(true)`: the flags of the Option the chain starts from. */
function commanderOptionName(sourceCode: SourceCode, callee: TSESTree.Node): string | null {
  let node = skipWrappers(callee);
  while (node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression) {
    node = skipWrappers(node.type === AST_NODE_TYPES.MemberExpression ? node.object : node.callee);
  }
  if (node.type !== AST_NODE_TYPES.NewExpression || !node.arguments[0]) return null;
  const flags = constantValue(sourceCode, node.arguments[0])?.value;
  return typeof flags === "string" ? cliFlagName(flags) : null;
}
