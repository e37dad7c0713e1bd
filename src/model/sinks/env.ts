import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { accessPathKey, isFunctionNode, skipWrappers, staticKeyName } from "../../analysis/ast.js";
import { valuesAtCallSites } from "../../analysis/call-sites.js";
import { constantString } from "../../analysis/constants.js";
import { GLOBAL_MODULE, isExport, resolveCallee } from "../../analysis/imports.js";
import { isGlobalReference, variableOf, writesOf, type SourceCode } from "../../analysis/scope.js";
import { COMMAND_MODULE_HINT, COMMAND_SINKS, type CommandSink } from "../../knowledge/command-sinks.js";
import { DANGEROUS_ENV_PREFIX, DANGEROUS_ENV_VARIABLES, ENV_EXTRA_TEXT_HINT, EXTRA_ENV_SINKS, type EnvSink } from "../../knowledge/env-sinks.js";
import { matchesAny } from "../../knowledge/flow.js";
import { calleeNamesOf, mayCall, sinkCallee } from "./callee.js";
import type { SinkArgument, SinkFamily } from "./types.js";

/** Whose environment a value sets: a child process's, or this server's own `process.env`. */
type Target = "child" | "self";

const MESSAGES: Record<Target, { whole: string; key: string; variable: string }> = {
  child: { whole: "envObject", key: "envKey", variable: "envVariable" },
  self: { whole: "processEnv", key: "processEnv", variable: "processEnvVariable" },
};

/**
 * The environment of processes the server starts (`env` of `spawn`/`exec*`/`execFile*`/`fork`/execa/cross-spawn and of
 * the SDK's `StdioClientTransport`), and the server's own `process.env` through `Object.assign(process.env, ...)`.
 * Reported: tool input spread into or standing for the whole environment, choosing a variable's name, or the value of a
 * variable that changes what code a program runs (`NODE_OPTIONS`, `LD_PRELOAD`, `PATH`). Not reported: a tool-input
 * value under another fixed name (`{ ...process.env, TOKEN: args.token }`).
 */
export const ENV_SINK_FAMILY: SinkFamily = {
  rule: "no-env-injection",
  profile: { name: "env", sanitizers: [] },
  textHint: new RegExp(`${COMMAND_MODULE_HINT.source}|${ENV_EXTRA_TEXT_HINT.source}`),
  argumentsToCheck(sourceCode, call) {
    if (call.type === AST_NODE_TYPES.ImportExpression || call.arguments.length === 0 || !mayCall(sourceCode, call, ENV_CALLEE_NAMES)) return [];
    const resolved = sinkCallee(sourceCode, call, ENV_SINK_FAMILY);
    if (!resolved) return [];
    let pieces: SinkArgument[] = [];
    if (isExport(resolved, GLOBAL_MODULE, "Object", "assign") && isProcessEnv(sourceCode, call.arguments[0])) {
      pieces = call.arguments.slice(1).flatMap((source) => envPieces(sourceCode, source, "self", 0));
    } else {
      const options = optionsArguments(call, resolved);
      pieces = options.flatMap((node) => envValues(sourceCode, node, 0)).flatMap((env) => envPieces(sourceCode, env, "child", 0));
    }
    return pieces.length > 0 ? [pieces] : [];
  },
  assignments: {
    mayWrite: (assignment) => mayWriteProcessEnv(assignment),
    argumentsOf: (sourceCode, assignment) => processEnvWrite(sourceCode, assignment),
    label: () => "process.env",
  },
  effects: {
    envObject: "sets the environment of a process it starts",
    envKey: "names an environment variable of a process it starts",
    envVariable: "sets a variable that changes what a started program runs",
    processEnv: "writes the server's own process.env",
    processEnvVariable: "writes a variable of the server's own process.env that changes what programs run",
  },
};

const ENV_CALLEE_NAMES = calleeNamesOf([...COMMAND_SINKS, ...EXTRA_ENV_SINKS, { module: GLOBAL_MODULE, path: ["Object", "assign"] }]);

