/**
 * Access control in one file: the SDK's bearer-token middleware and whether it checks the token's audience, whether
 * the file shows the server authenticating its clients at all (`serverAuthentication`, kept small so that a fuller
 * model of HTTP endpoints can absorb it), and destructive tools that never consult the caller's scopes.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { calleeName, findProperty, isFunctionNode, skipWrappers, staticKeyName, walk, type FunctionNode } from "../analysis/ast.js";
import { instanceClass } from "../analysis/classes.js";
import { classMember, functionReferenced } from "../analysis/dataflow.js";
import { isExport, resolveCallee } from "../analysis/imports.js";
import { getNodeIndex } from "../analysis/node-index.js";
import { objectLiteralOf, type SourceCode } from "../analysis/scope.js";
import {
  BEARER_AUTH_EXPORTS,
  EXPECTED_RESOURCE_OPTION,
  IDENTITY_PROPERTIES,
  MCP_FRAMEWORK_AUTH_OPTION,
  REQUIRED_SCOPES_OPTION,
  SCOPE_CHECK_CALL,
  SCOPE_PROPERTY,
  SCOPE_WORTHY_EFFECTS,
  TOOL_GATE_OPTIONS,
} from "../knowledge/access-control.js";
import { EFFECT_WORDS } from "../knowledge/effects.js";
import { FASTMCP_AUTH_OPTIONS } from "../knowledge/http.js";
import { destructiveAnnotation, effectsOf, type Effect } from "./annotations.js";
import type { McpHandler } from "./handlers.js";
import { tokenCall, verifyOptions } from "./token-verification.js";
import { textIncludes } from "../analysis/text.js";

/** A `requireBearerAuth(...)` call of the SDK, with its options object when it is written in this file. */
export interface BearerAuthCall {
  call: TSESTree.CallExpression;
  options: TSESTree.ObjectExpression | null;
}

const bearerCache = new WeakMap<TSESTree.Program, BearerAuthCall[]>();

/** The SDK `requireBearerAuth` calls of this file (v1, v2 Express, v2 fetch). */
export function bearerAuthCalls(sourceCode: SourceCode): BearerAuthCall[] {
  let found = bearerCache.get(sourceCode.ast);
  if (!found) {
    found = [];
    try {
      if (textIncludes(sourceCode.text, "requireBearerAuth")) {
        for (const call of getNodeIndex(sourceCode).calls) {
          const callee = skipWrappers(call.callee);
          if (callee.type !== AST_NODE_TYPES.Identifier && calleeName(callee) !== "requireBearerAuth") continue;
          const resolved = resolveCallee(sourceCode, call);
          if (!BEARER_AUTH_EXPORTS.some((entry) => isExport(resolved, entry.module, ...entry.path))) continue;
          const argument = call.arguments[0];
          found.push({ call, options: argument && argument.type !== AST_NODE_TYPES.SpreadElement ? objectLiteralOf(sourceCode, argument) : null });
        }
      }
    } catch {
      found = [];
    }
    bearerCache.set(sourceCode.ast, found);
  }
  return found;
}

/**
 * `requireBearerAuth` calls whose options are known in full and set no `expectedResource`, and whose verifier is not
 * seen to check the audience itself: tokens issued for any other resource are accepted.
 */
export function bearerAuthWithoutAudience(sourceCode: SourceCode): BearerAuthCall[] {
  return bearerAuthCalls(sourceCode).filter(({ options }) => {
    if (!options || options.properties.some((property) => property.type !== AST_NODE_TYPES.Property || staticKeyName(property) === null)) return false;
    const expected = findProperty(options, EXPECTED_RESOURCE_OPTION);
    if (expected && !isUndefined(expected.value)) return false;
    const verifier = findProperty(options, "verifier");
    const fn = verifier ? verifyFunction(sourceCode, verifier.value) : null;
    return !fn || !checksAudience(sourceCode, fn);
  });
}

