import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { accessPathKey, calleeName, findProperty, isFunctionNode, skipWrappers, staticKeyName, type FunctionNode } from "../analysis/ast.js";
import { regExpOf } from "../analysis/guards.js";
import { callsNamed, getNodeIndex } from "../analysis/node-index.js";
import { constantString } from "../analysis/constants.js";
import { functionReferenced } from "../analysis/dataflow.js";
import { importedModules, resolveCallee, resolveValue } from "../analysis/imports.js";
import { filenameOf, findExport, isLocalSpecifier, loadModule, resolveLocalModule } from "../analysis/modules.js";
import { objectLiteralOf, variableOf, writesOf, type SourceCode } from "../analysis/scope.js";
import {
  AGENT_TOOL_MODULES,
  BASE_CLASS_HANDLERS,
  HANDLER_METHOD_NAMES,
  HANDLER_TEXT_HINT,
  HANDLER_PROPERTY_NAMES,
  INPUT_PARAM_NAME,
  LOW_LEVEL_REQUESTS,
  REGISTRATION_METHODS,
  SCHEMA_PROPERTY_NAMES,
  frameworkOfModule,
  type Framework,
} from "../knowledge/frameworks.js";
import type { ModelSettings } from "./settings.js";
import { textIncludes } from "../analysis/text.js";

export type HandlerKind = "tool" | "resource" | "prompt";

/** A function the MCP framework calls with client-controlled input. */
export interface McpHandler {
  kind: HandlerKind;
  /** Static name of the tool/resource/prompt, when known. */
  name: string | null;
  /** How messages name it: `tool "git_log"`, `resource template "file"`, `tools/call handler`. */
  label: string;
  framework: Framework;
  /** The registration call, definition object or class. */
  node: TSESTree.Node;
  fn: FunctionNode;
  /** Parameters whose values come from the client (tool arguments, template variables, the raw request). */
  inputParams: TSESTree.Parameter[];
  /** The request-context parameter (`extra`, `ctx`, `context`), if any. */
  contextParam: TSESTree.Parameter | null;
  /**
   * Input fields the framework validates before the handler runs, with how: a finite schema (`z.enum`, `z.literal`,
   * `z.boolean`: no injected text possible) or a pattern (`z.string().regex(/^[a-f0-9-]+$/)`: safe when anchored and
   * accepted by the sink family). Empty for low-level handlers, which validate nothing.
   */
  validatedFields: ReadonlyMap<string, FieldValidation>;
  /** The input schema the framework validates the arguments against (as written at the registration), if any. */
  inputSchema?: TSESTree.Node | null;
}

interface Detection {
  kind: HandlerKind;
  name: string | null;
  label?: string;
  target: HandlerTarget;
  inputIndexes: number[];
  contextIndex: number | null;
  /** The input schema the framework validates the arguments against, when it does. */
  schema?: TSESTree.Node | null;
}

/** A handler registered by reference to a function imported from another module of the project. */
export interface ImportedHandler {
  kind: HandlerKind;
  name: string | null;
  label: string;
  /** The reference in the registration (`handleRead` in `registerTool("read", cfg, handleRead)`). */
  reference: TSESTree.Node;
  /** How the registration names it (`handleRead`, `handlers.read`). */
  referenceText: string;
  module: string;
  exportPath: readonly string[];
  inputIndexes: number[];
}

/** What a registration names as its handler: a function of this file, or an export of another project module. */
type HandlerTarget =
  | { fn: FunctionNode }
  | { fn: null; reference: TSESTree.Node; module: string; exportPath: readonly string[] };

/** Handlers found at one registration, class or definition. */
export interface Found {
  handlers: McpHandler[];
  imported: ImportedHandler[];
}

/** Recognise a handler registration at a call (`server.registerTool(...)`, `addTool({...})`, ...). */
export function handlersOfCall(sourceCode: SourceCode, call: TSESTree.CallExpression, framework: Framework, mcpImported: boolean): Found {
  const method = registrationMethodOf(call);
  if (method === null) return NOTHING;
  const callee = skipWrappers(call.callee) as TSESTree.MemberExpression;
  return toFound(detect(sourceCode, method, call, mcpImported || /server/i.test(receiverName(callee.object))), call, framework, sourceCode);
}

