/**
 * OAuth / OIDC knowledge: the option names that hold authorization-server and protected-resource URLs, the
 * discovery paths, and the JWT libraries' decode and verify functions. Plain data.
 */

/**
 * Option and metadata names whose string value is an OAuth/OIDC endpoint or issuer URL, wherever they appear
 * (SDK `mcpAuthRouter`/`mcpAuthMetadataRouter`/`requireBearerAuth`, `ProxyOAuthServerProvider` `endpoints`,
 * FastMCP `oauth`, mcp-framework `OAuthAuthProvider`, hand-written RFC 8414 / RFC 9728 metadata).
 */
export const AUTH_URL_KEYS: ReadonlySet<string> = new Set([
  "issuer",
  "issuerUrl",
  "authorizationUrl",
  "authorizationEndpoint",
  "authorization_endpoint",
  "tokenUrl",
  "tokenEndpoint",
  "token_endpoint",
  "registrationUrl",
  "registrationEndpoint",
  "registration_endpoint",
  "jwksUri",
  "jwks_uri",
  "jwksUrl",
  "introspectionEndpoint",
  "introspection_endpoint",
  "introspectionUrl",
  "revocationEndpoint",
  "revocation_endpoint",
  "revocationUrl",
  "resourceServerUrl",
  "resourceMetadataUrl",
  "resource_metadata",
]);

/** Names too generic to report on their own: only in an object that also has one of `AUTH_URL_KEYS` or `AUTH_URL_ARRAY_KEYS`. */
export const CONTEXTUAL_AUTH_URL_KEYS: ReadonlySet<string> = new Set(["resource", "baseUrl"]);

/** Names whose value is an array of authorization-server URLs (RFC 9728 metadata, FastMCP, mcp-framework). */
export const AUTH_URL_ARRAY_KEYS: ReadonlySet<string> = new Set(["authorization_servers", "authorizationServers"]);

/** Well-known discovery documents (RFC 8414, OIDC Discovery, RFC 9728) and JWKS paths fetched over the network. */
export const AUTH_DISCOVERY_PATH = /\/\.well-known\/(?:openid-configuration|oauth-authorization-server|oauth-protected-resource|jwks\.json)/;

/** Hosts that never leave the machine (RFC 8252 §8.3 loopback): `http:` is allowed for them. */
export function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === "localhost" || lower.endsWith(".localhost") || /^127(?:\.\d{1,3}){3}$/.test(lower) || lower === "[::1]";
}

/** A module export that takes a URL argument fetched as a key set or a discovery document. */
export interface AuthUrlCall {
  module: string;
  path: readonly string[];
  argument: number;
  label: string;
}

export const AUTH_URL_CALLS: readonly AuthUrlCall[] = [
  { module: "jose", path: ["createRemoteJWKSet"], argument: 0, label: "the JWKS URL of createRemoteJWKSet" },
  { module: "openid-client", path: ["discovery"], argument: 0, label: "the issuer URL of openid-client discovery" },
];

/** JWT decoders that do not check the signature. */
export const JWT_DECODERS: readonly { module: string; path: readonly string[]; label: string }[] = [
  { module: "jsonwebtoken", path: ["decode"], label: "jwt.decode" },
  { module: "jose", path: ["decodeJwt"], label: "decodeJwt" },
  { module: "jwt-decode", path: ["jwtDecode"], label: "jwtDecode" },
  { module: "jwt-decode", path: [], label: "jwtDecode" },
];

/** JWT verifiers: the index of their options argument. */
export const JWT_VERIFIERS: readonly { module: string; path: readonly string[]; options: number; label: string }[] = [
  { module: "jsonwebtoken", path: ["verify"], options: 2, label: "jwt.verify" },
  { module: "jose", path: ["jwtVerify"], options: 2, label: "jwtVerify" },
];

/** Calls that validate a token remotely inside a verifier (a userinfo or introspection request). */
export const REMOTE_VALIDATION_CALL_NAME = /^(?:fetch|axios|got|ky|ofetch|\$fetch|request|post)$/;

