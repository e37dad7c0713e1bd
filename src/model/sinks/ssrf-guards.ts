import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { accessPathKey, calleeName, skipWrappers, staticKeyName } from "../../analysis/ast.js";
import { constantString, constantValue } from "../../analysis/constants.js";
import { hasTopLevelAlternation, isTrustedCollection, regExpOf, type GuardCheck } from "../../analysis/guards.js";
import { GLOBAL_MODULE, isExport, resolveCallee } from "../../analysis/imports.js";
import { contentWritesOf, variableOf, writesOf, type SourceCode } from "../../analysis/scope.js";
import { matchesAny } from "../../knowledge/flow.js";
import { ADDRESS_WORDS, PARSED_HOST_PROPERTIES, PRIVATE_DESTINATION_NAME, SAFE_DESTINATION_WORDS, URL_BUILDERS } from "../../knowledge/ssrf-sinks.js";
import { closureOf, originHoles, urlTexts } from "./url-origin.js";

/**
 * Checks that make a URL (or host) at an access path safe to request: the PARSED host compared with values the server
 * controls (`ALLOWED.has(new URL(x).hostname)`, `url.origin === API_ORIGIN`, `url.hostname.endsWith(".example.com")`),
 * the raw text tested for a prefix that fixes the origin (`x.startsWith("https://api.example.com/")`,
 * `/^https:\/\/api\.example\.com\//.test(x)`), and validators named for allowed or public destinations
 * (`isAllowedUrl(x)`). A check of the raw text that does not fix the origin (`x.startsWith("https://api.example.com")`,
 * `x.includes("example.com")`, `isPrivateIp(x)` given the whole URL) or of the scheme alone is none.
 */
export const SSRF_GUARDS: readonly GuardCheck[] = [hostCheck, rawPrefixCheck];

/** Checks whose FALSY answer makes the value safe: `if (isPrivateAddress(new URL(x).hostname)) throw ...`. */
export const SSRF_FALSY_GUARDS: readonly GuardCheck[] = [privateDestinationCheck, hostMismatch];

/** Validator names that make a check for this rule: they speak of allowed, safe or public destinations. */
export function isDestinationValidatorName(name: string): boolean {
  return SAFE_DESTINATION_WORDS.test(name);
}

/**
 * Anchored patterns (already known to match no arbitrary text) that are a guard for a URL or host: a fixed host or
 * domain (`^api\.example\.com$`, `^([a-z0-9-]+\.)*example\.com$`), or text with no character that can start a new
 * host (`^[a-z0-9-]+$` for a subdomain label: no `.`, `/`, `:`, `@`).
 */
export function acceptsUrlRegExp(pattern: string): boolean {
  return pinsHost(pattern) || admitsNoUrlDelimiter(pattern);
}

const LITERAL_HOST = String.raw`(?:[a-z0-9-]|\\\.)*\\\.(?:[a-z0-9-])+`;
const SUBDOMAINS = String.raw`(?:\((?:\?:)?[^()|]*\\\.\)[*?+]?)?`;
const PINNED_HOST = new RegExp(String.raw`^\^${SUBDOMAINS}(?:${LITERAL_HOST}|\((?:\?:)?${LITERAL_HOST}(?:\|${LITERAL_HOST})*\))\$$`, "i");

function pinsHost(pattern: string): boolean {
  return PINNED_HOST.test(pattern);
}

function admitsNoUrlDelimiter(pattern: string): boolean {
  const body = pattern.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === "\\") {
      if (!"wdsb-_".includes(body[i + 1] ?? "")) return false;
      i++;
      continue;
    }
    if (".:/@%#\\".includes(char)) return false;
  }
  return true;
}

/**
 * A pattern that fixes the origin of the text it matches: `^https:\/\/api\.example\.com\/`, `^https?://host(?:\/|$)`.
 * Only the start matters: what follows the host's delimiter is path.
 */
const PINNED_ORIGIN = new RegExp(
  String.raw`^\^(?:https\??|http|wss\??|ws):(?:\\?\/){2}${LITERAL_HOST}(?::\d+)?(?:\\?\/|\$|\((?:\?:)?(?:\\?\/|\[)|\[\\?\/|\\\?|\\#)`,
  "i",
);

function pinsOrigin(pattern: string, flags: string): boolean {
  return !flags.includes("m") && !hasTopLevelAlternation(pattern) && PINNED_ORIGIN.test(pattern);
}

