import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { accessPathKey, calleeName, findProperty, isFunctionNode, skipWrappers, staticKeyName, walk, type FunctionNode } from "../../analysis/ast.js";
import { valuesAtCallSites, type CallsReaching } from "../../analysis/call-sites.js";
import { classMember, functionReferenced } from "../../analysis/dataflow.js";
import { enclosingClassBody } from "../../analysis/classes.js";
import { constantValue } from "../../analysis/constants.js";
import { calleeRootName, importedModules, isExport, normalizeModule, projectImportNames, resolveCallee, resolveValue } from "../../analysis/imports.js";
import { filenameOf, isLocalSpecifier, loadModule, resolveLocalModule } from "../../analysis/modules.js";
import { callsWithin, getNodeIndex } from "../../analysis/node-index.js";
import { producerOf } from "../../analysis/producers.js";
import { variableOf, writesOf, type SourceCode } from "../../analysis/scope.js";
import { matchesAny } from "../../knowledge/flow.js";
import {
  ADDRESS_WORDS,
  BASE_URL_OPTIONS,
  FRAMEWORK_FETCH_HELPERS,
  HTTP_CLIENTS,
  ORIGIN_OPTIONS,
  PRIVATE_DESTINATION_NAME,
  REQUEST_SINKS,
  SAFE_DESTINATION_WORDS,
  SSRF_TEXT_HINT,
  URL_BUILDERS,
  URL_LIKE_FIELD,
  URL_OPTIONS,
  URL_ORIGIN_PROPERTIES,
  type HttpClient,
  type RequestSink,
  type UrlArgument,
} from "../../knowledge/ssrf-sinks.js";
import { shortText } from "../../util/describe.js";
import { findExportedFunction } from "../cross-file.js";
import type { SinkProfile } from "../taint-profile.js";
import { sinkCallee } from "./callee.js";
import { SSRF_FALSY_GUARDS, SSRF_GUARDS, acceptsUrlRegExp, isDestinationValidatorName, isHostOf, nameWords, parsesKey } from "./ssrf-guards.js";
import type { SinkArgument, SinkCall, SinkFamily } from "./types.js";
import { carriesNoInput, originHoles, urlTexts, type Hole } from "./url-origin.js";

/** What makes a destination safe: a fixed origin, or a host checked against the server's own values. */
export const SSRF_PROFILE: SinkProfile = {
  name: "ssrf",
  sanitizers: [],
  guards: SSRF_GUARDS,
  falsyGuards: SSRF_FALSY_GUARDS,
  acceptsRegExp: acceptsUrlRegExp,
  validatorName: isDestinationValidatorName,
  argumentParts: passedUrlParts,
};

/**
 * Outbound requests: the URL (or base URL, host, port, scheme) given to `fetch`, undici, axios, got, ky, node-fetch,
 * superagent, needle, `http(s).request/get`, WebSocket and EventSource, FastMCP's `imageContent`/`audioContent`,
 * mcp-framework's `this.fetch` and the MCP SDK's client transports. Only the parts of the URL that come before its
 * origin is settled are checked: `` `${API}/repos/${owner}` `` with a constant `API` is a fixed origin.
 */
export const SSRF_SINK_FAMILY: SinkFamily = {
  rule: "no-ssrf",
  profile: SSRF_PROFILE,
  textHint: SSRF_TEXT_HINT,
  argumentsToCheck(sourceCode, call, callsReaching) {
    if (call.type === AST_NODE_TYPES.ImportExpression || call.arguments.length === 0) return [];
    const request = requestOf(sourceCode, call);
    if (!request) return [];
    const groups: SinkArgument[][] = [];
    for (const position of request.args) {
      const argument = call.arguments[position.index];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || isFunctionNode(skipWrappers(argument))) continue;
      const holes = destinationHoles(sourceCode, argument, position.kind, request.prefixed, callsReaching).filter(
        ({ hole }) => !hole.fixed && !isAsserted(sourceCode, hole.node),
      );
      const args = sinkArguments(holes).filter((candidate) => candidate.parts === undefined || !isAsserted(sourceCode, candidate.node));
      if (args.length > 0) groups.push(withRawChecks(sourceCode, call, args));
    }
    return groups;
  },
  assignments: {
    mayWrite: (assignment) => mayWriteUrlOrigin(assignment),
    argumentsOf: (sourceCode, assignment) => urlPropertyWrite(sourceCode, assignment),
    label: (sourceCode, assignment) => shortText(sourceCode, assignment.left),
  },
  effects: {
    clientUrl: "uses it as the URL of an outbound request",
    clientHost: "puts it in the scheme, host or port of an outbound request",
    rawUrlCheck: "uses it as the URL of an outbound request after a check that does not pin the host",
  },
};

