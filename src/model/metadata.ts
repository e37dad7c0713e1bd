import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { ancestors, calleeName, findProperty, isFunctionNode, skipWrappers, staticKeyName } from "../analysis/ast.js";
import { constantString } from "../analysis/constants.js";
import { functionReferenced, returnExpressions } from "../analysis/dataflow.js";
import { isExport, resolveCallee, resolveValue } from "../analysis/imports.js";
import { callsNamed, getNodeIndex } from "../analysis/node-index.js";
import { variableOf, writesOf, type SourceCode, type Variable } from "../analysis/scope.js";
import { EXTERNAL_READS, PACKAGE_PATH_ROOTS, type ExternalOrigin } from "../knowledge/poisoning.js";
import { fileImports, mayRegisterHandlers } from "./handlers.js";
import type { ModelSettings } from "./settings.js";
import { textIncludes } from "../analysis/text.js";

/** What a text is to the model. */
export type TextRole = "name" | "title" | "description" | "parameter description";

/** A text the server sends to the model with a tool, prompt or resource: a name, title or description. */
export interface MetadataText {
  /** The expression that gives the text (a literal, a reference to a constant, a call). */
  node: TSESTree.Node;
  role: TextRole;
  /** `tool "read_file"`, `prompt "review"`, or null when the owner is not known (a schema defined on its own). */
  owner: string | null;
  /** The owner's own name, when constant: "when the read_file tool is used" in its own description is about itself. */
  ownerName: string | null;
  /** The text, when it is a constant of the file. */
  value: string | null;
}

type OwnerKind = "tool" | "prompt" | "resource";

const memo = new WeakMap<TSESTree.Program, MetadataText[]>();

/** Keys that make an object literal with a name and a description a tool, prompt or resource definition. */
const TOOL_KEYS = new Set(["inputSchema", "input_schema", "parameters", "argsSchema", "schema", "execute", "handler", "annotations", "outputSchema"]);
const PROMPT_KEYS = new Set(["arguments", "messages"]);
const RESOURCE_KEYS = new Set(["uri", "uriTemplate", "mimeType"]);
/** Keys under which an object's properties are parameters (JSON Schema `properties`, mcp-framework `schema`). */
const PARAMETER_CONTAINERS = new Set(["properties", "schema", "inputSchema", "parameters", "argsSchema", "argsShape", "input"]);
/** mcp-framework base classes and what their subclasses define. */
const BASE_CLASSES: Readonly<Record<string, OwnerKind>> = { MCPTool: "tool", MCPPrompt: "prompt", MCPResource: "resource" };

/**
 * The names, titles and descriptions of the tools, prompts and resources a file defines, and the descriptions of
 * their parameters: arguments of `registerTool`/`tool`/`registerPrompt`/`prompt`/`registerResource`/`resource`,
 * definition objects (FastMCP `addTool({...})`, low-level `tools/list` results, `defineTool({...})`), mcp-framework
 * classes, zod `.describe()` texts and JSON Schema `description`s. Built once per file.
 */
export function metadataTexts(sourceCode: SourceCode, settings: ModelSettings): MetadataText[] {
  let texts = memo.get(sourceCode.ast);
  if (!texts) {
    texts = [];
    // Every text sits in a description, a `describe()` or a registration: most modules have none of them.
    const text = sourceCode.text;
    if (!textIncludes(text, "description") && !textIncludes(text, "describe") && !mayRegisterHandlers(sourceCode, settings)) {
      memo.set(sourceCode.ast, texts);
      return texts;
    }
    try {
      collect(sourceCode, settings, texts);
    } catch {
      // A shape the model does not understand contributes nothing; the rule stays silent rather than crash.
    }
    memo.set(sourceCode.ast, texts);
  }
  return texts;
}

/** The methods whose arguments hold metadata: zod's `describe`, and the registrations of tools, prompts and resources. */
const METADATA_METHODS = ["describe", "registerTool", "registerToolTask", "registerPrompt", "registerResource", "tool", "prompt", "resource"];

