import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers, staticKeyName } from "./ast.js";
import { filenameOf, findExport, isLocalSpecifier, loadModule, readModuleText, resolveLocalModule } from "./modules.js";
import { isGlobalReference, variableOf, writesOf, type SourceCode } from "./scope.js";

/** Where a value comes from: a module (or `globalThis`) and the export path below it. */
export interface ResolvedValue {
  /** Normalised module specifier (`node:` prefix and a trailing `.js` removed), or `globalThis` for globals. */
  module: string;
  /** Property path below the module namespace: `["exec"]`, `["promises", "readFile"]`, `[]` for the namespace. */
  path: readonly string[];
  /** The value went through `util.promisify`. */
  promisified: boolean;
}

export const GLOBAL_MODULE = "globalThis";
const GLOBAL_OBJECTS = new Set(["globalThis", "global", "window", "self"]);
const MAX_DEPTH = 12;

/** `node:fs` -> `fs`; `@modelcontextprotocol/sdk/server/mcp.js` -> `@modelcontextprotocol/sdk/server/mcp`. */
export function normalizeModule(specifier: string): string {
  let result = normalizedMemo.get(specifier);
  if (result === undefined) {
    result = normalizeUncached(specifier);
    if (normalizedMemo.size > 10_000) normalizedMemo.clear();
    normalizedMemo.set(specifier, result);
  }
  return result;
}

/** Every rule normalises the same few specifiers of every file. */
const normalizedMemo = new Map<string, string>();

function normalizeUncached(specifier: string): string {
  let result = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  const segments = result.split("/");
  const packageSegments = result.startsWith("@") ? 2 : 1;
  if (segments.length > packageSegments) result = result.replace(/\.(?:c|m)?js$/, "");
  return result;
}

/**
 * The module export a value comes from, through `import` (named, default, namespace), `require` (with destructuring
 * and member access), `import x = require()`, aliases, re-assignments, `util.promisify(x)` and TS wrappers.
 * Default imports resolve to the namespace (`[]`) so that ESM and CommonJS spellings of one module agree.
 */
export function resolveValue(sourceCode: SourceCode, node: TSESTree.Node, options: ResolveOptions = {}): ResolvedValue | null {
  return resolve(sourceCode, node, 0, new Set(), options);
}

export interface ResolveOptions {
  /**
   * Look inside project modules for aliases of package exports (`export const execAsync = promisify(exec)` in
   * `./utils/exec.ts`). Costs a parse of the imported module, so only sink matching asks for it.
   */
  throughProject?: boolean | ((file: string) => boolean);
}

/** Like `resolveValue` for a call's callee, also seeing through `(0, fn)(...)`. */
export function resolveCallee(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, options: ResolveOptions = {}): ResolvedValue | null {
  const memoised = !options.throughProject;
  if (memoised && calleeMemo.has(call)) return calleeMemo.get(call)!;
  let callee: TSESTree.Node = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.SequenceExpression) callee = callee.expressions[callee.expressions.length - 1];
  const result = resolveValue(sourceCode, callee, options);
  if (memoised) calleeMemo.set(call, result);
  return result;
}

/** Plain callee resolution depends only on the call node: every rule and tracker of a file shares it. */
const calleeMemo = new WeakMap<TSESTree.Node, ResolvedValue | null>();

function resolve(sourceCode: SourceCode, raw: TSESTree.Node, depth: number, seen: Set<TSESTree.Node>, options: ResolveOptions): ResolvedValue | null {
  if (depth > MAX_DEPTH || seen.has(raw)) return null;
  seen.add(raw);
  const node = skipWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return resolveIdentifier(sourceCode, node, depth, seen, options);
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticKeyName(node);
      if (name === null) return null;
      const object = skipWrappers(node.object);
      if (object.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECTS.has(object.name) && isGlobalReference(sourceCode, object)) {
        return { module: GLOBAL_MODULE, path: [name], promisified: false };
      }
      const base = resolve(sourceCode, node.object, depth + 1, seen, options);
      return base ? { ...base, path: [...base.path, name] } : null;
    }
    case AST_NODE_TYPES.CallExpression:
      return resolveCall(sourceCode, node, depth, seen, options);
    case AST_NODE_TYPES.AwaitExpression: {
      const argument = skipWrappers(node.argument);
      if (argument.type === AST_NODE_TYPES.ImportExpression) return moduleOf(argument.source);
      return null;
    }
    case AST_NODE_TYPES.ImportExpression:
      return null;
    case AST_NODE_TYPES.SequenceExpression:
      return resolve(sourceCode, node.expressions[node.expressions.length - 1], depth + 1, seen, options);
    case AST_NODE_TYPES.TSExternalModuleReference:
      return moduleOf(node.expression);
    case AST_NODE_TYPES.TSQualifiedName: {
      const base = resolve(sourceCode, node.left, depth + 1, seen, options);
      return base ? { ...base, path: [...base.path, node.right.name] } : null;
    }
    default:
      return null;
  }
}