/** The registration method a call names (`server.registerTool(...)` gives `registerTool`), or null. */
function registrationMethodOf(call: TSESTree.CallExpression): string | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = staticKeyName(callee);
  return method !== null && REGISTRATION_METHODS.has(method) ? method : null;
}

const NOTHING: Found = { handlers: [], imported: [] };

function detect(sourceCode: SourceCode, method: string, call: TSESTree.CallExpression, mcpLikely: boolean): Detection[] {
  const args = call.arguments;
  switch (method) {
    case "registerTool":
      return args.length >= 3 ? fromRegister(sourceCode, "tool", args, "inputSchema") : [];
    case "registerPrompt":
      return args.length >= 3 ? fromRegister(sourceCode, "prompt", args, "argsSchema") : [];
    case "tool":
      return mcpLikely ? fromLegacyTool(sourceCode, args) : [];
    case "prompt":
      return mcpLikely ? fromLegacyPrompt(sourceCode, args) : [];
    case "registerResource":
    case "resource":
      return mcpLikely || method === "registerResource" ? fromResource(sourceCode, args) : [];
    case "setRequestHandler":
      return fromLowLevel(sourceCode, args);
    case "addTool":
    case "addResourceTemplate":
    case "addPrompt":
      return args.length > 0 ? fromDefinition(sourceCode, method, args[0]) : [];
    case "addTools": {
      const list = args.length > 0 ? skipWrappers(args[0]) : null;
      if (list?.type !== AST_NODE_TYPES.ArrayExpression) return [];
      return list.elements.flatMap((element) => (element ? fromDefinition(sourceCode, "addTool", element) : []));
    }
    default:
      return [];
  }
}

/** `registerTool(name, config, cb)` / `registerPrompt(name, config, cb)`: input only when the config has a schema. */
function fromRegister(sourceCode: SourceCode, kind: HandlerKind, args: TSESTree.CallExpressionArgument[], schemaKey: string): Detection[] {
  const target = handlerTarget(sourceCode, args[args.length - 1]);
  if (!target) return [];
  const config = objectLiteralOf(sourceCode, args[1]);
  const hasSchema = config === null || hasUnknownShape(config) || findProperty(config, schemaKey) !== null;
  const schema = config ? (findProperty(config, schemaKey)?.value ?? null) : null;
  return [{ kind, name: nameOf(sourceCode, args[0]), target, inputIndexes: hasSchema ? [0] : [], contextIndex: hasSchema ? 1 : 0, schema }];
}

/** `tool(name, [description], [shape], [annotations], cb)`: input when some argument is a schema shape. */
function fromLegacyTool(sourceCode: SourceCode, args: TSESTree.CallExpressionArgument[]): Detection[] {
  if (args.length < 2) return [];
  const target = handlerTarget(sourceCode, args[args.length - 1]);
  if (!target) return [];
  const middle = args.slice(1, -1);
  const schema = middle.find((arg) => isShapeLike(sourceCode, arg)) ?? null;
  return [{ kind: "tool", name: nameOf(sourceCode, args[0]), target, inputIndexes: schema ? [0] : [], contextIndex: schema ? 1 : 0, schema }];
}

function fromLegacyPrompt(sourceCode: SourceCode, args: TSESTree.CallExpressionArgument[]): Detection[] {
  if (args.length < 2) return [];
  const target = handlerTarget(sourceCode, args[args.length - 1]);
  if (!target) return [];
  const hasShape = args.slice(1, -1).some((arg) => isShapeLike(sourceCode, arg));
  return [{ kind: "prompt", name: nameOf(sourceCode, args[0]), target, inputIndexes: hasShape ? [0] : [], contextIndex: hasShape ? 1 : 0 }];
}

/** `registerResource(name, template, config, cb)`: the URI and the template variables are client input. */
function fromResource(sourceCode: SourceCode, args: TSESTree.CallExpressionArgument[]): Detection[] {
  if (args.length < 3) return [];
  const target = handlerTarget(sourceCode, args[args.length - 1]);
  if (!target || !isResourceTemplate(sourceCode, args[1])) return [];
  return [{ kind: "resource", name: nameOf(sourceCode, args[0]), label: `resource template "${nameOf(sourceCode, args[0]) ?? "?"}"`, target, inputIndexes: [0, 1], contextIndex: 2 }];
}