interface Request {
  args: readonly UrlArgument[];
  /** The request goes through an instance whose base URL every request URL is appended to (got/ky `prefixUrl`). */
  prefixed: boolean;
}

/** Every name a request function or method is called by, beside local names of imports: a cheap first test. */
const CANDIDATE_NAMES: ReadonlySet<string> = new Set([
  ...REQUEST_SINKS.map((sink) => sink.path[sink.path.length - 1]).filter((name): name is string => name !== undefined),
  ...HTTP_CLIENTS.flatMap((client) => [...Object.keys(client.methods), ...client.factories, ...client.clientExports]),
  ...FRAMEWORK_FETCH_HELPERS.map((helper) => helper.method),
]);

const CLIENT_MODULES: ReadonlySet<string> = new Set(HTTP_CLIENTS.flatMap((client) => client.modules));
const REQUEST_MODULES: ReadonlySet<string> = new Set([...CLIENT_MODULES, ...REQUEST_SINKS.map((sink) => sink.module)]);

function requestOf(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): Request | null {
  const name = calleeName(call.callee);
  if (name === null) return null;
  const callee = skipWrappers(call.callee);
  const imports = requestImports(sourceCode);
  const importedName = callee.type === AST_NODE_TYPES.Identifier && imports.names.has(name);
  if (!CANDIDATE_NAMES.has(name) && !importedName && !(callee.type === AST_NODE_TYPES.Identifier && imports.clients)) return null;
  if (CANDIDATE_NAMES.has(name) || importedName) {
    const resolved = sinkCallee(sourceCode, call, SSRF_SINK_FAMILY);
    const sink = matchesAny(resolved, REQUEST_SINKS) as RequestSink | null;
    if (sink) return { args: sink.args, prefixed: false };
    for (const client of HTTP_CLIENTS) {
      if (!resolved || !client.modules.includes(resolved.module)) continue;
      const path = clientPath(client, resolved.path);
      if (path.length === 0 && client.call) return { args: client.call, prefixed: false };
      if (path.length === 1) {
        const args = clientMethodArgs(client, path[0]);
        if (args) return { args, prefixed: false };
      }
    }
    if (resolved && !isLocalSpecifier(resolved.module)) return null;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (skipWrappers(callee.object).type === AST_NODE_TYPES.ThisExpression) return frameworkHelper(sourceCode, callee, name);
    const instance = instanceOf(sourceCode, callee.object);
    const args = instance ? clientMethodArgs(instance.client, name) : null;
    return args && instance ? { args, prefixed: instance.prefixed && !instance.client.factories.includes(name) } : null;
  }
  const instance = callee.type === AST_NODE_TYPES.Identifier && imports.clients ? instanceOf(sourceCode, callee) : null;
  return instance?.client.call ? { args: instance.client.call, prefixed: instance.prefixed } : null;
}

/** The path below the client itself: `[]` for `axios`, `ofetch` of "ofetch" and `gotScraping`; `["get"]` for `axios.get`. */
function clientPath(client: HttpClient, raw: readonly string[]): readonly string[] {
  const path = raw[0] === "default" ? raw.slice(1) : raw;
  return path.length > 0 && client.clientExports.includes(path[0]) ? path.slice(1) : path;
}

function clientMethodArgs(client: HttpClient, method: string): readonly UrlArgument[] | null {
  if (client.factories.includes(method)) return [{ kind: "options", index: 0 }];
  return client.methods[method] ?? null;
}