function collect(sourceCode: SourceCode, settings: ModelSettings, texts: MetadataText[]): void {
  const seen = new Set<TSESTree.Node>();
  const add = (node: TSESTree.Node | null | undefined, role: TextRole, owner: string | null, ownerName: string | null) => {
    if (!node || seen.has(node) || isFunctionNode(node)) return;
    seen.add(node);
    texts.push({ node, role, owner, ownerName, value: constantString(sourceCode, node) });
  };
  const index = getNodeIndex(sourceCode);
  let importsMcp: boolean | undefined;

  for (const call of callsNamed(index, METADATA_METHODS)) {
    const callee = skipWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = staticKeyName(callee);
    if (method === "describe") {
      if (isZodDescribe(sourceCode, call)) add(call.arguments[0], "parameter description", ...ownerAbove(sourceCode, call));
      continue;
    }
    const args = call.arguments;
    if (args.length < 2) continue;
    const mcpLikely = () => (importsMcp ??= fileImports(sourceCode, settings).importsMcp) || /server/i.test(sourceCode.getText(callee.object));
    switch (method) {
      case "registerTool":
      case "registerToolTask":
      case "registerPrompt":
      case "registerResource": {
        const kind: OwnerKind = method === "registerPrompt" ? "prompt" : method === "registerResource" ? "resource" : "tool";
        const name = constantString(sourceCode, args[0]);
        const owner = label(kind, name);
        add(args[0], "name", owner, name);
        const config = objectLiteral(sourceCode, args[kind === "resource" ? 2 : 1] ?? args[1]);
        if (config) addConfig(config, owner, name);
        break;
      }
      case "tool":
      case "prompt":
      case "resource": {
        if (!mcpLikely()) break;
        const kind: OwnerKind = method;
        const name = constantString(sourceCode, args[0]);
        const owner = label(kind, name);
        add(args[0], "name", owner, name);
        if (kind === "resource") {
          const config = args.length >= 4 ? objectLiteral(sourceCode, args[2]) : null;
          if (config) addConfig(config, owner, name);
        } else if (args.length >= 3 && isDescriptionArgument(sourceCode, args[1])) {
          add(args[1], "description", owner, name);
        }
        break;
      }
      default:
        break;
    }
  }

  function addConfig(config: TSESTree.ObjectExpression, owner: string, name: string | null) {
    add(findProperty(config, "title")?.value, "title", owner, name);
    add(findProperty(config, "description")?.value, "description", owner, name);
  }

  for (const object of index.objects) {
    const definition = definitionKind(object);
    if (definition) {
      const nameNode = findProperty(object, "name")?.value;
      const name = nameNode ? constantString(sourceCode, nameNode) : null;
      const owner = label(definition, name);
      if (nameNode) add(nameNode, "name", owner, name);
      add(findProperty(object, "title")?.value, "title", owner, name);
      add(findProperty(object, "description")?.value, "description", owner, name);
      continue;
    }
    if (isParameterObject(object)) add(findProperty(object, "description")?.value, "parameter description", ...ownerAbove(sourceCode, object));
  }

  for (const node of index.classes) {
    const kind = baseClassKind(sourceCode, node);
    if (!kind) continue;
    let name: string | null = null;
    const fields = new Map<string, TSESTree.Node>();
    for (const member of node.body.body) {
      if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static || !member.value) continue;
      const key = staticKeyName(member);
      if (key === "name" || key === "title" || key === "description") fields.set(key, member.value);
    }
    const nameNode = fields.get("name");
    if (nameNode) name = constantString(sourceCode, nameNode);
    const owner = label(kind, name);
    add(nameNode, "name", owner, name);
    add(fields.get("title"), "title", owner, name);
    add(fields.get("description"), "description", owner, name);
  }
}

function label(kind: OwnerKind, name: string | null): string {
  return name === null ? `${kind} (unnamed)` : `${kind} "${name}"`;
}

/** An object literal with a name, a description and the keys of a tool, prompt or resource definition. */
function definitionKind(object: TSESTree.ObjectExpression): OwnerKind | null {
  let hasName = false;
  let hasText = false;
  let kind: OwnerKind | null = null;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = staticKeyName(property);
    if (key === null) continue;
    if (key === "name") hasName = true;
    else if (key === "description" || key === "title") hasText = true;
    else if (TOOL_KEYS.has(key)) kind = "tool";
    else if (RESOURCE_KEYS.has(key)) kind ??= "resource";
    else if (PROMPT_KEYS.has(key)) kind ??= "prompt";
    else if (key === "load") kind ??= "prompt";
  }
  if (kind === "prompt" && findProperty(object, "uri")) kind = "resource";
  return hasName && hasText ? kind : null;
}

/**
 * `{ type: "string", description }` inside JSON Schema `properties`, mcp-framework `schema = { x: { type, description } }`,
 * or an element of a prompt's `arguments: [{ name, description }]`.
 */
