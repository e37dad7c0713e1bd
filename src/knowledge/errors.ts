/**
 * What an MCP server can send to its client about an error, and where. Plain data; `analysis/errors.ts` finds caught
 * errors, `model/error-disclosure.ts` follows them to what the client receives, `rules/no-error-disclosure.ts` reports.
 */

/** What a property path below a caught error holds, for the paths that matter. */
export type ErrorPart = "stack" | "cause" | "message" | "upstreamResponse" | "requestConfig";

/**
 * The first property read below a caught error, and what it holds. Properties not listed (`code`, `name`, `status`,
 * `errno`, `issues`, `stderr`, ...) are not reported: they are codes or output the tool means to return.
 */
export const ERROR_PROPERTIES: Readonly<Record<string, ErrorPart>> = {
  stack: "stack",
  cause: "cause",
  message: "message",
  // axios / got / ofetch errors: the failed call's response (its body and headers) and the request's configuration
  // (its headers, with the server's own credentials).
  response: "upstreamResponse",
  config: "requestConfig",
  request: "requestConfig",
  options: "requestConfig",
};

/** Below `err.response`: fields that carry only a status, not the upstream's body. */
export const SAFE_RESPONSE_FIELDS: ReadonlySet<string> = new Set(["status", "statusCode", "statusText", "ok", "url"]);

/** Parts that are objects: as text (`${err.config}`) they print `[object Object]` and disclose nothing. */
export const OBJECT_PARTS: ReadonlySet<ErrorPart> = new Set(["upstreamResponse", "requestConfig"]);

/** Error classes whose extra arguments reach the client, by argument position. Other `*Error` classes: the message only. */
export const ERROR_CONSTRUCTORS: Readonly<Record<string, { message: number; data: number | null }>> = {
  // v1 `McpError(code, message, data)` and v2 `ProtocolError(code, message, data)`: `data` is sent as JSON-RPC error data.
  McpError: { message: 1, data: 2 },
  ProtocolError: { message: 1, data: 2 },
  // FastMCP `UserError(message, extras)`: `extras` becomes the result's `structuredContent`.
  UserError: { message: 0, data: 1 },
};

/** A class name that is an error class: its first argument is the message. */
export const ERROR_CLASS_NAME = /(?:Error|Exception)$/;

/** Calls that print a whole value, own properties and all: `util.inspect(err)`. */
export const INSPECT_EXPORTS: ReadonlyArray<{ module: string; path: readonly string[] }> = [
  { module: "util", path: ["inspect"] },
  { module: "util", path: ["format"] },
];

/** String (and array) methods whose result carries the receiver's text. */
export const TEXT_METHODS: ReadonlySet<string> = new Set([
  "slice",
  "substring",
  "substr",
  "trim",
  "trimStart",
  "trimEnd",
  "replace",
  "replaceAll",
  "split",
  "join",
  "concat",
  "toLowerCase",
  "toUpperCase",
  "padStart",
  "padEnd",
  "normalize",
  "repeat",
  "at",
]);

/** Of those, the methods whose arguments flow into the result too. */
export const TEXT_ARGUMENT_METHODS: ReadonlySet<string> = new Set(["concat", "replace", "replaceAll"]);

/** Promise methods whose callbacks' return values become the result. */
export const PROMISE_METHODS: ReadonlySet<string> = new Set(["then", "catch", "finally"]);

/** Methods that read a fetch `Response`'s body. */
export const BODY_READ_METHODS: ReadonlySet<string> = new Set(["text", "json", "blob", "arrayBuffer", "formData"]);

/** Properties of a response that say the call failed (`!res.ok`), or hold its status (`res.status >= 400`). */
export const RESPONSE_STATUS_PROPERTIES: ReadonlySet<string> = new Set(["status", "statusCode"]);

/**
 * HTTP response methods that send their argument to the client: Express `res.json/send/end/write`, Node's
 * `res.end/write`, Fastify `reply.send`, Hono `c.json/text/html/body`. `value` methods serialise objects as JSON.
 */
export const RESPONSE_METHODS: Readonly<Record<string, "value" | "text">> = {
  json: "value",
  send: "value",
  jsonp: "value",
  end: "text",
  write: "text",
  text: "text",
  html: "text",
  body: "text",
};

/** A response receiver's root parameter that is a stream or a logger rather than the client's response. */
export const NOT_RESPONSE_ROOT = /log|stream|file|out|err|stdout|stderr|console|socket|ws/i;
