import { GLOBAL_MODULE } from "../analysis/imports.js";
import type { ExportRef } from "./flow.js";

/**
 * Where a request function reads its destination:
 * - `url`: the argument is a URL (a string, a `URL`, a `Request`);
 * - `urlOrOptions`: a URL, or an options object with URL fields (`axios(config)`, `http.request(options)`);
 * - `options`: an options object (`axios.request(config)`, `axios.create({ baseURL })`, `imageContent({ url })`).
 */
export interface UrlArgument {
  kind: "url" | "urlOrOptions" | "options";
    index: number;
}

const url = (index = 0): UrlArgument => ({ kind: "url", index });
const urlOrOptions = (index = 0): UrlArgument => ({ kind: "urlOrOptions", index });
const options = (index = 0): UrlArgument => ({ kind: "options", index });

/** An export that sends a request (or opens a connection) to the destination in its arguments. */
export interface RequestSink extends ExportRef {
  args: readonly UrlArgument[];
}

/**
 * A library whose instances (`axios.create()`, `got.extend()`, `ky.create()`) send requests through the same methods
 * as the library itself, relative to the instance's base URL.
 */
export interface HttpClient {
  modules: readonly string[];
  /** The client called as a function: `axios(url)`, `got(url)`, `ky(url)`, `ofetch(url)`. */
  call: readonly UrlArgument[] | null;
  /** Named exports that are the client itself (`import { ofetch } from "ofetch"`, got-scraping's `gotScraping`). */
  clientExports: readonly string[];
  /** Methods of the module and of its instances. */
  methods: Readonly<Record<string, readonly UrlArgument[]>>;
  /** Exports (and instance methods) that make an instance from an options object in argument 0. */
  factories: readonly string[];
  /** Type names of instances, for annotated parameters and fields (`http: AxiosInstance`). */
  instanceTypes: readonly string[];
  /**
   * Base-URL options that every request URL is appended to, so that a request URL cannot change the origin (got's and
   * ky's `prefixUrl`); axios's `baseURL` is not one of them: an absolute request URL replaces it.
   */
  prefixOptions: readonly string[];
}

const AXIOS_URL_METHODS = ["get", "delete", "head", "options"];
const AXIOS_DATA_METHODS = ["post", "put", "patch", "postForm", "putForm", "patchForm"];
const GOT_URL_METHODS = ["get", "post", "put", "patch", "delete", "head", "stream", "paginate"];
const KY_URL_METHODS = ["get", "post", "put", "patch", "delete", "head"];

export const HTTP_CLIENTS: readonly HttpClient[] = [
  {
    modules: ["axios"],
    call: [urlOrOptions(0), options(1)],
    clientExports: ["axios"],
    methods: {
      request: [options(0)],
      ...Object.fromEntries(AXIOS_URL_METHODS.map((name) => [name, [url(0), options(1)]])),
      ...Object.fromEntries(AXIOS_DATA_METHODS.map((name) => [name, [url(0), options(2)]])),
    },
    factories: ["create"],
    instanceTypes: ["AxiosInstance", "Axios", "AxiosStatic"],
    prefixOptions: [],
  },
  {
    modules: ["got", "got-scraping"],
    call: [urlOrOptions(0), options(1)],
    clientExports: ["got", "gotScraping"],
    methods: Object.fromEntries(GOT_URL_METHODS.map((name) => [name, [urlOrOptions(0), options(1)]])),
    factories: ["extend"],
    instanceTypes: ["Got"],
    prefixOptions: ["prefixUrl"],
  },
  {
    modules: ["ky", "ky-universal"],
    call: [url(0), options(1)],
    clientExports: ["ky"],
    methods: Object.fromEntries(KY_URL_METHODS.map((name) => [name, [url(0), options(1)]])),
    factories: ["create", "extend"],
    instanceTypes: ["KyInstance"],
    prefixOptions: ["prefixUrl"],
  },
  {
    modules: ["ofetch"],
    call: [url(0), options(1)],
    clientExports: ["ofetch", "$fetch"],
    methods: { raw: [url(0), options(1)], native: [url(0)] },
    factories: ["create"],
    instanceTypes: ["$Fetch"],
    prefixOptions: [],
  },
];

/** Methods of `superagent`, `needle` and the Node `http`/`https` modules that take a URL. */
const SUPERAGENT_METHODS = ["get", "post", "put", "patch", "del", "delete", "head", "options"];