/** `setRequestHandler(CallToolRequestSchema | "tools/call", (request, extra) => ...)`. */
function fromLowLevel(sourceCode: SourceCode, args: TSESTree.CallExpressionArgument[]): Detection[] {
  if (args.length !== 2) return [];
  const request = lowLevelRequest(sourceCode, args[0]);
  const target = request ? handlerTarget(sourceCode, args[1]) : null;
  if (!request || !target) return [];
  return [{ kind: request.kind, name: null, label: request.label, target, inputIndexes: [0], contextIndex: 1 }];
}

function lowLevelRequest(sourceCode: SourceCode, node: TSESTree.Node): (typeof LOW_LEVEL_REQUESTS)[string] | null {
  const inner = skipWrappers(node);
  const text = constantString(sourceCode, inner);
  if (text !== null) return LOW_LEVEL_REQUESTS[text] ?? null;
  const resolved = resolveValue(sourceCode, inner);
  const name = resolved?.path[resolved.path.length - 1] ?? (inner.type === AST_NODE_TYPES.Identifier ? inner.name : null);
  return name !== null && Object.hasOwn(LOW_LEVEL_REQUESTS, name) && name.endsWith("Schema") ? LOW_LEVEL_REQUESTS[name] : null;
}

/** FastMCP `addTool({ name, parameters, execute })`, `addResourceTemplate({ load })`, `addPrompt({ load })`. */
function fromDefinition(sourceCode: SourceCode, method: string, node: TSESTree.Node): Detection[] {
  const definition = objectLiteralOf(sourceCode, node);
  if (!definition) return [];
  const functionKey = method === "addTool" ? "execute" : "load";
  const property = findProperty(definition, functionKey);
  const target = property ? handlerTarget(sourceCode, property.value) : null;
  if (!target) return [];
  const nameProperty = findProperty(definition, "name");
  const name = nameProperty ? nameOf(sourceCode, nameProperty.value) : null;
  const schema = findProperty(definition, "parameters")?.value ?? null;
  if (method === "addTool") return [{ kind: "tool", name, target, inputIndexes: [0], contextIndex: 1, schema }];
  if (method === "addResourceTemplate") {
    return [{ kind: "resource", name, label: `resource template "${name ?? "?"}"`, target, inputIndexes: [0], contextIndex: 2 }];
  }
  return [{ kind: "prompt", name, target, inputIndexes: [0], contextIndex: 2 }];
}

/**
 * A tool class: mcp-framework `class X extends MCPTool { name = "x"; async execute(input) {} }`, or a class that
 * extends a project's own tool base class and has a schema field and an `execute`/`run`/`handle` method.
 */
export function handlersOfClass(sourceCode: SourceCode, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, settings: ModelSettings): Found {
  if (!node.superClass) return NOTHING;
  const superClass = skipWrappers(node.superClass);
  const resolved = resolveValue(sourceCode, superClass);
  const baseName =
    resolved && resolved.module === "mcp-framework"
      ? resolved.path[resolved.path.length - 1]
      : superClass.type === AST_NODE_TYPES.Identifier
        ? superClass.name
        : null;
  const known = baseName && Object.hasOwn(BASE_CLASS_HANDLERS, baseName) ? BASE_CLASS_HANDLERS[baseName] : null;
  const members = classMembers(sourceCode, node);
  if (known) {
    const fn = members.methods.get(known.method);
    if (!fn) return NOTHING;
    const detection: Detection = { kind: known.kind, name: members.name, target: { fn }, inputIndexes: [0], contextIndex: null, schema: members.schema };
    return toFound([detection], node, "mcp-framework", sourceCode);
  }
  const namedInSettings = baseName !== null && settings.toolBaseClasses.includes(baseName);
  if (!members.hasSchema && !namedInSettings) return NOTHING;
  const method = [...HANDLER_METHOD_NAMES].find((name) => members.methods.has(name));
  const fn = method ? members.methods.get(method)! : null;
  if (!fn || fn.params.length === 0) return NOTHING;
  return toFound([{ kind: "tool", name: members.name, target: { fn }, inputIndexes: [inputParamIndex(fn)], contextIndex: null }], node, "unknown", sourceCode);
}

