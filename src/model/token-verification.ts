import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { calleeName, contains, isFunctionNode, skipWrappers, staticKeyName, walk, type FunctionNode } from "../analysis/ast.js";
import { isExport, resolveCallee } from "../analysis/imports.js";
import { objectLiteralOf, variableOf, type SourceCode } from "../analysis/scope.js";
import {
  AUTH_RESULT_PROPERTIES,
  JWT_DECODERS,
  JWT_VERIFIERS,
  MCP_FRAMEWORK_JWT_PROVIDER,
  MCP_FRAMEWORK_MODULE,
  MCP_FRAMEWORK_OAUTH_PROVIDER,
  TOKEN_CALL_NAMES,
  VERIFIER_FUNCTION_NAME,
  VERIFIER_PROPERTY_NAMES,
  VERIFYING_CALL_NAME,
  REMOTE_VALIDATION_CALL_NAME,
} from "../knowledge/auth.js";

/** What a call means for token verification. */
export type TokenCall =
  | { kind: "decode"; label: string }
  | { kind: "verify"; label: string; options: TSESTree.Node | null }
  | { kind: "jwtProvider" }
  | { kind: "oauthProvider"; options: TSESTree.Node | null };

/** Classify a call or `new` against the JWT libraries and mcp-framework's providers; null when it is none of them. */
export function tokenCall(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): TokenCall | null {
  // A member call's name cannot be renamed (`jwt.verify`); a plain identifier can (`import { verify as check }`).
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) {
    const name = calleeName(callee);
    if (name === null || !TOKEN_CALL_NAMES.has(name)) return null;
  }
  const resolved = resolveCallee(sourceCode, call);
  if (!resolved) return null;
  for (const decoder of JWT_DECODERS) if (isExport(resolved, decoder.module, ...decoder.path)) return { kind: "decode", label: decoder.label };
  for (const verifier of JWT_VERIFIERS) {
    if (!isExport(resolved, verifier.module, ...verifier.path)) continue;
    const options = call.arguments[verifier.options] ?? null;
    // `jwt.verify(token, key, callback)`: the third argument is the callback, there are no options.
    return { kind: "verify", label: verifier.label, options: options && isFunctionNode(skipWrappers(options)) ? null : options };
  }
  if (call.type === AST_NODE_TYPES.NewExpression && isExport(resolved, MCP_FRAMEWORK_MODULE, MCP_FRAMEWORK_JWT_PROVIDER)) return { kind: "jwtProvider" };
  if (call.type === AST_NODE_TYPES.NewExpression && isExport(resolved, MCP_FRAMEWORK_MODULE, MCP_FRAMEWORK_OAUTH_PROVIDER)) {
    return { kind: "oauthProvider", options: call.arguments[0] ?? null };
  }
  return null;
}

/** What a verify call's options say: missing checks (only when the whole object is known), and dangerous settings. */
export interface VerifyOptionsFindings {
  /** The options object is known in full (a literal without spreads, or none at all). */
  known: boolean;
  hasAudience: boolean;
  hasIssuer: boolean;
  ignoreExpiration: TSESTree.Property | null;
  noneAlgorithm: TSESTree.Node | null;
}

export function verifyOptions(sourceCode: SourceCode, options: TSESTree.Node | null): VerifyOptionsFindings {
  const findings: VerifyOptionsFindings = { known: options === null, hasAudience: false, hasIssuer: false, ignoreExpiration: null, noneAlgorithm: null };
  if (options === null) return findings;
  const object = objectLiteralOf(sourceCode, options);
  if (!object) return findings;
  findings.known = !object.properties.some((property) => property.type !== AST_NODE_TYPES.Property || staticKeyName(property) === null);
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = staticKeyName(property);
    const value = skipWrappers(property.value);
    const isUndefined = value.type === AST_NODE_TYPES.Identifier && value.name === "undefined";
    if (name === "audience" && !isUndefined) findings.hasAudience = true;
    if (name === "issuer" && !isUndefined) findings.hasIssuer = true;
    if (name === "ignoreExpiration" && value.type === AST_NODE_TYPES.Literal && value.value === true) findings.ignoreExpiration = property;
    if (name === "algorithms" && value.type === AST_NODE_TYPES.ArrayExpression) {
      findings.noneAlgorithm =
        value.elements.find((element) => {
          const inner = element && element.type !== AST_NODE_TYPES.SpreadElement ? skipWrappers(element) : null;
          return inner?.type === AST_NODE_TYPES.Literal && typeof inner.value === "string" && inner.value.toLowerCase() === "none";
        }) ?? null;
    }
  }
  return findings;
}

/** mcp-framework `OAuthAuthProvider({ validation: { audience: "*" } })`: the `"*"` that turns the audience check off. */
export function wildcardAudience(sourceCode: SourceCode, options: TSESTree.Node | null): TSESTree.Node | null {
  const object = options ? objectLiteralOf(sourceCode, options) : null;
  const validation = object?.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && staticKeyName(p) === "validation");
  const inner = validation ? objectLiteralOf(sourceCode, validation.value) : null;
  const audience = inner?.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && staticKeyName(p) === "audience");
  const value = audience ? skipWrappers(audience.value) : null;
  return value?.type === AST_NODE_TYPES.Literal && value.value === "*" ? value : null;
}