/** `this.fetch(url)` in a class extending mcp-framework's `MCPTool` that does not define its own `fetch`. */
function frameworkHelper(sourceCode: SourceCode, callee: TSESTree.MemberExpression, name: string): Request | null {
  const helper = FRAMEWORK_FETCH_HELPERS.find((candidate) => candidate.method === name);
  const body = helper ? enclosingClassBody(callee) : null;
  const declaration = body?.parent;
  if (!helper || !body || !declaration || !("superClass" in declaration) || !declaration.superClass) return null;
  if (classMember(body, name, false)) return null;
  const base = resolveValue(sourceCode, declaration.superClass);
  return isExport(base, helper.base.module, ...helper.base.path) ? { args: helper.args, prefixed: false } : null;
}

interface RequestImports {
  /** Local names bound to imports of request modules (`import fetch from "node-fetch"`, `const got = require("got")`). */
  names: Set<string>;
  /** The file imports a library with instances (axios, got, ky, ofetch). */
  clients: boolean;
  /** Local names bound to imports of project modules (which may export an instance). */
  project: ReadonlySet<string>;
}

const importsMemo = new WeakMap<TSESTree.Program, RequestImports>();

function requestImports(sourceCode: SourceCode): RequestImports {
  const program = sourceCode.ast;
  let result = importsMemo.get(program);
  if (result) return result;
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && REQUEST_MODULES.has(normalizeModule(statement.source.value))) {
      for (const specifier of statement.specifiers) names.add(specifier.local.name);
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init ? skipWrappers(declarator.init) : null;
        if (init?.type !== AST_NODE_TYPES.CallExpression || calleeName(init.callee) !== "require") continue;
        const source = init.arguments[0];
        if (source?.type !== AST_NODE_TYPES.Literal || typeof source.value !== "string" || !REQUEST_MODULES.has(normalizeModule(source.value))) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
        else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of declarator.id.properties) {
            if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) names.add(property.value.name);
          }
        }
      }
    } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration && statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
      const source = statement.moduleReference.expression;
      if (source.type === AST_NODE_TYPES.Literal && typeof source.value === "string" && REQUEST_MODULES.has(normalizeModule(source.value))) names.add(statement.id.name);
    }
  }
  const modules = importedModules(program, sourceCode.text);
  result = { names, clients: [...modules].some((module) => CLIENT_MODULES.has(module)), project: projectImportNames(program) };
  importsMemo.set(program, result);
  return result;
}

interface Instance {
  client: HttpClient;
  prefixed: boolean;
}

/**
 * The client library an instance comes from (`axios.create(...)`, `got.extend(...)`, a parameter typed
 * `AxiosInstance`, a project module's export of one), looked for only in files that import such a library or when the
 * receiver is imported from a project module.
 */
function instanceOf(sourceCode: SourceCode, receiver: TSESTree.Node): Instance | null {
  const imports = requestImports(sourceCode);
  if (!imports.clients && !imports.project.has(calleeRootName(receiver) ?? "")) return null;
  const producer = producerOf(sourceCode, receiver);
  if (!producer) return null;
  const client = HTTP_CLIENTS.find((candidate) => candidate.modules.includes(producer.module));
  if (!client) return null;
  const path = clientPath(client, producer.path);
  const made = [...path, ...producer.members];
  const isInstance =
    (path.length === 1 && client.instanceTypes.includes(path[0])) || (made.length > 0 && made.every((member) => client.factories.includes(member)));
  if (!isInstance) return null;
  return { client, prefixed: client.prefixOptions.length > 0 && hasPrefixOption(sourceCode, receiver, client, 0) };
}