/** `new URL(x)` or `URL.parse(x)` of the value at `key`, or that value itself (a URL object), through `const`s. */
export function parsesKey(sourceCode: SourceCode, raw: TSESTree.Node, key: string, depth = 0): boolean {
  const node = skipWrappers(raw);
  if (accessPathKey(node) === key) return true;
  if ((node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) && node.arguments.length > 0) {
    const resolved = resolveCallee(sourceCode, node);
    if ((matchesAny(resolved, URL_BUILDERS) || isExport(resolved, GLOBAL_MODULE, "URL", "parse")) && accessPathKey(node.arguments[0]) === key) return true;
  }
  if (node.type === AST_NODE_TYPES.AwaitExpression) return parsesKey(sourceCode, node.argument, key, depth + 1);
  if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const write = singleWrite(sourceCode, node);
    return write !== null && write.path.length === 0 && parsesKey(sourceCode, write.value, key, depth + 1);
  }
  return false;
}

/**
 * An expression naming the host of the URL at `key`: `new URL(key).hostname`, `u.host` with `u = new URL(key)`,
 * `hostname` destructured from one, or any of these lower-cased.
 */
export function isHostOf(sourceCode: SourceCode, raw: TSESTree.Node, key: string, depth = 0): boolean {
  const node = skipWrappers(raw);
  if (depth > 4) return false;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    return PARSED_HOST_PROPERTIES.has(staticKeyName(node) ?? "") && parsesKey(sourceCode, node.object, key);
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipWrappers(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(callee) : null;
    return (method === "toLowerCase" || method === "trim") && isHostOf(sourceCode, (callee as TSESTree.MemberExpression).object, key, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const write = singleWrite(sourceCode, node);
    if (!write) return false;
    if (write.path.length === 0) return isHostOf(sourceCode, write.value, key, depth + 1);
    return write.path.length === 1 && PARSED_HOST_PROPERTIES.has(write.path[0]) && parsesKey(sourceCode, write.value, key);
  }
  return false;
}

function singleWrite(sourceCode: SourceCode, identifier: TSESTree.Identifier): { value: TSESTree.Node; path: string[] } | null {
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.defs.some((def) => def.type === "Parameter")) return null;
  const writes = writesOf(variable);
  if (writes.length !== 1 || writes[0].path === null || writes[0].iterated || writes[0].compound) return null;
  return { value: writes[0].value, path: writes[0].path };
}

/**
 * A value the server controls: a constant, a module-level or imported name (or a property below one, or below
 * `this`), `process.env.X`, or the origin/host of a URL made from one.
 */
export function isServerValue(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): boolean {
  const node = skipWrappers(raw);
  if (constantValue(sourceCode, node) !== null) return true;
  if (depth > 3) return false;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const object = skipWrappers(node.object);
    if (object.type === AST_NODE_TYPES.NewExpression || object.type === AST_NODE_TYPES.CallExpression) {
      const resolved = resolveCallee(sourceCode, object);
      if (matchesAny(resolved, URL_BUILDERS) || isExport(resolved, GLOBAL_MODULE, "URL", "parse")) {
        return object.arguments.length > 0 && object.arguments.every((argument) => isServerValue(sourceCode, argument, depth + 1));
      }
      return false;
    }
    if (accessPathKey(object) === "process.env") return true;
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    if (variable && variable.scope.type !== "module" && variable.scope.type !== "global") {
      const write = singleWrite(sourceCode, node);
      return write !== null && write.path.length === 0 && isServerValue(sourceCode, write.value, depth + 1);
    }
  }
  return (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) && accessPathKey(node) !== null && isTrustedCollection(sourceCode, node);
}

/**
 * A collection the server controls: a module-level or imported one (see `isTrustedCollection`), or a `const` of the
 * handler holding a literal of constants that nothing adds to (`const allowed = ["docs.example.com"]`).
 */
function isServerCollection(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  if (isTrustedCollection(sourceCode, raw)) return true;
  const node = skipWrappers(raw);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, node);
  const write = variable ? singleWrite(sourceCode, node) : null;
  return write !== null && write.path.length === 0 && contentWritesOf(variable!).length === 0 && isTrustedCollection(sourceCode, write.value);
}

/** The parsed host checked against the server's own values: an allowlist, an equality, a domain suffix, a pattern. */
function hostCheck(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  if (test.type === AST_NODE_TYPES.BinaryExpression) {
    if (test.operator === "===" || test.operator === "==") return hostEquals(sourceCode, test, key);
    if (test.operator === "in") return isHostOf(sourceCode, test.left, key) && isServerCollection(sourceCode, test.right);
    return false;
  }
  if (test.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(test.callee);
  const args = test.arguments;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticKeyName(callee);
    const receiver = callee.object;
    if ((method === "has" || method === "includes") && args.length > 0 && isHostOf(sourceCode, args[0], key)) return isServerCollection(sourceCode, receiver);
    if (method === "hasOwn" && accessPathKey(receiver) === "Object" && args.length > 1 && isHostOf(sourceCode, args[1], key)) return isServerCollection(sourceCode, args[0]);
    if (method === "endsWith" && args.length > 0 && isHostOf(sourceCode, receiver, key)) {
      const suffix = constantString(sourceCode, args[0]);
      return suffix !== null && /^\.[^.]+\.[^.]/.test(suffix);
    }
    if (method === "test" && args.length > 0 && isHostOf(sourceCode, args[0], key)) return isHostRegExp(sourceCode, receiver);
    if (method === "match" && args.length > 0 && isHostOf(sourceCode, receiver, key)) return isHostRegExp(sourceCode, args[0]);
  }
  const name = calleeName(test.callee);
  return name !== null && isDestinationValidatorName(name) && !PRIVATE_DESTINATION_NAME.test(name) && args.some((argument) => isHostOf(sourceCode, argument, key));
}