/** The arguments of a process-starting call that may hold its options. */
function optionsArguments(call: TSESTree.CallExpression | TSESTree.NewExpression, resolved: Parameters<typeof matchesAny>[0]): TSESTree.Node[] {
  const extra = matchesAny(resolved, EXTRA_ENV_SINKS) as EnvSink | null;
  if (extra?.options === "first") return [call.arguments[0]];
  if (!extra && !(matchesAny(resolved, COMMAND_SINKS) as CommandSink | null)) return [];
  if (call.type !== AST_NODE_TYPES.CallExpression) return [];
  return call.arguments.slice(1).filter((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && !isFunctionNode(skipWrappers(argument)));
}

/** `process.env` (the global `process`). */
function isProcessEnv(sourceCode: SourceCode, raw: TSESTree.Node | undefined): boolean {
  if (!raw) return false;
  const node = skipWrappers(raw);
  if (node.type !== AST_NODE_TYPES.MemberExpression || staticKeyName(node) !== "env") return false;
  const object = skipWrappers(node.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === "process" && isGlobalReference(sourceCode, object);
}

const MAX_DEPTH = 5;

/** The `env` values an options argument may carry: `{ cwd, env }`, `{ ...base, env }`, a `const` or a helper's parameter. */
function envValues(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): TSESTree.Node[] {
  const node = skipWrappers(raw);
  if (depth > MAX_DEPTH) return [];
  switch (node.type) {
    case AST_NODE_TYPES.ObjectExpression: {
      const values: TSESTree.Node[] = [];
      // Later properties win: an `env` after every spread is the only one; spreads after it may replace it.
      for (let i = node.properties.length - 1; i >= 0; i--) {
        const property = node.properties[i];
        if (property.type === AST_NODE_TYPES.SpreadElement) values.push(...envValues(sourceCode, property.argument, depth + 1));
        else if (staticKeyName(property) === "env") {
          values.push(property.value);
          break;
        }
      }
      return values;
    }
    case AST_NODE_TYPES.ConditionalExpression:
      return [...envValues(sourceCode, node.consequent, depth + 1), ...envValues(sourceCode, node.alternate, depth + 1)];
    case AST_NODE_TYPES.LogicalExpression:
      return [...envValues(sourceCode, node.left, depth + 1), ...envValues(sourceCode, node.right, depth + 1)];
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression: {
      const atCalls = valuesAtCallSites(sourceCode, node);
      if (atCalls) return atCalls.flatMap((value) => envValues(sourceCode, value, depth + 1));
      const written = singleWrite(sourceCode, node);
      return written ? envValues(sourceCode, written, depth + 1) : [];
    }
    default:
      return [];
  }
}

/** The one value a non-parameter variable is given (`const opts = {...}`), if that is all it is given. */
function singleWrite(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.Node | null {
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, node);
  if (!variable || variable.defs.some((def) => def.type === "Parameter")) return null;
  const writes = writesOf(variable);
  return writes.length === 1 && writes[0].path?.length === 0 && !writes[0].iterated && !writes[0].compound ? writes[0].value : null;
}

/**
 * The parts of an environment object that must not carry tool input: spread objects and whole objects, computed
 * names, and the values of code-loading variables. Followed through `const`s, `Object.assign`, conditionals, the
 * properties assigned to an object after it is made (`env[name] = value`) and helpers' parameters.
 */
export function envPieces(sourceCode: SourceCode, raw: TSESTree.Node, target: Target, depth: number): SinkArgument[] {
  const node = skipWrappers(raw);
  const messages = MESSAGES[target];
  const whole = (): SinkArgument[] => [{ node: raw, messageId: messages.whole }];
  if (depth > MAX_DEPTH) return whole();
  switch (node.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.flatMap((property) => {
        if (property.type === AST_NODE_TYPES.SpreadElement) return envPieces(sourceCode, property.argument, target, depth + 1);
        return propertyPieces(sourceCode, property.computed ? property.key : null, staticKeyName(property), property.value, target);
      });
    case AST_NODE_TYPES.ConditionalExpression:
      return [...envPieces(sourceCode, node.consequent, target, depth + 1), ...envPieces(sourceCode, node.alternate, target, depth + 1)];
    case AST_NODE_TYPES.LogicalExpression:
      return [...envPieces(sourceCode, node.left, target, depth + 1), ...envPieces(sourceCode, node.right, target, depth + 1)];
    case AST_NODE_TYPES.CallExpression: {
      const resolved = resolveCallee(sourceCode, node);
      if (isExport(resolved, GLOBAL_MODULE, "Object", "assign") || isExport(resolved, GLOBAL_MODULE, "structuredClone")) {
        return node.arguments.flatMap((argument) => envPieces(sourceCode, argument, target, depth + 1));
      }
      return whole();
    }
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression: {
      if (isProcessEnv(sourceCode, node)) return [];
      const atCalls = valuesAtCallSites(sourceCode, node);
      if (atCalls) return atCalls.flatMap((value) => envPieces(sourceCode, value, target, depth + 1));
      const written = singleWrite(sourceCode, node);
      if (!written) return whole();
      return [...envPieces(sourceCode, written, target, depth + 1), ...laterWrites(sourceCode, node as TSESTree.Identifier, target, depth)];
    }
    default:
      return whole();
  }
}

/** `env[name] = value`, `env.NODE_OPTIONS = value` and `Object.assign(env, extra)` after `const env = {...}`. */
function laterWrites(sourceCode: SourceCode, identifier: TSESTree.Identifier, target: Target, depth: number): SinkArgument[] {
  const variable = variableOf(sourceCode, identifier);
  if (!variable) return [];
  const pieces: SinkArgument[] = [];
  for (const reference of variable.references) {
    const ref = reference.identifier as TSESTree.Node;
    const parent = ref.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === ref) {
      const assignment = parent.parent;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === parent) {
        pieces.push(...propertyPieces(sourceCode, parent.computed ? parent.property : null, staticKeyName(parent), assignment.right, target));
      }
    } else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === ref && isExport(resolveCallee(sourceCode, parent), GLOBAL_MODULE, "Object", "assign")) {
      pieces.push(...parent.arguments.slice(1).flatMap((argument) => envPieces(sourceCode, argument, target, depth + 1)));
    }
  }
  return pieces;
}

