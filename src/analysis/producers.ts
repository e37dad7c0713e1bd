import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers, staticKeyName, walk } from "./ast.js";
import { enclosingClassBody } from "./classes.js";
import { functionReferenced, returnExpressions } from "./dataflow.js";
import { GLOBAL_MODULE, resolveCallee, resolveValue } from "./imports.js";
import { findExport, isLocalSpecifier, loadModule, resolveLocalModule, filenameOf } from "./modules.js";
import { variableOf, writesOf, type SourceCode } from "./scope.js";

/**
 * The package call, construction or type a value comes from, and the members read or called on it since: for
 * `client` in `const pool = new pg.Pool(); const client = await pool.connect()`, `{ module: "pg", path: ["Pool"],
 * members: ["connect"] }`. Lets rules recognise instances of a library (a database pool, a connection) without type
 * information.
 */
export interface Producer {
  /** Normalised module specifier of the package. */
  module: string;
  /** The export called, constructed or named as a type (`["Pool"]`, `["createPool"]`, `[]` for a default export). */
  path: readonly string[];
  /** Methods called and properties read on the produced value, in order (`["connect"]`, `["request"]`). */
  members: readonly string[];
}

const MAX_DEPTH = 8;
const memo = new WeakMap<TSESTree.Node, Producer | null>();

/**
 * The producer of a value: through `const`/`let` writes, `await`, `new X()` and `x()` of a package export, calls and
 * property reads on a produced value, same-file functions returning one, TypeScript annotations naming a package type
 * (`client: pg.PoolClient`), class fields (`this.db`, initialised or assigned in the class), and imports of project
 * modules that export one (`export const pool = new Pool()` in `./db.ts`). Null when unknown.
 */
export function producerOf(sourceCode: SourceCode, node: TSESTree.Node): Producer | null {
  const cached = memo.get(node);
  if (cached !== undefined) return cached;
  let result: Producer | null = null;
  try {
    result = produce(sourceCode, node, 0, new Set());
  } catch {
    result = null;
  }
  memo.set(node, result);
  return result;
}

function isPackage(module: string): boolean {
  return module !== GLOBAL_MODULE && !isLocalSpecifier(module);
}

function produce(sourceCode: SourceCode, raw: TSESTree.Node, depth: number, seen: Set<TSESTree.Node>): Producer | null {
  if (depth > MAX_DEPTH || seen.has(raw)) return null;
  seen.add(raw);
  const annotated = fromAnnotation(sourceCode, raw);
  if (annotated) return annotated;
  const node = skipWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return produce(sourceCode, node.argument, depth + 1, seen);
    case AST_NODE_TYPES.ConditionalExpression:
      return produce(sourceCode, node.consequent, depth + 1, seen) ?? produce(sourceCode, node.alternate, depth + 1, seen);
    case AST_NODE_TYPES.LogicalExpression:
      return produce(sourceCode, node.left, depth + 1, seen) ?? produce(sourceCode, node.right, depth + 1, seen);
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression:
      return fromCall(sourceCode, node, depth, seen);
    case AST_NODE_TYPES.Identifier:
      return fromIdentifier(sourceCode, node, depth, seen);
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticKeyName(node);
      if (name === null) return null;
      if (skipWrappers(node.object).type === AST_NODE_TYPES.ThisExpression) return fromField(sourceCode, node, name, depth, seen);
      const base = produce(sourceCode, node.object, depth + 1, seen);
      return base ? { ...base, members: [...base.members, name] } : null;
    }
    default:
      return null;
  }
}

function fromCall(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, depth: number, seen: Set<TSESTree.Node>): Producer | null {
  const resolved = resolveCallee(sourceCode, call);
  if (resolved && isPackage(resolved.module)) return { module: resolved.module, path: resolved.path, members: [] };
  const fn = call.type === AST_NODE_TYPES.CallExpression ? functionReferenced(sourceCode, call.callee) : null;
  if (fn) {
    for (const returned of returnExpressions(fn)) {
      const found = produce(sourceCode, returned, depth + 1, seen);
      if (found) return found;
    }
    return null;
  }
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticKeyName(callee);
    const base = method === null ? null : produce(sourceCode, callee.object, depth + 1, seen);
    return base ? { ...base, members: [...base.members, method!] } : null;
  }
  return null;
}

function fromIdentifier(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number, seen: Set<TSESTree.Node>): Producer | null {
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0) return null;
  for (const def of variable.defs) {
    const annotated = fromAnnotation(sourceCode, def.name as TSESTree.Node);
    if (annotated) return annotated;
    if (def.type === "ImportBinding") return fromImport(sourceCode, identifier, depth);
  }
  for (const write of writesOf(variable)) {
    if (write.path?.length !== 0 || write.iterated || write.compound) continue;
    const found = produce(sourceCode, write.value, depth + 1, seen);
    if (found) return found;
  }
  return null;
}

/** An import: a package export itself (`import sql from "mssql"`), or what a project module exports under that name. */
function fromImport(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): Producer | null {
  const resolved = resolveValue(sourceCode, identifier);
  if (!resolved) return null;
  if (isPackage(resolved.module)) return { module: resolved.module, path: resolved.path, members: [] };
  const from = filenameOf(sourceCode);
  const file = from ? resolveLocalModule(from, resolved.module) : null;
  const target = file ? loadModule(file) : null;
  if (!file || !target || depth > MAX_DEPTH - 2) return null;
  const [name = "default", ...rest] = resolved.path.length > 0 ? resolved.path : ["default"];
  const site = findExport(target, file, name, 2);
  if (!site) return null;
  if (!("node" in site)) return isPackage(site.module) ? { module: site.module, path: site.name === "default" ? [] : [site.name], members: rest } : null;
  const found = produce(site.sourceCode, site.node, depth + 2, new Set());
  return found ? { ...found, members: [...found.members, ...rest] } : null;
}

/** A class field: its initialiser, its annotation, a constructor parameter property, or `this.name = value` in a method. */
function fromField(sourceCode: SourceCode, member: TSESTree.MemberExpression, name: string, depth: number, seen: Set<TSESTree.Node>): Producer | null {
  const body = enclosingClassBody(member);
  if (!body) return null;
  for (const element of body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && staticKeyName(element) === name) {
      const annotated = fromAnnotation(sourceCode, element);
      if (annotated) return annotated;
      if (element.value) {
        const found = produce(sourceCode, element.value, depth + 1, seen);
        if (found) return found;
      }
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === "constructor") {
      for (const param of element.value.params) {
        if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) {
          const annotated = fromAnnotation(sourceCode, param.parameter);
          if (annotated) return annotated;
        }
      }
    }
  }
  let found: Producer | null = null;
  walk(body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.ClassBody && node !== body) return false;
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== "=") return true;
    const left = skipWrappers(node.left);
    if (left.type === AST_NODE_TYPES.MemberExpression && skipWrappers(left.object).type === AST_NODE_TYPES.ThisExpression && staticKeyName(left) === name) {
      found = produce(sourceCode, node.right, depth + 1, seen);
    }
    return true;
  });
  return found;
}

/** `x: pg.PoolClient`, `(value as Database)`: the package type a TypeScript annotation or assertion names. */
function fromAnnotation(sourceCode: SourceCode, node: TSESTree.Node): Producer | null {
  let type: TSESTree.TypeNode | undefined;
  if (node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSTypeAssertion) type = node.typeAnnotation;
  else type = (node as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return null;
  const resolved = resolveValue(sourceCode, type.typeName);
  return resolved && isPackage(resolved.module) ? { module: resolved.module, path: resolved.path, members: [] } : null;
}