function isParameterObject(object: TSESTree.ObjectExpression): boolean {
  if (!findProperty(object, "description")) return false;
  const parent = object.parent;
  if (parent?.type === AST_NODE_TYPES.ArrayExpression) {
    const holder = parent.parent;
    return holder?.type === AST_NODE_TYPES.Property && staticKeyName(holder) === "arguments";
  }
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== object) return false;
  const container = parent.parent;
  if (container?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const holder = container.parent;
  if (holder?.type !== AST_NODE_TYPES.Property && holder?.type !== AST_NODE_TYPES.PropertyDefinition) return false;
  const key = staticKeyName(holder);
  return key !== null && PARAMETER_CONTAINERS.has(key);
}

/** `z.string().describe(text)`: a describe call at the end of a zod chain. */
function isZodDescribe(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  if (call.arguments.length !== 1) return false;
  const callee = skipWrappers(call.callee) as TSESTree.MemberExpression;
  const receiver = skipWrappers(callee.object);
  if (receiver.type !== AST_NODE_TYPES.CallExpression && receiver.type !== AST_NODE_TYPES.MemberExpression) return false;
  let node: TSESTree.Node = receiver;
  while (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.MemberExpression) {
    node = skipWrappers(node.type === AST_NODE_TYPES.CallExpression ? node.callee : node.object);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  if (node.name === "z") return true;
  // A file's schemas start from a few names (`zod`, `import_zod`): each is resolved once.
  const variable = variableOf(sourceCode, node);
  if (variable === null) return false;
  let fromZod = zodRoots.get(variable);
  if (fromZod === undefined) {
    const resolved = resolveValue(sourceCode, node);
    fromZod = resolved !== null && /^zod(?:\/|$)/.test(resolved.module);
    zodRoots.set(variable, fromZod);
  }
  return fromZod;
}

const zodRoots = new WeakMap<Variable, boolean>();

/** The tool, prompt or resource a parameter description belongs to: the nearest registration or definition above it. */
function ownerAbove(sourceCode: SourceCode, node: TSESTree.Node): [string | null, string | null] {
  let depth = 0;
  for (const ancestor of ancestors(node)) {
    if (++depth > 16) break;
    if (ancestor.type === AST_NODE_TYPES.CallExpression && ancestor.arguments.length >= 2) {
      const method = calleeName(ancestor.callee);
      const kind: OwnerKind | null =
        method === "registerTool" || method === "tool" || method === "addTool"
          ? "tool"
          : method === "registerPrompt" || method === "prompt"
            ? "prompt"
            : null;
      if (kind && ancestor.callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = constantString(sourceCode, ancestor.arguments[0]);
        return [label(kind, name), name];
      }
    }
    if (ancestor.type === AST_NODE_TYPES.ObjectExpression) {
      const kind = definitionKind(ancestor);
      if (kind) {
        const nameNode = findProperty(ancestor, "name")?.value;
        const name = nameNode ? constantString(sourceCode, nameNode) : null;
        return [label(kind, name), name];
      }
    }
    if (ancestor.type === AST_NODE_TYPES.ClassBody) {
      const kind = baseClassKind(sourceCode, ancestor.parent);
      if (!kind) break;
      const nameField = ancestor.body.find(
        (member): member is TSESTree.PropertyDefinition => member.type === AST_NODE_TYPES.PropertyDefinition && staticKeyName(member) === "name",
      );
      const name = nameField?.value ? constantString(sourceCode, nameField.value) : null;
      return [label(kind, name), name];
    }
    if (isFunctionNode(ancestor)) break;
  }
  return [null, null];
}

function baseClassKind(sourceCode: SourceCode, node: TSESTree.Node): OwnerKind | null {
  if ((node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) || !node.superClass) return null;
  const superClass = skipWrappers(node.superClass);
  const resolved = resolveValue(sourceCode, superClass);
  const name = resolved?.module === "mcp-framework" ? resolved.path[resolved.path.length - 1] : superClass.type === AST_NODE_TYPES.Identifier ? superClass.name : null;
  return name !== null && name !== undefined && Object.hasOwn(BASE_CLASSES, name) ? BASE_CLASSES[name] : null;
}

/** `tool(name, description, ...)`: the second argument is a description when it is text, not a schema or annotations. */
function isDescriptionArgument(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const inner = skipWrappers(node);
  if (constantString(sourceCode, inner) !== null) return true;
  if (inner.type === AST_NODE_TYPES.TemplateLiteral || (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === "+")) return true;
  return externalOriginOf(sourceCode, inner) !== null;
}

function objectLiteral(sourceCode: SourceCode, node: TSESTree.Node | undefined, depth = 0): TSESTree.ObjectExpression | null {
  if (!node) return null;
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
  if (inner.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const variable = variableOf(sourceCode, inner);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0) return objectLiteral(sourceCode, writes[0].value, depth + 1);
  }
  return null;
}

