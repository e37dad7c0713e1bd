import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { accessPathKey, isFunctionNode, skipWrappers, staticKeyName, walk, type FunctionNode } from "./ast.js";
import { functionReferenced, returnExpressions, type DataFlow } from "./dataflow.js";
import { callsWithin, getNodeIndex } from "./node-index.js";
import { isGuarded } from "./guards.js";
import { contentWritesOf, pathInPattern, writesOf, type Variable } from "./scope.js";

export interface TaintOptions {
  /** The calls inside a function; by default from the file's node index. */
  callsIn?: (fn: FunctionNode) => readonly TSESTree.CallExpression[];
  /**
   * Whether field `name` of `object` cannot carry injectable data although `object` is tainted: the framework
   * validated it against a finite schema (`z.enum`, `z.literal`, `z.boolean`).
   */
  isSafeField?: (object: TSESTree.Node, name: string) => boolean;
  /**
   * A flow over the same file whose origins include this tracker's own (its knowledge cleans less): its memoised
   * origins, shared with other trackers, decide cheaply where the guard-aware trace need not look.
   */
  bound?: DataFlow;
}

/** Where a tainted value at a sink came from. */
export interface TaintHit<S> {
  source: S;
  /** The outermost access path (or identifier) inside the queried expression that carries the taint. */
  leaf: TSESTree.Node;
}

type Origins = ReadonlySet<Variable>;
const NONE: Origins = new Set();
/** Guard-aware steps one query may take: past it, the value counts as not analysable and is not reported. */
const PRECISE_BUDGET = 20_000;
/** Copies a value went through whose guards still count (the nearest ones: a guard usually sits by its use). */
const MAX_SITES = 4;

class BudgetExceeded extends Error {}

interface CallSite {
  call: TSESTree.CallExpression;
  fn: FunctionNode;
  /** For `xs.forEach(fn)`: the callback's first parameter receives elements of the receiver. */
  iterated: TSESTree.Node | null;
}

/**
 * Taint from a set of seed variables (the client-controlled parameters of handlers) to any expression of the file,
 * through same-file calls (a helper's parameter is tainted when some call passes it tainted data, so the report lands
 * at the sink inside the helper) and with dominating guards applied on the way.
 *
 * Demand-driven: a helper's parameter is judged only when a query's trace reaches it, from the calls that invoke the
 * helper inside the functions the roots reach, so a sink in a handler costs its own trace and nothing of the helpers.
 */
export class TaintTracker<S> {
  private readonly seeds = new Map<Variable, S>();
  private readonly roots: ReadonlySet<FunctionNode>;
  /** For each function the roots reach through same-file calls, the calls that invoke it; made when first needed. */
  private sitesByCallee: Map<FunctionNode, CallSite[]> | null = null;
  private readonly reachable: FunctionNode[] = [];
  private readonly paramSources = new Map<Variable, S | null>();
  private readonly judging = new Set<Variable>();
  /** Set when a judgement met a parameter still being judged (recursion): its negative answer is then provisional. */
  private metJudging = false;

  /**
   * @param seeds client-controlled variables and where they come from
   * @param roots the functions the seeds belong to: only calls made inside them (and inside the helpers they call)
   *   can pass taint on, so only those are examined
   */
  constructor(
    private readonly flow: DataFlow,
    seeds: Iterable<readonly [Variable, S]>,
    roots: Iterable<FunctionNode>,
    private readonly options: TaintOptions = {},
  ) {
    for (const [variable, source] of seeds) if (!this.seeds.has(variable)) this.seeds.set(variable, source);
    this.roots = new Set(roots);
  }

  get isEmpty(): boolean {
    return this.seeds.size === 0;
  }

  /**
   * The functions client data can enter: the roots and the same-file helpers they call (whether a call passes client
   * data is for the caller to ask of each argument).
   */
  get reachedFunctions(): readonly FunctionNode[] {
    if (this.seeds.size === 0) return [];
    this.callGraph();
    return this.reachable;
  }

