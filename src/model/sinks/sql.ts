import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { accessPathKey, calleeName, isFunctionNode, skipWrappers, staticKeyName, type FunctionNode } from "../../analysis/ast.js";
import { constantString, constantValue } from "../../analysis/constants.js";
import { functionReferenced, returnExpressions } from "../../analysis/dataflow.js";
import { calleeRootName, importedModules, projectImportNames, resolveCallee } from "../../analysis/imports.js";
import { callsWithin, getNodeIndex } from "../../analysis/node-index.js";
import { producerOf } from "../../analysis/producers.js";
import { variableOf, writesOf, type SourceCode } from "../../analysis/scope.js";
import { matchesAny } from "../../knowledge/flow.js";
import {
  COMMON_SQL_METHODS,
  DATABASE_WORDS,
  DISTINCTIVE_SQL_METHODS,
  MULTIPLE_STATEMENTS_OPTION,
  PERCENT_FORMATTERS,
  READ_KEYWORD,
  READ_ONLY_STATEMENT,
  SQL_CLAUSE,
  SQL_CLIENT_WORDS,
  SQL_DRIVERS,
  SQL_ESCAPERS,
  SQL_EXPORT_SINK_NAMES,
  SQL_EXPORT_SINKS,
  SQL_FORMATTERS,
  SQL_HANDLE_MEMBERS,
  SQL_METHOD_NAMES,
  SQL_METHODS_WITHOUT_IMPORT,
  SQL_STATEMENT_START,
  SQL_TEXT_HINT,
  WRITE_KEYWORD,
  type SqlDriver,
} from "../../knowledge/sql-sinks.js";
import { shortText } from "../../util/describe.js";
import { sinkCallee } from "./callee.js";
import type { SinkArgument, SinkCall, SinkFamily } from "./types.js";

/**
 * SQL text given to a database library. Tool input inserted into the text is `sqlInjection`; tool input that is the
 * whole text is `clientSql`, or `readOnlyTransaction`/`readOnlyCheck` when the code shows it relies on a read-only
 * transaction that a multi-statement text can end, or on a check of the text's first keyword.
 */
export const SQL_SINK_FAMILY: SinkFamily = {
  rule: "no-sql-injection",
  profile: { name: "sql", sanitizers: SQL_ESCAPERS },
  textHint: SQL_TEXT_HINT,
  argumentsToCheck(sourceCode, call) {
    const sink = sqlSinkOf(sourceCode, call);
    if (!sink) return [];
    const statements = statementsOf(sourceCode, sink.sql);
    const groups: SinkArgument[][] = [];
    for (const statement of statements) {
      const text = sqlText(sourceCode, statement.text, 0);
      if (text.parts.length === 0) continue;
      if (text.built) {
        groups.push(text.parts.map((node) => ({ node, messageId: "sqlInjection" })));
        continue;
      }
      groups.push(text.parts.map((node) => clientSqlArgument(sourceCode, call, sink, statement, node)));
    }
    return groups;
  },
  effects: {
    sqlInjection: "inserts it into SQL text",
    clientSql: "runs it as a whole SQL statement",
    readOnlyTransaction: "runs it as SQL in a read-only transaction that a multi-statement text can end",
    readOnlyCheck: "runs it as SQL after checking only its text",
  },
};

interface SqlSink {
  /** The argument holding the SQL (a string, a config object, or an array of statements for `batch`). */
  sql: TSESTree.Node;
  method: string | null;
  /** The libraries the call may belong to (for multi-statement support); empty when only the SQL text says so. */
  drivers: readonly SqlDriver[];
}

interface Statement {
  text: TSESTree.Node;
  /** The call forces one statement per call (pg's `{ name, text }` or `queryMode: "extended"`). */
  single: boolean;
}

const methodSinkMemo = new WeakMap<TSESTree.Node, SqlSink | null>();

function sqlSinkOf(sourceCode: SourceCode, call: SinkCall): SqlSink | null {
  if (call.type === AST_NODE_TYPES.ImportExpression || call.arguments.length === 0) return null;
  const first = call.arguments[0];
  if (first.type === AST_NODE_TYPES.SpreadElement || isFunctionNode(skipWrappers(first))) return null;
  const name = calleeName(call.callee);
  if (name === null) return null;
  if (SQL_EXPORT_SINK_NAMES.has(name)) {
    const resolved = sinkCallee(sourceCode, call, SQL_SINK_FAMILY);
    if (matchesAny(resolved, SQL_EXPORT_SINKS)) return { sql: first, method: null, drivers: [] };
  }
  const callee = skipWrappers(call.callee);
  if (call.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression || !SQL_METHOD_NAMES.has(name)) return null;
  if (methodSinkMemo.has(call)) return methodSinkMemo.get(call)!;
  const sink = methodSink(sourceCode, call, callee, name, first);
  methodSinkMemo.set(call, sink);
  return sink;
}