function isUndefined(raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  return (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined") || (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === "void");
}

/** The `verifyAccessToken` of a verifier written in this file: an object literal's method, or a local class's. */
function verifyFunction(sourceCode: SourceCode, raw: TSESTree.Node): FunctionNode | null {
  const object = objectLiteralOf(sourceCode, raw);
  if (object) {
    const method = findProperty(object, "verifyAccessToken");
    return method ? functionReferenced(sourceCode, method.value) : null;
  }
  const instance = instanceClass(sourceCode, raw);
  return instance?.kind === "local" ? classMember(instance.body, "verifyAccessToken", false) : null;
}

const AUDIENCE_NAME = /^(?:aud|audience|resource)$/;

/** A verifier that compares the token's audience: `audience` given to a JWT verify, `checkResourceAllowed`, `payload.aud === ...`. */
function checksAudience(sourceCode: SourceCode, fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.Property && staticKeyName(node) === "audience") found = true;
    else if (node.type === AST_NODE_TYPES.CallExpression) {
      const token = tokenCall(sourceCode, node);
      if (token?.kind === "verify" && verifyOptions(sourceCode, token.options).hasAudience) {
        found = true;
        return false;
      }
      const name = calleeName(node.callee);
      const callee = skipWrappers(node.callee);
      if (name !== null && /audience|resourceAllowed|sameResource/i.test(name)) found = true;
      else if (name === "includes" && callee.type === AST_NODE_TYPES.MemberExpression && namesAudience(callee.object)) found = true;
    } else if (node.type === AST_NODE_TYPES.BinaryExpression && /^[!=]==?$/.test(node.operator) && (namesAudience(node.left) || namesAudience(node.right))) {
      found = true;
    }
    return undefined;
  });
  return found;
}

function namesAudience(raw: TSESTree.Node): boolean {
  let node = skipWrappers(raw);
  // `payload.aud.toString()`, `String(authInfo.resource)`, `authInfo.resource?.href`.
  if (node.type === AST_NODE_TYPES.CallExpression) node = skipWrappers(node.callee.type === AST_NODE_TYPES.MemberExpression ? node.callee.object : (node.arguments[0] ?? node));
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(node);
    if (name !== null && AUDIENCE_NAME.test(name)) return true;
    node = skipWrappers(node.object);
  }
  return node.type === AST_NODE_TYPES.Identifier && AUDIENCE_NAME.test(node.name);
}

/** How the server in this file authenticates clients. */
export interface ServerAuthentication {
  kind: "bearer" | "fastmcp" | "mcp-framework";
  node: TSESTree.Node;
  /** Every request must carry some scope (`requiredScopes` not empty), or the scopes are not known. */
  requiresScopes: boolean;
}

const authCache = new WeakMap<TSESTree.Program, ServerAuthentication[]>();

/** A cheap text test for `serverAuthentication`. */
export function mayAuthenticate(text: string): boolean {
  return textIncludes(text, "requireBearerAuth") || (textIncludes(text, "fastmcp") && /\b(?:authenticate|auth|oauth)\b/.test(text)) || (textIncludes(text, "mcp-framework") && /\bauth\b/.test(text));
}

/**
 * Authentication this file shows: SDK `requireBearerAuth`, FastMCP `new FastMCP({ authenticate | auth | oauth })`,
 * mcp-framework `new MCPServer({ transport: { options: { auth } } })`. Hand-written middleware is not recognised.
 */
export function serverAuthentication(sourceCode: SourceCode): ServerAuthentication[] {
  let found = authCache.get(sourceCode.ast);
  if (!found) {
    found = [];
    try {
      if (mayAuthenticate(sourceCode.text)) found = findAuthentication(sourceCode);
    } catch {
      found = [];
    }
    authCache.set(sourceCode.ast, found);
  }
  return found;
}

function findAuthentication(sourceCode: SourceCode): ServerAuthentication[] {
  const result: ServerAuthentication[] = [];
  for (const { call, options } of bearerAuthCalls(sourceCode)) {
    result.push({ kind: "bearer", node: call, requiresScopes: !options || requiresScopes(sourceCode, options) });
  }
  const text = sourceCode.text;
  if (!textIncludes(text, "fastmcp") && !textIncludes(text, "mcp-framework")) return result;
  for (const creation of getNodeIndex(sourceCode).news) {
    const resolved = resolveCallee(sourceCode, creation);
    const options = creation.arguments[0] ? objectLiteralOf(sourceCode, creation.arguments[0]) : null;
    if (!options) continue;
    if (isExport(resolved, "fastmcp", "FastMCP")) {
      const auth = fastmcpAuthOption(options);
      if (auth) result.push({ kind: "fastmcp", node: auth, requiresScopes: false });
    } else if (isExport(resolved, "mcp-framework", "MCPServer")) {
      const auth = mcpFrameworkAuthOption(sourceCode, options);
      if (auth) result.push({ kind: "mcp-framework", node: auth, requiresScopes: false });
    }
  }
  return result;
}