function classMembers(sourceCode: SourceCode, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression) {
  const methods = new Map<string, FunctionNode>();
  let name: string | null = null;
  let hasSchema = false;
  let schema: TSESTree.Node | null = null;
  for (const member of node.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (member.static) continue;
    const key = staticKeyName(member);
    if (key === null) continue;
    if (member.value && isFunctionNode(member.value)) methods.set(key, member.value);
    if (key === "name" && member.type === AST_NODE_TYPES.PropertyDefinition && member.value) name = nameOf(sourceCode, member.value);
    if (SCHEMA_PROPERTY_NAMES.has(key) && member.type === AST_NODE_TYPES.PropertyDefinition && member.value) {
      hasSchema = true;
      schema = member.value;
    }
  }
  return { methods, name, hasSchema, schema };
}

/**
 * A tool definition object wherever it sits (`defineTool({...})`, `tool("x", {...})`, an exported const, an array
 * element): a name or description, an input schema, and a handler function.
 */
export function handlersOfDefinition(sourceCode: SourceCode, object: TSESTree.ObjectExpression, forced: boolean): Found {
  let hasSchema = false;
  let hasLabel = false;
  // Evaluated only for a definition: most objects with a `name` are not one.
  let nameNode: TSESTree.Node | null = null;
  let target: HandlerTarget | null = null;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = staticKeyName(property);
    if (key === null) continue;
    if (SCHEMA_PROPERTY_NAMES.has(key)) hasSchema = true;
    if (key === "name" || key === "description" || key === "title") hasLabel = true;
    if (key === "name") nameNode = property.value;
    if (HANDLER_PROPERTY_NAMES.has(key) && !target) target = handlerTarget(sourceCode, property.value);
  }
  // `definePageTool({ schema: { name, inputSchema }, handle })`: the label sits in a nested schema object.
  if (!hasLabel) {
    const schema = findProperty(object, "schema");
    const nested = schema ? objectLiteralOf(sourceCode, schema.value) : null;
    if (nested && (findProperty(nested, "name") || findProperty(nested, "description"))) {
      hasLabel = true;
      nameNode = findProperty(nested, "name")?.value ?? null;
    }
  }
  if (!target || (target.fn && target.fn.params.length === 0)) return NOTHING;
  const helperName = nameFromHelperCall(sourceCode, object);
  if (!forced && (!hasSchema || (!hasLabel && helperName === null) || isAgentLibraryTool(sourceCode, object))) return NOTHING;
  const name = (nameNode ? nameOf(sourceCode, nameNode) : null) ?? helperName;
  const inputIndexes = [target.fn ? inputParamIndex(target.fn) : 0];
  return toFound([{ kind: "tool", name, target, inputIndexes, contextIndex: null }], object, "unknown", sourceCode);
}

/** `tool({ inputSchema, execute })` of the Vercel AI SDK, and the like: a tool for the application's own model. */
function isAgentLibraryTool(sourceCode: SourceCode, object: TSESTree.ObjectExpression): boolean {
  const parent = object.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) return false;
  const resolved = resolveCallee(sourceCode, parent);
  return resolved !== null && AGENT_TOOL_MODULES.has(resolved.module);
}

/** `tool("echo", { input, handler })`: the name is the helper's first argument. */
function nameFromHelperCall(sourceCode: SourceCode, object: TSESTree.ObjectExpression): string | null {
  const parent = object.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] === object || parent.arguments.length < 2) return null;
  return nameOf(sourceCode, parent.arguments[0]);
}

/** Which parameter of a definition's handler carries the arguments: the first with an input-like name or pattern. */
function inputParamIndex(fn: FunctionNode): number {
  const index = fn.params.findIndex((param) => {
    const inner = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (inner.type === AST_NODE_TYPES.Identifier) return INPUT_PARAM_NAME.test(inner.name);
    return inner.type === AST_NODE_TYPES.ObjectPattern;
  });
  return index >= 0 ? index : 0;
}

export type FieldValidation = { kind: "finite" } | { kind: "pattern"; pattern: string; flags: string };

const NO_FIELDS: ReadonlyMap<string, FieldValidation> = new Map();
const SCHEMA_MODIFIERS = new Set(["optional", "default", "describe", "nullable", "nullish", "readonly", "catch", "brand", "meta"]);
const FINITE_SCHEMAS = new Set(["enum", "literal", "boolean", "nativeEnum"]);

