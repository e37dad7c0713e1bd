/**
 * MCP servers and stateless transports shared across HTTP requests (GHSA-345p-7cg4-v4c7, CVE-2026-25536): one
 * `McpServer`/`Server` created outside a request handler and connected inside it, or one stateless Streamable HTTP
 * transport created outside and handed every request. Responses are matched by JSON-RPC id, which every client starts
 * at 0, so SDK 1.10.0-1.25.3 sent one client's results to another; later SDKs throw on the second request instead.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { contains, findProperty, isFunctionNode, skipWrappers, staticKeyName, walk, type FunctionNode } from "../analysis/ast.js";
import { enclosingClassBody } from "../analysis/classes.js";
import { isExport, resolveCallee } from "../analysis/imports.js";
import { callsNamed, getNodeIndex } from "../analysis/node-index.js";
import { objectLiteralOf, variableOf, writesOf, type SourceCode } from "../analysis/scope.js";
import { perFile } from "../analysis/per-file.js";
import {
  CONNECT_METHOD,
  HANDLE_REQUEST_METHOD,
  MCP_SERVER_CLASSES,
  SESSION_ID_GENERATOR_OPTION,
  STATELESS_CAPABLE_TRANSPORTS,
  type ExportRef,
} from "../knowledge/access-control.js";
import { perRequestChain } from "./request-handlers.js";
import { textIncludes } from "../analysis/text.js";

/** A server connected, or a stateless transport used, per request while it was created once for all of them. */
export interface SharedInstance {
  kind: "sharedServer" | "sharedTransport";
  /** The `server.connect` / `transport.handleRequest` callee. */
  node: TSESTree.MemberExpression;
  /** How the code names the instance: `server`, `this.server`. */
  name: string;
  /** Its class: `McpServer`, `StreamableHTTPServerTransport`. */
  what: string;
  /** Where it is created. */
  creation: TSESTree.NewExpression;
}

/** Where an instance comes from: its creation, and the nodes that create or declare it (outside the handler when shared). */
interface Creation {
  creation: TSESTree.NewExpression;
  label: string;
  /** The declaration and every write: none of them may sit inside the request handler for the instance to be shared. */
  sites: TSESTree.Node[];
  /** `this.x`: the handler must be an arrow function inside a method of this class. */
  classBody: TSESTree.ClassBody | null;
}

/** The servers and stateless transports of this file that are shared across requests. */
export const sharedInstances: (sourceCode: SourceCode) => SharedInstance[] = perFile((sourceCode) => find(sourceCode), () => []);