/**
 * Whether `receiver.method(sql, ...)` runs SQL, from the evidence at hand, cheapest first: a method only SQL libraries
 * have; a receiver named like a database in a file importing a library with that method; SQL text in the argument;
 * a receiver produced by such a library (`new pg.Pool()`, `await pool.connect()`, `client: PoolClient`).
 */
function methodSink(sourceCode: SourceCode, call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string, sql: TSESTree.Node): SqlSink | null {
  const imported = importedDrivers(sourceCode).filter((driver) => driver.methods.includes(method));
  if (DISTINCTIVE_SQL_METHODS.has(method) && (imported.length > 0 || SQL_METHODS_WITHOUT_IMPORT.has(method))) {
    return { sql, method, drivers: imported };
  }
  const namedLikeDatabase = receiverNamedLikeDatabase(callee.object, method);
  if (imported.length > 0 && namedLikeDatabase) return { sql, method, drivers: imported };
  if (looksLikeSqlText(sourceCode, sql, COMMON_SQL_METHODS.has(method))) return { sql, method, drivers: imported };
  // A producer is worth looking for when the file imports a library with this method, or the receiver may come from
  // a project module (`import { db } from "./db.js"`) or is named like a database.
  if (imported.length === 0 && !namedLikeDatabase && !projectImportNames(sourceCode.ast).has(calleeRootName(callee.object) ?? "")) return null;
  const producer = producerOf(sourceCode, callee.object);
  if (producer && producer.members.every((member) => SQL_HANDLE_MEMBERS.has(member))) {
    const drivers = SQL_DRIVERS.filter((driver) => driver.modules.includes(producer.module) && driver.methods.includes(method));
    if (drivers.length > 0) return { sql, method, drivers };
  }
  return null;
}

const driversMemo = new WeakMap<TSESTree.Program, SqlDriver[]>();

function importedDrivers(sourceCode: SourceCode): SqlDriver[] {
  let drivers = driversMemo.get(sourceCode.ast);
  if (!drivers) {
    const modules = importedModules(sourceCode.ast, sourceCode.text);
    drivers = SQL_DRIVERS.filter((driver) => driver.modules.some((module) => modules.has(module)));
    driversMemo.set(sourceCode.ast, drivers);
  }
  return drivers;
}

/** `db`, `this.pool`, `pgClient`, `pool.request()`: a receiver whose name says it is a database object. */
function receiverNamedLikeDatabase(raw: TSESTree.Node, method: string): boolean {
  let node = skipWrappers(raw);
  for (let i = 0; i < 4 && node.type === AST_NODE_TYPES.CallExpression; i++) {
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !SQL_HANDLE_MEMBERS.has(staticKeyName(callee) ?? "")) return false;
    node = skipWrappers(callee.object);
  }
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipWrappers(node.argument);
  const name = node.type === AST_NODE_TYPES.Identifier ? node.name : node.type === AST_NODE_TYPES.MemberExpression ? staticKeyName(node) : null;
  if (!name) return false;
  const words = name
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_$\d]+/)
    .filter(Boolean);
  if (words.some((word) => DATABASE_WORDS.has(word))) return true;
  return !COMMON_SQL_METHODS.has(method) && words.some((word) => SQL_CLIENT_WORDS.has(word));
}

/** Whether the argument is text built around SQL (`` `SELECT * FROM t WHERE id = ${id}` ``, `"DELETE FROM " + table`). */
function looksLikeSqlText(sourceCode: SourceCode, node: TSESTree.Node, strict: boolean): boolean {
  const statement = statementsOf(sourceCode, node)[0];
  if (!statement) return false;
  const text = sqlText(sourceCode, statement.text, 0);
  if (!text.built) return false;
  return SQL_STATEMENT_START.test(text.constant) || (!strict && SQL_CLAUSE.test(text.constant));
}

/** The statements an argument holds: the text itself, the `text`/`sql`/`query` of a config object, or each element of a batch. */
function statementsOf(sourceCode: SourceCode, raw: TSESTree.Node): Statement[] {
  const node = literalOf(sourceCode, raw, 0);
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    return node.elements.flatMap((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? statementsOf(sourceCode, element) : []));
  }
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    let text: TSESTree.Node | null = null;
    let single = false;
    for (const property of node.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticKeyName(property);
      if (key === "text" || key === "sql" || key === "query") text = property.value;
      if (key === "name" || (key === "queryMode" && constantString(sourceCode, property.value) === "extended")) single = true;
    }
    return text ? [{ text, single }] : [];
  }
  return [{ text: raw, single: false }];
}

