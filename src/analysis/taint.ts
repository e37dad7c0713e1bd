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

/** How often one function's calls are re-examined as more of its parameters become tainted. */
const MAX_VISITS_PER_FUNCTION = 4;

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
 */
export class TaintTracker<S> {
  private readonly tainted = new Map<Variable, S>();
  private readonly reached = new Set<FunctionNode>();

  /**
   * @param seeds client-controlled variables and where they come from
   * @param roots the functions the seeds belong to: only calls made inside them (and inside the helpers they taint)
   *   can pass taint on, so only those are examined
   */
  constructor(
    private readonly flow: DataFlow,
    seeds: Iterable<readonly [Variable, S]>,
    roots: Iterable<FunctionNode>,
    private readonly options: TaintOptions = {},
  ) {
    for (const [variable, source] of seeds) if (!this.tainted.has(variable)) this.tainted.set(variable, source);
    if (this.tainted.size > 0) this.propagateThroughCalls([...roots]);
  }

  get isEmpty(): boolean {
    return this.tainted.size === 0;
  }

  /** The functions client data can enter: the roots, and the same-file helpers they pass it to. */
  get reachedFunctions(): readonly FunctionNode[] {
    return [...this.reached];
  }

  /** The source of tool input in `node`, after guards, or null when the value is not client-controlled. */
  taintOf(node: TSESTree.Node): TaintHit<S> | null {
    if (!this.quickTainted(node)) return null;
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
    this.steps = 0;
    return this.firstSource(this.precise(node, [], new Set()));
  }

  private steps = 0;

  /** Whether client data may reach `node` at all, before guards: a cheap upper bound of `taintOf`. */
  mayBeTainted(node: TSESTree.Node): boolean {
    return this.quickTainted(node);
  }

  private quickTainted(node: TSESTree.Node): boolean {
    for (const variable of this.flow.origins(node)) if (this.tainted.has(variable)) return true;
    return false;
  }

  private firstSource(origins: Origins): S | null {
    for (const variable of origins) {
      const source = this.tainted.get(variable);
      if (source !== undefined) return source;
    }
    return null;
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
          const parts: Origins[] = [this.tainted.has(variable) ? new Set([variable]) : NONE];
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
      if (variables.length === 0 || variables.some((variable) => !this.tainted.has(variable) || survivors.has(variable))) result.add(index);
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

  private propagateThroughCalls(roots: FunctionNode[]): void {
    const worklist = [...new Set(roots)];
    const visits = new Map<FunctionNode, number>();
    const sitesOf = new Map<FunctionNode, CallSite[]>();
    while (worklist.length > 0) {
      const fn = worklist.pop()!;
      this.reached.add(fn);
      const count = visits.get(fn) ?? 0;
      if (count >= MAX_VISITS_PER_FUNCTION) continue;
      visits.set(fn, count + 1);
      let sites = sitesOf.get(fn);
      if (!sites) {
        sites = collectCallSites(this.flow, this.options.callsIn?.(fn) ?? callsWithin(getNodeIndex(this.flow.sourceCode), fn));
        sitesOf.set(fn, sites);
      }
      for (const site of sites) {
        if (this.taintSite(site) && !worklist.includes(site.fn)) worklist.push(site.fn);
      }
    }
  }

  /** Taint the parameters of the function a call site invokes; true when something new was tainted. */
  private taintSite(site: CallSite): boolean {
    if (site.iterated) return this.taintParam(site.fn, 0, site.iterated);
    let changed = false;
    site.call.arguments.forEach((argument, index) => {
      const paramIndex = Math.min(index, site.fn.params.length - 1);
      if (paramIndex < 0) return;
      if (paramIndex < index && site.fn.params[paramIndex].type !== AST_NODE_TYPES.RestElement) return;
      changed = this.taintParam(site.fn, paramIndex, argument) || changed;
    });
    return changed;
  }

  /** Taint the variables of parameter `index` that receive tainted parts of `argument` (destructuring is per field). */
  private taintParam(fn: FunctionNode, index: number, argument: TSESTree.Node): boolean {
    let changed = false;
    for (const [variable, i] of this.flow.paramIndex(fn)) {
      if (i !== index || this.tainted.has(variable)) continue;
      const path = variable.defs[0] ? pathInPattern(variable.defs[0].name as TSESTree.Node) : null;
      const value = path ? this.flow.literalField(argument, path) : argument;
      if (value === undefined) continue;
      let source: S | null = null;
      try {
        source = this.quickTainted(value ?? argument) ? this.preciseSource(value ?? argument) : null;
      } catch (error) {
        if (!(error instanceof BudgetExceeded || error instanceof RangeError)) throw error;
      }
      if (source === null) continue;
      this.tainted.set(variable, source);
      changed = true;
    }
    return changed;
  }
}

function unionOf(parts: Origins[]): Origins {
  const result = new Set<Variable>();
  for (const part of parts) for (const variable of part) result.add(variable);
  return result.size === 0 ? NONE : result;
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