/** Whether the factory call that made an instance sets a prefix option (`got.extend({ prefixUrl })`). */
function hasPrefixOption(sourceCode: SourceCode, raw: TSESTree.Node, client: HttpClient, depth: number): boolean {
  const node = skipWrappers(raw);
  if (depth > 4) return false;
  if (node.type === AST_NODE_TYPES.AwaitExpression) return hasPrefixOption(sourceCode, node.argument, client, depth + 1);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const options = node.arguments[0] ? objectLiterals(sourceCode, node.arguments[0]) : [];
    if (options.some((object) => client.prefixOptions.some((option) => findProperty(object, option) !== null))) return true;
    const callee = skipWrappers(node.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && hasPrefixOption(sourceCode, callee.object, client, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    return writes.length === 1 && writes[0].path?.length === 0 && hasPrefixOption(sourceCode, writes[0].value, client, depth + 1);
  }
  return false;
}

/** The object literals an options argument stands for: itself, a `const`'s value, what a helper's parameter receives. */
function objectLiterals(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): TSESTree.ObjectExpression[] {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return [node];
  if (depth > 3) return [];
  if (node.type === AST_NODE_TYPES.ConditionalExpression) {
    return [...objectLiterals(sourceCode, node.consequent, depth + 1), ...objectLiterals(sourceCode, node.alternate, depth + 1)];
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression) return [...objectLiterals(sourceCode, node.left, depth + 1), ...objectLiterals(sourceCode, node.right, depth + 1)];
  if (node.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = variableOf(sourceCode, node);
  if (!variable || variable.defs.length === 0) return [];
  if (variable.defs.some((def) => def.type === "Parameter")) {
    return (valuesAtCallSites(sourceCode, node) ?? []).flatMap((value) => objectLiterals(sourceCode, value, depth + 1));
  }
  const writes = writesOf(variable);
  if (writes.length !== 1 || writes[0].path?.length !== 0 || writes[0].iterated) return [];
  return objectLiterals(sourceCode, writes[0].value, depth + 1);
}

interface DestinationHole {
  hole: Hole;
  /** The hole begins the URL: the client writes the URL (or its start), not only a part of its host. */
  leading: boolean;
}

/** The holes of a request argument that can decide where the request goes. */
function destinationHoles(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  kind: UrlArgument["kind"],
  prefixed: boolean,
  callsReaching?: CallsReaching,
): DestinationHole[] {
  if (kind !== "url") {
    const objects = objectLiterals(sourceCode, node);
    if (objects.length > 0) return objects.flatMap((object) => optionsHoles(sourceCode, object, prefixed, 0, callsReaching));
    if (kind === "options") return [];
  }
  return prefixed ? [] : urlHoles(sourceCode, node, callsReaching);
}

function urlHoles(sourceCode: SourceCode, node: TSESTree.Node, callsReaching?: CallsReaching): DestinationHole[] {
  const result: DestinationHole[] = [];
  for (const text of urlTexts(sourceCode, node, callsReaching)) {
    const { holes, leading } = originHoles(text);
    for (const hole of holes) result.push({ hole, leading: leading.has(hole) });
  }
  return result;
}

/**
 * The holes of an options object: its URL (unless a prefix option makes it a path), its base URL, and the origin
 * fields (`host`, `hostname`, `port`, `protocol`) whole; a spread of something unknown is a hole of its own.
 */
function optionsHoles(
  sourceCode: SourceCode,
  object: TSESTree.ObjectExpression,
  prefixed: boolean,
  depth: number,
  callsReaching?: CallsReaching,
): DestinationHole[] {
  const result: DestinationHole[] = [];
  const hasPrefix = prefixed || object.properties.some((property) => property.type === AST_NODE_TYPES.Property && staticKeyName(property) === "prefixUrl");
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const inner = depth < 3 ? objectLiterals(sourceCode, property.argument) : [];
      if (inner.length > 0) result.push(...inner.flatMap((literal) => optionsHoles(sourceCode, literal, prefixed, depth + 1, callsReaching)));
      else if (constantValue(sourceCode, property.argument) === null) {
        result.push({ hole: { node: property.argument, via: null, fixed: carriesNoInput(sourceCode, property.argument) }, leading: true });
      }
      continue;
    }
    const key = staticKeyName(property);
    if (key === null) continue;
    if ((URL_OPTIONS.has(key) && !hasPrefix) || BASE_URL_OPTIONS.has(key)) result.push(...urlHoles(sourceCode, property.value, callsReaching));
    else if (ORIGIN_OPTIONS.has(key) && constantValue(sourceCode, property.value) === null) {
      result.push(...urlHoles(sourceCode, property.value, callsReaching).map((entry) => ({ ...entry, leading: false })));
    }
  }
  return result;
}

