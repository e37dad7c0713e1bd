import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { accessPathKey, skipWrappers, staticKeyName } from "../../analysis/ast.js";
import { valuesAtCallSites } from "../../analysis/call-sites.js";
import { constantString, constantValue } from "../../analysis/constants.js";
import { functionReferenced, returnExpressions } from "../../analysis/dataflow.js";
import { hasTopLevelAlternation } from "../../analysis/guards.js";
import { isExport, resolveCallee } from "../../analysis/imports.js";
import { variableOf, writesOf, type SourceCode } from "../../analysis/scope.js";
import { END_OF_OPTIONS, OPTION_PREFIX } from "../../knowledge/argv.js";
import { COMMAND_MODULE_HINT, COMMAND_SINKS, type CommandSink } from "../../knowledge/command-sinks.js";
import { matchesAny } from "../../knowledge/flow.js";
import { mayCall, sinkCallee } from "./callee.js";
import { COMMAND_CALLEE_NAMES } from "./command.js";
import { usesShell } from "./command.js";
import type { SinkArgument, SinkFamily } from "./types.js";

/**
 * A message id the rule never shows: a group starts with the program, so that a call whose program is tool input
 * (`no-command-injection`'s finding) reports nothing here.
 */
export const PROGRAM_SENTINEL = "programIsInput";

/**
 * Elements of the argument array of `execFile`/`spawn`/execa/cross-spawn run without a shell, before any `--`: tool
 * input there can start with `-` and be read as an option (`--server=https://attacker`, `--upload-pack=...`,
 * `-oProxyCommand=...`). Also a command line split on spaces into program and arguments (`cmd.split(" ")`).
 */
export const ARGV_SINK_FAMILY: SinkFamily = {
  rule: "no-argument-injection",
  profile: {
    name: "argv",
    // An absolute path starts with "/" (or a drive letter), never with "-".
    sanitizers: [
      { module: "path", path: ["resolve"] },
      { module: "path", path: ["posix", "resolve"] },
    ],
    guards: [noLeadingDashWhenTrue, isAbsolutePathTest],
    falsyGuards: [leadingDashTest],
    acceptsRegExp: (pattern) => firstCharacterExcludesDash(pattern),
  },
  textHint: COMMAND_MODULE_HINT,
  argumentsToCheck(sourceCode, call) {
    if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length === 0 || !mayCall(sourceCode, call, COMMAND_CALLEE_NAMES)) return [];
    const resolved = sinkCallee(sourceCode, call, ARGV_SINK_FAMILY);
    const sink = matchesAny(resolved, COMMAND_SINKS) as CommandSink | null;
    if (sink?.form !== "program" || usesShell(sourceCode, call)) return [];
    const [program, second] = call.arguments;
    const argv = second && second.type !== AST_NODE_TYPES.SpreadElement && skipWrappers(second).type !== AST_NODE_TYPES.ObjectExpression ? second : null;
    const groups: SinkArgument[][] = [];
    if (argv) {
      // One finding per array: a helper's call sites each build their own.
      for (const elements of argvElements(sourceCode, argv, 0)) {
        const candidates = optionPositions(sourceCode, elements);
        if (candidates.length > 0) {
          groups.push([{ node: program, messageId: PROGRAM_SENTINEL }, ...candidates.map((node) => ({ node, messageId: "optionInjection" }))]);
        }
      }
    }
    const split = splitSource(sourceCode, program) ?? (argv ? splitSource(sourceCode, argv) : null);
    if (split) groups.push([{ node: split, messageId: "splitCommand" }]);
    return groups;
  },
  effects: {
    [PROGRAM_SENTINEL]: "",
    optionInjection: "passes it as an argument that can be read as an option",
    splitCommand: "splits it into a program and its arguments",
  },
};

/** An element of an argument array, or a whole array spread into it (`...files`). */
interface Element {
  node: TSESTree.Node;
  /** The constant value of the element, when it has one. */
  constant: string | null;
}

const MAX_DEPTH = 4;

/** The elements of an argument array in order: a literal, a `const` one with the values pushed onto it later, a helper's result. */
function argvElements(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): Element[][] {
  const node = skipWrappers(raw);
  if (depth > MAX_DEPTH) return [];
  switch (node.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return [arrayElements(sourceCode, node, depth)];
    case AST_NODE_TYPES.ConditionalExpression:
      return [...argvElements(sourceCode, node.consequent, depth + 1), ...argvElements(sourceCode, node.alternate, depth + 1)];
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression: {
      const atCalls = valuesAtCallSites(sourceCode, node);
      if (atCalls) return atCalls.flatMap((value) => argvElements(sourceCode, value, depth + 1));
      if (node.type !== AST_NODE_TYPES.Identifier) return [];
      return variableElements(sourceCode, node, depth);
    }
    case AST_NODE_TYPES.CallExpression: {
      const fn = functionReferenced(sourceCode, node.callee);
      if (fn) return returnExpressions(fn).flatMap((value) => argvElements(sourceCode, value, depth + 1));
      const callee = skipWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === "concat") {
        const base = argvElements(sourceCode, callee.object, depth + 1);
        const added = node.arguments.map((argument) => elementOf(sourceCode, argument));
        return base.map((elements) => [...elements, ...added]);
      }
      return [];
    }
    default:
      return [];
  }
}