/** Function names that mark an authentication verifier (a decode without a verify inside one authenticates on trust). */
export const VERIFIER_FUNCTION_NAME = /^(?:verify|authenticate|validate(?:Access)?Token|checkToken)/i;

/** Calls that count as checking a token inside a verifier (a JWT library's verify, an introspection request). */
export const VERIFYING_CALL_NAME = /verify|introspect/i;

/** Property and method names under which a framework calls a function to authenticate a request. */
export const VERIFIER_PROPERTY_NAMES: ReadonlySet<string> = new Set(["verifyAccessToken", "authenticate"]);

/** mcp-framework's auth providers: `JWTAuthProvider` checks signature and expiry, never the audience or the issuer. */
export const MCP_FRAMEWORK_MODULE = "mcp-framework";
export const MCP_FRAMEWORK_JWT_PROVIDER = "JWTAuthProvider";
export const MCP_FRAMEWORK_OAUTH_PROVIDER = "OAuthAuthProvider";

/** Callee names worth resolving for the token-verification checks (a cheap filter before import resolution). */
export const TOKEN_CALL_NAMES: ReadonlySet<string> = new Set(["decode", "decodeJwt", "jwtDecode", "jwt_decode", "verify", "jwtVerify", "JWTAuthProvider", "OAuthAuthProvider"]);

/** The module names a file must mention for the token-verification checks to run (most common first: the test stops at the first present). */
export const TOKEN_MODULES: readonly string[] = ["@modelcontextprotocol/", "mcp-framework", "jsonwebtoken", "jose", "jwt-decode"];

/** In a token path: any segment before the rest is one of `REQUEST_SEGMENTS` (`req.headers`, `c.req.raw.headers`, `extra.requestInfo.headers`). */
export const REQUEST_MARK = "<request>";

/** Names of an incoming request object (lower case): headers read below one of them come from the client. */
export const REQUEST_SEGMENTS: ReadonlySet<string> = new Set(["req", "request", "requestinfo", "raw", "incomingmessage", "httprequest"]);

/**
 * Where the client's own access token sits on a request object: access-path suffixes (lower case; an array is a choice) read from a
 * handler or middleware parameter (`extra.authInfo.token`, `ctx.http?.authInfo?.token`, `req.auth.token`,
 * `req.headers.authorization`) or from mcp-framework's `getRequestContext()`.
 */
export const CLIENT_TOKEN_PATHS: readonly (readonly (string | readonly string[])[])[] = [
  ["authinfo", "token"],
  [["req", "request"], "auth", "token"],
  [REQUEST_MARK, "headers", "authorization"],
  ["getrequestcontext()", "token"],
];

/** Methods that read one request header by name: `headers.get("authorization")`, `req.header(...)`, `req.get(...)`. */
export const HEADER_READ_METHODS: ReadonlySet<string> = new Set(["get", "header"]);

/** String methods whose result still carries the token (`authorization.replace("Bearer ", "")`, `.split(" ")[1]`). */
export const TOKEN_CARRYING_METHODS: ReadonlySet<string> = new Set(["replace", "replaceAll", "slice", "substring", "substr", "trim", "trimStart", "split", "toString", "at"]);

/** Callee names of outbound HTTP requests whose options carry `headers` (fetch, undici, axios, got, ky, ofetch, http.request). */
export const OUTBOUND_CALL_NAMES: ReadonlySet<string> = new Set([
  "fetch",
  "request",
  "get",
  "post",
  "put",
  "patch",
  "delete",
  "head",
  "axios",
  "got",
  "ky",
  "ofetch",
  "$fetch",
  "create",
  "extend",
  "Request",
]);

/** API clients whose constructor option is a credential they send upstream: `new Octokit({ auth })`. */
export const CLIENT_CREDENTIAL_OPTIONS: ReadonlyMap<string, string> = new Map([["Octokit", "auth"]]);

/** Request properties that carry the authenticated identity to later handlers (`req.auth`, Express; `authInfo`, SDK transports). */
export const AUTH_RESULT_PROPERTIES: ReadonlySet<string> = new Set(["auth", "authInfo"]);