/** Fields of a zod object shape (`{ a: z.enum([...]) }`, `z.object({...})`, mcp-framework `{ a: { type: z.enum() } }`) that are validated. */
function validatedFieldsOf(sourceCode: SourceCode, schema: TSESTree.Node): ReadonlyMap<string, FieldValidation> {
  let shape = objectLiteralOf(sourceCode, schema);
  if (!shape) {
    let inner = skipWrappers(schema);
    while (inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(inner.callee) !== "object") {
      inner = skipWrappers(inner.callee.object);
    }
    if (inner.type === AST_NODE_TYPES.CallExpression && calleeName(inner.callee) === "object" && inner.arguments.length > 0) {
      shape = objectLiteralOf(sourceCode, inner.arguments[0]);
    }
  }
  if (!shape) return NO_FIELDS;
  const fields = new Map<string, FieldValidation>();
  for (const property of shape.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = staticKeyName(property);
    if (key === null) continue;
    if (isFiniteSchema(sourceCode, property.value)) fields.set(key, { kind: "finite" });
    else {
      const pattern = schemaPattern(sourceCode, property.value);
      if (pattern) fields.set(key, { kind: "pattern", ...pattern });
    }
  }
  return fields;
}

/** The regular expression of `z.string().regex(RE)` anywhere in a field's schema chain (one only). */
function schemaPattern(sourceCode: SourceCode, raw: TSESTree.Node): { pattern: string; flags: string } | null {
  let node = skipWrappers(raw);
  const legacy = objectLiteralOf(sourceCode, node);
  if (legacy) {
    const type = findProperty(legacy, "type");
    return type ? schemaPattern(sourceCode, type.value) : null;
  }
  while (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
    if (staticKeyName(node.callee) === "regex" && node.arguments.length > 0) return regExpOf(sourceCode, node.arguments[0]);
    node = skipWrappers(node.callee.object);
  }
  return null;
}

function isFiniteSchema(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  let node = skipWrappers(raw);
  const legacy = objectLiteralOf(sourceCode, node);
  if (legacy) {
    const type = findProperty(legacy, "type");
    return type ? isFiniteSchema(sourceCode, type.value) : false;
  }
  while (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && SCHEMA_MODIFIERS.has(staticKeyName(node.callee) ?? "")) {
    node = skipWrappers(node.callee.object);
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const kind = staticKeyName(node.callee);
  if (kind !== null && FINITE_SCHEMAS.has(kind)) return true;
  if (kind === "union" && node.arguments[0]?.type === AST_NODE_TYPES.ArrayExpression) {
    return node.arguments[0].elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isFiniteSchema(sourceCode, element));
  }
  return false;
}

function toFound(detections: Detection[], node: TSESTree.Node, framework: Framework, sourceCode: SourceCode): Found {
  const found: Found = { handlers: [], imported: [] };
  for (const detection of detections) {
    const label = detection.label ?? `${detection.kind} ${detection.name === null ? "(unnamed)" : `"${detection.name}"`}`;
    const { target } = detection;
    if (target.fn === null) {
      const { reference, module, exportPath } = target;
      const referenceText = accessPathKey(reference) ?? exportPath.join(".");
      found.imported.push({ kind: detection.kind, name: detection.name, label, reference, referenceText, module, exportPath, inputIndexes: detection.inputIndexes });
      continue;
    }
    const fn = target.fn;
    found.handlers.push({
      kind: detection.kind,
      name: detection.name,
      label,
      framework,
      node,
      fn,
      inputParams: detection.inputIndexes.filter((index) => index < fn.params.length).map((index) => fn.params[index]),
      contextParam: detection.contextIndex !== null && detection.contextIndex < fn.params.length ? fn.params[detection.contextIndex] : null,
      validatedFields: detection.schema ? validatedFieldsOf(sourceCode, detection.schema) : NO_FIELDS,
      inputSchema: detection.schema ?? null,
    });
  }
  return found;
}

/** The handler a registration names: a function of this file, or an export of another project module. */
function handlerTarget(sourceCode: SourceCode, node: TSESTree.Node): HandlerTarget | null {
  const fn = handlerFunction(sourceCode, node);
  if (fn) return { fn };
  const reference = unwrapHandlerReference(node);
  const resolved = resolveValue(sourceCode, reference);
  if (!resolved || !isLocalSpecifier(resolved.module)) return null;
  return { fn: null, reference, module: resolved.module, exportPath: resolved.path.length > 0 ? resolved.path : ["default"] };
}