function arrayElements(sourceCode: SourceCode, array: TSESTree.ArrayExpression, depth: number): Element[] {
  const elements: Element[] = [];
  for (const element of array.elements) {
    if (!element) continue;
    if (element.type === AST_NODE_TYPES.SpreadElement) {
      const inner = argvElements(sourceCode, element.argument, depth + 1);
      // A spread of a known array is its elements; of anything else, a run of unknown values.
      if (inner.length === 1) elements.push(...inner[0]);
      else elements.push({ node: element.argument, constant: null });
      continue;
    }
    elements.push(elementOf(sourceCode, element));
  }
  return elements;
}

function elementOf(sourceCode: SourceCode, node: TSESTree.Node): Element {
  const inner = node.type === AST_NODE_TYPES.SpreadElement ? node.argument : node;
  return { node: inner, constant: constantString(sourceCode, inner) };
}

/** `const args = ["get", kind]; if (name) args.push(name); args.unshift(...)`: the literal and what is added to it. */
function variableElements(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): Element[][] {
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.defs.some((def) => def.type === "Parameter")) return [];
  const writes = writesOf(variable);
  if (writes.length === 0 || writes.some((write) => write.path?.length !== 0 || write.iterated || write.compound)) return [];
  const bases = writes.flatMap((write) => argvElements(sourceCode, write.value, depth + 1));
  if (bases.length === 0) return [];
  const front: Element[] = [];
  const back: Element[] = [];
  for (const reference of variable.references) {
    const ref = reference.identifier as TSESTree.Node;
    const member = ref.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== ref) continue;
    const call = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    const method = staticKeyName(member);
    if (method === "push") back.push(...call.arguments.map((argument) => elementOf(sourceCode, argument)));
    else if (method === "unshift") front.push(...call.arguments.map((argument) => elementOf(sourceCode, argument)));
    // Inserted somewhere: counted before every `--`.
    else if (method === "splice") front.push(...call.arguments.slice(2).map((argument) => elementOf(sourceCode, argument)));
  }
  return bases.map((elements) => [...front, ...elements, ...back]);
}

/**
 * The values that may start an argument before the first `--` of an array: tool input there can be an option. An element with a fixed start (`--ref=${ref}`, `` `tcp:${port}` ``, an absolute `path.resolve(...)`) is not.
 */
function optionPositions(sourceCode: SourceCode, elements: Element[]): TSESTree.Node[] {
  const result: TSESTree.Node[] = [];
  for (const element of elements) {
    if (element.constant !== null) {
      if (END_OF_OPTIONS.has(element.constant)) break;
      continue;
    }
    const leading = leadingValue(sourceCode, element.node, 0);
    if (leading && !result.includes(leading)) result.push(leading);
  }
  return result;
}

/**
 * The expression whose value starts the string `node` makes, or null when it starts with fixed text (`--ref=${ref}`,
 * `` `tcp:${port}` ``) or is an absolute path (`path.resolve(root, name)`).
 */
function leadingValue(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): TSESTree.Node | null {
  const node = skipWrappers(raw);
  if (depth > MAX_DEPTH) return raw;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    if ((node.quasis[0].value.cooked ?? "") !== "" || node.expressions.length === 0) return null;
    return leadingValue(sourceCode, node.expressions[0], depth + 1);
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === "+") {
    const left = constantString(sourceCode, node.left);
    if (left !== null) return left !== "" ? null : leadingValue(sourceCode, node.right, depth + 1);
    return leadingValue(sourceCode, node.left, depth + 1);
  }
  if (isAbsolutePathCall(sourceCode, node)) return null;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    const writes = variable && !variable.defs.some((def) => def.type === "Parameter") ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0 && !writes[0].iterated && !writes[0].compound) {
      const value = skipWrappers(writes[0].value);
      const built = value.type === AST_NODE_TYPES.TemplateLiteral || value.type === AST_NODE_TYPES.BinaryExpression || isAbsolutePathCall(sourceCode, value);
      if (built) return leadingValue(sourceCode, value, depth + 1);
    }
  }
  return raw;
}