/** Calls that only reshape text (`JSON.parse`, `String`, `Buffer.from`): their result carries their first argument. */
const RESHAPING_CALLS: ReadonlyArray<readonly [string, ...string[]]> = [
  ["globalThis", "JSON", "parse"],
  ["globalThis", "String"],
  ["globalThis", "Buffer", "from"],
  ["buffer", "Buffer", "from"],
];

const MAX_TRACE_DEPTH = 10;

/**
 * Whether a text is read at run time from the network or from a file outside the package: `await res.text()` after
 * `fetch`, `readFileSync(process.env.DESCRIPTIONS)`, through variables, property reads, method calls on the result,
 * `JSON.parse`, template literals and concatenation, and same-file functions that return such data. A file read from
 * a constant path or one built from `__dirname`/`import.meta.url` ships with the code and does not count.
 */
export function externalOriginOf(sourceCode: SourceCode, node: TSESTree.Node): ExternalOrigin | null {
  try {
    return trace(sourceCode, node, 0, new Set());
  } catch {
    return null;
  }
}

function trace(sourceCode: SourceCode, raw: TSESTree.Node, depth: number, seen: Set<TSESTree.Node>): ExternalOrigin | null {
  if (depth > MAX_TRACE_DEPTH || seen.has(raw)) return null;
  seen.add(raw);
  const node = skipWrappers(raw);
  const next = (child: TSESTree.Node | null | undefined) => (child ? trace(sourceCode, child, depth + 1, seen) : null);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = variableOf(sourceCode, node);
      if (!variable || variable.defs.length === 0) return null;
      for (const write of writesOf(variable)) {
        const origin = next(write.value);
        if (origin) return origin;
      }
      return null;
    }
    case AST_NODE_TYPES.MemberExpression:
      return next(node.object);
    case AST_NODE_TYPES.TemplateLiteral:
      for (const expression of node.expressions) {
        const origin = next(expression);
        if (origin) return origin;
      }
      return null;
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === "+" ? (next(node.left) ?? next(node.right)) : null;
    case AST_NODE_TYPES.LogicalExpression:
      return next(node.left) ?? next(node.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return next(node.consequent) ?? next(node.alternate);
    case AST_NODE_TYPES.AwaitExpression:
      return next(node.argument);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const resolved = resolveCallee(sourceCode, node);
      if (resolved) {
        const read = EXTERNAL_READS.find((entry) => entry.module === resolved.module && (entry.path === null || isExport(resolved, entry.module, ...entry.path)));
        if (read) {
          if (read.origin === "file" && node.arguments.length > 0 && isPackagePath(sourceCode, node.arguments[0], 0)) return null;
          return read.origin;
        }
        if (RESHAPING_CALLS.some(([module, ...path]) => isExport(resolved, module, ...path))) return next(node.arguments[0]);
      }
      if (node.type === AST_NODE_TYPES.NewExpression) return null;
      const fn = functionReferenced(sourceCode, node.callee);
      if (fn) {
        for (const value of returnExpressions(fn)) {
          const origin = next(value);
          if (origin) return origin;
        }
        return null;
      }
      const callee = skipWrappers(node.callee);
      // `res.text()`, `body.toString("utf8")`, `data.trim()`: the result carries the receiver's data.
      return callee.type === AST_NODE_TYPES.MemberExpression ? next(callee.object) : null;
    }
    default:
      return null;
  }
}

/** A path that names a file of the package: constants, `__dirname`, `import.meta.url`, and `path`/`URL` calls of them. */
function isPackagePath(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): boolean {
  if (depth > 6) return false;
  const node = skipWrappers(raw);
  if (constantString(sourceCode, node) !== null) return true;
  const text = sourceCode.getText(node);
  if (PACKAGE_PATH_ROOTS.has(text)) return true;
  switch (node.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = variableOf(sourceCode, node);
      const writes = variable ? writesOf(variable) : [];
      return writes.length > 0 && writes.every((write) => isPackagePath(sourceCode, write.value, depth + 1));
    }
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.every((expression) => isPackagePath(sourceCode, expression, depth + 1));
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === "+" && isPackagePath(sourceCode, node.left, depth + 1) && isPackagePath(sourceCode, node.right, depth + 1);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return node.arguments.length > 0 && node.arguments.every((argument) => isPackagePath(sourceCode, argument, depth + 1));
    case AST_NODE_TYPES.MemberExpression:
      return text.startsWith("import.meta.");
    default:
      return false;
  }
}
