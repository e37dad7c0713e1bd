import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { findProperty, skipWrappers, staticKeyName, type FunctionNode } from "../../analysis/ast.js";
import { valuesAtCallSites, type CallsReaching } from "../../analysis/call-sites.js";
import { constantString } from "../../analysis/constants.js";
import { functionReferenced, returnExpressions } from "../../analysis/dataflow.js";
import { GLOBAL_MODULE, isExport, resolveCallee } from "../../analysis/imports.js";
import { filenameOf, findExport, isLocalSpecifier, loadModule, resolveLocalModule } from "../../analysis/modules.js";
import { contentWritesOf, variableOf, writesOf, type SourceCode, type Variable } from "../../analysis/scope.js";
import { matchesAny } from "../../knowledge/flow.js";
import { URL_BUILDERS } from "../../knowledge/ssrf-sinks.js";

/**
 * A part of a URL whose value is not known here: a parameter, a property, a call. `via` is the expression inside the
 * analysed expression that led to it when it lies elsewhere (a variable read whose initialiser holds it, a helper's
 * call sites, a helper's return value), so that a report can stay at the use.
 */
export interface Hole {
  node: TSESTree.Node;
  via: TSESTree.Node | null;
  /**
   * The value, when it is a constant that costs something to find (a module constant of another project file): asked
   * only when it decides the origin, that is when no delimiter follows the hole.
   */
  constant?: () => string | null;
  /** The hole cannot carry client input (see `carriesNoInput`): the data flow need not be asked about it. */
  fixed: boolean;
}

/** A URL's text, as far as known: constant text and holes, in order. */
export type UrlText = ReadonlyArray<string | Hole>;

/** How a URL's constant text settles its origin. */
export type Closure = "absolute" | "relative" | null;

/** The holes of one possible text that can change the URL's scheme, host or port. */
export interface OriginHoles {
  holes: Hole[];
  /** Holes with no text before them: they begin the URL (the client writes the whole URL, or its start). */
  leading: Set<Hole>;
  /**
   * `absolute`: the text fixes the scheme and host (`https://api.example.com/...`); `relative`: it is a relative
   * reference whose origin comes from a base (`/repos/...`, `?q=...`); null: the origin is open or the text ends first.
   */
  closure: Closure;
}

const MAX_DEPTH = 8;
const MAX_ALTERNATIVES = 8;

interface Context {
  sourceCode: SourceCode;
  depth: number;
  via: TSESTree.Node | null;
  /** Parameters bound to the arguments of the call being followed into a helper's return value. */
  bindings: ReadonlyMap<Variable, TSESTree.Node>;
  expanding: ReadonlySet<Variable>;
  /** The calls through which client data reaches a helper: its parameters' values are read at these only. */
  callsReaching: CallsReaching | undefined;
}

/**
 * The texts an expression used as a URL may have: constant text where it is known (constants, template literals,
 * concatenation, `const`s, module constants of project files, `new URL(path, base)`, helpers' return values, the
 * values a helper's parameter receives at its calls) and holes elsewhere. Several texts for conditionals and
 * variables assigned in branches.
 */
export function urlTexts(sourceCode: SourceCode, node: TSESTree.Node, callsReaching?: CallsReaching): UrlText[] {
  return texts(node, { sourceCode, depth: 0, via: null, bindings: new Map(), expanding: new Set(), callsReaching });
}

function hole(node: TSESTree.Node, ctx: Context): UrlText[] {
  return [[{ node, via: ctx.via, fixed: carriesNoInput(ctx.sourceCode, node, ctx.bindings) }]];
}

function deeper(ctx: Context, via: TSESTree.Node, extra: Partial<Context> = {}): Context {
  return { ...ctx, depth: ctx.depth + 1, via: ctx.via ?? via, ...extra };
}

/**
 * The texts of pieces in sequence. Pieces are given as thunks and evaluated left to right only while some text is still
 * open: what follows a settled origin (`${API}/repos/${owner}`: `owner`) cannot change it, and is not followed (which
 * would cost a look at every call of a helper whose parameter it is).
 */