function moduleOf(source: TSESTree.Node): ResolvedValue | null {
  const inner = skipWrappers(source);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === "string") {
    return { module: normalizeModule(inner.value), path: [], promisified: false };
  }
  if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0) {
    return { module: normalizeModule(inner.quasis[0].value.cooked ?? ""), path: [], promisified: false };
  }
  return null;
}

function resolveCall(sourceCode: SourceCode, call: TSESTree.CallExpression, depth: number, seen: Set<TSESTree.Node>, options: ResolveOptions): ResolvedValue | null {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === "require" && isGlobalReference(sourceCode, callee)) {
    return call.arguments.length > 0 ? moduleOf(call.arguments[0]) : null;
  }
  const target = resolve(sourceCode, callee, depth + 1, seen, options);
  if (target && target.module === "util" && target.path.length === 1 && target.path[0] === "promisify" && call.arguments.length > 0) {
    const inner = resolve(sourceCode, call.arguments[0], depth + 1, seen, options);
    return inner ? { ...inner, promisified: true } : null;
  }
  return null;
}

function resolveIdentifier(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number, seen: Set<TSESTree.Node>, options: ResolveOptions): ResolvedValue | null {
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0) {
    return { module: GLOBAL_MODULE, path: [identifier.name], promisified: false };
  }
  for (const def of variable.defs) {
    if (def.type === "ImportBinding") {
      const fromImport = resolveImportBinding(sourceCode, def.node as TSESTree.Node, depth, seen, options);
      if (fromImport) return fromImport;
    }
  }
  for (const write of writesOf(variable)) {
    if (write.path === null || write.iterated || write.compound) continue;
    const base = resolve(sourceCode, write.value, depth + 1, seen, options);
    if (base) return { ...base, path: [...base.path, ...write.path] };
  }
  return null;
}

/**
 * What a project module exports under `name`, when it is itself an alias of a package export
 * (`export const execAsync = promisify(exec)` in `./utils/exec.ts`). Null for functions and anything else.
 */
function throughProjectModule(sourceCode: SourceCode, specifier: string, name: string, depth: number, options: ResolveOptions): ResolvedValue | null {
  const from = filenameOf(sourceCode);
  const file = from ? resolveLocalModule(from, specifier) : null;
  if (!file || (typeof options.throughProject === "function" && !options.throughProject(file))) return null;
  // Functions and classes are not aliases: only a module that assigns the name or re-exports from elsewhere is parsed.
  const text = readModuleText(file);
  const escaped = escapeRegExp(name);
  const mayAlias = new RegExp(`\\b${escaped}\\s*=[^=>]|export\\s*\\*\\s*from|export\\s*\\{[^}]*\\b${escaped}\\b[^}]*\\}\\s*from`);
  if (!text || !mayAlias.test(text)) return null;
  const target = loadModule(file);
  const site = file && target ? findExport(target, file, name, 2) : null;
  if (!site) return null;
  if (!("node" in site)) return { module: normalizeModule(site.module), path: site.name === "default" ? [] : [site.name], promisified: false };
  return resolve(site.sourceCode, site.node, depth + 1, new Set(), options);
}

function resolveImportBinding(sourceCode: SourceCode, node: TSESTree.Node, depth: number, seen: Set<TSESTree.Node>, options: ResolveOptions): ResolvedValue | null {
  switch (node.type) {
    case AST_NODE_TYPES.ImportSpecifier: {
      const declaration = node.parent as TSESTree.ImportDeclaration;
      const base = moduleOf(declaration.source);
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
      if (!base) return null;
      const viaProject = options.throughProject && isLocalSpecifier(base.module) ? throughProjectModule(sourceCode, base.module, imported, depth, options) : null;
      if (viaProject) return viaProject;
      return imported === "default" ? base : { ...base, path: [imported] };
    }
    case AST_NODE_TYPES.ImportDefaultSpecifier:
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return moduleOf((node.parent as TSESTree.ImportDeclaration).source);
    case AST_NODE_TYPES.TSImportEqualsDeclaration:
      return resolve(sourceCode, node.moduleReference, depth + 1, seen, options);
    default:
      return null;
  }
}

