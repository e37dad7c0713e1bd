/**
 * What names a secret: words of variable, property, header and environment-variable names. Plain data and the small
 * word test over it; `model/logging.ts` applies it to the values passed to loggers.
 */

/** Split a name into lower-case words: `accessToken`, `ACCESS_TOKEN`, `x-api-key`, `access_token` -> `access`, `token`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** Last words that name a secret on their own (`token`, `clientSecret`, `dbPassword`, `Authorization`, `Cookie`). */
const SECRET_LAST_WORDS: ReadonlySet<string> = new Set([
  "token",
  "password",
  "passwd",
  "passphrase",
  "secret",
  "apikey",
  "authorization",
  "cookie",
  "cookies",
  "credential",
  "credentials",
  "bearer",
  "pgpassword",
]);

/** Words before a final `key` that make it a secret (`apiKey`, `privateKey`, `x-api-key`, `SECRET_KEY`). */
const SECRET_KEY_QUALIFIERS: ReadonlySet<string> = new Set(["api", "private", "secret", "access", "signing", "auth", "encryption", "master", "license", "subscription", "client", "session"]);

/** Two-word names of objects that carry a token: `authInfo` (SDK), `authHeader`, `authHeaders`. */
const SECRET_PAIRS: ReadonlySet<string> = new Set(["auth info", "auth header", "auth headers", "authorization header", "bearer token"]);

/**
 * Words before `token` that make it something else than a credential: pagination and cancellation tokens, MCP progress
 * tokens, and counts of LLM tokens (`maxTokens` is plural and never matches; `outputToken` does).
 */
const NON_SECRET_TOKEN_QUALIFIERS: ReadonlySet<string> = new Set([
  "next",
  "page",
  "continuation",
  "cancellation",
  "cancel",
  "progress",
  "sync",
  "resume",
  "pagination",
  "cursor",
  "max",
  "total",
  "input",
  "output",
  "prompt",
  "completion",
  "num",
  "start",
  "end",
  "lexer",
  "parse",
  "current",
  "last",
  "first",
  "prev",
  "previous",
]);

/**
 * First words of flags and predicates about a secret (`hasToken`, `isPassword`, `useAuthToken`), and of functions that
 * act on one (`getToken`, `validateApiKey`): names of something else than the secret.
 */
const PREDICATE_FIRST_WORDS: ReadonlySet<string> = new Set([
  "is",
  "has",
  "should",
  "use",
  "uses",
  "with",
  "without",
  "needs",
  "require",
  "requires",
  "enable",
  "enabled",
  "disable",
  "show",
  "hide",
  "missing",
  "no",
  "valid",
  "invalid",
  "can",
  "allow",
  "get",
  "set",
  "fetch",
  "load",
  "validate",
  "verify",
  "check",
  "parse",
  "create",
  "generate",
  "read",
  "save",
  "store",
  "revoke",
  "clear",
  "delete",
  "remove",
  "mask",
  "redact",
  "hash",
  "encrypt",
  "hashed",
]);

/** Parts of every secret word above (lower case): a name without any of them is no secret, without splitting it. */
const SECRET_PARTS: readonly string[] = ["token", "pass", "secret", "key", "auth", "cookie", "credential", "bearer", "pat"];

function mayBeSecret(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_PARTS.some((part) => lower.includes(part));
}

/** Whether a variable, property or header name names a secret value (`apiKey`, `client_secret`, `x-api-key`, `authInfo`). */
export function isSecretName(name: string): boolean {
  if (!mayBeSecret(name)) return false;
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.length > 1 && PREDICATE_FIRST_WORDS.has(words[0])) return false;
  const last = words[words.length - 1];
  const previous = words.length > 1 ? words[words.length - 2] : null;
  if (previous !== null && SECRET_PAIRS.has(`${previous} ${last}`)) return true;
  if (last === "key") return previous !== null && SECRET_KEY_QUALIFIERS.has(previous);
  if (!SECRET_LAST_WORDS.has(last)) return false;
  if (last === "token" && previous !== null && NON_SECRET_TOKEN_QUALIFIERS.has(previous)) return false;
  return true;
}

/**
 * Last words of an object's name that make it a catalogue of identifiers, not of values: `ErrorCodes.invalidToken` is
 * a code, `secretNames.apiKey` a name, `configSources.apiKey` where it came from. In the singular only for an enum-like
 * name (`LogId.atlasCheckCredentials`, `EventType.TOKEN_ISSUED`): `source.password` is a record with a password.
 */
