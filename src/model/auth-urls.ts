import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers, staticKeyName } from "../analysis/ast.js";
import { isExport, resolveCallee } from "../analysis/imports.js";
import { variableOf, writesOf, type SourceCode } from "../analysis/scope.js";
import {
  AUTH_DISCOVERY_PATH,
  AUTH_URL_ARRAY_KEYS,
  AUTH_URL_CALLS,
  AUTH_URL_KEYS,
  CONTEXTUAL_AUTH_URL_KEYS,
  isLoopbackHost,
} from "../knowledge/auth.js";

/** A string literal or template whose constant prefix is `http://<host>` for a host that is not loopback. */
export interface InsecureUrl {
  /** The literal or template that spells the URL. */
  node: TSESTree.Literal | TSESTree.TemplateLiteral;
  /** `http://host[:port]`, for the message. */
  origin: string;
  /** Offset of `http://` in the source text of `node`, for the fix. */
  schemeOffset: number;
}

const MAX_DEPTH = 4;

/** The constant text a literal or template starts with, or null. */
function constantPrefix(node: TSESTree.Node): { text: string; complete: boolean } | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === "string") return { text: node.value, complete: true };
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return { text: node.quasis[0]?.value.cooked ?? "", complete: node.expressions.length === 0 };
  return null;
}

/** The `http://host[:port]` origin of a URL whose host is fully constant and not loopback, else null. */
export function insecureOrigin(text: string, complete: boolean): string | null {
  const match = /^\s*http:\/\/(?:[^/?#@\s]*@)?(\[[^\]]*\]|[^/?#:\s]*)(:\d*)?([/?#]|$)/i.exec(text);
  if (!match) return null;
  const [, host, port = "", end] = match;
  // `http://${host}` or `http://api${suffix}`: the host is not known.
  if (end === "" && !complete) return null;
  if (host === "" || isLoopbackHost(host)) return null;
  return `http://${host}${port}`;
}

/**
 * The `http:` URL literals an expression can evaluate to: a literal or template, `new URL(x)` / `new URL(path, base)`,
 * a `const` of this file, both branches of a conditional and the fallback of `??`/`||`. Values read from the
 * environment or computed at run time are not followed.
 */
export function insecureUrlsOf(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): InsecureUrl[] {
  if (depth > MAX_DEPTH) return [];
  const node = skipWrappers(raw);
  const prefix = constantPrefix(node);
  if (prefix) {
    const origin = insecureOrigin(prefix.text, prefix.complete);
    if (!origin) return [];
    const schemeOffset = sourceCode.getText(node).search(/http:\/\//i);
    return schemeOffset === -1 ? [] : [{ node: node as TSESTree.Literal | TSESTree.TemplateLiteral, origin, schemeOffset }];
  }
  switch (node.type) {
    case AST_NODE_TYPES.NewExpression: {
      const callee = skipWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== "URL") return [];
      // `new URL("/token", base)`: the base decides the origin unless the first argument is absolute.
      const [first, base] = node.arguments;
      if (!first) return [];
      const own = insecureUrlsOf(sourceCode, first, depth + 1);
      return own.length > 0 || !base ? own : insecureUrlsOf(sourceCode, base, depth + 1);
    }
    case AST_NODE_TYPES.ConditionalExpression:
      return [...insecureUrlsOf(sourceCode, node.consequent, depth + 1), ...insecureUrlsOf(sourceCode, node.alternate, depth + 1)];
    case AST_NODE_TYPES.LogicalExpression:
      return node.operator === "&&" ? [] : insecureUrlsOf(sourceCode, node.right, depth + 1);
    case AST_NODE_TYPES.Identifier: {
      const variable = variableOf(sourceCode, node);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.type !== "Variable" || (def.parent as TSESTree.VariableDeclaration).kind !== "const") return [];
      const writes = writesOf(variable);
      if (writes.length !== 1 || writes[0].path?.length !== 0) return [];
      return insecureUrlsOf(sourceCode, writes[0].value, depth + 1);
    }
    default:
      return [];
  }
}

/** What an auth URL option is called, when `property` is one (generic names count only next to an auth name). */
export function authUrlKey(property: TSESTree.Property): { name: string; array: boolean } | null {
  if (property.parent.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const name = staticKeyName(property);
  if (name === null) return null;
  if (AUTH_URL_KEYS.has(name)) return { name, array: false };
  if (AUTH_URL_ARRAY_KEYS.has(name)) return { name, array: true };
  if (CONTEXTUAL_AUTH_URL_KEYS.has(name)) {
    const siblings = property.parent.properties.some((other) => {
      if (other.type !== AST_NODE_TYPES.Property || other === property) return false;
      const otherName = staticKeyName(other);
      return otherName !== null && (AUTH_URL_KEYS.has(otherName) || AUTH_URL_ARRAY_KEYS.has(otherName));
    });
    return siblings ? { name, array: false } : null;
  }
  return null;
}

/** The insecure URLs an auth option holds: its value, or each element of an array-valued option. */
export function insecureUrlsOfProperty(sourceCode: SourceCode, property: TSESTree.Property, array: boolean): InsecureUrl[] {
  const value = skipWrappers(property.value);
  if (!array) return insecureUrlsOf(sourceCode, value);
  if (value.type !== AST_NODE_TYPES.ArrayExpression) return insecureUrlsOf(sourceCode, value);
  return value.elements.flatMap((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? insecureUrlsOf(sourceCode, element) : []));
}

/**
 * A call that fetches an auth document from a URL argument: jose `createRemoteJWKSet(url)`, openid-client
 * `discovery(url)`, or any call whose first argument is a well-known discovery or JWKS URL (`fetch(".../.well-known/openid-configuration")`).
 */
export function insecureUrlsOfCall(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): { label: string; urls: InsecureUrl[] } | null {
  const first = call.arguments[0];
  if (!first) return null;
  const firstInner = skipWrappers(first);
  // The cheap test first: a discovery URL spelled in the call.
  const prefix = constantPrefix(firstInner.type === AST_NODE_TYPES.NewExpression && firstInner.arguments[0] ? skipWrappers(firstInner.arguments[0]) : firstInner);
  if (prefix && AUTH_DISCOVERY_PATH.test(prefix.text)) {
    const urls = insecureUrlsOf(sourceCode, first);
    if (urls.length > 0) return { label: "the discovery URL", urls };
  }
  if (call.callee.type === AST_NODE_TYPES.Super) return null;
  const resolved = resolveCallee(sourceCode, call);
  if (!resolved) return null;
  for (const known of AUTH_URL_CALLS) {
    if (!isExport(resolved, known.module, ...known.path)) continue;
    const argument = call.arguments[known.argument];
    if (!argument) return null;
    const urls = insecureUrlsOf(sourceCode, argument);
    return urls.length > 0 ? { label: known.label, urls } : null;
  }
  return null;
}
