import { SQL_SINK_FAMILY } from "../model/sinks/sql.js";
import { createRule } from "../util/create-rule.js";
import { sinkRuleListener } from "../util/sink-rule.js";

const PARAMETERIZE = "Pass the value as a bound parameter (`$1`/`?` with a values array, or a tagged template such as sql`...` that parameterises), and quote identifiers with the driver's escaping function (escapeIdentifier, escapeId, pg-format %I).";
const READ_ONLY_ROLE =
  "Run client-written SQL only over a connection whose database role can do nothing but read (and only what the tool needs), or replace the tool with narrower ones that run fixed, parameterised queries.";

export default createRule<[], "sqlInjection" | "clientSql" | "readOnlyTransaction" | "readOnlyCheck" | "viaImport">({
  name: "no-sql-injection",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow MCP tool input in the text of SQL statements",
      recommended: "recommended",
    },
    messages: {
      sqlInjection: `{{source}} from the MCP {{handler}} is inserted into the SQL text that {{sink}} runs: a client, or a prompt injection steering the model, can change the statement to read, change or delete any data the server's database role can reach. ${PARAMETERIZE}`,
      clientSql: `{{source}} from the MCP {{handler}} is the whole SQL statement that {{sink}} runs: the client writes the statement, so it can do anything the server's database role can (read every table, change or drop data, and on some databases read or write files). ${READ_ONLY_ROLE}`,
      readOnlyTransaction: `{{source}} from the MCP {{handler}} is run by {{sink}} after "{{statement}}", but the text may hold several statements: "COMMIT; DROP TABLE users" ends the read-only transaction and writes. Send the text as one statement (pg: a named query or queryMode "extended"; SQLite: prepare() rather than exec()), and connect with a read-only database role.`,
      readOnlyCheck: `{{source}} from the MCP {{handler}} is run by {{sink}} after a check of its text ({{check}}): text checks do not make SQL read-only (SELECT ... INTO OUTFILE, data-modifying WITH clauses, functions with side effects, a second statement after ";"). ${READ_ONLY_ROLE}`,
      viaImport:
        "{{source}} from the MCP {{handler}} is passed to {{callee}}, which {{effect}} in {{sink}} at {{location}}: a client can read or change data it should not. Pass values as bound parameters, and run SQL the client writes only over a read-only database role.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return sinkRuleListener(context, SQL_SINK_FAMILY);
  },
});