function product(parts: ReadonlyArray<() => UrlText[]>): UrlText[] {
  let result: UrlText[] = [[]];
  for (const part of parts) {
    if (result.every((text) => originHoles(text, false).closure !== null)) break;
    const suffixes = part();
    const next: UrlText[] = [];
    for (const prefix of result) for (const suffix of suffixes) next.push([...prefix, ...suffix]);
    result = next;
    if (result.length > MAX_ALTERNATIVES) result = result.slice(0, MAX_ALTERNATIVES);
  }
  return result;
}

function alternatives(parts: UrlText[][]): UrlText[] {
  const result = parts.flat();
  return result.length > MAX_ALTERNATIVES ? result.slice(0, MAX_ALTERNATIVES) : result;
}

function texts(raw: TSESTree.Node, ctx: Context): UrlText[] {
  const node = skipWrappers(raw);
  const constant = constantString(ctx.sourceCode, node);
  if (constant !== null) return [[constant]];
  if (ctx.depth > MAX_DEPTH) return hole(node, ctx);
  const next = { ...ctx, depth: ctx.depth + 1 };
  switch (node.type) {
    case AST_NODE_TYPES.TemplateLiteral: {
      const parts: Array<() => UrlText[]> = [];
      node.quasis.forEach((quasi, index) => {
        parts.push(() => [[quasi.value.cooked ?? quasi.value.raw]]);
        if (index < node.expressions.length) parts.push(() => texts(node.expressions[index], next));
      });
      return product(parts);
    }
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === "+" ? product([() => texts(node.left, next), () => texts(node.right, next)]) : hole(node, ctx);
    case AST_NODE_TYPES.ConditionalExpression:
      return alternatives([texts(node.consequent, next), texts(node.alternate, next)]);
    case AST_NODE_TYPES.LogicalExpression:
      return alternatives([texts(node.left, next), texts(node.right, next)]);
    case AST_NODE_TYPES.AwaitExpression:
      return texts(node.argument, next);
    case AST_NODE_TYPES.Identifier:
      return identifierTexts(node, ctx);
    case AST_NODE_TYPES.MemberExpression: {
      // `url.href` and `url.origin` start with the URL's own origin.
      const name = staticKeyName(node);
      return name === "href" || name === "origin" ? texts(node.object, next) : hole(node, ctx);
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return callTexts(node, ctx);
    default:
      return hole(node, ctx);
  }
}

function identifierTexts(identifier: TSESTree.Identifier, ctx: Context): UrlText[] {
  const variable = variableOf(ctx.sourceCode, identifier);
  if (!variable || variable.defs.length === 0 || ctx.expanding.has(variable)) return hole(identifier, ctx);
  const bound = ctx.bindings.get(variable);
  if (bound) return texts(bound, { ...ctx, depth: ctx.depth + 1 });
  const expanding = new Set(ctx.expanding).add(variable);
  if (variable.defs.some((def) => def.type === "Parameter")) {
    const values = valuesAtCallSites(ctx.sourceCode, identifier, ctx.callsReaching);
    if (!values || values.length === 0) return hole(identifier, ctx);
    const inner = deeper(ctx, identifier, { expanding });
    return alternatives(values.map((value) => texts(value, inner)));
  }
  if (variable.defs.some((def) => def.type === "ImportBinding")) {
    let value: string | null | undefined;
    return [[{ node: identifier, via: ctx.via, fixed: true, constant: () => (value === undefined ? (value = importedConstant(identifier, ctx)) : value) }]];
  }
  const writes = writesOf(variable);
  if (writes.length === 0 || writes.some((write) => write.path?.length !== 0 || write.iterated)) return hole(identifier, ctx);
  const inner = deeper(ctx, identifier, { expanding });
  const assigned = writes.filter((write) => !write.compound);
  if (assigned.length === 0) return hole(identifier, ctx);
  // `let url = base; url += "?q=" + q`: each `+=` appends (whether or not its branch runs, the prefix is the same).
  const appended = writes.filter((write) => write.compound).sort((a, b) => a.site.range[0] - b.site.range[0]);
  return product([() => alternatives(assigned.map((write) => texts(write.value, inner))), ...appended.map((write) => () => texts(write.value, inner))]);
}

/** `import { API_BASE } from "./config.js"` with `export const API_BASE = "https://..."` there. */
function importedConstant(identifier: TSESTree.Identifier, ctx: Context): string | null {
  const variable = variableOf(ctx.sourceCode, identifier);
  const def = variable?.defs.find((candidate) => candidate.type === "ImportBinding");
  const specifier = def?.node.type === AST_NODE_TYPES.ImportSpecifier ? def.node : null;
  const declaration = specifier?.parent;
  if (!specifier || declaration?.type !== AST_NODE_TYPES.ImportDeclaration || !isLocalSpecifier(declaration.source.value)) return null;
  const from = filenameOf(ctx.sourceCode);
  const file = from ? resolveLocalModule(from, declaration.source.value) : null;
  const target = file ? loadModule(file) : null;
  if (!file || !target) return null;
  const name = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
  const site = findExport(target, file, name, 1);
  if (!site || !("node" in site)) return null;
  return constantString(site.sourceCode, site.node);
}

const TEXT_METHODS = new Set(["toString", "valueOf", "trim", "trimStart", "trimEnd", "toLowerCase", "normalize", "replace", "replaceAll"]);

function callTexts(call: TSESTree.CallExpression | TSESTree.NewExpression, ctx: Context): UrlText[] {
  const next = { ...ctx, depth: ctx.depth + 1 };
  const callee = skipWrappers(call.callee);
  const args = call.arguments.filter((argument) => argument.type !== AST_NODE_TYPES.SpreadElement);
  if (args.length !== call.arguments.length) return hole(call, ctx);
  if (call.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = staticKeyName(callee);
    if (method !== null && TEXT_METHODS.has(method)) return texts(callee.object, next);
    if (method === "concat") return product([() => texts(callee.object, next), ...args.map((argument) => () => texts(argument, next))]);
  }
  const resolved = resolveCallee(ctx.sourceCode, call);
  if (isExport(resolved, GLOBAL_MODULE, "String") && args.length === 1) return texts(args[0], next);
  if (args.length > 0 && (matchesAny(resolved, URL_BUILDERS) || isExport(resolved, GLOBAL_MODULE, "URL", "parse"))) {
    return resolvedUrlTexts(args[0], args.length > 1 && !isUrlBuilderOfRequest(resolved) ? args[1] : null, next);
  }
  // A helper of this file that builds the URL: its return value, with its parameters bound to this call's arguments.
  const fn = call.type === AST_NODE_TYPES.CallExpression ? functionReferenced(ctx.sourceCode, call.callee) : null;
  if (fn && ctx.depth < MAX_DEPTH - 1) {
    const returned = returnExpressions(fn);
    if (returned.length === 0) return hole(call, ctx);
    const inner = deeper(ctx, call, { bindings: bindParameters(ctx.sourceCode, fn, args, ctx.bindings) });
    return alternatives(returned.map((expression) => texts(expression, inner)));
  }
  return hole(call, ctx);
}

function isUrlBuilderOfRequest(resolved: ReturnType<typeof resolveCallee>): boolean {
  return resolved !== null && resolved.path[resolved.path.length - 1] === "Request";
}

/** `new URL(input, base)`: the input's own text when it may be absolute; the base's origin when it is a fixed relative reference. */
function resolvedUrlTexts(input: TSESTree.Node, base: TSESTree.Node | null, ctx: Context): UrlText[] {
  const inputs = texts(input, ctx);
  if (!base) return inputs;
  const result: UrlText[] = [];
  let bases: UrlText[] | null = null;
  for (const text of inputs) {
    const { closure, holes } = originHoles(text);
    const relative = closure === "relative" || (holes.length === 0 && !ABSOLUTE_START.test(constantPrefix(text)));
    if (!relative) {
      result.push(text);
      continue;
    }
    bases ??= texts(base, ctx);
    // The base's origin, then a path: what the input adds cannot reach the origin.
    for (const baseText of bases) result.push([...baseText, "/"]);
  }
  return result.slice(0, MAX_ALTERNATIVES);
}

function constantPrefix(text: UrlText): string {
  let prefix = "";
  for (const atom of text) {
    if (typeof atom !== "string") break;
    prefix += atom;
  }
  return prefix;
}

/** A scheme: the text is an absolute URL. */
const ABSOLUTE_START = /^[a-z][a-z\d+.-]*:/i;
/** `scheme://authority` ended by a path, query or fragment: the origin is fixed (a backslash ends it too in http(s) URLs). */
const FIXED_ORIGIN = /^(?:[a-z][a-z\d+.-]*:)?[/\\]{2}[^/?#\\]*[/?#\\]/i;

/**
 * Whether constant text at the start of a URL, or after a hole, settles the origin: `https://host/` and `//host/` fix
 * it; `/x` (not `//`, a protocol-relative URL), `?`, `#`, `./` and `name/` (no scheme before the first `/`) are
 * relative and leave it to the base. After a hole (a base URL, a scheme, a host), the first `/`, `?` or `#` ends the
 * authority, unless it starts one (`${scheme}://${host}/`).
 */
export function closureOf(text: string, afterHole: boolean): Closure {
  if (afterHole) {
    const authority = /^(?:[a-z\d+.-]*:)?[/\\]{2}/i.exec(text);
    return /[/?#\\]/.test(authority ? text.slice(authority[0].length) : text) ? "absolute" : null;
  }
  if (FIXED_ORIGIN.test(text)) return "absolute";
  if (/^[?#]/.test(text) || /^[/\\][^/\\]/.test(text) || /^\.\.?[/\\]/.test(text)) return "relative";
  if (/^[^:/?#\\]+[/?#\\]/.test(text)) return "relative";
  return null;
}

/** The holes that come before the text settles the origin: the ones that can change the scheme, host or port. */
export function originHoles(text: UrlText, lookUpConstants = true): OriginHoles {
  const holes: Hole[] = [];
  const leading = new Set<Hole>();
  let constant = "";
  let afterHole = false;
  for (let index = 0; index < text.length; index++) {
    let atom = text[index];
    if (typeof atom !== "string" && atom.constant && lookUpConstants) {
      // A constant worth looking up only when what follows does not settle the origin by itself.
      const following = text[index + 1];
      const settled = typeof following === "string" && closureOf(following, true) !== null;
      const value = settled ? null : atom.constant();
      if (value !== null) atom = value;
    }
    if (typeof atom === "string") {
      constant += atom;
      const closure = closureOf(constant, afterHole);
      if (closure) return { holes, leading, closure };
      continue;
    }
    if (!afterHole && constant === "") leading.add(atom);
    holes.push(atom);
    afterHole = true;
    constant = "";
  }
  return { holes, leading, closure: null };
}

/** A helper's simple parameters bound to the arguments of one call of it. */
function bindParameters(
  sourceCode: SourceCode,
  fn: FunctionNode,
  args: readonly TSESTree.Node[],
  outer: ReadonlyMap<Variable, TSESTree.Node>,
): Map<Variable, TSESTree.Node> {
  const bindings = new Map(outer);
  for (const variable of sourceCode.getDeclaredVariables(fn)) {
    const def = variable.defs.find((candidate) => candidate.type === "Parameter");
    if (!def) continue;
    const index = fn.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param === def.name);
    const argument = index >= 0 ? args[index] : undefined;
    if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) bindings.set(variable, argument);
  }
  return bindings;
}

const NO_BINDINGS: ReadonlyMap<Variable, TSESTree.Node> = new Map();
const MAX_FIXED_DEPTH = 10;

/**
 * Whether an expression cannot carry client input, shown without the data flow (so that a file whose requests only
 * use such values never builds it): constants, `this.x`, `process.env.X`, globals, imports, functions, and
 * variables, calls, helpers' return values and destructured fields made only of them
 * (`const { baseUrl } = resolveConfig()`, `normalize(process.env.API_URL)`). Parameters are not (unless bound to
 * a call's arguments): their callers decide.
 */
export function carriesNoInput(
  sourceCode: SourceCode,
  raw: TSESTree.Node,
  bindings: ReadonlyMap<Variable, TSESTree.Node> = NO_BINDINGS,
  depth = 0,
  seen: Set<Variable> = new Set(),
): boolean {
  const node = skipWrappers(raw);
  if (depth > MAX_FIXED_DEPTH) return false;
  const next = (child: TSESTree.Node) => carriesNoInput(sourceCode, child, bindings, depth + 1, seen);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ClassExpression:
      return true;
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator !== "+" || (next(node.left) && next(node.right));
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.every(next);
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return node.quasi.expressions.every(next);
    case AST_NODE_TYPES.ConditionalExpression:
      return next(node.consequent) && next(node.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      return next(node.left) && next(node.right);
    case AST_NODE_TYPES.AwaitExpression:
      return next(node.argument);
    case AST_NODE_TYPES.SequenceExpression:
      return next(node.expressions[node.expressions.length - 1]);
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.every((element) => element === null || (element.type === AST_NODE_TYPES.SpreadElement ? next(element.argument) : next(element)));
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.every((property) => (property.type === AST_NODE_TYPES.SpreadElement ? next(property.argument) : next(property.value)));
    case AST_NODE_TYPES.MemberExpression: {
      // Down to the root of the chain at one step: `process.env.API_URL`, `this.config.baseUrl`.
      let object = skipWrappers(node.object);
      while (object.type === AST_NODE_TYPES.MemberExpression) object = skipWrappers(object.object);
      return carriesNoInput(sourceCode, object, bindings, depth, seen);
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      // A call carries data only from its arguments and its receiver: `getIssuer()`, `normalize(process.env.URL)`.
      const callee = skipWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && !next(callee.object)) return false;
      return node.arguments.every((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? next(argument.argument) : next(argument)));
    }
    case AST_NODE_TYPES.Identifier:
      return identifierCarriesNoInput(sourceCode, node, bindings, depth, seen);
    default:
      return false;
  }
}

function identifierCarriesNoInput(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
  bindings: ReadonlyMap<Variable, TSESTree.Node>,
  depth: number,
  seen: Set<Variable>,
): boolean {
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0) return true;
  // A cycle (`url = url + "/x"`) adds nothing new.
  if (seen.has(variable)) return true;
  const bound = bindings.get(variable);
  if (bound) return carriesNoInput(sourceCode, bound, bindings, depth + 1, seen);
  if (variable.defs.some((def) => def.type === "Parameter" || def.type === "CatchClause")) return false;
  if (variable.defs.every((def) => def.type === "ImportBinding" || def.type === "FunctionName" || def.type === "ClassName")) return true;
  seen.add(variable);
  const writes = writesOf(variable);
  const next = (child: TSESTree.Node, inner = bindings) => carriesNoInput(sourceCode, child, inner, depth + 1, seen);
  return (
    writes.every((write) => {
      if (write.path === null || write.iterated) return next(write.value);
      if (write.path.length === 0) return next(write.value);
      return fieldCarriesNoInput(sourceCode, write.value, write.path, bindings, depth + 1, seen);
    }) && contentWritesOf(variable).every((value) => next(value))
  );
}

/** `const { baseUrl } = resolveAuth(session)`: the field of the helper's returned objects (or of an object literal). */
function fieldCarriesNoInput(
  sourceCode: SourceCode,
  raw: TSESTree.Node,
  path: readonly string[],
  bindings: ReadonlyMap<Variable, TSESTree.Node>,
  depth: number,
  seen: Set<Variable>,
): boolean {
  // The whole value first (on a copy of `seen`: a failed attempt must not leave variables marked).
  if (carriesNoInput(sourceCode, raw, bindings, depth, new Set(seen))) return true;
  const node = skipWrappers(raw.type === AST_NODE_TYPES.AwaitExpression ? raw.argument : raw);
  if (depth > MAX_FIXED_DEPTH) return false;
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    const property = findProperty(node, path[0]);
    if (!property || node.properties.some((candidate) => candidate.type === AST_NODE_TYPES.SpreadElement)) return false;
    return path.length === 1
      ? carriesNoInput(sourceCode, property.value, bindings, depth + 1, seen)
      : fieldCarriesNoInput(sourceCode, property.value, path.slice(1), bindings, depth + 1, seen);
  }
  const fn = node.type === AST_NODE_TYPES.CallExpression ? functionReferenced(sourceCode, node.callee) : null;
  if (!fn || node.type !== AST_NODE_TYPES.CallExpression) return false;
  const returned = returnExpressions(fn);
  const inner = bindParameters(sourceCode, fn, node.arguments, bindings);
  return returned.length > 0 && returned.every((expression) => fieldCarriesNoInput(sourceCode, expression, path, inner, depth + 1, seen));
}