/** One variable of an environment: a computed name (unless it has a fixed prefix), or a code-loading variable's value. */
function propertyPieces(sourceCode: SourceCode, computedKey: TSESTree.Node | null, name: string | null, value: TSESTree.Node, target: Target): SinkArgument[] {
  const messages = MESSAGES[target];
  if (name === null) {
    if (!computedKey || hasFixedPrefix(sourceCode, computedKey)) return [];
    return [{ node: computedKey, messageId: messages.key }];
  }
  if (isDangerousVariable(name)) return [{ node: value, messageId: messages.variable, data: { name } }];
  return [];
}

export function isDangerousVariable(name: string): boolean {
  return DANGEROUS_ENV_VARIABLES.has(name.toUpperCase()) || DANGEROUS_ENV_PREFIX.test(name);
}

/** `` `SIMCTL_CHILD_${key}` ``, `"APP_" + key`: a name the client can only complete, not choose. */
function hasFixedPrefix(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return /\w/.test(node.quasis[0].value.cooked ?? "");
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === "+") {
    let left: TSESTree.Node = node;
    while (left.type === AST_NODE_TYPES.BinaryExpression && left.operator === "+") left = skipWrappers(left.left);
    return /^\w/.test(constantString(sourceCode, left) ?? "");
  }
  return false;
}

/**
 * Writes to the server's own environment that are not calls: `process.env[name] = value`,
 * `process.env.NODE_OPTIONS = value`, `process.env = {...}`. The rule checks them itself (sink families are calls).
 */
export function processEnvWrite(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): SinkArgument[] {
  if (assignment.operator !== "=" && assignment.operator !== "+=") return [];
  const left = skipWrappers(assignment.left);
  if (left.type !== AST_NODE_TYPES.MemberExpression) return [];
  if (isProcessEnv(sourceCode, left)) return envPieces(sourceCode, assignment.right, "self", 0);
  if (!isProcessEnv(sourceCode, left.object)) return [];
  return propertyPieces(sourceCode, left.computed ? left.property : null, staticKeyName(left), assignment.right, "self");
}

/** A cheap test before `processEnvWrite`: the assignment's target is `process.env` or below it. */
export function mayWriteProcessEnv(assignment: TSESTree.AssignmentExpression): boolean {
  const left = skipWrappers(assignment.left);
  if (left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const objectKey = accessPathKey(left.object);
  return objectKey === "process" || objectKey === "process.env";
}
