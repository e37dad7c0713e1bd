import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { calleeName, findProperty, isFunctionNode, skipWrappers, staticKeyName, walk, type FunctionNode } from "../../analysis/ast.js";
import { functionReferenced } from "../../analysis/dataflow.js";
import { checkingStatementCall } from "../../analysis/guards.js";
import { importedModules, resolveCallee, type ResolvedValue } from "../../analysis/imports.js";
import { isLocalSpecifier } from "../../analysis/modules.js";
import { objectLiteralOf, variableOf, writesOf, type SourceCode } from "../../analysis/scope.js";
import { matchesAny } from "../../knowledge/flow.js";
import {
  PATH_CONSEQUENCES,
  PATH_METHOD_MODULES,
  PATH_METHOD_SINKS,
  PATH_SANITIZERS,
  PATH_SINKS,
  PATH_TEXT_HINT,
  type PathAccess,
  type PathSink,
} from "../../knowledge/path-sinks.js";
import { shortText } from "../../util/describe.js";
import { isBoundToValue, sinkCallee } from "./callee.js";
import { acceptsPathRegExp, containmentChecksIn, fixesFileName, PATH_FALSY_GUARDS, PATH_GUARDS, type UnsoundReason } from "./path-guards.js";
import type { SinkArgument, SinkFamily } from "./types.js";

/** File-system paths: `fs` and its kin, globs, archive extraction, Express `sendFile`, FastMCP `imageContent({ path })`. */
export const PATH_SINK_FAMILY: SinkFamily = {
  rule: "no-path-traversal",
  profile: {
    name: "path",
    sanitizers: PATH_SANITIZERS,
    guards: PATH_GUARDS,
    falsyGuards: PATH_FALSY_GUARDS,
    acceptsRegExp: acceptsPathRegExp,
    isClean: fixesFileName,
  },
  textHint: PATH_TEXT_HINT,
  argumentsToCheck(sourceCode, call) {
    if (call.type === AST_NODE_TYPES.ImportExpression || call.arguments.length === 0 || !mayBePathSink(sourceCode, call)) return [];
    const sink = matchesAny(pathCallee(sourceCode, call), PATH_SINKS) as PathSink | null;
    if (sink) return sinkArguments(sourceCode, call, sink.access, sink.paths ?? [], sink.options);
    return methodSinkArguments(sourceCode, call);
  },
  refine(sourceCode, argument) {
    const check = unsoundCheckBefore(sourceCode, argument.node);
    if (!check) return argument;
    return { node: argument.node, messageId: "unsoundCheck", data: { ...argument.data, check: shortText(sourceCode, check.node), reason: UNSOUND_REASONS[check.reason] } };
  },
  effects: {
    pathTraversal: "uses it as a file path",
    unsoundCheck: "uses it as a file path",
  },
};

const UNSOUND_REASONS: Readonly<Record<UnsoundReason, string>> = {
  prefix: "a prefix without a trailing separator also admits sibling directories (`/srv/data-evil` starts with `/srv/data`)",
  unresolved: "it checks the path before `..` segments are resolved (`root/../etc/passwd` starts with `root/`)",
  dotdot: "looking for `..` does not stop absolute paths (`/etc/passwd`) and misses encoded or resolved forms",
  other: "the check is made on another value than the path used here",
};

const SINK_NAMES = new Set([...PATH_SINKS.map((sink) => sink.path[sink.path.length - 1]).filter(Boolean), ...Object.keys(PATH_METHOD_SINKS)]);

/**
 * Whether the callee can be a path sink, from its name and declaration alone, before any resolution: a sink's own
 * name (`fs.readFile`, `readFileSync`), or a name bound by an import or a variable (`import fg from "fast-glob"`,
 * `const readAsync = promisify(fs.readFile)`). Calls of same-file functions and of methods with other names are
 * most calls of a file, and are skipped.
 */
function mayBePathSink(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) return SINK_NAMES.has(staticKeyName(callee) ?? "");
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  return SINK_NAMES.has(callee.name) || isBoundToValue(sourceCode, callee);
}

/**
 * The callee, resolved through project modules only when its name says it may touch files (`readFileAsync` from
 * `./utils/fs.js`): most files import `fs` somewhere, so following every project import would parse half the project.
 */
function pathCallee(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): ResolvedValue | null {
  const plain = resolveCallee(sourceCode, call);
  if (!plain || !isLocalSpecifier(plain.module) || !namesFileOperation(calleeName(call.callee) ?? "")) return plain;
  return sinkCallee(sourceCode, call, PATH_SINK_FAMILY);
}

/** `readFileAsync`, `write_json`, `rmrf`: a name with a word of a file operation in it. */
function namesFileOperation(name: string): boolean {
  const words = name
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_$\d]+/);
  return words.some((word) => FILE_OPERATION_WORDS.has(word) || FILE_OPERATION_WORDS.has(word.replace(/s$/, "")));
}

const FILE_OPERATION_WORDS = new Set([
  "read", "write", "file", "dir", "glob", "copy", "move", "remove", "unlink", "rm", "rmrf", "open", "stream", "extract",
  "append", "output", "ensure", "json", "mkdir", "mkdirp", "readdir", "unzip", "untar", "fs",
]);

function sinkArguments(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  access: PathAccess,
  paths: readonly number[],
  options: PathSink["options"],
): SinkArgument[][] {
  const data = dataFor(access);
  const groups: SinkArgument[][] = [];
  for (const index of paths) {
    const argument = call.arguments[index];
    if (argument && argument.type !== AST_NODE_TYPES.SpreadElement && !isFunctionNode(skipWrappers(argument))) {
      groups.push([{ node: argument, messageId: "pathTraversal", data }]);
    }
  }
  const object = options && call.arguments[options.index] ? objectLiteralOf(sourceCode, call.arguments[options.index]) : null;
  for (const name of options?.names ?? []) {
    const property = object ? findProperty(object, name) : null;
    if (property) groups.push([{ node: property.value, messageId: "pathTraversal", data }]);
  }
  return groups;
}

