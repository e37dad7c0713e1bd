/** The MCP server frameworks the model understands, and how to tell their modules apart. */
export type Framework = "sdk-v1" | "sdk-v2" | "fastmcp" | "mcp-framework" | "unknown";

/** Normalised module specifier (see `normalizeModule`) -> framework. Prefix entries end with `/`. */
const FRAMEWORK_MODULES: ReadonlyArray<readonly [string, Framework]> = [
  ["@modelcontextprotocol/sdk/", "sdk-v1"],
  ["@modelcontextprotocol/server", "sdk-v2"],
  ["@modelcontextprotocol/server/", "sdk-v2"],
  ["@modelcontextprotocol/node", "sdk-v2"],
  ["@modelcontextprotocol/express", "sdk-v2"],
  ["@modelcontextprotocol/hono", "sdk-v2"],
  ["@modelcontextprotocol/fastify", "sdk-v2"],
  ["@modelcontextprotocol/core", "sdk-v2"],
  ["fastmcp", "fastmcp"],
  ["fastmcp/", "fastmcp"],
  ["mcp-framework", "mcp-framework"],
  ["agents/mcp", "sdk-v1"],
  ["mcp-handler", "sdk-v1"],
];

export function frameworkOfModule(module: string): Framework | null {
  for (const [specifier, framework] of FRAMEWORK_MODULES) {
    if (specifier.endsWith("/") ? module.startsWith(specifier) : module === specifier) return framework;
  }
  return null;
}

/** Whether a package (a package.json dependency name) is an MCP framework, or one of the `extra` modules (settings). */
export function isFrameworkPackage(name: string, extra: readonly string[]): boolean {
  return frameworkOfModule(name) !== null || frameworkOfModule(`${name}/`) !== null || extra.includes(name);
}

/** Text of registration calls and tool classes: files without it (or a definition object, below) skip the model. */
export const REGISTRATION_TEXT_HINT =
  /registerTool|registerResource|registerPrompt|\.tool\s*\(|\.resource\s*\(|\.prompt\s*\(|addTools?\s*\(|addResourceTemplate|addPrompt|setRequestHandler|MCPTool|MCPPrompt/;

/** A definition object needs both a schema-like key and a handler-like key. */
const SCHEMA_KEY_HINT = /\b(?:inputSchema|argsShape|argsSchema|schema|parameters|input)\s*[:=]/;
const HANDLER_KEY_HINT = /\b(?:handler|handle|execute|logic|run|callback)\s*[:(=]/;

/** Substrings one of which every match of the hints contains: `includes` is much faster than a regular expression. */
const SCHEMA_WORDS = ["chema", "argsShape", "parameters", "input"];

export const HANDLER_TEXT_HINT = {
  test(text: string): boolean {
    // One pass of the alternation is cheaper than a substring test per word followed by it.
    if (REGISTRATION_TEXT_HINT.test(text)) return true;
    return SCHEMA_WORDS.some((word) => text.includes(word)) && SCHEMA_KEY_HINT.test(text) && HANDLER_KEY_HINT.test(text);
  },
};

/** Text that any file importing an MCP framework contains. */
export const MCP_TEXT_HINT = /@modelcontextprotocol\/|["'](?:fastmcp|mcp-framework|agents\/mcp|mcp-handler)(?:\/[^"']*)?["']/;

/** Methods registering a tool, resource or prompt, by their receiver-independent name. */
export const REGISTRATION_METHODS = new Set([
  "registerTool",
  "tool",
  "registerResource",
  "resource",
  "registerPrompt",
  "prompt",
  "setRequestHandler",
  "addTool",
  "addTools",
  "addResourceTemplate",
  "addPrompt",
]);

/** Request schemas / method names of the low-level handlers whose request carries client input. */
export const LOW_LEVEL_REQUESTS: Readonly<Record<string, { kind: "tool" | "resource" | "prompt"; label: string }>> = {
  CallToolRequestSchema: { kind: "tool", label: "tools/call handler" },
  "tools/call": { kind: "tool", label: "tools/call handler" },
  ReadResourceRequestSchema: { kind: "resource", label: "resources/read handler" },
  "resources/read": { kind: "resource", label: "resources/read handler" },
  GetPromptRequestSchema: { kind: "prompt", label: "prompts/get handler" },
  "prompts/get": { kind: "prompt", label: "prompts/get handler" },
};

/** mcp-framework base classes and the method whose first parameter is client input. */
export const BASE_CLASS_HANDLERS: Readonly<Record<string, { kind: "tool" | "resource" | "prompt"; method: string }>> = {
  MCPTool: { kind: "tool", method: "execute" },
  MCPPrompt: { kind: "prompt", method: "generateMessages" },
};

/** Properties of a tool definition object or class that hold its input schema. */
/**
 * Libraries whose tools an application's own model calls (the Vercel AI SDK's `tool({ inputSchema, execute })`,
 * LangChain's, the OpenAI Agents SDK's, Mastra's `createTool`): a definition given to them is not an MCP tool, even in
 * an MCP server's package.
 */
export const AGENT_TOOL_MODULES: ReadonlySet<string> = new Set([
  "ai",
  "@langchain/core/tools",
  "langchain/tools",
  "@openai/agents",
  "@mastra/core",
  "@mastra/core/tools",
  "llamaindex",
]);

export const SCHEMA_PROPERTY_NAMES = new Set(["inputSchema", "schema", "parameters", "argsShape", "input", "argsSchema"]);

/** Properties of a tool definition object that hold its handler. */
export const HANDLER_PROPERTY_NAMES = new Set(["handler", "handle", "execute", "logic", "run", "callback"]);

/** Methods of a tool class (extending a project's own tool base class) that handle a call. */
export const HANDLER_METHOD_NAMES = new Set(["execute", "run", "handle", "handler"]);

/** Parameter names that, in a definition's handler, carry the tool's arguments (`handle(context, params, response)`). */
export const INPUT_PARAM_NAME = /^(?:args|arguments|params|parameters|input|inputs|request|req|options|opts|data|payload|props|query|toolArgs|toolInput)$/i;
