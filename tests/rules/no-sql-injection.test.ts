import { describe, expect, it } from "vitest";
import { lintProject } from "../utils/lint-project.js";
import rule from "../../src/rules/no-sql-injection.js";
import { both, bothCjs, cjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, lowLevelV1, tool, v1, v1Cjs, v2 } from "../utils/shapes.js";

const RULE = "no-sql-injection";

type MessageIds = "sqlInjection" | "clientSql" | "readOnlyTransaction" | "readOnlyCheck";

// ---------------------------------------------------------------------------------------------------------------
// Helpers for code and expected errors
// ---------------------------------------------------------------------------------------------------------------


const TOOLS_CALL = "tools/call handler";
const OK = `return { content: [{ type: "text", text: "ok" }] };`;

function injection(at: string, source: string, handler: string, sink: string, nth?: number): ExpectedError<MessageIds> {
  return { messageId: "sqlInjection", at, nth, data: { source, handler, sink } };
}

function clientSql(at: string, source: string, handler: string, sink: string, nth?: number): ExpectedError<MessageIds> {
  return { messageId: "clientSql", at, nth, data: { source, handler, sink } };
}

function readOnlyTransaction(at: string, source: string, handler: string, sink: string, statement: string): ExpectedError<MessageIds> {
  return { messageId: "readOnlyTransaction", at, data: { source, handler, sink, statement } };
}

function readOnlyCheck(at: string, source: string, handler: string, sink: string, check: string): ExpectedError<MessageIds> {
  return { messageId: "readOnlyCheck", at, data: { source, handler, sink, check } };
}

const PG = `import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });`;

// ---------------------------------------------------------------------------------------------------------------
// Invalid: frameworks and handler shapes
// ---------------------------------------------------------------------------------------------------------------