function dataFor(access: PathAccess): Record<string, string> {
  const consequence = PATH_CONSEQUENCES[access];
  return { verb: consequence.verb, gain: consequence.gain };
}

/** `res.sendFile(p)` without a `root` option in a file importing Express; adm-zip's `extractAllTo(target)`. */
function methodSinkArguments(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): SinkArgument[][] {
  const callee = skipWrappers(call.callee);
  if (call.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression) return [];
  const method = staticKeyName(callee);
  const sink = method !== null && Object.hasOwn(PATH_METHOD_SINKS, method) ? PATH_METHOD_SINKS[method] : null;
  if (!sink || !importsAny(sourceCode, PATH_METHOD_MODULES[method!] ?? [])) return [];
  if (sink.rootOption !== undefined && hasRootOption(sourceCode, call.arguments[sink.rootOption])) return [];
  return sinkArguments(sourceCode, call, sink.access, sink.paths, undefined);
}

function hasRootOption(sourceCode: SourceCode, argument: TSESTree.Node | undefined): boolean {
  if (!argument) return false;
  const object = objectLiteralOf(sourceCode, argument);
  // Options that are not a literal may hold a root: no report rather than a guess.
  return object === null || findProperty(object, "root") !== null;
}

const modulesMemo = new WeakMap<TSESTree.Program, Set<string>>();

function importsAny(sourceCode: SourceCode, modules: readonly string[]): boolean {
  let imported = modulesMemo.get(sourceCode.ast);
  if (!imported) {
    imported = importedModules(sourceCode.ast, sourceCode.text);
    modulesMemo.set(sourceCode.ast, imported);
  }
  return modules.some((module) => imported.has(module));
}

/**
 * The first containment-looking check that precedes the use of a path that still carries client input: in the
 * enclosing conditions and early exits, and in the same-file helpers the path came back from. Only asked about
 * values already found to reach the sink, to tell the user why their check did not count.
 */
function unsoundCheckBefore(sourceCode: SourceCode, node: TSESTree.Node): { node: TSESTree.Node; reason: UnsoundReason } | null {
  const seen = new Set<FunctionNode>();
  const tests = [...testsDominating(node), ...helperTests(sourceCode, node, seen)];
  // The helpers a condition calls (`if (!isAllowed(p)) throw`) and the variables it reads (`if (!isAllowed) throw`)
  // hold the check itself.
  for (const test of [...tests]) {
    walk(test, (inner) => {
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        const fn = functionReferenced(sourceCode, inner.callee);
        if (fn && !seen.has(fn)) tests.push(...functionTests(fn, seen));
      }
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(sourceCode, inner);
        if (variable && variable.defs.every((def) => def.type === "Variable")) tests.push(...writesOf(variable).map((write) => write.value));
      }
      return !isFunctionNode(inner) || inner === test;
    });
  }
  for (const test of tests) {
    const checks = containmentChecksIn(sourceCode, test);
    const unsound = checks.find((check) => check.reason !== "other") ?? checks[0];
    if (unsound) return unsound;
  }
  return null;
}

/** Conditions of enclosing `if`/`?:`/`&&` and of `if` statements before the node in enclosing blocks. */
function testsDominating(node: TSESTree.Node): TSESTree.Node[] {
  const tests: TSESTree.Node[] = [];
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && !isFunctionNode(child); child = parent, parent = parent.parent) {
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && child !== parent.test) tests.push(parent.test);
    if (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right) tests.push(parent.left);
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
      for (const statement of parent.body) {
        if (statement.range[0] >= child.range[0]) break;
        if (statement.type === AST_NODE_TYPES.IfStatement) tests.push(statement.test);
        const check = statement.type === AST_NODE_TYPES.ExpressionStatement ? checkingStatementCall(statement) : null;
        if (check) tests.push(check);
      }
    }
  }
  return tests;
}

/** The checks inside same-file helpers whose result the path is (`const valid = await validatePath(p)`). */
function helperTests(sourceCode: SourceCode, node: TSESTree.Node, seen: Set<FunctionNode>): TSESTree.Node[] {
  const tests: TSESTree.Node[] = [];
  const visit = (raw: TSESTree.Node, depth: number) => {
    const value = skipWrappers(raw);
    if (depth > 3) return;
    if (value.type === AST_NODE_TYPES.AwaitExpression) return visit(value.argument, depth);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(sourceCode, value);
      for (const write of variable ? writesOf(variable) : []) visit(write.value, depth + 1);
      return;
    }
    if (value.type !== AST_NODE_TYPES.CallExpression) return;
    const fn = functionReferenced(sourceCode, value.callee);
    if (fn && !seen.has(fn)) tests.push(...functionTests(fn, seen));
  };
  visit(node, 0);
  return tests;
}

/** The conditions and returned values of a function's own body. */
function functionTests(fn: FunctionNode, seen: Set<FunctionNode>): TSESTree.Node[] {
  seen.add(fn);
  const tests: TSESTree.Node[] = [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  walk(fn.body, (inner) => {
    if (isFunctionNode(inner)) return false;
    if (inner.type === AST_NODE_TYPES.IfStatement || inner.type === AST_NODE_TYPES.ConditionalExpression) tests.push(inner.test);
    if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) tests.push(inner.argument);
    return true;
  });
  return tests;
}