  /**
   * The calls through which client data can reach `fn` from the roots (same-file calls inside the reached functions),
   * or null when there are none or one passes it an element of a collection (`xs.forEach(fn)`): a helper's parameter
   * holds what these calls pass when it holds client data, whatever its other callers pass.
   */
  callsReaching(fn: FunctionNode): TSESTree.CallExpression[] | null {
    if (this.seeds.size === 0) return null;
    const sites = this.callGraph().get(fn);
    if (!sites || sites.length === 0 || sites.some((site) => site.iterated !== null)) return null;
    return [...new Set(sites.map((site) => site.call))];
  }

  /** The source of tool input in `node`, after guards, or null when the value is not client-controlled. */
  taintOf(node: TSESTree.Node): TaintHit<S> | null {
    if (this.seeds.size === 0 || !this.quickTainted(node)) return null;
    try {
      const source = this.preciseSource(node);
      if (source === null) return null;
      return { source, leaf: this.findLeaf(node) ?? node };
    } catch (error) {
      if (error instanceof BudgetExceeded || error instanceof RangeError) return null;
      throw error;
    }
  }

  /** The source of a guard-aware trace of `node`, within the step budget (which throws when exceeded). */
  private preciseSource(node: TSESTree.Node): S | null {
    // A helper's parameter judged inside another trace gets its own budget; the outer trace resumes with its own.
    const outer = this.steps;
    this.steps = 0;
    try {
      return this.firstSource(this.precise(node, [], new Set()));
    } finally {
      this.steps = outer;
    }
  }

  private steps = 0;

  /** Whether client data may reach `node` at all, before guards: a cheap upper bound of `taintOf`. */
  mayBeTainted(node: TSESTree.Node): boolean {
    return this.seeds.size > 0 && this.quickTainted(node);
  }

  private quickTainted(node: TSESTree.Node): boolean {
    for (const variable of (this.options.bound ?? this.flow).origins(node)) if (this.sourceOf(variable) !== null) return true;
    return false;
  }

  private firstSource(origins: Origins): S | null {
    for (const variable of origins) {
      const source = this.sourceOf(variable);
      if (source !== null) return source;
    }
    return null;
  }

  /** Where a variable's client data comes from: a seed's source, or for a helper's parameter, a call passing it. */
  private sourceOf(variable: Variable): S | null {
    const seed = this.seeds.get(variable);
    if (seed !== undefined) return seed;
    const def = variable.defs[0];
    if (def?.type !== "Parameter") return null;
    const cached = this.paramSources.get(variable);
    if (cached !== undefined) return cached;
    if (this.judging.has(variable)) {
      this.metJudging = true;
      return null;
    }
    const outerMet = this.metJudging;
    this.metJudging = false;
    this.judging.add(variable);
    let source: S | null = null;
    try {
      source = this.paramSource(variable, def.node as FunctionNode);
    } finally {
      this.judging.delete(variable);
    }
    // A "no" that leaned on a parameter still being judged may change once that one is known: asked again later.
    if (source !== null || !this.metJudging) this.paramSources.set(variable, source);
    this.metJudging = outerMet || this.metJudging;
    return source;
  }

  /** The source of the first call (inside the reached functions) that passes client data to this parameter. */
  private paramSource(variable: Variable, fn: FunctionNode): S | null {
    const index = this.flow.paramIndex(fn).get(variable);
    if (index === undefined) return null;
    const path = pathInPattern(variable.defs[0].name as TSESTree.Node);
    for (const site of this.callGraph().get(fn) ?? []) {
      for (const argument of argumentsFor(site, index)) {
        const value = path ? this.flow.literalField(argument, path) : argument;
        if (value === undefined) continue;
        try {
          const source = this.quickTainted(value ?? argument) ? this.preciseSource(value ?? argument) : null;
          if (source !== null) return source;
        } catch (error) {
          if (!(error instanceof BudgetExceeded || error instanceof RangeError)) throw error;
        }
      }
    }
    return null;
  }

