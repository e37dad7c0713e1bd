/**
 * Input validation of MCP tool arguments: what validates, what does not, and what the request context of a handler
 * without an input schema holds. Plain data; `model/validation.ts` applies it.
 */

/** Calls that take a whole value without validating it (logging, serialising, listing keys). */
export const NON_VALIDATING_CALLS: ReadonlySet<string> = new Set([
  "log",
  "info",
  "debug",
  "warn",
  "error",
  "trace",
  "dir",
  "stringify",
  "keys",
  "entries",
  "values",
  "String",
  "inspect",
  "format",
]);

/** Zod methods that only modify a schema: skipped when looking at what a schema accepts. */
export const SCHEMA_MODIFIERS: ReadonlySet<string> = new Set(["optional", "nullable", "nullish", "default", "describe", "meta", "readonly", "brand", "catch"]);

/** Zod schemas that accept any value. */
export const ANY_SCHEMAS: ReadonlySet<string> = new Set(["any", "unknown"]);

/** Zod object methods and constructors that let unknown keys through. */
export const PASSTHROUGH_METHODS: ReadonlySet<string> = new Set(["passthrough", "looseObject"]);

/**
 * Keys of the request context a callback without an input schema receives first: SDK v1 `RequestHandlerExtra`
 * and SDK v2 `ServerContext`. Destructuring any other key from it reads a tool argument that is not there.
 */
export const CONTEXT_KEYS: ReadonlySet<string> = new Set([
  "signal",
  "authInfo",
  "sessionId",
  "_meta",
  "requestId",
  "requestInfo",
  "sendNotification",
  "sendRequest",
  "taskId",
  "taskStore",
  "taskRequestedTtl",
  "closeSSEStream",
  "closeStandaloneSSEStream",
  "mcpReq",
  "http",
  "server",
  "client",
]);

/** Registration methods whose callback gets the context first when no input schema is given. */
export const SCHEMA_OPTIONAL_REGISTRATIONS: ReadonlySet<string> = new Set(["registerTool", "tool", "registerPrompt", "prompt"]);