/**
 * Where a command line split on spaces feeds the call (`const [cmd, ...args] = command.split(" ")`,
 * `parts.slice(1)` of `const parts = line.split(/\s+/)`): the string that is split.
 */
function splitSource(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): TSESTree.Node | null {
  const node = skipWrappers(raw);
  if (depth > MAX_DEPTH) return null;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = staticKeyName(callee);
    if (method === "split" && node.arguments.length > 0 && splitsOnSpace(sourceCode, node.arguments[0])) return callee.object;
    if (method === "slice" || method === "filter" || method === "map") return splitSource(sourceCode, callee.object, depth + 1);
    return null;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && node.computed) return splitSource(sourceCode, node.object, depth + 1);
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, node);
  const writes = variable ? writesOf(variable) : [];
  if (writes.length !== 1 || writes[0].iterated) return null;
  // `const [cmd, ...args] = line.split(" ")` has an unknown path (array destructuring); `const parts = ...` an empty one.
  const fromArrayPattern = writes[0].path === null && isArrayPatternWrite(writes[0].site);
  if (writes[0].path?.length !== 0 && !fromArrayPattern) return null;
  return splitSource(sourceCode, writes[0].value, depth + 1);
}

function isArrayPatternWrite(site: TSESTree.Node): boolean {
  return site.type === AST_NODE_TYPES.VariableDeclarator ? site.id.type === AST_NODE_TYPES.ArrayPattern : site.type === AST_NODE_TYPES.AssignmentExpression && site.left.type === AST_NODE_TYPES.ArrayPattern;
}

function splitsOnSpace(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Literal && "regex" in node && node.regex) return /\\s|^ |\[ /.test(node.regex.pattern);
  const text = constantString(sourceCode, node);
  return text !== null && /^\s+$/.test(text);
}

// ---------------------------------------------------------------------------------------------------------------
// Guards against a leading dash
// ---------------------------------------------------------------------------------------------------------------

function subjectIs(raw: TSESTree.Node, key: string): boolean {
  return accessPathKey(raw) === key;
}

/** `x[0]`, `x.charAt(0)`, `x.at(0)`, `x.slice(0, 1)`, `x.substring(0, 1)` of the value at `key`. */
function isFirstCharacter(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.MemberExpression && node.computed) {
    return subjectIs(node.object, key) && constantValue(sourceCode, node.property)?.value === 0;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !subjectIs(callee.object, key)) return false;
  const method = staticKeyName(callee);
  const args = node.arguments.map((argument) => constantValue(sourceCode, argument)?.value);
  if (method === "charAt" || method === "at") return args.length === 1 && args[0] === 0;
  return (method === "slice" || method === "substring" || method === "substr") && args[0] === 0 && args[1] === 1;
}

function isDash(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return constantString(sourceCode, node) === OPTION_PREFIX;
}

function regExpPattern(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): string | null {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Literal && "regex" in node && node.regex) return node.regex.flags.includes("m") ? null : node.regex.pattern;
  if ((node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) && node.arguments.length > 0) {
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== "RegExp") return null;
    const flags = node.arguments.length > 1 ? constantString(sourceCode, node.arguments[1]) : "";
    return flags === null || flags.includes("m") ? null : constantString(sourceCode, node.arguments[0]);
  }
  if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0) return regExpPattern(sourceCode, writes[0].value, depth + 1);
  }
  return null;
}

/** `RE.test(x)` or `x.match(RE)` / `x.search(RE) === 0`-free forms: the pattern tested against the value at `key`. */
function testedPattern(sourceCode: SourceCode, test: TSESTree.Node, key: string): string | null {
  if (test.type !== AST_NODE_TYPES.CallExpression || test.arguments.length === 0) return null;
  const callee = skipWrappers(test.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = staticKeyName(callee);
  if (method === "test" && subjectIs(test.arguments[0], key)) return regExpPattern(sourceCode, callee.object);
  if (method === "match" && subjectIs(callee.object, key)) return regExpPattern(sourceCode, test.arguments[0]);
  return null;
}

/**
 * True when `test` is true only if the value starts with `-`: `x.startsWith("-")`, `/^-/.test(x)`, `x[0] === "-"`,
 * `x.charAt(0) == "-"`. Used when the test is falsy (`if (x.startsWith("-")) throw ...`).
 */
function leadingDashTest(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  if (test.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipWrappers(test.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === "startsWith" && subjectIs(callee.object, key)) {
      return test.arguments.length === 1 && isDash(sourceCode, test.arguments[0]);
    }
    const pattern = testedPattern(sourceCode, test, key);
    return pattern !== null && /^\^(?:-|\\-|\[-\]|\[\\-\])$/.test(pattern.replace(/[+*]$/, ""));
  }
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === "===" || test.operator === "==")) {
    return (isFirstCharacter(sourceCode, test.left, key) && isDash(sourceCode, test.right)) || (isFirstCharacter(sourceCode, test.right, key) && isDash(sourceCode, test.left));
  }
  return false;
}