/**
 * One finding per hole met directly in the argument (reported there); holes reached through a variable, a helper or a
 * helper's parameter are reported at the expression of the argument that led to them, which must carry the input
 * too (a check made at the request counts).
 */
function sinkArguments(holes: readonly DestinationHole[]): SinkArgument[] {
  const direct = new Map<TSESTree.Node, SinkArgument>();
  const viaNode = new Map<string, { node: TSESTree.Node; messageId: string; parts: TSESTree.Node[] }>();
  for (const { hole, leading } of holes) {
    const messageId = leading ? "clientUrl" : "clientHost";
    if (hole.via === null) {
      const existing = direct.get(hole.node);
      if (!existing || messageId === "clientUrl") direct.set(hole.node, { node: hole.node, messageId });
      continue;
    }
    const key = `${hole.via.range[0]}:${hole.via.range[1]}:${messageId}`;
    const entry = viaNode.get(key) ?? { node: hole.via, messageId, parts: [] };
    if (!entry.parts.includes(hole.node)) entry.parts.push(hole.node);
    viaNode.set(key, entry);
  }
  const all: SinkArgument[] = [...direct.values(), ...viaNode.values()];
  return all.sort((a, b) => a.node.range[0] - b.node.range[0] || (a.messageId === "clientUrl" ? -1 : 1));
}

/**
 * `rawUrlCheck` instead of the plain message when the same function checks the value, before the request, in a way
 * that does not pin its host: a prefix without the origin's delimiter, a substring, an address check given the whole
 * URL (CVE-2025-65513's `is_ip_private(url)`), or the scheme alone. (A check that pins the host is a guard: the value
 * would not be reported at all.)
 */
function withRawChecks(sourceCode: SourceCode, call: SinkCall, args: SinkArgument[]): SinkArgument[] {
  const fn = enclosingFunction(call);
  if (!fn) return args;
  let before: TSESTree.CallExpression[] | null = null;
  return args.map((argument) => {
    const keys = valueKeys(sourceCode, argument.node);
    if (keys.size === 0) return argument;
    before ??= callsWithin(getNodeIndex(sourceCode), fn).filter((other) => other.range[1] <= call.range[0]);
    const check = before.find((other) => isRawUrlCheck(sourceCode, other, keys));
    return check ? { ...argument, messageId: "rawUrlCheck", data: { check: shortText(sourceCode, check) } } : argument;
  });
}

function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return null;
}

/** Access paths holding the value of `node`: `url`, and `args.url` for `const url = args.url` or `new URL(args.url)`. */
function valueKeys(sourceCode: SourceCode, raw: TSESTree.Node): Set<string> {
  const keys = new Set<string>();
  let node = skipWrappers(raw);
  for (let depth = 0; depth < 4; depth++) {
    if ((node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) && node.arguments.length > 0 && matchesAny(resolveCallee(sourceCode, node), URL_BUILDERS)) {
      node = skipWrappers(node.arguments[0]);
      continue;
    }
    const key = accessPathKey(node);
    if (key === null) break;
    keys.add(key);
    if (node.type !== AST_NODE_TYPES.Identifier) break;
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length !== 1 || writes[0].path === null || writes[0].iterated || writes[0].compound) break;
    if (writes[0].path.length > 0) {
      const base = accessPathKey(writes[0].value);
      if (base !== null) keys.add([base, ...writes[0].path].join("."));
      break;
    }
    node = skipWrappers(writes[0].value);
  }
  return keys;
}

const WEAK_STRING_CHECKS = new Set(["startsWith", "endsWith", "includes", "indexOf", "match", "search"]);

