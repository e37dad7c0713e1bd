import type { ExportRef } from "./flow.js";

/**
 * A SQL client library: the methods of its pools, connections, databases, transactions and query builders whose first
 * argument is SQL text (a string, or an object with a `text`/`sql`/`query` field), and which of them accept several
 * statements in one text.
 */
export interface SqlDriver {
  /** Normalised module specifiers (`node:` stripped). */
  modules: readonly string[];
  methods: readonly string[];
  /**
   * Methods that run every statement of a multi-statement text by default (`SELECT 1; COMMIT; DROP TABLE t`): pg's
   * simple query protocol, SQLite's `exec`. mysql does so only with `multipleStatements: true` (see
   * `MULTIPLE_STATEMENTS_OPTION`).
   */
  multiStatement: readonly string[];
}

export const SQL_DRIVERS: readonly SqlDriver[] = [
  { modules: ["pg", "pg-pool", "@neondatabase/serverless", "@vercel/postgres"], methods: ["query"], multiStatement: ["query"] },
  { modules: ["postgres"], methods: ["unsafe"], multiStatement: ["unsafe"] },
  { modules: ["pg-promise"], methods: ["query", "none", "one", "oneOrNone", "many", "manyOrNone", "any", "result", "multi", "multiResult", "each", "map"], multiStatement: ["multi", "multiResult"] },
  { modules: ["mysql", "mysql2", "mysql2/promise", "mariadb"], methods: ["query", "execute", "batch"], multiStatement: [] },
  { modules: ["@planetscale/database"], methods: ["execute"], multiStatement: [] },
  { modules: ["better-sqlite3"], methods: ["prepare", "exec", "pragma"], multiStatement: ["exec"] },
  // `sqlite` is both the npm wrapper and Node's built-in `node:sqlite` (`DatabaseSync`).
  { modules: ["sqlite3", "sqlite"], methods: ["run", "all", "get", "each", "exec", "prepare", "map"], multiStatement: ["exec"] },
  { modules: ["bun:sqlite"], methods: ["query", "run", "exec", "prepare"], multiStatement: ["exec", "run"] },
  { modules: ["@libsql/client", "@libsql/client/web", "@libsql/client/http", "@libsql/client/node"], methods: ["execute", "batch", "executeMultiple"], multiStatement: ["executeMultiple"] },
  { modules: ["duckdb", "duckdb-async"], methods: ["run", "all", "each", "exec", "prepare", "stream"], multiStatement: ["exec"] },
  { modules: ["@duckdb/node-api"], methods: ["run", "runAndRead", "runAndReadAll", "runAndReadUntil", "stream", "streamAndRead", "streamAndReadAll", "prepare"], multiStatement: ["run", "runAndReadAll"] },
  { modules: ["knex"], methods: ["raw", "whereRaw", "orWhereRaw", "andWhereRaw", "havingRaw", "orHavingRaw", "orderByRaw", "groupByRaw", "joinRaw", "fromRaw"], multiStatement: [] },
  { modules: ["@prisma/client"], methods: ["$queryRawUnsafe", "$executeRawUnsafe"], multiStatement: [] },
  { modules: ["sequelize", "@sequelize/core"], methods: ["query"], multiStatement: [] },
  { modules: ["typeorm"], methods: ["query"], multiStatement: [] },
  { modules: ["mssql"], methods: ["query", "batch"], multiStatement: ["query", "batch"] },
  { modules: ["oracledb"], methods: ["execute", "executeMany", "queryStream"], multiStatement: [] },
];

/**
 * Methods distinctive enough to be SQL sinks on any receiver in a file that imports their library: `whereRaw` is knex,
 * `$queryRawUnsafe` is Prisma (whose client is often imported from a project module, so that one needs no import).
 */
export const DISTINCTIVE_SQL_METHODS: ReadonlySet<string> = new Set([
  "whereRaw", "orWhereRaw", "andWhereRaw", "havingRaw", "orHavingRaw", "orderByRaw", "groupByRaw", "joinRaw", "fromRaw",
  "$queryRawUnsafe", "$executeRawUnsafe", "executeMultiple", "unsafe", "runAndReadAll", "runAndRead",
]);