/** Whether a resolved value is `module` export `path` (a leading `default` is ignored, for CommonJS interop). */
export function isExport(resolved: ResolvedValue | null, module: string, ...path: string[]): boolean {
  if (!resolved || resolved.module !== module) return false;
  const actual = resolved.path[0] === "default" ? resolved.path.slice(1) : resolved.path;
  return actual.length === path.length && actual.every((segment, index) => segment === path[index]);
}

/** The modules a file imports or requires at top level, normalised: a cheap pre-check for rules. */
export function importedModules(program: TSESTree.Program, sourceText: string): Set<string> {
  let modules = importedModulesMemo.get(program);
  if (!modules) {
    modules = importedModulesUncached(program, sourceText);
    importedModulesMemo.set(program, modules);
  }
  return modules;
}

/** Several rules ask for every file: the answer is read once per parse. */
const importedModulesMemo = new WeakMap<TSESTree.Program, Set<string>>();

function importedModulesUncached(program: TSESTree.Program, sourceText: string): Set<string> {
  const modules = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && typeof statement.source.value === "string") {
      modules.add(normalizeModule(statement.source.value));
    }
  }
  // `require(...)`, `import(...)` and `import x = require(...)` can sit anywhere: a regexp over the text is cheaper
  // than a walk and only has to be a superset (and cheaper alone than behind `includes` tests, which scan too).
  for (const match of sourceText.matchAll(/\b(?:require|import)\s*\(\s*["'`]([^"'`]+)["'`]/g)) {
    modules.add(normalizeModule(match[1]));
  }
  return modules;
}

/**
 * Local names bound to imports of project modules (`import { execAsync } from "./utils/exec.js"`, `import * as u`,
 * `const u = require("./u")`): a name check that lets rules skip calls that cannot reach a sink through the project.
 */
export function projectImportNames(program: TSESTree.Program): ReadonlySet<string> {
  let names = projectNamesMemo.get(program);
  if (!names) {
    names = projectImportNamesUncached(program);
    projectNamesMemo.set(program, names);
  }
  return names;
}

/** Asked by every sink rule of every file. */
const projectNamesMemo = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

function projectImportNamesUncached(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && isLocalSpecifier(statement.source.value)) {
      for (const specifier of statement.specifiers) names.add(specifier.local.name);
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init ? skipWrappers(declarator.init) : null;
        if (init?.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== "require") continue;
        const source = init.arguments[0];
        if (source?.type !== AST_NODE_TYPES.Literal || typeof source.value !== "string" || !isLocalSpecifier(source.value)) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
        else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of declarator.id.properties) {
            if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) names.add(property.value.name);
          }
        }
      }
    } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration && statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
      const source = statement.moduleReference.expression;
      if (source.type === AST_NODE_TYPES.Literal && typeof source.value === "string" && isLocalSpecifier(source.value)) names.add(statement.id.name);
    }
  }
  return names;
}

/** The identifier a callee starts from: `run` for `run()`, `utils` for `utils.exec.run()`. */
export function calleeRootName(raw: TSESTree.Node): string | null {
  let node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.SequenceExpression) node = skipWrappers(node.expressions[node.expressions.length - 1]);
  while (node.type === AST_NODE_TYPES.MemberExpression) node = skipWrappers(node.object);
  return node.type === AST_NODE_TYPES.Identifier ? node.name : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The `new module.name(...)` a receiver holds: the expression itself, or what a name bound once holds (up to three
 * names deep). Null when it may hold anything else.
 */
export function constructionOf(sourceCode: SourceCode, raw: TSESTree.Node, module: string, ...path: string[]): TSESTree.NewExpression | null {
  let node = skipWrappers(raw);
  for (let depth = 0; depth < 3 && node.type === AST_NODE_TYPES.Identifier; depth++) {
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length !== 1 || writes[0].path?.length !== 0) return null;
    node = skipWrappers(writes[0].value);
  }
  return node.type === AST_NODE_TYPES.NewExpression && isExport(resolveCallee(sourceCode, node), module, ...path) ? node : null;
}