/** The option of `new FastMCP({...})` that authenticates clients (`authenticate`, `auth`, `oauth`), if set. */
export function fastmcpAuthOption(options: TSESTree.ObjectExpression): TSESTree.Property | null {
  for (const name of FASTMCP_AUTH_OPTIONS) {
    const property = findProperty(options, name);
    if (property && !isUndefined(property.value)) return property;
  }
  return null;
}

/**
 * The `auth` of `new MCPServer({...})` (mcp-framework), if set: on the server, on its transport, or in the transport's
 * options (versions differ).
 */
export function mcpFrameworkAuthOption(sourceCode: SourceCode, options: TSESTree.ObjectExpression): TSESTree.Property | null {
  const transport = propertyObject(sourceCode, options, "transport");
  const settings = transport ? propertyObject(sourceCode, transport, "options") : null;
  for (const holder of [options, transport, settings]) {
    const auth = holder ? findProperty(holder, MCP_FRAMEWORK_AUTH_OPTION) : null;
    if (auth && !isUndefined(auth.value)) return auth;
  }
  return null;
}

function propertyObject(sourceCode: SourceCode, object: TSESTree.ObjectExpression, name: string): TSESTree.ObjectExpression | null {
  const property = findProperty(object, name);
  return property ? objectLiteralOf(sourceCode, property.value) : null;
}

/** `requiredScopes` set to anything but an empty array, or options not known in full. */
function requiresScopes(sourceCode: SourceCode, options: TSESTree.ObjectExpression): boolean {
  if (options.properties.some((property) => property.type !== AST_NODE_TYPES.Property)) return true;
  const scopes = findProperty(options, REQUIRED_SCOPES_OPTION);
  if (!scopes) return false;
  const value = skipWrappers(scopes.value);
  return !(value.type === AST_NODE_TYPES.ArrayExpression && value.elements.length === 0) && !isUndefined(value);
}

/** A destructive tool that never consults what the caller may do. */
export interface UnscopedTool {
  handler: McpHandler;
  /** Where to report: the tool's name, or its registration. */
  node: TSESTree.Node;
  /** What makes it destructive: its annotation, or an effect of its handler. */
  annotation: TSESTree.Property | null;
  effect: Effect | null;
}

/** Words for an effect in messages. */
export function effectWords(kind: Effect["kind"]): string {
  return EFFECT_WORDS[kind];
}

/**
 * Tools of this file that are destructive (`destructiveHint: true`, or a handler that deletes, overwrites or runs a
 * command chosen at run time) and whose handler never consults the caller's scopes or identity, nor is gated at its
 * registration (v2 `scopeChallenge`, FastMCP `canAccess`).
 */
export function unscopedDestructiveTools(sourceCode: SourceCode, handlers: readonly McpHandler[]): UnscopedTool[] {
  const result: UnscopedTool[] = [];
  for (const handler of handlers) {
    if (handler.kind !== "tool") continue;
    try {
      const annotation = destructiveAnnotation(sourceCode, handler);
      const effect = annotation ? null : (effectsOf(sourceCode, handler).find((candidate) => SCOPE_WORTHY_EFFECTS.has(candidate.kind)) ?? null);
      if (!annotation && !effect) continue;
      if (gatedAtRegistration(sourceCode, handler) || consultsCaller(sourceCode, handler)) continue;
      result.push({ handler, node: reportNode(sourceCode, handler), annotation, effect });
    } catch {
      // A tool that cannot be analysed is not reported.
    }
  }
  return result;
}