  /** The calls between same-file functions reachable from the roots, by the function they invoke. */
  private callGraph(): Map<FunctionNode, CallSite[]> {
    if (this.sitesByCallee) return this.sitesByCallee;
    const byCallee = new Map<FunctionNode, CallSite[]>();
    this.sitesByCallee = byCallee;
    const seen = new Set<FunctionNode>(this.roots);
    const recorded = new Set<string>();
    const queue = [...this.roots];
    for (let next = 0; next < queue.length; next++) {
      const fn = queue[next];
      this.reachable.push(fn);
      const callsIn = this.options.callsIn;
      for (const site of callsIn ? collectCallSites(this.flow, callsIn(fn)) : callSitesIn(this.flow, fn)) {
        // A nested function's calls are also its enclosing function's: each call is one site.
        const key = `${site.call.range[0]}:${site.fn.range[0]}:${site.iterated ? 1 : 0}`;
        if (recorded.has(key)) continue;
        recorded.add(key);
        const sites = byCallee.get(site.fn);
        if (sites) sites.push(site);
        else byCallee.set(site.fn, [site]);
        if (!seen.has(site.fn)) {
          seen.add(site.fn);
          queue.push(site.fn);
        }
      }
    }
    return byCallee;
  }

  /** Guard-aware origins: `sites` are the places the value was copied through, where a guard also counts. */
  private precise(node: TSESTree.Node, sites: readonly TSESTree.Node[], expanding: Set<Variable>): Origins {
    if (!this.quickTainted(node)) return NONE;
    if (++this.steps > PRECISE_BUDGET) throw new BudgetExceeded();
    if (this.isSafeRead(node)) return NONE;
    const key = accessPathKey(node);
    if (key !== null) {
      const sourceCode = this.flow.sourceCode;
      const guards = this.flow.knowledge.guards;
      if (isGuarded(sourceCode, key, node, guards) || sites.some((site) => isGuarded(sourceCode, key, site, guards))) return NONE;
    }
    return this.flow.compute(
      node,
      (child) => this.precise(child, sites, expanding),
      (variable) => {
        if (expanding.has(variable)) return NONE;
        expanding.add(variable);
        try {
          const parts: Origins[] = [this.sourceOf(variable) !== null ? new Set([variable]) : NONE];
          for (const write of writesOf(variable)) {
            // `const { mode } = args` reads field `mode` of `args`: a field the caller declared safe stays safe.
            if (write.path && write.path.length > 0 && this.options.isSafeField?.(write.value, write.path[0])) continue;
            parts.push(this.precise(write.value, [...sites.slice(1 - MAX_SITES), write.site], expanding));
          }
          for (const value of contentWritesOf(variable)) parts.push(this.precise(value, [...sites.slice(1 - MAX_SITES), value], expanding));
          return unionOf(parts);
        } finally {
          expanding.delete(variable);
        }
      },
      (fn) => this.guardedReturnedParams(fn),
    );
  }

  private readonly guardedReturnsMemo = new Map<FunctionNode, ReadonlySet<number>>();