function hostEquals(sourceCode: SourceCode, test: TSESTree.BinaryExpression, key: string): boolean {
  if (isHostOf(sourceCode, test.left, key)) return isServerValue(sourceCode, test.right);
  if (isHostOf(sourceCode, test.right, key)) return isServerValue(sourceCode, test.left);
  return false;
}

/** `if (url.hostname !== API_HOST) throw ...` */
function hostMismatch(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  return test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === "!==" || test.operator === "!=") && hostEquals(sourceCode, test, key);
}

function isHostRegExp(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const source = regExpOf(sourceCode, node);
  return source !== null && !source.flags.includes("m") && pinsHost(source.pattern);
}

/**
 * The raw URL tested for a prefix that ends with the origin's delimiter: `x.startsWith("https://api.example.com/")`,
 * `` x.startsWith(`${API_BASE}/`) ``, `/^https:\/\/api\.example\.com\//.test(x)`.
 */
function rawPrefixCheck(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const test = skipWrappers(raw);
  if (test.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(test.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || test.arguments.length === 0) return false;
  const method = staticKeyName(callee);
  const [argument] = test.arguments;
  if (method === "startsWith" && isRawText(sourceCode, callee.object, key)) return fixesOrigin(sourceCode, argument);
  if ((method === "test" || method === "exec") && isRawText(sourceCode, argument, key)) return isOriginRegExp(sourceCode, callee.object);
  if (method === "match" && isRawText(sourceCode, callee.object, key)) return isOriginRegExp(sourceCode, argument);
  return false;
}

/** The URL at `key` as text: itself, or `href`/`toString()` of it parsed. */
function isRawText(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  const node = skipWrappers(raw);
  if (accessPathKey(node) === key) return true;
  if (node.type === AST_NODE_TYPES.MemberExpression && staticKeyName(node) === "href") return parsesKey(sourceCode, node.object, key);
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 0) {
    const callee = skipWrappers(node.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === "toString" && parsesKey(sourceCode, callee.object, key);
  }
  return false;
}

function fixesOrigin(sourceCode: SourceCode, prefix: TSESTree.Node): boolean {
  const constant = constantString(sourceCode, prefix);
  if (constant !== null) return closureOf(constant, false) === "absolute";
  const texts = urlTexts(sourceCode, prefix);
  return texts.every((text) => {
    const { holes, closure } = originHoles(text);
    return closure === "absolute" && holes.every((hole) => hole.via === null && isServerValue(sourceCode, hole.node));
  });
}

function isOriginRegExp(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const source = regExpOf(sourceCode, node);
  return source !== null && pinsOrigin(source.pattern, source.flags);
}

/**
 * A check for private or internal destinations whose truthy answer rejects the value: given the parsed host
 * (`isPrivateIp(new URL(x).hostname)`), or given the URL when the check's name says it takes one (`isInternalUrl(x)`).
 * An address check given the whole URL (`is_ip_private(url)`) sees no address and passes everything.
 */
function privateDestinationCheck(sourceCode: SourceCode, raw: TSESTree.Node, key: string): boolean {
  let test = skipWrappers(raw);
  if (test.type === AST_NODE_TYPES.AwaitExpression) test = skipWrappers(test.argument);
  if (test.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = calleeName(test.callee);
  if (name === null || !PRIVATE_DESTINATION_NAME.test(name)) return false;
  if (test.arguments.some((argument) => isHostOf(sourceCode, argument, key))) return true;
  const takesAddress = nameWords(name).some((word) => ADDRESS_WORDS.has(word)) && !nameWords(name).some((word) => word === "url" || word === "uri");
  const keyIsHost = nameWords(key.split(".").pop() ?? "").some((word) => ADDRESS_WORDS.has(word) || word === "domain");
  return test.arguments.some((argument) => accessPathKey(argument) === key) && (!takesAddress || keyIsHost);
}

/** `isPrivateIPv4` -> `["is", "private", "ipv4"]`, `is_ip_private` -> `["is", "ip", "private"]`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_$-]+/)
    .filter(Boolean);
}