/** `withAuth(createHandler(handleRead))` -> `handleRead`: the innermost identifier or member passed through wrappers. */
function unwrapHandlerReference(node: TSESTree.Node, depth = 0): TSESTree.Node {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.CallExpression || depth > 4) return inner;
  const callee = skipWrappers(inner.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === "bind") return unwrapHandlerReference(callee.object, depth + 1);
  const last = inner.arguments[inner.arguments.length - 1];
  return last ? unwrapHandlerReference(last, depth + 1) : inner;
}

/** The function a handler argument stands for: inline, a same-file reference, or the function inside wrappers. */
export function handlerFunction(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): FunctionNode | null {
  if (depth > 4) return null;
  const inner = skipWrappers(node);
  const direct = functionReferenced(sourceCode, inner);
  if (direct) return direct;
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    // `fn.bind(this)` and higher-order wrappers such as `withAuth(createHandler(fn))`.
    const callee = skipWrappers(inner.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === "bind") {
      return handlerFunction(sourceCode, callee.object, depth + 1);
    }
    for (let i = inner.arguments.length - 1; i >= 0; i--) {
      const found = handlerFunction(sourceCode, inner.arguments[i], depth + 1);
      if (found) return found;
    }
  }
  return null;
}

function hasUnknownShape(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement);
}

/** A zod raw shape (`{ a: z.string() }`), a schema value, or a reference to one; annotations are all-primitive objects. */
function isShapeLike(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const inner = skipWrappers(node);
  if (constantString(sourceCode, inner) !== null) return false;
  const object = objectLiteralOf(sourceCode, inner);
  if (object) {
    if (object.properties.length === 0) return true;
    return object.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.SpreadElement ||
        (property.type === AST_NODE_TYPES.Property && !isPrimitiveLiteral(property.value)),
    );
  }
  if (inner.type === AST_NODE_TYPES.Identifier) return !/annotation|hint/i.test(inner.name);
  return inner.type === AST_NODE_TYPES.MemberExpression || inner.type === AST_NODE_TYPES.CallExpression;
}

function isPrimitiveLiteral(node: TSESTree.Node): boolean {
  const inner = skipWrappers(node);
  return inner.type === AST_NODE_TYPES.Literal || (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0);
}

function isResourceTemplate(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.NewExpression) {
    const resolved = resolveValue(sourceCode, inner.callee);
    const name = resolved?.path[resolved.path.length - 1] ?? (inner.callee.type === AST_NODE_TYPES.Identifier ? inner.callee.name : null);
    return name === "ResourceTemplate";
  }
  if (inner.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const variable = variableOf(sourceCode, inner);
    const writes = variable ? writesOf(variable) : [];
    return writes.length === 1 && writes[0].path?.length === 0 && isResourceTemplate(sourceCode, writes[0].value, depth + 1);
  }
  return false;
}

/** A tool's name: a constant here, or a constant property of an object another project module exports (`tool.name`). */
function nameOf(sourceCode: SourceCode, node: TSESTree.Node): string | null {
  const local = constantString(sourceCode, node);
  if (local !== null) return local;
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return null;
  const property = staticKeyName(inner);
  const resolved = property ? resolveValue(sourceCode, inner.object) : null;
  const from = filenameOf(sourceCode);
  if (!resolved || resolved.path.length !== 1 || !isLocalSpecifier(resolved.module) || !from) return null;
  const file = resolveLocalModule(from, resolved.module);
  const target = file ? loadModule(file) : null;
  const site = file && target ? findExport(target, file, resolved.path[0], 2) : null;
  if (!site || !("node" in site)) return null;
  const object = skipWrappers(site.node);
  const value = object.type === AST_NODE_TYPES.ObjectExpression ? findProperty(object, property!) : null;
  return value ? constantString(site.sourceCode, value.value) : null;
}

function receiverName(node: TSESTree.Node): string {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return staticKeyName(inner) ?? "";
  if (inner.type === AST_NODE_TYPES.ThisExpression) return "this";
  return "";
}

/** The framework of a file, from its imports (the first MCP module wins). */
export function frameworkOf(modules: Iterable<string>): Framework {
  for (const module of modules) {
    const framework = frameworkOfModule(module);
    if (framework) return framework;
  }
  return "unknown";
}