  /**
   * The parameters of a same-file helper whose client data survives to its return value, with the helper's own guards
   * applied (`if (!resolved.startsWith(root + sep)) throw ...; return resolved;` returns nothing client-controlled). A
   * parameter the tracker never tainted cannot be judged this way and keeps the flow-insensitive answer.
   */
  private guardedReturnedParams(fn: FunctionNode): ReadonlySet<number> {
    const cached = this.guardedReturnsMemo.get(fn);
    if (cached) return cached;
    const plain = this.flow.returnedParams(fn);
    if (plain.size === 0) return plain;
    const result = new Set<number>();
    // Recursion through the same helper sees the flow-insensitive answer rather than looping.
    this.guardedReturnsMemo.set(fn, plain);
    const byIndex = new Map<number, Variable[]>();
    for (const [variable, index] of this.flow.paramIndex(fn)) byIndex.set(index, [...(byIndex.get(index) ?? []), variable]);
    const survivors = new Set<Variable>();
    for (const expression of returnExpressions(fn)) for (const variable of this.precise(expression, [], new Set())) survivors.add(variable);
    for (const index of plain) {
      const variables = byIndex.get(index) ?? [];
      if (variables.length === 0 || variables.some((variable) => this.sourceOf(variable) === null || survivors.has(variable))) result.add(index);
    }
    this.guardedReturnsMemo.set(fn, result);
    return result;
  }

  private isSafeRead(node: TSESTree.Node): boolean {
    const inner = skipWrappers(node);
    if (!this.options.isSafeField || inner.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = staticKeyName(inner);
    return name !== null && this.options.isSafeField(inner.object, name);
  }

  /** The first (source order) outermost access path inside `node` that is tainted on its own. */
  private findLeaf(node: TSESTree.Node): TSESTree.Node | null {
    let found: TSESTree.Node | null = null;
    walk(node, (current) => {
      if (found) return false;
      if (isFunctionNode(current)) return false;
      const inner = skipWrappers(current);
      const parent = current.parent;
      const isCallee = parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === current;
      if (accessPathKey(inner) !== null && current === inner && !(isCallee && current.type === AST_NODE_TYPES.MemberExpression)) {
        if (this.preciseSource(current) !== null) found = current;
        return false;
      }
      return true;
    });
    return found;
  }
}

/** The arguments of a call site that parameter `index` of the invoked function receives. */
function argumentsFor(site: CallSite, index: number): TSESTree.Node[] {
  if (site.iterated) return index === 0 ? [site.iterated] : [];
  const params = site.fn.params;
  const last = params.length - 1;
  if (last < 0) return [];
  const rest = params[last].type === AST_NODE_TYPES.RestElement;
  return site.call.arguments.filter((_, position) => (position < last ? position === index : position === last ? index === last : rest && index === last));
}

function unionOf(parts: Origins[]): Origins {
  const result = new Set<Variable>();
  for (const part of parts) for (const variable of part) result.add(variable);
  return result.size === 0 ? NONE : result;
}

const callSitesMemo = new WeakMap<ReadonlySet<string>, WeakMap<FunctionNode, CallSite[]>>();

/** The call sites in a function (from the file's node index), shared by every tracker of the file. */
function callSitesIn(flow: DataFlow, fn: FunctionNode): CallSite[] {
  const methods = flow.knowledge.iteratingMethods;
  let byFunction = callSitesMemo.get(methods);
  if (!byFunction) {
    byFunction = new WeakMap();
    callSitesMemo.set(methods, byFunction);
  }
  let sites = byFunction.get(fn);
  if (!sites) {
    sites = collectCallSites(flow, callsWithin(getNodeIndex(flow.sourceCode), fn));
    byFunction.set(fn, sites);
  }
  return sites;
}

/** Calls made in a function's body (nested functions included) to same-file functions and iterating callbacks. */
function collectCallSites(flow: DataFlow, calls: readonly TSESTree.CallExpression[]): CallSite[] {
  const sites: CallSite[] = [];
  for (const node of calls) {
    const fn = functionReferenced(flow.sourceCode, node.callee);
    // Named helpers, `this.method(...)` and IIFEs alike.
    if (fn) sites.push({ call: node, fn, iterated: null });
    const callee = skipWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = staticKeyName(callee);
      const callback = node.arguments.length > 0 ? skipWrappers(node.arguments[0]) : null;
      if (method && flow.knowledge.iteratingMethods.has(method) && callback && isFunctionNode(callback)) {
        sites.push({ call: node, fn: callback, iterated: callee.object });
      }
    }
  }
  return sites;
}