/** An array or object literal behind a `const`, else the node itself. */
function literalOf(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): TSESTree.Node {
  const node = skipWrappers(raw);
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 3) return node;
  const variable = variableOf(sourceCode, node);
  const writes = variable ? writesOf(variable) : [];
  if (writes.length !== 1 || writes[0].path?.length !== 0 || writes[0].iterated) return node;
  const value = skipWrappers(writes[0].value);
  if (value.type === AST_NODE_TYPES.ArrayExpression || value.type === AST_NODE_TYPES.ObjectExpression) return value;
  return value.type === AST_NODE_TYPES.Identifier ? literalOf(sourceCode, value, depth + 1) : node;
}

/** How SQL text is made: the expressions inserted into it as they are, and the constant text around them. */
interface SqlText {
  /** Expressions whose value becomes part of the text unescaped. */
  parts: TSESTree.Node[];
  /** The constant text, as far as known. */
  constant: string;
  /** Constant SQL around the inserted values (`sqlInjection`), rather than one value that is the whole text. */
  built: boolean;
}

const MAX_TEXT_DEPTH = 5;

function opaque(node: TSESTree.Node): SqlText {
  return { parts: [node], constant: "", built: false };
}

function concatenation(pieces: Array<string | SqlText>): SqlText {
  const parts: TSESTree.Node[] = [];
  let constant = "";
  let built = false;
  let hasText = false;
  for (const piece of pieces) {
    if (typeof piece === "string") {
      constant += piece;
      if (/\w/.test(piece)) hasText = true;
      continue;
    }
    parts.push(...piece.parts);
    constant += piece.constant;
    if (piece.built) built = true;
    if (/\w/.test(piece.constant)) hasText = true;
  }
  return { parts, constant, built: built || (hasText && parts.length > 0) };
}

function union(texts: SqlText[]): SqlText {
  return {
    parts: texts.flatMap((text) => text.parts),
    constant: texts.map((text) => text.constant).join(" "),
    built: texts.some((text) => text.built),
  };
}

function sqlText(sourceCode: SourceCode, raw: TSESTree.Node, depth: number): SqlText {
  const node = skipWrappers(raw);
  const constant = constantString(sourceCode, node);
  if (constant !== null) return { parts: [], constant, built: false };
  if (depth > MAX_TEXT_DEPTH) return opaque(node);
  switch (node.type) {
    case AST_NODE_TYPES.TemplateLiteral: {
      const pieces: Array<string | SqlText> = [];
      node.quasis.forEach((quasi, index) => {
        pieces.push(quasi.value.cooked ?? quasi.value.raw);
        if (index < node.expressions.length) pieces.push(sqlText(sourceCode, node.expressions[index], depth + 1));
      });
      return concatenation(pieces);
    }
    case AST_NODE_TYPES.BinaryExpression:
      if (node.operator !== "+") return { parts: [], constant: "", built: false };
      return concatenation([sqlText(sourceCode, node.left, depth + 1), sqlText(sourceCode, node.right, depth + 1)]);
    case AST_NODE_TYPES.ConditionalExpression:
      return union([sqlText(sourceCode, node.consequent, depth + 1), sqlText(sourceCode, node.alternate, depth + 1)]);
    case AST_NODE_TYPES.LogicalExpression:
      return union([sqlText(sourceCode, node.left, depth + 1), sqlText(sourceCode, node.right, depth + 1)]);
    case AST_NODE_TYPES.AwaitExpression:
      return sqlText(sourceCode, node.argument, depth + 1);
    case AST_NODE_TYPES.Identifier:
      return variableText(sourceCode, node, depth);
    case AST_NODE_TYPES.CallExpression:
      return callText(sourceCode, node, depth);
    default:
      return opaque(node);
  }
}

/** A variable's text from all its writes: `let sql = "SELECT ..."; if (x) sql += \` AND a = ${a}\``. */
function variableText(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): SqlText {
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0 || variable.defs.some((def) => def.type === "Parameter")) return opaque(identifier);
  const writes = writesOf(variable);
  if (writes.length === 0 || writes.some((write) => write.path?.length !== 0 || write.iterated)) return opaque(identifier);
  const texts = writes.map((write) => sqlText(sourceCode, write.value, depth + 1));
  const combined = writes.some((write) => write.compound) ? concatenation(texts) : texts.length === 1 ? texts[0] : union(texts);
  // Text built elsewhere is reported where the value is inserted; a value used whole is reported where it is used.
  if (combined.built || combined.parts.length === 0) return combined;
  return { parts: [identifier], constant: combined.constant, built: false };
}

