/**
 * Functions a web framework calls once per HTTP request: route callbacks (`app.post("/mcp", fn)`), Node request
 * listeners (`http.createServer(fn)`, `server.on("request", fn)`), Fastify route objects, exported route handlers
 * (`export async function POST`, `export default { fetch }`), and same-file functions those call by name.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { calleeName, isFunctionNode, skipWrappers, staticKeyName, type FunctionNode } from "../analysis/ast.js";
import { constantString } from "../analysis/constants.js";
import { isExport, resolveCallee } from "../analysis/imports.js";
import { variableOf, type SourceCode } from "../analysis/scope.js";
import { REQUEST_LISTENER_FACTORIES, ROUTE_EXPORT_NAMES, ROUTE_METHODS } from "../knowledge/access-control.js";

/** How many same-file calls are followed from a request handler down to a function. */
const MAX_CALL_DEPTH = 2;

/**
 * The functions from the innermost one around `node` out to the request handler it runs in (through same-file calls by
 * name), or null when `node` does not run per request (as far as this file shows).
 */
export function perRequestChain(sourceCode: SourceCode, node: TSESTree.Node): FunctionNode[] | null {
  try {
    return chainFrom(sourceCode, node, 0, new Set());
  } catch {
    return null;
  }
}

function chainFrom(sourceCode: SourceCode, node: TSESTree.Node, depth: number, seen: Set<FunctionNode>): FunctionNode[] | null {
  const functions: FunctionNode[] = [];
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    if (seen.has(current)) return null;
    seen.add(current);
    functions.push(current);
    if (isRequestHandler(sourceCode, current)) return functions;
  }
  if (depth >= MAX_CALL_DEPTH) return null;
  // A named function of this file called from a request handler: `app.post("/mcp", (req, res) => handle(req, res))`.
  for (const fn of functions) {
    for (const reference of nameReferences(sourceCode, fn)) {
      const parent = reference.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== reference) continue;
      const outer = chainFrom(sourceCode, parent, depth + 1, seen);
      if (outer) return [...functions, ...outer];
    }
  }
  return null;
}

/** The identifiers that refer to a function by its name (a declaration, or a `const` bound to it). */
function nameReferences(sourceCode: SourceCode, fn: FunctionNode): TSESTree.Identifier[] {
  let binding: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) binding = fn.id;
  else if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.id.type === AST_NODE_TYPES.Identifier) binding = fn.parent.id;
  const variable = binding ? variableOf(sourceCode, binding) : null;
  if (!variable) return [];
  return variable.references.filter((reference) => !reference.init).map((reference) => reference.identifier as TSESTree.Identifier);
}

/** Whether the framework calls `fn` once per request: directly as a callback, or through a name passed as one. */
export function isRequestHandler(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (isRequestHandlerSite(sourceCode, fn)) return true;
  if (isExportedRouteHandler(fn)) return true;
  return nameReferences(sourceCode, fn).some((reference) => isRequestHandlerSite(sourceCode, reference));
}

/** A value in a position where the framework calls it per request. */
function isRequestHandlerSite(sourceCode: SourceCode, site: TSESTree.Node): boolean {
  let value: TSESTree.Node = site;
  // `app.post("/mcp", asyncHandler(fn))`-style wrappers are not followed; `fn as Handler` is.
  while (value.parent && skipWrappers(value.parent) !== value.parent) value = value.parent;
  const parent = value.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(value as TSESTree.CallExpressionArgument)) {
    return isRequestCallbackCall(sourceCode, parent, value);
  }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === value) {
    const key = staticKeyName(parent);
    const object = parent.parent;
    if (object?.type !== AST_NODE_TYPES.ObjectExpression) return false;
    // Fastify `app.route({ method: "POST", url: "/mcp", handler })`.
    if (key === "handler") return object.properties.some((property) => property.type === AST_NODE_TYPES.Property && (staticKeyName(property) === "url" || staticKeyName(property) === "path"));
    // `export default { fetch(request) {...} }` (Cloudflare Workers, Bun, Deno).
    if (key === "fetch") return object.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
  }
  return false;
}

function isRequestCallbackCall(sourceCode: SourceCode, call: TSESTree.CallExpression, argument: TSESTree.Node): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticKeyName(callee);
    if (method !== null && ROUTE_METHODS.has(method)) {
      const first = call.arguments[0];
      if (!first || first === argument) {
        // `app.route("/mcp").post(fn)` (Express): the path is given to `route`.
        const object = skipWrappers(callee.object);
        return method !== "on" && object.type === AST_NODE_TYPES.CallExpression && calleeName(object.callee) === "route";
      }
      // Node `server.on("request", fn)`; Hono `app.on(["GET", "POST"], "/mcp", fn)`.
      if (method === "on") {
        const second = call.arguments[1];
        return constantString(sourceCode, first) === "request" || (second !== undefined && second !== argument && isPathArgument(sourceCode, second));
      }
      return isPathArgument(sourceCode, first);
    }
  }
  const resolved = resolveCallee(sourceCode, call);
  return REQUEST_LISTENER_FACTORIES.some((factory) => isExport(resolved, factory.module, ...factory.path));
}

/** A route path: a string starting with `/` (or `*`), a regular expression, or a list of paths. */
function isPathArgument(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.Literal && "regex" in node && node.regex) return true;
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.length > 0 && node.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isPathArgument(sourceCode, element));
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis[0].value.cooked?.startsWith("/") ?? false;
  const path = constantString(sourceCode, node);
  return path !== null && (path.startsWith("/") || path === "*");
}

/** `export async function POST(req)`, `export const GET = async (req) => ...`. */
function isExportedRouteHandler(fn: FunctionNode): boolean {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id !== null && ROUTE_EXPORT_NAMES.has(fn.id.name) && fn.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
  const declarator = fn.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== fn || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  return ROUTE_EXPORT_NAMES.has(declarator.id.name) && declarator.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
}