/** Of those, the ones that are sinks without any import of their library in the file. */
export const SQL_METHODS_WITHOUT_IMPORT: ReadonlySet<string> = new Set(["$queryRawUnsafe", "$executeRawUnsafe"]);

/**
 * Methods with common names that other objects have too (`map.get(key)`, `job.run()`): a receiver counts as a
 * database only with stronger evidence (its producer, or a name such as `db` rather than `client`).
 */
export const COMMON_SQL_METHODS: ReadonlySet<string> = new Set(["get", "all", "run", "each", "map", "any", "none", "one", "many", "result", "batch", "stream"]);

/** Every method name above: a call with another name is not looked at further. */
export const SQL_METHOD_NAMES: ReadonlySet<string> = new Set(SQL_DRIVERS.flatMap((driver) => driver.methods));

/**
 * Exports that take SQL text themselves: `sql.raw(text)` of Drizzle and Kysely, `Prisma.raw(text)`, mssql's
 * `sql.query(text)` (its tagged-template form is parameterised and is not a call), tedious's `new Request(text)`.
 */
export const SQL_EXPORT_SINKS: readonly ExportRef[] = [
  { module: "drizzle-orm", path: ["sql", "raw"] },
  { module: "drizzle-orm/sql", path: ["sql", "raw"] },
  { module: "kysely", path: ["sql", "raw"] },
  { module: "@prisma/client", path: ["Prisma", "raw"] },
  { module: "mssql", path: ["query"] },
  { module: "mssql", path: ["batch"] },
  { module: "tedious", path: ["Request"] },
];

/** The last name of each export sink, for a cheap name check before resolving. */
export const SQL_EXPORT_SINK_NAMES: ReadonlySet<string> = new Set(SQL_EXPORT_SINKS.map((sink) => sink.path[sink.path.length - 1]));

/**
 * Members called or read on a database object that give another object running SQL on the same connection:
 * `pool.connect()`, `pool.getConnection()`, `pool.request()`, `dataSource.manager`, `connection.promise()`.
 * (`db.prepare(sql)` gives a statement, whose `run(values)` takes no SQL, and is not one of them.)
 */
export const SQL_HANDLE_MEMBERS: ReadonlySet<string> = new Set([
  "connect", "getConnection", "acquire", "reserve", "promise", "request", "input", "output", "transaction", "begin",
  "beginTransaction", "startTransaction", "createQueryRunner", "manager", "connection", "pool", "client", "db", "knex", "default",
  "sequelize", "$transaction", "Database", "cached", "verbose", "open", "getPool", "createPool", "createConnection",
]);

/**
 * Words in a receiver's name (split at camelCase and `_`) that say it is a database object: `db`, `pgPool`,
 * `this.connection`, `dbClient`. `client` and `pool` count only for distinctly SQL methods (`query`, `execute`):
 * `httpClient.get(url)` is not a database read.
 */
export const DATABASE_WORDS: ReadonlySet<string> = new Set([
  "db", "database", "sql", "sqlite", "sqlite3", "mysql", "maria", "mariadb", "pg", "postgres", "postgresql", "psql", "conn",
  "connection", "con", "knex", "trx", "tx", "transaction", "sequelize", "prisma", "datasource", "duck", "duckdb", "oracle",
  "mssql", "libsql", "turso", "neon", "planetscale",
]);
export const SQL_CLIENT_WORDS: ReadonlySet<string> = new Set(["client", "pool", "runner", "manager", "request", "source"]);