const TEXT_METHODS = new Set(["trim", "trimStart", "trimEnd", "toString", "replace", "replaceAll", "concat", "join", "valueOf"]);

function callText(sourceCode: SourceCode, call: TSESTree.CallExpression, depth: number): SqlText {
  const callee = skipWrappers(call.callee);
  const resolved = resolveCallee(sourceCode, call);
  const args = call.arguments;
  // mysql's and sqlstring's format(sql, values) escape the values they insert for `?` and `??`.
  if (args.length > 0 && (matchesAny(resolved, SQL_FORMATTERS) || (callee.type === AST_NODE_TYPES.MemberExpression && staticKeyName(callee) === "format" && args.length === 2 && receiverNamedLikeDatabase(callee.object, "query")))) {
    return sqlText(sourceCode, args[0], depth + 1);
  }
  if (args.length > 0 && matchesAny(resolved, PERCENT_FORMATTERS)) return percentFormatText(sourceCode, call, depth);
  if (callee.type === AST_NODE_TYPES.MemberExpression && TEXT_METHODS.has(staticKeyName(callee) ?? "")) {
    const method = staticKeyName(callee)!;
    if (method === "join") {
      const array = literalOf(sourceCode, callee.object, 0);
      if (array.type !== AST_NODE_TYPES.ArrayExpression) return opaque(call);
      const separator = args.length > 0 ? (constantString(sourceCode, args[0]) ?? "") : ",";
      const pieces: Array<string | SqlText> = [];
      array.elements.forEach((element, index) => {
        if (index > 0) pieces.push(separator);
        if (element && element.type !== AST_NODE_TYPES.SpreadElement) pieces.push(sqlText(sourceCode, element, depth + 1));
        else if (element) pieces.push(opaque(element.argument));
      });
      return concatenation(pieces);
    }
    const receiver = sqlText(sourceCode, callee.object, depth + 1);
    if (method !== "concat") return receiver;
    return concatenation([receiver, ...args.map((arg) => (arg.type === AST_NODE_TYPES.SpreadElement ? opaque(arg.argument) : sqlText(sourceCode, arg, depth + 1)))]);
  }
  // A same-file function that builds the text: its result carries what its parameters put in.
  const fn = functionReferenced(sourceCode, call.callee);
  if (fn && depth < MAX_TEXT_DEPTH - 1) {
    const returned = returnExpressions(fn).map((expression) => sqlText(sourceCode, expression, depth + 2));
    if (returned.some((text) => text.built)) return { parts: [call], constant: returned.map((text) => text.constant).join(" "), built: true };
  }
  return opaque(call);
}

/** pg-format: `%I` and `%L` are quoted, `%s` (and `%1$s`) inserted as they are. */
function percentFormatText(sourceCode: SourceCode, call: TSESTree.CallExpression, depth: number): SqlText {
  const [format, ...values] = call.arguments;
  const pattern = constantString(sourceCode, format);
  if (pattern === null) return opaque(call);
  const pieces: Array<string | SqlText> = [pattern.replace(/%(?:\d+\$)?[sIL%]/g, " ")];
  let next = 0;
  for (const match of pattern.matchAll(/%(?:(\d+)\$)?([sIL%])/g)) {
    if (match[2] === "%") continue;
    const index = match[1] ? Number(match[1]) - 1 : next++;
    const value = values[index];
    if (match[2] === "s" && value && value.type !== AST_NODE_TYPES.SpreadElement) pieces.push(sqlText(sourceCode, value, depth + 1));
  }
  return concatenation(pieces);
}

/**
 * The message for client-written SQL: the read-only transaction or text check the code relies on, when the same
 * function shows one before the call.
 */
function clientSqlArgument(sourceCode: SourceCode, call: SinkCall, sink: SqlSink, statement: Statement, node: TSESTree.Node): SinkArgument {
  const fn = enclosingFunction(call);
  if (!fn) return { node, messageId: "clientSql" };
  const before = callsWithin(getNodeIndex(sourceCode), fn).filter((other) => other.range[1] <= call.range[0]);
  if (!statement.single && sendsSeveralStatements(sourceCode, sink)) {
    for (const other of before) {
      const text = other.arguments.length > 0 ? firstStatementText(sourceCode, other.arguments[0]) : null;
      if (text !== null && READ_ONLY_STATEMENT.test(text)) {
        return { node, messageId: "readOnlyTransaction", data: { statement: text.trim().replace(/\s+/g, " ") } };
      }
    }
  }
  const keys = valueKeys(sourceCode, node);
  if (keys.size > 0) {
    for (const other of before) {
      if (isTextCheck(sourceCode, other, keys)) return { node, messageId: "readOnlyCheck", data: { check: shortText(sourceCode, other) } };
    }
  }
  return { node, messageId: "clientSql" };
}