function isRawUrlCheck(sourceCode: SourceCode, call: TSESTree.CallExpression, keys: ReadonlySet<string>): boolean {
  const about = (node: TSESTree.Node) => {
    const key = accessPathKey(node);
    if (key !== null && keys.has(key)) return true;
    return [...keys].some((candidate) => isHostOf(sourceCode, node, candidate) || isProtocolOf(sourceCode, node, candidate));
  };
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticKeyName(callee) ?? "";
    if (WEAK_STRING_CHECKS.has(method) && about(callee.object)) return true;
    if ((method === "test" || method === "exec") && call.arguments.length > 0 && about(call.arguments[0])) return true;
    if ((method === "includes" || method === "has") && call.arguments.length > 0 && about(call.arguments[0])) return true;
  }
  // An address check given the whole URL (`is_ip_private(url)`): it sees no address.
  const name = calleeName(call.callee);
  if (name === null || !PRIVATE_DESTINATION_NAME.test(name) || !takesAddress(name)) return false;
  return call.arguments.some((argument) => {
    const key = accessPathKey(argument);
    return key !== null && keys.has(key) && !namesHost(key);
  });
}

/**
 * Whether a statement before `node`, in a block around it within its function, throws unless the URL is safe: a
 * validator named for safe or public destinations (`assertSafeUrl(url);`, `await ensurePublicUrl(url)`), or a
 * function of the project whose body parses its parameter, reads the host and throws (`validateUrl(url)` with
 * `if (isPrivate(new URL(url).hostname)) throw ...`). Such checks are statements, not conditions, so the guards do not
 * see them.
 */
function isAsserted(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  let keys: Set<string> | null = null;
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && !isFunctionNode(child); child = parent, parent = parent.parent) {
    const statements = parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program ? parent.body : parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : null;
    if (!statements) continue;
    for (const statement of statements) {
      if (statement === child) break;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      let expression = skipWrappers(statement.expression);
      if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = skipWrappers(expression.argument);
      if (expression.type !== AST_NODE_TYPES.CallExpression) continue;
      keys ??= valueKeys(sourceCode, node);
      if (keys.size > 0 && isUrlAssertion(sourceCode, expression, keys)) return true;
    }
  }
  return false;
}

const ASSERTING_NAME = /^(?:assert|ensure|validate|verify|check|guard|block|reject|deny|forbid|require)/i;

function isUrlAssertion(sourceCode: SourceCode, call: TSESTree.CallExpression, keys: ReadonlySet<string>): boolean {
  const index = call.arguments.findIndex((argument) => {
    const key = accessPathKey(argument);
    return (key !== null && keys.has(key)) || [...keys].some((candidate) => parsesKey(sourceCode, argument, candidate) || isHostOf(sourceCode, argument, candidate));
  });
  if (index < 0) return false;
  const name = calleeName(call.callee);
  if (name !== null && ASSERTING_NAME.test(name) && (SAFE_DESTINATION_WORDS.test(name) || PRIVATE_DESTINATION_NAME.test(name))) {
    const key = accessPathKey(call.arguments[index]);
    return !(takesAddress(name) && key !== null && !namesHost(key));
  }
  const target = calledFunction(sourceCode, call);
  return target !== null && checksParsedHost(target.sourceCode, target.fn, index);
}

/** The function a call invokes: in this file, or exported by a project module it imports. */
function calledFunction(sourceCode: SourceCode, call: TSESTree.CallExpression): { sourceCode: SourceCode; fn: FunctionNode } | null {
  const local = functionReferenced(sourceCode, call.callee);
  if (local) return { sourceCode, fn: local };
  const resolved = resolveCallee(sourceCode, call);
  const from = filenameOf(sourceCode);
  const file = resolved && from && isLocalSpecifier(resolved.module) ? resolveLocalModule(from, resolved.module) : null;
  const target = file ? loadModule(file) : null;
  const found = file && target ? findExportedFunction(target, file, resolved!.path.length > 0 ? resolved!.path : ["default"], 1) : null;
  const foundSource = found ? loadModule(found.file) : null;
  return found && foundSource ? { sourceCode: foundSource, fn: found.fn } : null;
}