/**
 * True when `test` is true only if the value does not start with `-`: `!x.startsWith("-")`, `x[0] !== "-"`, and a
 * regular expression anchored at the start whose first character cannot be `-` (`/^[a-z0-9]/.test(x)`, `/^(?!-)/`).
 */
/** `path.isAbsolute(x)`: an absolute path cannot start with `-`. */
function isAbsolutePathTest(_sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  return (
    test.type === AST_NODE_TYPES.CallExpression &&
    test.callee.type === AST_NODE_TYPES.MemberExpression &&
    staticKeyName(test.callee) === "isAbsolute" &&
    test.arguments.length > 0 &&
    accessPathKey(test.arguments[0]) === key
  );
}

function noLeadingDashWhenTrue(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === "!") return leadingDashTest(sourceCode, test.argument, key);
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === "!==" || test.operator === "!=")) {
    return (isFirstCharacter(sourceCode, test.left, key) && isDash(sourceCode, test.right)) || (isFirstCharacter(sourceCode, test.right, key) && isDash(sourceCode, test.left));
  }
  const pattern = testedPattern(sourceCode, test, key);
  return pattern !== null && firstCharacterExcludesDash(pattern);
}

/**
 * Whether a pattern anchored at the start cannot match a leading `-`: `^[a-z0-9]`, `^\w`, `^(?!-)`, `^v\d`. A first
 * class that admits `-` (`^[\w.-]+$`), `.`, `\S`, `\W`, an optional first item, or an alternation is not enough.
 */
export function firstCharacterExcludesDash(pattern: string): boolean {
  if (!pattern.startsWith("^")) return false;
  const rest = pattern.slice(1);
  if (/^\(\?!(?:-|\\-|\[-\]|\[\\-\])\)/.test(rest)) return !hasTopLevelAlternation(pattern);
  if (hasTopLevelAlternation(pattern)) return false;
  let atom: string;
  let after: string;
  if (rest.startsWith("[")) {
    const end = classEnd(rest);
    if (end < 0) return false;
    atom = rest.slice(0, end + 1);
    after = rest.slice(end + 1);
  } else if (rest.startsWith("\\")) {
    atom = rest.slice(0, 2);
    after = rest.slice(2);
  } else {
    atom = rest.slice(0, 1);
    after = rest.slice(1);
  }
  // `^[a-z]?` or `^\w*` may match nothing, and the next item could be a dash.
  if (/^(?:[?*]|\{0)/.test(after)) return false;
  return !atomMatchesDash(atom);
}

function atomMatchesDash(atom: string): boolean {
  if (atom === "" || atom === "-" || atom === "." || atom === "(" || atom === "|") return true;
  if (atom.startsWith("\\")) return /^\\[SWDpPbB-]$/.test(atom) || atom === "\\";
  if (!atom.startsWith("[")) return false;
  const negated = atom[1] === "^";
  const body = atom.slice(negated ? 2 : 1, -1);
  const includes = classIncludesDash(body);
  return negated ? !includes : includes;
}

function classIncludesDash(body: string): boolean {
  if (body.startsWith("-") || body.endsWith("-")) return true;
  const chars: Array<{ char: string; escape: boolean }> = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "\\") {
      chars.push({ char: body[i + 1] ?? "", escape: true });
      i++;
    } else {
      chars.push({ char: body[i], escape: false });
    }
  }
  for (let i = 0; i < chars.length; i++) {
    const { char, escape } = chars[i];
    if (escape && (char === "-" || char === "W" || char === "S" || char === "D" || char === "x" || char === "u" || char === "p" || char === "P")) return true;
    // A range `a-b` that covers `-` (0x2d): `!-/`, `\x20-\x7e`, ` -~`.
    if (!escape && char === "-" && i > 0 && i < chars.length - 1 && !chars[i - 1].escape && !chars[i + 1].escape) {
      const low = chars[i - 1].char.charCodeAt(0);
      const high = chars[i + 1].char.charCodeAt(0);
      if (low <= 0x2d && 0x2d <= high) return true;
    }
  }
  return false;
}

function classEnd(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "]" && i > 1 + (text[1] === "^" ? 1 : 0)) return i;
  }
  return -1;
}

/** `path.resolve(...)` returns an absolute path: it cannot start with `-`. */
function isAbsolutePathCall(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const resolved = resolveCallee(sourceCode, inner);
  return isExport(resolved, "path", "resolve") || isExport(resolved, "path", "posix", "resolve");
}

