/**
 * Loggers: the logging packages whose instances and default exports log, the method names that write a log
 * record, and the names under which code usually keeps a logger. Plain data; `model/logging.ts` recognises log calls
 * with it.
 */

/** Logging packages (normalised module specifiers): their default export, exports and the instances they create log. */
export const LOGGER_MODULES: ReadonlySet<string> = new Set([
  "pino",
  "winston",
  "bunyan",
  "debug",
  "log4js",
  "consola",
  "tslog",
  "loglevel",
  "signale",
  "npmlog",
  "roarr",
  "@logtape/logtape",
  "mcp-framework",
]);

/**
 * Exports of the modules above that are not loggers although they come from a logging module (mcp-framework exports a
 * `logger`, but also its server and tool classes).
 */
export const LOGGER_EXPORTS_ONLY: ReadonlyMap<string, ReadonlySet<string>> = new Map([["mcp-framework", new Set(["logger"])]]);

/** Methods that write a log record (the level methods of console and of the common loggers). */
export const LOG_METHODS: ReadonlySet<string> = new Set([
  "log",
  "info",
  "warn",
  "warning",
  "error",
  "debug",
  "trace",
  "fatal",
  "verbose",
  "silly",
  "notice",
  "success",
  "critical",
  "crit",
  "alert",
  "emerg",
  "http",
]);

/** `console` methods that print their arguments, beside the level methods. */
export const CONSOLE_PRINT_METHODS: ReadonlySet<string> = new Set(["dir", "dirxml", "table", "group", "groupCollapsed", "assert"]);

/** Methods of a logger that return another logger (`logger.child({...}).info(...)`, `log4js.getLogger().warn(...)`). */
export const LOGGER_FACTORY_METHODS: ReadonlySet<string> = new Set(["child", "getLogger", "withTag", "getSubLogger", "scope", "getChild", "with"]);

/** Names under which code keeps a logger: `logger.info(...)`, `this.logger.warn(...)`, `log.error(...)`. */
export const LOGGER_NAME = /^(?:log|logger|LOG|LOGGER|Logger|_logger|_log)$/;

/** Names of plain logging functions: `log("...")`, `logError(...)`, `debug("...")`. */
export const LOG_FUNCTION_NAMES: ReadonlySet<string> = new Set([
  "log",
  "logger",
  "debug",
  ...["Debug", "Info", "Warn", "Warning", "Error", "Trace", "Verbose", "Message", "ToFile", "ToStderr"].map((suffix) => `log${suffix}`),
]);

/** MCP-protocol logging: methods whose data goes to the client as `notifications/message`. */
export const CLIENT_LOG_METHODS: ReadonlySet<string> = new Set(["sendLoggingMessage"]);

/**
 * Callee names that count as recording an event for the operator, beside log calls: audit trails, error trackers,
 * metrics and event emitters (`auditLog(...)`, `Sentry.captureException(err)`, `metrics.increment(...)`,
 * `this.emit("authFailure")`). `require-security-logging` accepts any of them as logging.
 */
export const RECORDING_CALL_NAME = /log|audit|warn|report|track|captur|record|notify|alert|emit|metric|increment|observe|span|telemetry|sentry/i;