/** Whether a function parses parameter `index` as a URL, reads its host, and throws. */
function checksParsedHost(sourceCode: SourceCode, fn: FunctionNode, index: number): boolean {
  const param = fn.params[index];
  const name = param?.type === AST_NODE_TYPES.Identifier ? param.name : param?.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier ? param.left.name : null;
  if (name === null || !fn.body || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  let readsHost = false;
  let throws = false;
  walk(fn.body, (node) => {
    if (readsHost && throws) return false;
    if (node.type === AST_NODE_TYPES.ThrowStatement) throws = true;
    else if (node.type === AST_NODE_TYPES.MemberExpression && !readsHost && isHostOf(sourceCode, node, name)) readsHost = true;
    return true;
  });
  return readsHost && throws;
}

/** `isPrivateIp`, `is_ip_private`, `isInternalHost`: a check that takes an address or host name, not a URL. */
function takesAddress(name: string): boolean {
  const parts = nameWords(name);
  return parts.some((word) => ADDRESS_WORDS.has(word)) && !parts.some((word) => word === "url" || word === "uri");
}

/** An access path whose last name says it holds a host or an address, not a URL (`host`, `args.hostname`, `ip`). */
function namesHost(key: string): boolean {
  return nameWords(key.split(".").pop() ?? "").some((word) => ADDRESS_WORDS.has(word) || word === "domain");
}

function isProtocolOf(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const node = skipWrappers(raw);
  return node.type === AST_NODE_TYPES.MemberExpression && staticKeyName(node) === "protocol" && parsesKey(sourceCode, node.object, key);
}

/**
 * For a value passed to (or received from) a function of another module: the parts that can change where a request
 * goes, wherever that function puts the value. A URL with a fixed origin has none; an object has those of its URL-like
 * fields (`{ endpoint, data }`: `endpoint`'s); anything else may be a URL as a whole (null).
 */
function passedUrlParts(sourceCode: SourceCode, raw: TSESTree.Node): readonly TSESTree.Node[] | null {
  const node = skipWrappers(raw);
  if (isAsserted(sourceCode, node)) return [];
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    const parts: TSESTree.Node[] = [];
    for (const property of node.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        if (!carriesNoInput(sourceCode, property.argument)) parts.push(property.argument);
        continue;
      }
      const key = staticKeyName(property);
      if (key === null) parts.push(property.value);
      else if (URL_OPTIONS.has(key) || BASE_URL_OPTIONS.has(key) || ORIGIN_OPTIONS.has(key) || URL_LIKE_FIELD.test(key)) {
        parts.push(...urlHoles(sourceCode, property.value).flatMap((entry) => (entry.hole.fixed ? [] : [entry.hole.node])));
      }
    }
    return parts;
  }
  const texts = urlTexts(sourceCode, node);
  const [first] = texts;
  if (texts.length === 1 && first.length === 1 && typeof first[0] !== "string" && skipWrappers(first[0].node) === node) return null;
  return [...new Set(texts.flatMap((text) => originHoles(text).holes.flatMap((hole) => (hole.fixed ? [] : [hole.node]))))];
}

/**
 * Assignments that change where a URL object leads: `url.hostname = input`, `url.host = ...`, `url.href = ...`
 * (`url` made by `new URL(...)`). Not calls, so the rule checks them itself, in this file only.
 */
export function urlPropertyWrite(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): SinkArgument[] {
  if (assignment.operator !== "=") return [];
  const left = skipWrappers(assignment.left);
  if (left.type !== AST_NODE_TYPES.MemberExpression) return [];
  const property = staticKeyName(left);
  if (property === null || !URL_ORIGIN_PROPERTIES.has(property) || !isUrlObject(sourceCode, left.object)) return [];
  const holes = property === "href" ? urlHoles(sourceCode, assignment.right) : urlHoles(sourceCode, assignment.right).map((entry) => ({ ...entry, leading: false }));
  return sinkArguments(holes);
}

/** A cheap test before `urlPropertyWrite`: an assignment to a property named like a URL's origin. */
export function mayWriteUrlOrigin(assignment: TSESTree.AssignmentExpression): boolean {
  const left = assignment.left;
  return left.type === AST_NODE_TYPES.MemberExpression && URL_ORIGIN_PROPERTIES.has(staticKeyName(left) ?? "");
}

function isUrlObject(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, node);
  return (variable ? writesOf(variable) : []).some((write) => {
    const value = skipWrappers(write.value);
    return write.path?.length === 0 && value.type === AST_NODE_TYPES.NewExpression && matchesAny(resolveCallee(sourceCode, value), URL_BUILDERS) !== null;
  });
}