const CATALOGUE_LAST_WORDS: ReadonlySet<string> = new Set(["ids", "codes", "events", "types", "kinds", "names", "labels", "sources", "messages"]);
const ENUM_LAST_WORDS: ReadonlySet<string> = new Set(["id", "code", "event", "type", "kind", "name", "label", "source", "message"]);

/** Whether an object named so holds identifiers, codes, names or messages under its keys (see `CATALOGUE_LAST_WORDS`). */
export function isCatalogueName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined) return false;
  return CATALOGUE_LAST_WORDS.has(last) || (ENUM_LAST_WORDS.has(last) && /^[A-Z]/.test(name));
}

/** Words of an environment variable's name that mark it as a secret (`OPENAI_API_KEY`, `DB_PASSWORD`, `BASIC_AUTH`). */
const ENV_SECRET_WORDS: ReadonlySet<string> = new Set(["key", "token", "secret", "password", "passwd", "passphrase", "credential", "credentials", "auth", "apikey", "pat", "pgpassword"]);

/**
 * Last words of an environment variable that describe a setting about a secret, not the secret: `KEY_PATH`,
 * `TOKEN_URL`, `PASSWORD_MIN_LENGTH`, `API_KEY_FILE`, `AUTH_ENABLED`, `KEY_ID`.
 */
const ENV_SETTING_LAST_WORDS: ReadonlySet<string> = new Set([
  "path",
  "file",
  "dir",
  "directory",
  "url",
  "uri",
  "endpoint",
  "host",
  "port",
  "length",
  "len",
  "min",
  "max",
  "type",
  "name",
  "id",
  "header",
  "prefix",
  "env",
  "expiry",
  "expires",
  "ttl",
  "timeout",
  "count",
  "size",
  "enabled",
  "disabled",
  "required",
  "mode",
  "format",
  "algorithm",
  "alg",
  "issuer",
  "audience",
  "scope",
  "scopes",
  "provider",
  "method",
  "strategy",
  "version",
  "location",
  "field",
  "param",
  "limit",
  "lifetime",
  "rotation",
  "source",
  "store",
  "cache",
]);

/** Words before a final `KEY` that make it no secret (`PUBLIC_KEY`, `SORT_KEY`, `CACHE_KEY`). */
const ENV_NON_SECRET_KEY_QUALIFIERS: ReadonlySet<string> = new Set(["public", "sort", "cache", "partition", "primary", "object", "idempotency", "routing", "index", "foreign", "hash", "lookup", "bucket", "s3", "storage", "map", "redis", "kv"]);

/** Environment variables that hold a path or a setting although their name has a secret word. */
const ENV_NON_SECRET_NAMES: ReadonlySet<string> = new Set(["GOOGLE_APPLICATION_CREDENTIALS", "PWD", "OLDPWD", "SSH_AUTH_SOCK", "AUTH_TRUST_HOST", "NODE_EXTRA_CA_CERTS"]);

/**
 * Whether an environment variable's name says it holds a secret: one of its words is key, token, secret, password,
 * credential or auth, and its last word does not make it a setting about one (`KEY_PATH`, `TOKEN_URL`, `*_FILE`,
 * `PASSWORD_MIN_LENGTH`, `PUBLIC_KEY`).
 */
export function isSecretEnvName(name: string): boolean {
  if (!mayBeSecret(name) || ENV_NON_SECRET_NAMES.has(name.toUpperCase())) return false;
  const words = nameWords(name);
  if (words.length === 0 || !words.some((word) => ENV_SECRET_WORDS.has(word))) return false;
  // `NEXT_PUBLIC_API_KEY`, `VITE_PUBLIC_KEY`: meant to be public.
  if (words.includes("public")) return false;
  const last = words[words.length - 1];
  if (ENV_SETTING_LAST_WORDS.has(last)) return false;
  if (words.length > 1 && PREDICATE_FIRST_WORDS.has(words[0])) return false;
  const previous = words.length > 1 ? words[words.length - 2] : null;
  if (last === "key" && previous !== null && ENV_NON_SECRET_KEY_QUALIFIERS.has(previous)) return false;
  if (last === "token" && previous !== null && NON_SECRET_TOKEN_QUALIFIERS.has(previous)) return false;
  return true;
}