/** Request functions that are not instance-making clients: each call is checked on its own. */
export const REQUEST_SINKS: readonly RequestSink[] = [
  { module: GLOBAL_MODULE, path: ["fetch"], args: [url(0)] },
  { module: GLOBAL_MODULE, path: ["WebSocket"], args: [url(0)] },
  { module: GLOBAL_MODULE, path: ["EventSource"], args: [url(0)] },
  ...["node-fetch", "cross-fetch", "isomorphic-fetch", "isomorphic-unfetch", "make-fetch-happen"].flatMap((module): RequestSink[] => [
    { module, path: [], args: [url(0)] },
    { module, path: ["fetch"], args: [url(0)] },
  ]),
  ...["fetch", "request", "stream", "pipeline", "connect", "upgrade", "Client", "Pool"].map((name): RequestSink => ({ module: "undici", path: [name], args: [url(0)] })),
  ...["http", "https"].flatMap((module): RequestSink[] => [
    { module, path: ["request"], args: [urlOrOptions(0), options(1)] },
    { module, path: ["get"], args: [urlOrOptions(0), options(1)] },
  ]),
  // `superagent(url)` or `superagent(method, url)`.
  { module: "superagent", path: [], args: [url(0), url(1)] },
  ...SUPERAGENT_METHODS.map((name): RequestSink => ({ module: "superagent", path: [name], args: [url(0)] })),
  { module: "needle", path: [], args: [url(1)] },
  { module: "needle", path: ["request"], args: [url(1)] },
  ...SUPERAGENT_METHODS.map((name): RequestSink => ({ module: "needle", path: [name], args: [url(0)] })),
  { module: "ws", path: [], args: [url(0)] },
  { module: "ws", path: ["WebSocket"], args: [url(0)] },
  { module: "eventsource", path: [], args: [url(0)] },
  { module: "eventsource", path: ["EventSource"], args: [url(0)] },
  // FastMCP's content helpers fetch `url` (or read `path`).
  { module: "fastmcp", path: ["imageContent"], args: [options(0)] },
  { module: "fastmcp", path: ["audioContent"], args: [options(0)] },
  // MCP client transports connect to the server at the URL they are given (a gateway or an inspector-like tool).
  ...[
    ["@modelcontextprotocol/sdk/client/sse", "SSEClientTransport"],
    ["@modelcontextprotocol/sdk/client/streamableHttp", "StreamableHTTPClientTransport"],
    ["@modelcontextprotocol/sdk/client/websocket", "WebSocketClientTransport"],
    ["@modelcontextprotocol/client", "SSEClientTransport"],
    ["@modelcontextprotocol/client", "StreamableHTTPClientTransport"],
  ].map(([module, name]): RequestSink => ({ module, path: [name], args: [url(0)] })),
];

/** A protected helper of mcp-framework's `MCPTool` that fetches its argument: `this.fetch(url)` in a tool class. */
export const FRAMEWORK_FETCH_HELPERS: ReadonlyArray<{ base: ExportRef; method: string; args: readonly UrlArgument[] }> = [
  { base: { module: "mcp-framework", path: ["MCPTool"] }, method: "fetch", args: [url(0)] },
];

/** Constructors and calls whose result is a URL (or request) made from their arguments: `new URL(path, base)`. */
export const URL_BUILDERS: readonly ExportRef[] = [
  { module: GLOBAL_MODULE, path: ["URL"] },
  { module: "url", path: ["URL"] },
  { module: GLOBAL_MODULE, path: ["Request"] },
  { module: "node-fetch", path: ["Request"] },
  { module: "undici", path: ["Request"] },
];

/** Fields of a request's options object: a whole URL, a base URL that a relative URL resolves against, and parts of the origin. */
export const URL_OPTIONS: ReadonlySet<string> = new Set(["url", "uri", "href"]);
export const BASE_URL_OPTIONS: ReadonlySet<string> = new Set(["baseURL", "baseUrl", "prefixUrl"]);
export const ORIGIN_OPTIONS: ReadonlySet<string> = new Set(["host", "hostname", "port", "protocol", "origin"]);

/**
 * Properties of a `URL` whose assignment changes where a request goes (`url.hostname = input`); `href` replaces the
 * whole URL.
 */
export const URL_ORIGIN_PROPERTIES: ReadonlySet<string> = new Set(["host", "hostname", "port", "protocol", "href", "origin"]);

/** Properties of a parsed URL that name its host: what an allowlist check must look at. */
export const PARSED_HOST_PROPERTIES: ReadonlySet<string> = new Set(["hostname", "host", "origin"]);

/**
 * Names of fields of an object passed to another module that may hold a URL or a host there (`{ endpoint, data }`):
 * the other fields (`data`, `headers`, `params`) cannot change where a request goes.
 */
export const URL_LIKE_FIELD = /url|uri|href|host|origin|endpoint|base|domain|server|address|target|link|site/i;

/**
 * Names of checks that, in a test, say what a URL check is for. A validator counts as a guard for this rule only when
 * its name speaks of an allowlist or of public/safe destinations (`isAllowedUrl`, `assertSafeUrl`,
 * `validateExternalUrl`); `isValidUrl`, `validateUrl` and `validateUrlProtocol` check the URL's form, not where it
 * leads. Names speaking of private or internal addresses (`isPrivateIp`, `isInternalHost`) are checks whose truthy
 * answer means "unsafe".
 */
export const SAFE_DESTINATION_WORDS = /allow|permit|whitelist|trust|safe|secure|public|external|ssrf/i;
export const PRIVATE_DESTINATION_NAME = /private|internal|local(?:host)?|loopback|reserved|metadata|intranet|block(?:ed|list)|deny|denied|forbidden|disallow|blacklist/i;
/**
 * Words in the name of a check (split at camelCase and `_`) that say it takes an IP address or a host name, not a URL:
 * given the raw URL, such a check sees no address (CVE-2025-65513, `is_ip_private(url)`).
 */
export const ADDRESS_WORDS: ReadonlySet<string> = new Set(["ip", "ipv4", "ipv6", "addr", "address", "host", "hostname"]);

/**
 * Text a file must contain to send a request: a request library's module name, a `fetch(` call, a WebSocket, FastMCP's
 * content helpers or an MCP client transport. Files without it are not resolved call by call (sinks reached through
 * project imports are still found).
 */
export const SSRF_TEXT_HINT = new RegExp(
  [
    String.raw`["'](?:node:)?(?:https?|axios|got(?:-scraping)?|ky(?:-universal)?|undici|node-fetch|cross-fetch|isomorphic-(?:un)?fetch|make-fetch-happen|superagent|needle|ofetch|ws|eventsource)["']`,
    String.raw`\bfetch\s*[(<]`,
    String.raw`\b(?:WebSocket|EventSource)\s*\(`,
    String.raw`\b(?:imageContent|audioContent)\b`,
    String.raw`ClientTransport\b`,
  ].join("|"),
);
