import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { calleeName, walk } from "./ast.js";
import type { SourceCode } from "./scope.js";

/** The nodes of one file that the analyses look for, in source order. */
export interface NodeIndex {
  calls: TSESTree.CallExpression[];
  news: TSESTree.NewExpression[];
  imports: TSESTree.ImportExpression[];
  objects: TSESTree.ObjectExpression[];
  classes: Array<TSESTree.ClassDeclaration | TSESTree.ClassExpression>;
  catches: TSESTree.CatchClause[];
}

interface Feed {
  owner: string;
  index: NodeIndex;
}

const fed = new WeakMap<TSESTree.Program, Feed>();
const walked = new WeakMap<TSESTree.Program, NodeIndex>();

function emptyIndex(): NodeIndex {
  return { calls: [], news: [], imports: [], objects: [], classes: [], catches: [] };
}

/**
 * Visitors that fill the file's index during ESLint's own traversal, so that no rule walks the tree again. Only the
 * first rule that asks for a file gets them (the others get `{}`); the index is complete by `Program:exit`.
 */
export function nodeIndexFeeder(sourceCode: SourceCode, ruleId: string): TSESLint.RuleListener {
  const program = sourceCode.ast;
  const existing = fed.get(program);
  if (existing && existing.owner !== ruleId) return {};
  const index = emptyIndex();
  fed.set(program, { owner: ruleId, index });
  return {
    CallExpression: (node) => void index.calls.push(node),
    NewExpression: (node) => void index.news.push(node),
    ImportExpression: (node) => void index.imports.push(node),
    ObjectExpression: (node) => void index.objects.push(node),
    ClassDeclaration: (node) => void index.classes.push(node),
    ClassExpression: (node) => void index.classes.push(node),
    CatchClause: (node) => void index.catches.push(node),
  };
}

/** The index of a file: the one ESLint's traversal fed (once complete), or one built by a walk (other modules). */
export function getNodeIndex(sourceCode: SourceCode): NodeIndex {
  const program = sourceCode.ast;
  const feed = fed.get(program);
  if (feed) return feed.index;
  let index = walked.get(program);
  if (!index) {
    const built = emptyIndex();
    walk(program, (node) => {
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression:
          built.calls.push(node);
          break;
        case AST_NODE_TYPES.NewExpression:
          built.news.push(node);
          break;
        case AST_NODE_TYPES.ImportExpression:
          built.imports.push(node);
          break;
        case AST_NODE_TYPES.ObjectExpression:
          built.objects.push(node);
          break;
        case AST_NODE_TYPES.ClassDeclaration:
        case AST_NODE_TYPES.ClassExpression:
          built.classes.push(node);
          break;
        case AST_NODE_TYPES.CatchClause:
          built.catches.push(node);
          break;
        default:
          break;
      }
    });
    index = built;
    walked.set(program, index);
  }
  return index;
}

const sortedIndexes = new WeakSet<NodeIndex>();

function bySourceOrder(a: TSESTree.Node, b: TSESTree.Node): number {
  return a.range[0] - b.range[0] || b.range[1] - a.range[1];
}

function inSourceOrder(nodes: readonly TSESTree.Node[]): boolean {
  for (let i = 1; i < nodes.length; i++) if (bySourceOrder(nodes[i - 1], nodes[i]) > 0) return false;
  return true;
}

/** The index's calls in source order: traversal order is source order almost everywhere; sorted once when it is not. */
function sortedCalls(index: NodeIndex): TSESTree.CallExpression[] {
  if (!sortedIndexes.has(index)) {
    if (!inSourceOrder(index.calls)) index.calls.sort(bySourceOrder);
    sortedIndexes.add(index);
  }
  return index.calls;
}

/** The calls inside `node` (in source order), by binary search over the index. */
export function callsWithin(index: NodeIndex, node: TSESTree.Node): TSESTree.CallExpression[] {
  const [start, end] = node.range;
  const calls = sortedCalls(index);
  let low = 0;
  let high = calls.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (calls[middle].range[0] < start) low = middle + 1;
    else high = middle;
  }
  const result: TSESTree.CallExpression[] = [];
  for (let i = low; i < calls.length && calls[i].range[0] < end; i++) {
    if (calls[i].range[1] <= end) result.push(calls[i]);
  }
  return result;
}

/** Per index: the positions in the (sorted) call list of the calls of each callee name. */
const byCalleeName = new WeakMap<NodeIndex, Map<string, number[]>>();

/**
 * The calls of the index whose callee has one of `names` (`listen` for `app.listen()`, `fetch` for `fetch()`), in
 * source order: most analyses look for a few method names, and a lookup spares each of them a pass over every call.
 */
export function callsNamed(index: NodeIndex, names: readonly string[]): TSESTree.CallExpression[] {
  const calls = sortedCalls(index);
  let byName = byCalleeName.get(index);
  if (!byName) {
    byName = new Map();
    for (let position = 0; position < calls.length; position++) {
      const name = calleeName(calls[position].callee);
      if (name === null) continue;
      const positions = byName.get(name);
      if (positions) positions.push(position);
      else byName.set(name, [position]);
    }
    byCalleeName.set(index, byName);
  }
  let found: number[] = [];
  let lists = 0;
  for (const name of names) {
    const positions = byName.get(name);
    if (!positions) continue;
    found = lists === 0 ? positions : [...found, ...positions];
    lists++;
  }
  if (lists > 1) found.sort((a, b) => a - b);
  return found.map((position) => calls[position]);
}