/** A cheap text test: the file may connect a server or hand a transport a request. */
export function maySharedInstances(text: string): boolean {
  return textIncludes(text, "@modelcontextprotocol/") && /\.\s*(?:connect|handleRequest)\s*\(/.test(text);
}

function find(sourceCode: SourceCode): SharedInstance[] {
  if (!maySharedInstances(sourceCode.text)) return [];
  const result: SharedInstance[] = [];
  for (const call of callsNamed(getNodeIndex(sourceCode), [CONNECT_METHOD, HANDLE_REQUEST_METHOD])) {
    const callee = skipWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = staticKeyName(callee);
    if (method !== CONNECT_METHOD && method !== HANDLE_REQUEST_METHOD) continue;
    const classes = method === CONNECT_METHOD ? MCP_SERVER_CLASSES : STATELESS_CAPABLE_TRANSPORTS;
    const creation = creationOf(sourceCode, callee.object, classes);
    if (!creation) continue;
    if (method === HANDLE_REQUEST_METHOD && !isStateless(sourceCode, creation.creation)) continue;
    const chain = perRequestChain(sourceCode, call);
    if (!chain || creation.sites.some((site) => chain.some((fn) => contains(fn, site)))) continue;
    if (creation.classBody && !handlerInMethodOf(chain, creation.classBody)) continue;
    result.push({
      kind: method === CONNECT_METHOD ? "sharedServer" : "sharedTransport",
      node: callee,
      name: sourceCode.getText(skipWrappers(callee.object)),
      what: creation.label,
      creation: creation.creation,
    });
  }
  return result;
}

/** The `new` of one of `classes` that a receiver (`server`, `this.server`) always holds; null when it may hold anything else. */
function creationOf(sourceCode: SourceCode, raw: TSESTree.Node, classes: ReadonlyArray<ExportRef & { label: string }>): Creation | null {
  const receiver = skipWrappers(raw);
  const values: TSESTree.Node[] = [];
  const sites: TSESTree.Node[] = [];
  let classBody: TSESTree.ClassBody | null = null;
  if (receiver.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, receiver);
    const declaration = variable?.defs[0]?.node as TSESTree.Node | undefined;
    if (!variable || !declaration || variable.defs.some((def) => def.type === "Parameter" || def.type === "ImportBinding")) return null;
    sites.push(declaration);
    for (const write of writesOf(variable)) {
      if (write.path?.length !== 0 || write.iterated || write.compound) return null;
      values.push(write.value);
      sites.push(write.site);
    }
  } else if (receiver.type === AST_NODE_TYPES.MemberExpression && skipWrappers(receiver.object).type === AST_NODE_TYPES.ThisExpression) {
    const name = staticKeyName(receiver);
    classBody = enclosingClassBody(receiver);
    if (name === null || !classBody) return null;
    for (const write of thisWrites(classBody, name)) {
      values.push(write.value);
      sites.push(write.site);
    }
  } else {
    return null;
  }
  if (values.length === 0) return null;
  let found: Creation | null = null;
  for (const raw of values) {
    let value = skipWrappers(raw);
    if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
    if (value.type !== AST_NODE_TYPES.NewExpression) return null;
    const resolved = resolveCallee(sourceCode, value);
    const match = classes.find((entry) => isExport(resolved, entry.module, ...entry.path));
    if (!match) return null;
    found ??= { creation: value, label: match.label, sites, classBody };
  }
  return found;
}

/** Values given to `this.<name>` in a class: its field initializer and assignments anywhere in the class body. */
function thisWrites(classBody: TSESTree.ClassBody, name: string): Array<{ value: TSESTree.Node; site: TSESTree.Node }> {
  const writes: Array<{ value: TSESTree.Node; site: TSESTree.Node }> = [];
  for (const member of classBody.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && staticKeyName(member) === name && member.value) {
      writes.push({ value: member.value, site: member });
    }
  }
  walk(classBody, (node) => {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression) return;
    const left = skipWrappers(node.left);
    if (left.type === AST_NODE_TYPES.MemberExpression && skipWrappers(left.object).type === AST_NODE_TYPES.ThisExpression && staticKeyName(left) === name) {
      writes.push({ value: node.right, site: node });
    }
  });
  return writes;
}

/** `this` in the handler is the instance that registered it: every function of the chain is an arrow inside a method of the class. */
function handlerInMethodOf(chain: readonly FunctionNode[], classBody: TSESTree.ClassBody): boolean {
  if (!chain.every((fn) => fn.type === AST_NODE_TYPES.ArrowFunctionExpression)) return false;
  let current: TSESTree.Node | undefined = chain[chain.length - 1].parent;
  while (current && !isFunctionNode(current)) current = current.parent;
  const method = current?.parent;
  return method?.type === AST_NODE_TYPES.MethodDefinition && method.parent === classBody;
}

/** A transport created without `sessionIdGenerator` (or with `undefined`): stateless, one request per transport. */
function isStateless(sourceCode: SourceCode, creation: TSESTree.NewExpression): boolean {
  const argument = creation.arguments[0];
  if (!argument) return true;
  if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
  const options = objectLiteralOf(sourceCode, argument);
  if (!options || options.properties.some((property) => property.type !== AST_NODE_TYPES.Property)) return false;
  const generator = findProperty(options, SESSION_ID_GENERATOR_OPTION);
  if (!generator) return true;
  const value = skipWrappers(generator.value);
  return (value.type === AST_NODE_TYPES.Identifier && value.name === "undefined") || (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === "void");
}