/**
 * The name under which a function authenticates requests: a function or method named verify*, authenticate*,
 * validateToken*, or one given as `verifyAccessToken` / `authenticate` (SDK verifier, FastMCP, mcp-framework
 * provider). Null for other functions.
 */
export function verifierName(sourceCode: SourceCode, fn: FunctionNode): string | null {
  const parent = fn.parent;
  let name: string | null = null;
  let binding: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) {
    name = fn.id.name;
    binding = fn.id;
  } else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    name = parent.id.name;
    binding = parent.id;
  } else if (
    parent &&
    (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) &&
    parent.value === fn
  ) {
    name = staticKeyName(parent);
  }
  if (name !== null && (VERIFIER_FUNCTION_NAME.test(name) || VERIFIER_PROPERTY_NAMES.has(name))) return name;
  // `{ verifyAccessToken: check }`: a function of this file handed over under a verifier's name.
  const variable = binding ? variableOf(sourceCode, binding) : null;
  for (const reference of variable?.references ?? []) {
    const use = reference.identifier.parent;
    if (use?.type === AST_NODE_TYPES.Property && use.value === reference.identifier) {
      const key = staticKeyName(use);
      if (key !== null && VERIFIER_PROPERTY_NAMES.has(key)) return key;
    }
  }
  return null;
}

/** The nearest enclosing function that authenticates requests (looking up to three functions out), with its name. */
export function enclosingVerifier(sourceCode: SourceCode, node: TSESTree.Node): { fn: FunctionNode; name: string } | null {
  let seen = 0;
  for (let current = node.parent; current && seen < 3; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    seen++;
    const name = verifierName(sourceCode, current);
    if (name !== null) return { fn: current, name };
  }
  return null;
}

const verifiesMemo = new WeakMap<FunctionNode, boolean>();

/** Whether a function calls something that checks a token (`jwt.verify`, `jwtVerify`, `verifier.verify`, an introspection or userinfo request). */
export function callsVerification(fn: FunctionNode): boolean {
  let result = verifiesMemo.get(fn);
  if (result !== undefined) return result;
  result = false;
  walk(fn.body, (node) => {
    if (result) return false;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const name = calleeName(node.callee);
      if (name !== null && (VERIFYING_CALL_NAME.test(name) || REMOTE_VALIDATION_CALL_NAME.test(name))) result = true;
    }
    return undefined;
  });
  verifiesMemo.set(fn, result);
  return result;
}

/** An `AuthInfo` literal (`{ token, clientId, scopes }`) without `expiresAt`, returned by the function around it. */
export function authInfoWithoutExpiry(object: TSESTree.ObjectExpression): boolean {
  const names = new Set<string>();
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const name = staticKeyName(property);
    if (name === null) return false;
    names.add(name);
  }
  if (!names.has("token") || !names.has("clientId") || !names.has("scopes") || names.has("expiresAt")) return false;
  // Returned: `return {...}`, `return {...} as AuthInfo`, or an arrow's expression body.
  let current: TSESTree.Node = object;
  while (current.parent && skipWrappers(current.parent) !== current.parent) current = current.parent;
  const parent = current.parent;
  return parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current);
}

/**
 * `req.auth = jwt.decode(token)` (or a value built from a decode kept in a `const`): the decoded claims become the
 * request's identity. Returns the assignment target's text name (`req.auth`) and the function that does it.
 */
export function decodedIntoRequestAuth(sourceCode: SourceCode, decode: TSESTree.Node): { target: string; fn: FunctionNode } | null {
  let current: TSESTree.Node = decode;
  // `jwt.decode(t) as Claims`, `jwt.decode(t)!.sub`
  while (current.parent && (skipWrappers(current.parent) !== current.parent || (current.parent.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current))) current = current.parent;
  const uses: TSESTree.Node[] = [current];
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, parent.id);
    for (const reference of variable?.references ?? []) if (reference.isRead()) uses.push(reference.identifier as TSESTree.Node);
  }
  for (const use of uses) {
    for (let node: TSESTree.Node | undefined = use.parent; node && !isFunctionNode(node); node = node.parent) {
      if (node.type !== AST_NODE_TYPES.AssignmentExpression || !contains(node.right, use)) continue;
      const left = skipWrappers(node.left);
      if (left.type !== AST_NODE_TYPES.MemberExpression) continue;
      const name = staticKeyName(left);
      if (name === null || !AUTH_RESULT_PROPERTIES.has(name)) continue;
      let fn: TSESTree.Node | undefined = node.parent;
      while (fn && !isFunctionNode(fn)) fn = fn.parent;
      return fn ? { target: sourceCode.getText(left), fn } : null;
    }
  }
  return null;
}