/** v2 `registerTool(name, { scopeChallenge: requireScopes(...) }, cb)`, FastMCP `addTool({ canAccess })`. */
function gatedAtRegistration(sourceCode: SourceCode, handler: McpHandler): boolean {
  const node = handler.node;
  const hasGate = (object: TSESTree.ObjectExpression) => TOOL_GATE_OPTIONS.some((name) => findProperty(object, name) !== null);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return hasGate(node);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    return node.arguments.some((argument) => {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return true;
      const object = objectLiteralOf(sourceCode, argument);
      return object !== null && hasGate(object);
    });
  }
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
    return node.body.body.some((member) => (member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.MethodDefinition) && TOOL_GATE_OPTIONS.includes(staticKeyName(member) ?? ""));
  }
  return false;
}

const MAX_HELPER_DEPTH = 2;

/**
 * Whether a handler (or a same-file function it calls by name) consults the caller: reads `scopes`/`role`/`permissions`,
 * calls a scope or permission check, reads mcp-framework's request context, or hands its context or the caller's
 * identity (`extra`, `extra.authInfo`, `context.session`) to another function.
 */
function consultsCaller(sourceCode: SourceCode, handler: McpHandler): boolean {
  const identityNames = new Set<string>();
  const context = handler.contextParam;
  if (context?.type === AST_NODE_TYPES.Identifier) identityNames.add(context.name);
  const visited = new Set<FunctionNode>();
  let found = false;
  const visit = (fn: FunctionNode, depth: number) => {
    if (visited.has(fn)) return;
    visited.add(fn);
    walk(fn.body, (node) => {
      if (found) return false;
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        const name = staticKeyName(node);
        if (name !== null && SCOPE_PROPERTY.test(name)) found = true;
      } else if (node.type === AST_NODE_TYPES.Identifier) {
        if (SCOPE_PROPERTY.test(node.name) && !isPropertyKey(node)) found = true;
      } else if (node.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(node.callee);
        if (name !== null && (SCOPE_CHECK_CALL.test(name) || name === "getRequestContext")) {
          found = true;
          return false;
        }
        // The caller's identity handed to a function: it may check scopes there, or act upstream with the
        // caller's own credentials (`getClient(session)`), where the upstream service enforces what they may do.
        if (node.arguments.some((argument) => carriesIdentity(sourceCode, argument, identityNames))) {
          found = true;
          return false;
        }
        const helper = depth < MAX_HELPER_DEPTH && skipWrappers(node.callee).type === AST_NODE_TYPES.Identifier ? functionReferenced(sourceCode, node.callee) : null;
        if (helper) visit(helper, depth + 1);
      }
      return undefined;
    });
  };
  visit(handler.fn, 0);
  return found;
}

function isPropertyKey(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  return (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.shorthand) || (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed);
}

/** `extra`, `extra.authInfo`, `ctx.http`, `context.session`, `session`, `{ ...extra }`: the caller's identity handed on. */
function carriesIdentity(sourceCode: SourceCode, raw: TSESTree.Node, contextNames: ReadonlySet<string>): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier) return contextNames.has(node.name) || IDENTITY_PROPERTIES.has(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticKeyName(node);
    return name !== null && IDENTITY_PROPERTIES.has(name);
  }
  if (node.type === AST_NODE_TYPES.SpreadElement) return carriesIdentity(sourceCode, node.argument, contextNames);
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    return node.properties.some((property) => (property.type === AST_NODE_TYPES.SpreadElement ? carriesIdentity(sourceCode, property.argument, contextNames) : carriesIdentity(sourceCode, property.value, contextNames)));
  }
  return false;
}

/** The tool's name as written at its registration, else the registration itself. */
function reportNode(sourceCode: SourceCode, handler: McpHandler): TSESTree.Node {
  const node = handler.node;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const first = node.arguments[0] ? skipWrappers(node.arguments[0]) : null;
    if (first?.type === AST_NODE_TYPES.ObjectExpression) return findProperty(first, "name")?.value ?? first;
    return first && first.type !== AST_NODE_TYPES.SpreadElement ? first : node.callee;
  }
  if (node.type === AST_NODE_TYPES.ObjectExpression) return findProperty(node, "name")?.value ?? node;
  if ((node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) && node.id) return node.id;
  return isFunctionNode(node) ? node : handler.fn;
}