/** The modules a file imports and whether one of them is an MCP framework (or a module named in the settings). */
export function fileImports(sourceCode: SourceCode, settings: ModelSettings): { modules: Set<string>; importsMcp: boolean } {
  let modules = modulesMemo.get(sourceCode);
  if (!modules) {
    modules = importedModules(sourceCode.ast, sourceCode.text);
    modulesMemo.set(sourceCode, modules);
  }
  const importsMcp = [...modules].some((module) => frameworkOfModule(module) !== null || settings.frameworkModules.includes(module));
  return { modules, importsMcp };
}

const modulesMemo = new WeakMap<SourceCode, Set<string>>();

const hintMemo = new WeakMap<SourceCode, boolean>();

/** A text test: whether the file can register or define handlers at all (most files cannot, and skip the model). */
export function mayRegisterHandlers(sourceCode: SourceCode, settings: ModelSettings): boolean {
  let hinted = hintMemo.get(sourceCode);
  if (hinted === undefined) {
    hinted =
      HANDLER_TEXT_HINT.test(sourceCode.text) || [...settings.handlerHelpers, ...settings.toolBaseClasses].some((name) => textIncludes(sourceCode.text, name));
    hintMemo.set(sourceCode, hinted);
  }
  return hinted;
}

/** Every handler of a file: registrations, tool classes and definition objects, each once. */
export function findHandlers(sourceCode: SourceCode, settings: ModelSettings): Found {
  const result: Found = { handlers: [], imported: [] };
  if (!mayRegisterHandlers(sourceCode, settings)) return result;
  const { modules, importsMcp } = fileImports(sourceCode, settings);
  const framework = frameworkOf(modules);
  const seen = new Set<TSESTree.Node>();
  const add = (found: Found) => {
    for (const handler of found.handlers) {
      // A FastMCP `addTool({...})` object is also a definition object: one handler, described by the registration.
      if (seen.has(handler.fn)) continue;
      seen.add(handler.fn);
      result.handlers.push(handler);
    }
    for (const handler of found.imported) {
      if (seen.has(handler.reference)) continue;
      seen.add(handler.reference);
      result.imported.push(handler);
    }
  };
  const index = getNodeIndex(sourceCode);
  const guarded = (find: () => Found) => {
    try {
      add(find());
    } catch {
      // A shape the model does not understand contributes no handler; the rest of the file is still checked.
    }
  };
  // Registrations first: a FastMCP `addTool({...})` object is then described by its registration, not as a definition.
  // A name test before any closure or analysis: most calls of a file register nothing.
  for (const call of callsNamed(index, [...REGISTRATION_METHODS, ...settings.handlerHelpers])) {
    if (registrationMethodOf(call) !== null) guarded(() => handlersOfCall(sourceCode, call, framework, importsMcp));
    if (settings.handlerHelpers.length > 0) guarded(() => handlersOfHelperCall(sourceCode, call, settings));
  }
  for (const node of index.classes) guarded(() => handlersOfClass(sourceCode, node, settings));
  for (const object of index.objects) guarded(() => handlersOfDefinition(sourceCode, object, false));
  return result;
}

/** A call of a helper named in `settings["secure-mcp"].handlerHelpers`: its object or function arguments. */
function handlersOfHelperCall(sourceCode: SourceCode, call: TSESTree.CallExpression, settings: ModelSettings): Found {
  if (settings.handlerHelpers.length === 0) return NOTHING;
  const name = calleeName(call.callee);
  if (name === null || !settings.handlerHelpers.includes(name)) return NOTHING;
  const found: Found = { handlers: [], imported: [] };
  for (const argument of call.arguments) {
    const inner = skipWrappers(argument);
    if (inner.type === AST_NODE_TYPES.ObjectExpression) {
      const definition = handlersOfDefinition(sourceCode, inner, true);
      found.handlers.push(...definition.handlers);
      found.imported.push(...definition.imported);
    } else if (isFunctionNode(inner) && inner.params.length > 0) {
      const toolName = call.arguments.length > 1 ? nameOf(sourceCode, call.arguments[0]) : null;
      const detection: Detection = { kind: "tool", name: toolName, target: { fn: inner }, inputIndexes: [inputParamIndex(inner)], contextIndex: null };
      found.handlers.push(...toFound([detection], call, "unknown", sourceCode).handlers);
    }
  }
  return found;
}