const frameworkInvalid = [
  both({
    name: "v1 registerTool: pg pool.query with a template literal",
    code: v1(
      PG,
      `server.registerTool(
  "find_user",
  { description: "Find a user by name", inputSchema: { name: z.string() } },
  async ({ name }) => {
    const { rows } = await pool.query(\`SELECT id, email FROM users WHERE name = '\${name}'\`);
    return { content: [{ type: "text", text: JSON.stringify(rows) }] };
  },
);
`,
    ),
    errors: [injection("'${«name»}'", "name", tool("find_user"), "pool.query()")],
  }),

  both({
    name: "v1 tool(name, shape, cb): mysql2/promise connection.execute with concatenation",
    code: v1(
      `import mysql from "mysql2/promise";

const connection = await mysql.createConnection({ host: "localhost", user: "app" });`,
      `server.tool("delete_order", { id: z.string() }, async (args) => {
  await connection.execute("DELETE FROM orders WHERE id = " + args.id);
  ${OK}
});
`,
    ),
    errors: [injection("+ «args.id»", "args.id", tool("delete_order"), "connection.execute()")],
  }),

  ts({
    name: "v1 low-level tools/call: the server-postgres shape (BEGIN TRANSACTION READ ONLY, then the client's SQL)",
    code: lowLevelV1(
      PG,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  if (request.params.name === "query") {
    const sql = request.params.arguments?.sql as string;
    const client = await pool.connect();
    try {
      await client.query("BEGIN TRANSACTION READ ONLY");
      const result = await client.query(sql);
      return { content: [{ type: "text", text: JSON.stringify(result.rows, null, 2) }], isError: false };
    } finally {
      client.query("ROLLBACK").catch((error) => console.warn("Could not roll back transaction:", error));
      client.release();
    }
  }
  throw new Error(\`Unknown tool: \${request.params.name}\`);
});
`,
    ),
    errors: [readOnlyTransaction("client.query(«sql»)", "sql", TOOLS_CALL, "client.query()", "BEGIN TRANSACTION READ ONLY")],
  }),

  both({
    name: "v2 registerTool: better-sqlite3 prepare with a template literal",
    code: v2(
      `import Database from "better-sqlite3";

const db = new Database("app.db");`,
      `server.registerTool(
  "search_notes",
  { description: "Search notes", inputSchema: z.object({ term: z.string() }) },
  async ({ term }) => {
    const rows = db.prepare(\`SELECT * FROM notes WHERE body LIKE '%\${term}%'\`).all();
    return { content: [{ type: "text", text: JSON.stringify(rows) }] };
  },
);
`,
    ),
    errors: [injection("'%${«term»}%'", "term", tool("search_notes"), "db.prepare()")],
  }),

  both({
    name: 'v2 low-level setRequestHandler("tools/call"): sqlite3 db.all with the client\'s SQL',
    code: `import { Server } from "@modelcontextprotocol/server";
import sqlite3 from "sqlite3";

const server = new Server({ name: "db", version: "2.0.0" }, { capabilities: { tools: {} } });
const db = new sqlite3.Database("app.db");

server.setRequestHandler("tools/call", async (request) => {
  const { sql } = request.params.arguments;
  const rows = await new Promise((resolve, reject) => db.all(sql, (error, result) => (error ? reject(error) : resolve(result))));
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    errors: [clientSql("db.all(«sql»", "sql", TOOLS_CALL, "db.all()")],
  }),

  both({
    name: "FastMCP addTool: knex whereRaw",
    code: fastmcp(
      `import knex from "knex";

const db = knex({ client: "pg", connection: process.env.DATABASE_URL });`,
      `server.addTool({
  name: "list_orders",
  description: "List orders by status",
  parameters: z.object({ status: z.string() }),
  execute: async (args) => {
    const rows = await db("orders").whereRaw(\`status = '\${args.status}'\`);
    return JSON.stringify(rows);
  },
});
`,
    ),
    errors: [injection("'${«args.status»}'", "args.status", tool("list_orders"), 'db("orders").whereRaw()')],
  }),

  both({
    name: "FastMCP addResourceTemplate load: sqlite get",
    code: fastmcp(
      `import { open } from "sqlite";
import sqlite3 from "sqlite3";

const db = await open({ filename: "docs.db", driver: sqlite3.Database });`,
      `server.addResourceTemplate({
  uriTemplate: "doc://{slug}",
  name: "Document",
  arguments: [{ name: "slug", description: "Document slug", required: true }],
  load: async ({ slug }) => {
    const row = await db.get("SELECT body FROM docs WHERE slug = '" + slug + "'");
    return { text: row.body };
  },
});
`,
    ),
    errors: [injection("'\" + «slug» + \"'", "slug", 'resource template "Document"', "db.get()")],
  }),

  both({
    name: "mcp-framework MCPTool execute: Prisma $queryRawUnsafe with the client imported from a project module",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";
import { prisma } from "../lib/prisma.js";

class ReportTool extends MCPTool {
  name = "sales_report";
  description = "Sales per region";
  schema = {
    region: { type: z.string(), description: "Region code" },
  };

  async execute(input) {
    return prisma.$queryRawUnsafe(\`SELECT sum(total) FROM sales WHERE region = '\${input.region}'\`);
  }
}

export default ReportTool;
`,
    errors: [injection("'${«input.region»}'", "input.region", tool("sales_report"), "prisma.$queryRawUnsafe()")],
  }),

  both({
    name: "McpAgent this.server.tool: a Cloudflare D1 binding (no driver import, SQL text)",
    code: `import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

export class NotesMCP extends McpAgent {
  server = new McpServer({ name: "notes", version: "1.0.0" });

  async init() {
    this.server.tool("get_note", { title: z.string() }, async ({ title }) => {
      const note = await this.env.DB.prepare(\`SELECT body FROM notes WHERE title = '\${title}'\`).first();
      return { content: [{ type: "text", text: String(note?.body) }] };
    });
  }
}
`,
    errors: [injection("'${«title»}'", "title", tool("get_note"), "this.env.DB.prepare()")],
  }),

  both({
    name: "v1 registerResource with a ResourceTemplate: the template variable",
    code: `import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import pg from "pg";

const server = new McpServer({ name: "db", version: "1.0.0" });
const pool = new pg.Pool();

server.registerResource(
  "table",
  new ResourceTemplate("table://{name}", { list: undefined }),
  { description: "First rows of a table" },
  async (uri, { name }) => {
    const { rows } = await pool.query(\`SELECT * FROM \${name} LIMIT 10\`);
    return { contents: [{ uri: uri.href, text: JSON.stringify(rows) }] };
  },
);
`,
    errors: [injection("FROM ${«name»}", "name", 'resource template "table"', "pool.query()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: drivers, receivers and how they are imported
// ---------------------------------------------------------------------------------------------------------------

const driverInvalid = [
  bothCjs({
    name: 'CommonJS: const { Pool } = require("pg"), client from pool.connect()',
    code: v1Cjs(
      `const { Pool } = require("pg");

const pool = new Pool();`,
      `server.registerTool("count_rows", { inputSchema: { table: z.string() } }, async ({ table }) => {
  const client = await pool.connect();
  const result = await client.query("SELECT count(*) FROM " + table);
  client.release();
  return { content: [{ type: "text", text: String(result.rows[0].count) }] };
});
`,
    ),
    errors: [injection("+ «table»", "table", tool("count_rows"), "client.query()")],
  }),

  ts({
    name: 'TS: import Database = require("better-sqlite3"), db.exec',
    code: v1(
      `import Database = require("better-sqlite3");

const db = new Database("app.db");`,
      `server.registerTool("create_table", { inputSchema: { name: z.string(), columns: z.string() } }, async ({ name, columns }) => {
  db.exec(\`CREATE TABLE \${name} (\${columns})\`);
  ${OK}
});
`,
    ),
    errors: [injection("CREATE TABLE ${«name»}", "name", tool("create_table"), "db.exec()")],
  }),

  ts({
    name: "TS: a receiver with a generic name, typed with the driver's type",
    code: v1(
      `import type { PoolClient } from "pg";
import { pool } from "./db.js";`,
      `async function runQuery(handle: PoolClient, text: string) {
  return handle.query(text);
}

server.registerTool("run_sql", { inputSchema: { sql: z.string() } }, async ({ sql }) => {
  const result = await runQuery(await pool.connect(), sql);
  return { content: [{ type: "text", text: JSON.stringify(result.rows) }] };
});
`,
    ),
    errors: [clientSql("handle.query(«text»)", "text", tool("run_sql"), "handle.query()")],
  }),

  both({
    name: "a class field holding the pool (this.pool)",
    code: v1(
      `import mysql from "mysql2";`,
      `class Store {
  pool = mysql.createPool({ host: "localhost" }).promise();

  async byEmail(email) {
    const [rows] = await this.pool.query(\`SELECT * FROM users WHERE email = "\${email}"\`);
    return rows;
  }
}

const store = new Store();

server.registerTool("user_by_email", { inputSchema: { email: z.string() } }, async ({ email }) => {
  const rows = await store.byEmail(email);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [injection('"${«email»}"', "email", tool("user_by_email"), "this.pool.query()")],
  }),

  both({
    name: "mssql: pool.request().query and sql.query",
    code: v1(
      `import sql from "mssql";

const pool = await sql.connect(process.env.MSSQL_URL);`,
      `server.registerTool("lookup", { inputSchema: { code: z.string() } }, async ({ code }) => {
  const first = await pool.request().query(\`SELECT * FROM items WHERE code = '\${code}'\`);
  const second = await sql.query("SELECT * FROM archive WHERE code = '" + code + "'");
  return { content: [{ type: "text", text: JSON.stringify([first.recordset, second.recordset]) }] };
});
`,
    ),
    errors: [
      injection("code = '${«code»}'", "code", tool("lookup"), "pool.request().query()"),
      injection("'\" + «code» + \"'", "code", tool("lookup"), "sql.query()"),
    ],
  }),

  both({
    name: "aliased named import: import { Pool as PgPool }",
    code: v1(
      `import { Pool as PgPool } from "pg";

const reader = new PgPool();`,
      `server.registerTool("tail", { inputSchema: { table: z.string() } }, async ({ table }) => {
  const { rows } = await reader.query(\`SELECT * FROM \${table} ORDER BY id DESC LIMIT 20\`);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [injection("FROM ${«table»}", "table", tool("tail"), "reader.query()")],
  }),

  both({
    name: "oracledb: connection.execute",
    code: v1(
      `import oracledb from "oracledb";`,
      `server.registerTool("employee", { inputSchema: { dept: z.string() } }, async ({ dept }) => {
  const connection = await oracledb.getConnection({ user: "hr" });
  const result = await connection.execute(\`SELECT * FROM employees WHERE dept = '\${dept}'\`);
  return { content: [{ type: "text", text: JSON.stringify(result.rows) }] };
});
`,
    ),
    errors: [injection("'${«dept»}'", "dept", tool("employee"), "connection.execute()")],
  }),

  both({
    name: "postgres (porsager): sql.unsafe",
    code: v1(
      `import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL);`,
      `server.registerTool("sort_users", { inputSchema: { column: z.string() } }, async ({ column }) => {
  const rows = await sql.unsafe(\`SELECT * FROM users ORDER BY \${column}\`);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [injection("ORDER BY ${«column»}", "column", tool("sort_users"), "sql.unsafe()")],
  }),

  both({
    name: "Drizzle: sql.raw inside a parameterised query",
    code: v1(
      `import { sql } from "drizzle-orm";
import { db } from "./db.js";`,
      `server.registerTool("filter", { inputSchema: { where: z.string() } }, async ({ where }) => {
  const rows = await db.execute(sql\`SELECT * FROM events WHERE \${sql.raw(where)}\`);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [clientSql("sql.raw(«where»)", "where", tool("filter"), "sql.raw()")],
  }),

  both({
    name: "Sequelize and TypeORM query",
    code: v1(
      `import { Sequelize } from "sequelize";
import { DataSource } from "typeorm";

const sequelize = new Sequelize(process.env.DATABASE_URL);
const dataSource = new DataSource({ type: "postgres" });`,
      `server.registerTool("audit", { inputSchema: { actor: z.string() } }, async ({ actor }) => {
  const [a] = await sequelize.query(\`SELECT * FROM audit WHERE actor = '\${actor}'\`);
  const b = await dataSource.query("SELECT * FROM audit_archive WHERE actor = '" + actor + "'");
  return { content: [{ type: "text", text: JSON.stringify([a, b]) }] };
});
`,
    ),
    errors: [
      injection("actor = '${«actor»}'", "actor", tool("audit"), "sequelize.query()"),
      injection("'\" + «actor» + \"'", "actor", tool("audit"), "dataSource.query()"),
    ],
  }),

  both({
    name: "libsql: execute with a config object, batch with an array of statements",
    code: v1(
      `import { createClient } from "@libsql/client";

const turso = createClient({ url: process.env.TURSO_URL });`,
      `server.registerTool("tag", { inputSchema: { tag: z.string(), id: z.string() } }, async ({ tag, id }) => {
  await turso.execute({ sql: \`UPDATE posts SET tag = '\${tag}' WHERE id = ?\`, args: [id] });
  await turso.batch(["BEGIN", \`DELETE FROM drafts WHERE id = \${id}\`], "write");
  ${OK}
});
`,
    ),
    errors: [
      injection("tag = '${«tag»}'", "tag", tool("tag"), "turso.execute()"),
      injection("id = ${«id»}", "id", tool("tag"), "turso.batch()"),
    ],
  }),

  both({
    name: "duckdb: db.all and a connection's run",
    code: v1(
      `import duckdb from "duckdb";

const db = new duckdb.Database(":memory:");
const con = db.connect();`,
      `server.registerTool("analyze", { inputSchema: { file: z.string(), sql: z.string() } }, async ({ file, sql }) => {
  db.all(\`SELECT * FROM read_csv_auto('\${file}')\`, () => {});
  con.run(sql);
  ${OK}
});
`,
    ),
    errors: [injection("read_csv_auto('${«file»}')", "file", tool("analyze"), "db.all()"), clientSql("con.run(«sql»)", "sql", tool("analyze"), "con.run()")],
  }),

  both({
    name: "pg-format: %s inserts the value as it is (%I and %L are quoted)",
    code: v1(
      `import format from "pg-format";
${PG}`,
      `server.registerTool("rows", { inputSchema: { table: z.string(), filter: z.string() } }, async ({ table, filter }) => {
  const { rows } = await pool.query(format("SELECT * FROM %I WHERE %s", table, filter));
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [injection("table, «filter»)", "filter", tool("rows"), "pool.query()")],
  }),

  both({
    name: "a receiver imported from a project module: SQL text is evidence enough without a driver import",
    code: v1(
      `import { db } from "./db.js";`,
      `server.registerTool("export_rows", { inputSchema: { where: z.string() } }, async ({ where }) => {
  const rows = await db.query(\`SELECT * FROM orders WHERE \${where}\`);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [injection("WHERE ${«where»}", "where", tool("export_rows"), "db.query()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: how the text is built, client SQL and read-only checks
// ---------------------------------------------------------------------------------------------------------------

const flowInvalid = [
  both({
    name: "flow: a query built with let and += in branches",
    code: v1(
      PG,
      `server.registerTool("search", { inputSchema: { name: z.string().optional(), city: z.string().optional() } }, async (args) => {
  let sql = "SELECT * FROM customers WHERE 1 = 1";
  if (args.name) sql += \` AND name = '\${args.name}'\`;
  if (args.city) sql += " AND city = '" + args.city + "'";
  const { rows } = await pool.query(sql);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [injection("name = '${«args.name»}'", "args.name", tool("search"), "pool.query()")],
  }),

  both({
    name: "flow: a const query, an array of clauses joined",
    code: v1(
      PG,
      `server.registerTool("report", { inputSchema: { from: z.string(), to: z.string() } }, async ({ from, to }) => {
  const where = [\`created >= '\${from}'\`, \`created < '\${to}'\`].join(" AND ");
  const query = "SELECT * FROM invoices WHERE " + where;
  const { rows } = await pool.query(query);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [injection("'${«from»}'", "from", tool("report"), "pool.query()")],
  }),

  both({
    name: "flow: a same-file helper that builds the query",
    code: v1(
      PG,
      `function selectFrom(table, limit) {
  return \`SELECT * FROM \${table} LIMIT \${limit}\`;
}

server.registerTool("peek", { inputSchema: { table: z.string() } }, async ({ table }) => {
  const { rows } = await pool.query(selectFrom(table, 10));
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [injection("pool.query(«selectFrom(table, 10)»)", "table", tool("peek"), "pool.query()")],
  }),

  both({
    name: "flow: a same-file helper that runs the query is reported inside the helper",
    code: v1(
      PG,
      `async function findBy(column, value) {
  const { rows } = await pool.query(\`SELECT * FROM users WHERE \${column} = $1\`, [value]);
  return rows;
}

server.registerTool("find", { inputSchema: { column: z.string(), value: z.string() } }, async ({ column, value }) => {
  const rows = await findBy(column, value);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [injection("WHERE ${«column»}", "column", tool("find"), "pool.query()")],
  }),

  both({
    name: "not escaping: JSON.stringify and a hand-rolled quote replacement",
    code: v1(
      PG,
      `server.registerTool("by_name", { inputSchema: { name: z.string(), tag: z.string() } }, async ({ name, tag }) => {
  await pool.query(\`SELECT * FROM t WHERE name = \${JSON.stringify(name)}\`);
  await pool.query(\`SELECT * FROM t WHERE tag = '\${tag.replace(/'/g, "''")}'\`);
  ${OK}
});
`,
    ),
    errors: [
      injection("${«JSON.stringify(name)»}", "name", tool("by_name"), "pool.query()"),
      injection("'${«tag».replace(", "tag", tool("by_name"), "pool.query()"),
    ],
  }),

  both({
    name: "a number field is still reported (nothing validates it in a low-level handler)",
    code: lowLevelV1(
      PG,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { limit } = request.params.arguments;
  const { rows } = await pool.query(\`SELECT * FROM events ORDER BY at DESC LIMIT \${limit}\`);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [injection("LIMIT ${«limit»}", "limit", TOOLS_CALL, "pool.query()")],
  }),

  both({
    name: "client SQL: the whole statement is a tool argument (read-only not enforced at all)",
    code: v1(
      `import mysql from "mysql2/promise";

const pool = mysql.createPool({ host: "localhost" });`,
      `server.registerTool("run_query", { inputSchema: { query: z.string() } }, async (args) => {
  const [rows] = await pool.query(args.query);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [clientSql("pool.query(«args.query»)", "args.query", tool("run_query"), "pool.query()")],
  }),

  both({
    name: "client SQL: the pg extended protocol is one statement, but the statement is still the client's",
    code: lowLevelV1(
      PG,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const sql = String(request.params.arguments?.sql);
  const client = await pool.connect();
  try {
    await client.query("BEGIN TRANSACTION READ ONLY");
    const result = await client.query({ name: "isolated-statement", text: sql, values: [] });
    return { content: [{ type: "text", text: JSON.stringify(result.rows) }] };
  } finally {
    await client.query("ROLLBACK");
    client.release(true);
  }
});
`,
    ),
    errors: [clientSql("text: «sql»", "sql", TOOLS_CALL, "client.query()")],
  }),

  both({
    name: "read-only check: startsWith('select') after trim and toLowerCase",
    code: v1(
      PG,
      `server.registerTool("select", { inputSchema: { sql: z.string() } }, async ({ sql }) => {
  if (!sql.trim().toLowerCase().startsWith("select")) {
    return { isError: true, content: [{ type: "text", text: "Only SELECT statements are allowed" }] };
  }
  const { rows } = await pool.query(sql);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [readOnlyCheck("pool.query(«sql»)", "sql", tool("select"), "pool.query()", 'sql.trim().toLowerCase().startsWith("select")')],
  }),

  both({
    name: "read-only check: an anchored keyword regex and a write-keyword denylist (sqlite)",
    code: v1(
      `import Database from "better-sqlite3";

const db = new Database("app.db", { readonly: false });
const WRITES = /\\b(insert|update|delete|drop|alter)\\b/i;`,
      `server.registerTool("read_query", { inputSchema: { query: z.string() } }, async (args) => {
  const query = args.query;
  if (!/^\\s*select\\b/i.test(query) || WRITES.test(query)) throw new Error("read-only");
  return { content: [{ type: "text", text: JSON.stringify(db.prepare(query).all()) }] };
});
`,
    ),
    errors: [readOnlyCheck("db.prepare(«query»)", "query", tool("read_query"), "db.prepare()", "/^\\s*select\\b/i.test(query)")],
  }),

  both({
    name: "read-only check: refusing a second statement is still a check of the text",
    code: v1(
      PG,
      `server.registerTool("one_statement", { inputSchema: { sql: z.string() } }, async ({ sql }) => {
  if (sql.includes(";")) throw new Error("One statement only");
  const { rows } = await pool.query(sql);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [readOnlyCheck("pool.query(«sql»)", "sql", tool("one_statement"), "pool.query()", 'sql.includes(";")')],
  }),

  both({
    name: "read-only transaction: SQLite exec runs every statement of the text",
    code: v1(
      `import Database from "better-sqlite3";

const db = new Database("app.db");`,
      `server.registerTool("script", { inputSchema: { sql: z.string() } }, async ({ sql }) => {
  db.exec("BEGIN; PRAGMA query_only = ON");
  db.exec("SET TRANSACTION READ ONLY");
  db.exec(sql);
  ${OK}
});
`,
    ),
    errors: [readOnlyTransaction("db.exec(«sql»)", "sql", tool("script"), "db.exec()", "SET TRANSACTION READ ONLY")],
  }),

  both({
    name: "mysql with multipleStatements: SET SESSION TRANSACTION READ ONLY before the client's text",
    code: v1(
      `import mysql from "mysql2/promise";

const pool = mysql.createPool({ host: "localhost", multipleStatements: true });`,
      `server.registerTool("mysql_query", { inputSchema: { sql: z.string() } }, async ({ sql }) => {
  const connection = await pool.getConnection();
  await connection.query("SET SESSION TRANSACTION READ ONLY");
  const [rows] = await connection.query(sql);
  connection.release();
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [readOnlyTransaction("connection.query(«sql»)", "sql", tool("mysql_query"), "connection.query()", "SET SESSION TRANSACTION READ ONLY")],
  }),

  both({
    name: "the mcp-server-mysql shape: a read-only session (no multipleStatements) is still client SQL",
    code: v1(
      `import * as mysql2 from "mysql2/promise";

const pool = mysql2.createPool({ host: "localhost" });

async function executeReadOnlyQuery(sql) {
  const connection = await pool.getConnection();
  await connection.query("SET SESSION TRANSACTION READ ONLY");
  await connection.beginTransaction();
  try {
    const result = await connection.query(sql);
    await connection.rollback();
    return result[0];
  } finally {
    connection.release();
  }
}`,
      `server.registerTool("mysql_query", { inputSchema: { sql: z.string() } }, async ({ sql }) => {
  const rows = await executeReadOnlyQuery(sql);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
    errors: [clientSql("connection.query(«sql»)", "sql", tool("mysql_query"), "connection.query()")],
  }),

  cjs({
    name: "CommonJS: client SQL through a destructured argument",
    code: v1Cjs(
      `const sqlite3 = require("sqlite3").verbose();

const db = new sqlite3.Database("app.db");`,
      `server.registerTool("sqlite_query", { inputSchema: { sql: z.string() } }, async (args) => {
  const { sql } = args;
  return new Promise((resolve) => db.all(sql, (error, rows) => resolve({ content: [{ type: "text", text: JSON.stringify(rows) }] })));
});
`,
    ),
    errors: [clientSql("db.all(«sql»", "sql", tool("sqlite_query"), "db.all()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Valid
// ---------------------------------------------------------------------------------------------------------------

const valid = [
  both({
    name: "safe: pg placeholders with a values array",
    code: v1(
      PG,
      `server.registerTool("find_user", { inputSchema: { name: z.string() } }, async ({ name }) => {
  const { rows } = await pool.query("SELECT id, email FROM users WHERE name = $1", [name]);
  const again = await pool.query({ text: "SELECT * FROM audit WHERE actor = $1", values: [name] });
  return { content: [{ type: "text", text: JSON.stringify([rows, again.rows]) }] };
});
`,
    ),
  }),

  both({
    name: "safe: mysql ? placeholders, execute and format with values",
    code: v1(
      `import mysql from "mysql2/promise";

const pool = mysql.createPool({ host: "localhost" });`,
      `server.registerTool("orders", { inputSchema: { status: z.string(), column: z.string() } }, async ({ status, column }) => {
  const [a] = await pool.execute("SELECT * FROM orders WHERE status = ?", [status]);
  const [b] = await pool.query(mysql.format("SELECT ?? FROM orders WHERE status = ?", [column, status]));
  const [c] = await pool.query(\`SELECT \${mysql.escapeId(column)} FROM orders WHERE status = \${pool.escape(status)}\`);
  return { content: [{ type: "text", text: JSON.stringify([a, b, c]) }] };
});
`,
    ),
  }),

  both({
    name: "safe: tagged templates that parameterise (postgres, Prisma $queryRaw, Drizzle sql, Vercel sql)",
    code: v1(
      `import postgres from "postgres";
import { sql as drizzleSql } from "drizzle-orm";
import { PrismaClient } from "@prisma/client";
import { db } from "./db.js";

const sql = postgres(process.env.DATABASE_URL);
const prisma = new PrismaClient();`,
      `server.registerTool("user", { inputSchema: { id: z.string() } }, async ({ id }) => {
  const a = await sql\`SELECT * FROM users WHERE id = \${id}\`;
  const b = await prisma.$queryRaw\`SELECT * FROM users WHERE id = \${id}\`;
  const c = await db.execute(drizzleSql\`SELECT * FROM users WHERE id = \${id}\`);
  const d = await sql\`SELECT * FROM \${sql("users")} WHERE id = \${id}\`;
  return { content: [{ type: "text", text: JSON.stringify([a, b, c, d]) }] };
});
`,
    ),
  }),

  both({
    name: "safe: identifiers quoted by the driver's escaping functions",
    code: v1(
      `import pg from "pg";
import format from "pg-format";

const pool = new pg.Pool();`,
      `server.registerTool("peek", { inputSchema: { table: z.string(), value: z.string() } }, async ({ table, value }) => {
  const client = await pool.connect();
  const a = await client.query(\`SELECT * FROM \${client.escapeIdentifier(table)} WHERE v = \${client.escapeLiteral(value)}\`);
  const b = await pool.query(format("SELECT * FROM %I WHERE v = %L", table, value));
  const c = await pool.query(\`SELECT * FROM \${pg.escapeIdentifier(table)} LIMIT 5\`);
  client.release();
  return { content: [{ type: "text", text: JSON.stringify([a.rows, b.rows, c.rows]) }] };
});
`,
    ),
  }),

  both({
    name: "guard: an allowlist of tables, a switch on the sort column, an anchored identifier regex",
    code: v1(
      PG,
      `const TABLES = new Set(["orders", "customers"]);

server.registerTool("list", { inputSchema: { table: z.string(), sort: z.string(), column: z.string() } }, async ({ table, sort, column }) => {
  if (!TABLES.has(table)) throw new Error("Unknown table");
  if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error("Bad column");
  let order;
  switch (sort) {
    case "asc":
    case "desc":
      order = sort;
      break;
    default:
      throw new Error("Bad sort");
  }
  const { rows } = await pool.query(\`SELECT \${column} FROM \${table} ORDER BY 1 \${order}\`);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
  }),

  both({
    name: "guard: numbers converted before they are inserted",
    code: v1(
      PG,
      `server.registerTool("recent", { inputSchema: { limit: z.number(), offset: z.string() } }, async ({ limit, offset }) => {
  const n = Number(limit);
  const { rows } = await pool.query(\`SELECT * FROM events LIMIT \${n} OFFSET \${parseInt(offset, 10)}\`);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
  }),

  both({
    name: "safe: a z.enum field validated by registerTool",
    code: v1(
      PG,
      `server.registerTool("by_status", { inputSchema: { status: z.enum(["open", "closed"]) } }, async ({ status }) => {
  const { rows } = await pool.query(\`SELECT * FROM tickets WHERE status = '\${status}'\`);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
  }),

  both({
    name: "safe: constant SQL, module constants and process.env in the text",
    code: v1(
      `${PG}
const TABLE = "events";`,
      `server.registerTool("stats", { inputSchema: { day: z.string() } }, async ({ day }) => {
  const a = await pool.query(\`SELECT count(*) FROM \${TABLE} WHERE day = $1\`, [day]);
  const b = await pool.query(\`SELECT * FROM \${process.env.SCHEMA}.events\`);
  const c = await pool.query("SELECT now()");
  return { content: [{ type: "text", text: JSON.stringify([a.rows, b.rows, c.rows]) }] };
});
`,
    ),
  }),

  both({
    name: "safe: better-sqlite3 statements with bound values (run/get/all are not SQL text)",
    code: v2(
      `import Database from "better-sqlite3";

const db = new Database("app.db");
const insert = db.prepare("INSERT INTO notes (title, body) VALUES (?, ?)");`,
      `server.registerTool(
  "add_note",
  { description: "Add a note", inputSchema: z.object({ title: z.string(), body: z.string() }) },
  async ({ title, body }) => {
    insert.run(title, body);
    const row = db.prepare("SELECT * FROM notes WHERE title = ?").get(title);
    const rows = db.prepare("SELECT * FROM notes WHERE body LIKE ?").all(\`%\${body}%\`);
    return { content: [{ type: "text", text: JSON.stringify([row, rows]) }] };
  },
);
`,
    ),
  }),

  both({
    name: "safe: methods named like SQL ones on other objects",
    code: v1(
      `import sqlite3 from "sqlite3";
import { Octokit } from "@octokit/rest";

const db = new sqlite3.Database("cache.db");
const cache = new Map();
const octokit = new Octokit();
const httpClient = { get: (url) => fetch(url) };`,
      `server.registerTool("repo", { inputSchema: { owner: z.string(), repo: z.string(), pattern: z.string() } }, async ({ owner, repo, pattern }) => {
  const cached = cache.get(\`\${owner}/\${repo}\`);
  const data = cached ?? (await octokit.request("GET /repos/{owner}/{repo}", { owner, repo }));
  const page = await httpClient.get(\`https://example.com/\${repo}\`);
  const matches = new RegExp("^x$").exec(pattern);
  const all = [owner, repo].map((part) => part.trim());
  db.get("SELECT 1 FROM repos WHERE owner = ? AND name = ?", [owner, repo], () => {});
  return { content: [{ type: "text", text: JSON.stringify([data, page, matches, all]) }] };
});
`,
    ),
  }),

  both({
    name: "safe: FastMCP, mcp-framework and low-level handlers with bound values",
    code: fastmcp(
      `import knex from "knex";

const db = knex({ client: "pg" });`,
      `server.addTool({
  name: "list_orders",
  description: "List orders by status",
  parameters: z.object({ status: z.string() }),
  execute: async (args) => {
    const rows = await db("orders").where({ status: args.status }).whereRaw("created > now() - interval '1 day'");
    const more = await db.raw("SELECT * FROM orders WHERE status = ?", [args.status]);
    return JSON.stringify([rows, more]);
  },
});
`,
    ),
  }),

  both({
    name: "safe: SQL text with tool input in a file with no MCP handler",
    code: `import pg from "pg";

const pool = new pg.Pool();

export async function byName(name) {
  return pool.query(\`SELECT * FROM users WHERE name = '\${name}'\`);
}
`,
  }),

  both({
    name: "safe: client SQL run only through an allowlist of named queries",
    code: v1(
      `${PG}
const QUERIES = { active_users: "SELECT * FROM users WHERE active", open_orders: "SELECT * FROM orders WHERE open" };`,
      `server.registerTool("named_query", { inputSchema: { name: z.string() } }, async ({ name }) => {
  if (!Object.hasOwn(QUERIES, name)) throw new Error("Unknown query");
  const { rows } = await pool.query(QUERIES[name]);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
  }),

  both({
    name: "safe: the extra argument (request context) is not tool input",
    code: v1(
      PG,
      `server.registerTool("whoami", { description: "Session info" }, async (extra) => {
  const { rows } = await pool.query(\`SELECT * FROM sessions WHERE id = '\${extra.sessionId}'\`);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
  }),

  cjs({
    name: "safe: CommonJS sqlite3 with placeholders",
    code: v1Cjs(
      `const sqlite3 = require("sqlite3");

const db = new sqlite3.Database("app.db");`,
      `server.registerTool("note", { inputSchema: { id: z.string() } }, async ({ id }) => {
  return new Promise((resolve) =>
    db.get("SELECT * FROM notes WHERE id = ?", [id], (error, row) => resolve({ content: [{ type: "text", text: JSON.stringify(row) }] })),
  );
});
`,
    ),
  }),

  ts({
    name: "safe: TS wrappers around parameterised calls",
    code: v1(
      `import type { Pool } from "pg";
import { pool as shared } from "./db.js";

const pool = shared as Pool;`,
      `server.registerTool("by_id", { inputSchema: { id: z.string() } }, async ({ id }) => {
  const { rows } = await pool!.query<{ id: string }>("SELECT * FROM t WHERE id = $1", [id satisfies string]);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});
`,
    ),
  }),
];

runRuleTests("no-sql-injection", rule, {
  valid,
  invalid: [...frameworkInvalid, ...driverInvalid, ...flowInvalid],
});

// ---------------------------------------------------------------------------------------------------------------
// Across files: fixture projects linted through the ESLint API
// ---------------------------------------------------------------------------------------------------------------

describe("no-sql-injection across files", () => {
  it("reports a pool imported from a project module, and a helper module that runs the client's SQL", async () => {
    const registration = await lintProject(RULE, "sql-server", ["src/index.ts"]);
    expect(registration.places).toEqual(["src/index.ts:10:35 clientSql", "src/index.ts:20:43 viaImport"]);
    expect(registration.messages[1]).toContain("sql from the MCP tool \"mysql_query\" is passed to executeReadOnlyQuery(), which runs it as a whole SQL statement in connection.query() at ./tools/mysql.ts:11");
    const helper = await lintProject(RULE, "sql-server", ["src/tools/mysql.ts"]);
    expect(helper.places).toEqual(["src/tools/mysql.ts:11:43 clientSql"]);
    expect(helper.messages[0]).toContain('sql from the MCP tool "mysql_query" is the whole SQL statement that connection.query() runs');
    const whole = await lintProject(RULE, "sql-server", ["src/index.ts", "src/db.ts", "src/tools/mysql.ts"]);
    expect(whole.places).toEqual([...registration.places, ...helper.places].sort());
  });
});