/** The first words of a SQL statement. */
export const SQL_STATEMENT_START =
  /^\s*\(?\s*(?:select|insert|update|delete|with|create|drop|alter|truncate|replace|merge|upsert|pragma|explain|show|describe|call|grant|revoke|copy|attach|vacuum|analyze)\b/i;

/** Clauses that only SQL has, for text that does not start a statement (`` `${base} WHERE id = ${id}` ``). */
export const SQL_CLAUSE =
  /\b(?:select\s[\s\S]*\bfrom|insert\s+into|delete\s+from|update\s+[\w."`[\]]+\s+set)\b|\bwhere\s+[\w."`[\]]+\s*(?:=|<>|!=|<|>|\blike\b|\bin\b|\bis\b)|\border\s+by\s+\w|\bgroup\s+by\s+\w|\blimit\s+\d|\bvalues\s*\(/i;

/**
 * Statements that make a transaction or session read-only (`BEGIN TRANSACTION READ ONLY`, `SET TRANSACTION READ
 * ONLY`, `SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY`, `SET default_transaction_read_only = on`).
 */
export const READ_ONLY_STATEMENT =
  /\b(?:begin|start\s+transaction)\b[^;]*\bread\s+only\b|\bset\s+(?:session\s+|local\s+)?(?:characteristics\s+as\s+)?transaction\s+read\s+only\b|\bdefault_transaction_read_only\b|\btransaction_read_only\b/i;

/** The option that lets mysql/mysql2/mariadb run several statements in one query. */
export const MULTIPLE_STATEMENTS_OPTION = /\bmultipleStatements\s*:\s*(?:true|!0)\b/;

/**
 * A statement keyword that a "read-only" check looks for at the start of the text (`startsWith("select")`,
 * `/^\s*select/i`), or a write keyword it looks for anywhere (`includes("drop")`).
 */
export const READ_KEYWORD = /^\s*(?:select|with|show|explain|describe|desc|pragma|values|table)\b/i;
export const WRITE_KEYWORD = /^\s*(?:(?:insert|update|delete|drop|alter|create|truncate|grant|revoke|replace|merge|attach|copy|into\s+outfile|into\s+dumpfile|commit)\b|;)/i;

/** Functions that quote identifiers or literals for SQL: their result carries nothing injectable. */
export const SQL_ESCAPERS: readonly ExportRef[] = [
  ...["mysql", "mysql2", "mysql2/promise", "sqlstring"].flatMap((module) => [
    { module, path: ["escape"] },
    { module, path: ["escapeId"] },
  ]),
  { module: "pg", path: ["escapeIdentifier"] },
  { module: "pg", path: ["escapeLiteral"] },
  { module: "pg", path: ["Client", "prototype", "escapeIdentifier"] },
  { module: "pg-format", path: ["ident"] },
  { module: "pg-format", path: ["literal"] },
  { module: "pg-format", path: ["format", "ident"] },
  { module: "pg-format", path: ["format", "literal"] },
  { module: "pg-escape", path: ["ident"] },
  { module: "pg-escape", path: ["literal"] },
];

/**
 * Functions that format SQL text from a format string and values: mysql's and sqlstring's `format(sql, values)`
 * escape what they insert for `?`/`??`; pg-format's `format(fmt, ...)` escapes `%I`/`%L` but inserts `%s` as it is.
 */
export const SQL_FORMATTERS: readonly ExportRef[] = [
  ...["mysql", "mysql2", "mysql2/promise", "sqlstring"].map((module) => ({ module, path: ["format"] })),
];
export const PERCENT_FORMATTERS: readonly ExportRef[] = [
  { module: "pg-format", path: [] },
  { module: "pg-format", path: ["format"] },
  { module: "pg-format", path: ["withArray"] },
];

/**
 * Text a file must contain to hold a SQL sink: a SQL library's module name, a Prisma raw method, or SQL text. Files
 * without it are not resolved call by call (sinks reached through project imports are still found).
 */
export const SQL_TEXT_HINT = new RegExp(
  [
    String.raw`["'](?:node:)?(?:pg|pg-pool|pg-promise|postgres|mysql2?(?:\/promise)?|mariadb|better-sqlite3|sqlite3?|bun:sqlite|duckdb(?:-async)?|@duckdb\/node-api|knex|sequelize|@sequelize\/core|typeorm|drizzle-orm(?:\/[\w-]+)?|kysely|mssql|tedious|oracledb|@libsql\/client(?:\/\w+)?|@neondatabase\/serverless|@vercel\/postgres|@planetscale\/database|@prisma\/client|sqlstring|pg-format)["']`,
    String.raw`\$(?:query|execute)RawUnsafe`,
    String.raw`\b(?:SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|CREATE\s+(?:TABLE|VIEW|INDEX)|DROP\s+TABLE|ALTER\s+TABLE|PRAGMA)\b`,
    String.raw`\bselect\s[^\n]*?\bfrom\b|\binsert\s+into\b|\bdelete\s+from\b`,
  ].join("|"),
);