function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

function sendsSeveralStatements(sourceCode: SourceCode, sink: SqlSink): boolean {
  if (sink.method === null) return false;
  return sink.drivers.some(
    (driver) =>
      driver.multiStatement.includes(sink.method!) ||
      (driver.modules.some((module) => module.startsWith("mysql") || module === "mariadb") && MULTIPLE_STATEMENTS_OPTION.test(sourceCode.text)),
  );
}

function firstStatementText(sourceCode: SourceCode, argument: TSESTree.Node): string | null {
  const statement = statementsOf(sourceCode, argument)[0];
  return statement ? constantString(sourceCode, statement.text) : null;
}

/** Access paths that hold the same value as `node`: `sql`, and `args.sql` for `const sql = args.sql`. */
function valueKeys(sourceCode: SourceCode, raw: TSESTree.Node): Set<string> {
  const keys = new Set<string>();
  let node = skipWrappers(raw);
  for (let depth = 0; depth < 4; depth++) {
    const key = accessPathKey(node);
    if (key === null) break;
    keys.add(key);
    if (node.type !== AST_NODE_TYPES.Identifier) break;
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length !== 1 || writes[0].path === null || writes[0].iterated) break;
    const base = accessPathKey(writes[0].value);
    if (base === null) break;
    if (writes[0].path.length > 0) {
      keys.add([base, ...writes[0].path].join("."));
      break;
    }
    node = skipWrappers(writes[0].value);
  }
  return keys;
}

const NORMALISING_METHODS = new Set(["trim", "trimStart", "trimEnd", "toLowerCase", "toUpperCase", "toLocaleLowerCase", "toLocaleUpperCase", "normalize"]);

/** The access path a checked value is read from, under case and whitespace normalisation (`sql.trim().toLowerCase()`). */
function checkedKey(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): string | null {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && NORMALISING_METHODS.has(staticKeyName(callee) ?? "")) return checkedKey(sourceCode, callee.object, depth);
    return null;
  }
  if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0 && skipWrappers(writes[0].value).type === AST_NODE_TYPES.CallExpression) {
      return checkedKey(sourceCode, writes[0].value, depth + 1);
    }
  }
  return accessPathKey(node);
}

/**
 * A check of SQL text by its keywords: `sql.trim().toLowerCase().startsWith("select")`, `/^\s*select/i.test(sql)`,
 * `sql.match(/^select/i)`, `sql.toUpperCase().includes("DROP")`, `/\b(insert|update|delete)\b/i.test(sql)`.
 */
function isTextCheck(sourceCode: SourceCode, call: TSESTree.CallExpression, keys: ReadonlySet<string>): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length === 0) return false;
  const method = staticKeyName(callee);
  const [argument] = call.arguments;
  const subjectIs = (node: TSESTree.Node) => {
    const key = checkedKey(sourceCode, node);
    return key !== null && keys.has(key);
  };
  if (method === "startsWith" && subjectIs(callee.object)) return READ_KEYWORD.test(constantString(sourceCode, argument) ?? "");
  if (method === "includes" && subjectIs(callee.object)) return WRITE_KEYWORD.test(constantString(sourceCode, argument) ?? "");
  if ((method === "test" || method === "exec") && subjectIs(argument)) return isKeywordRegExp(sourceCode, callee.object);
  if ((method === "match" || method === "search") && subjectIs(callee.object)) return isKeywordRegExp(sourceCode, argument);
  return false;
}

function isKeywordRegExp(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipWrappers(raw);
  let pattern: string | null = null;
  if (node.type === AST_NODE_TYPES.Literal && "regex" in node && node.regex) pattern = node.regex.pattern;
  else if (node.type === AST_NODE_TYPES.NewExpression && node.arguments.length > 0) {
    const value = constantValue(sourceCode, node.arguments[0])?.value;
    pattern = typeof value === "string" ? value : null;
  } else if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0) return isKeywordRegExp(sourceCode, writes[0].value);
  }
  if (pattern === null) return false;
  const lower = pattern.toLowerCase();
  if (/^\^/.test(lower)) return /select|with|show|explain|describe|pragma/.test(lower);
  return /insert|update|delete|drop|alter|create|truncate|outfile/.test(lower);
}
