/**
 * The scanner's command line, parsed with `node:util` parseArgs. Every mistake is a UsageError (exit code 2) with a
 * message that says what was wrong and what is accepted.
 */
import { parseArgs } from "node:util";
import type { ConfigLevel } from "../configs/index.js";

export const BIN_NAME = "eslint-plugin-secure-mcp";

export const FORMATS = ["stylish", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export const LEVELS: readonly ConfigLevel[] = ["recommended", "strict", "all"];

export interface RunOptions {
  /** Files, folders or glob patterns; `.` when none is given. */
  paths: string[];
  config: ConfigLevel;
  format: Format;
  outputFile: string | undefined;
  /** Exit 1 when there are more warnings than this; `undefined` for no limit (ESLint's `--max-warnings`). */
  maxWarnings: number | undefined;
  /** `false` with `--no-progress`; otherwise a progress line is shown when stderr is a terminal. */
  progress: boolean;
}

export type Command = { kind: "help" } | { kind: "version" } | { kind: "run"; options: RunOptions };

export class UsageError extends Error {
  override name = "UsageError";
}

const OPTIONS = {
  config: { type: "string" },
  format: { type: "string", short: "f" },
  "output-file": { type: "string", short: "o" },
  "max-warnings": { type: "string" },
  "no-progress": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

export const HELP = `Usage: ${BIN_NAME} [options] [paths...]

Scan the JavaScript and TypeScript code of an MCP server for security problems with the rules of
eslint-plugin-secure-mcp. No ESLint set-up is needed: the project's own ESLint config is not read.
Skips node_modules/, dist/ and the files listed in .gitignore files. Paths default to the current folder.

Options:
  --config <name>          recommended (default), strict or all
  -f, --format <name>      stylish (default), json or sarif (SARIF 2.1.0, for GitHub code scanning)
  -o, --output-file <path> write the report to a file instead of standard output
  --max-warnings <n>       exit 1 when there are more than n warnings
  --no-progress            no progress line (it is shown only when standard error is a terminal)
  -h, --help               show this help
  -v, --version            show the versions of the plugin and of ESLint

Exit codes: 0 no problems, 1 problems found (or too many warnings), 2 usage error or crash.

Examples:
  npx ${BIN_NAME}
  npx ${BIN_NAME} src --config strict
  npx ${BIN_NAME} . --format sarif --output-file secure-mcp.sarif
`;

export function parseCliArgs(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };

  const config = values.config ?? "recommended";
  if (!(LEVELS as readonly string[]).includes(config)) {
    throw new UsageError(
      `--config must be one of ${LEVELS.join(", ")}, not "${config}". ` +
        `(The scanner always uses the plugin's own configs; to lint with your eslint.config.js, run eslint.)`,
    );
  }
  const format = values.format ?? "stylish";
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${format}".`);
  }
  let maxWarnings: number | undefined;
  if (values["max-warnings"] !== undefined) {
    const text = values["max-warnings"];
    if (!/^\d+$/.test(text)) throw new UsageError(`--max-warnings must be a whole number of 0 or more, not "${text}".`);
    maxWarnings = Number(text);
  }
  const outputFile = values["output-file"];
  if (outputFile === "") throw new UsageError("--output-file needs a file name.");

  return {
    kind: "run",
    options: {
      paths: positionals.length > 0 ? positionals : ["."],
      config: config as ConfigLevel,
      format: format as Format,
      outputFile,
      maxWarnings,
      progress: !values["no-progress"],
    },
  };
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = /'([^']+)'/.exec(message)?.[1] ?? message;
    const suggestion = closestOption(option);
    return `Unknown option ${option}.${suggestion ? ` Did you mean ${suggestion}?` : ""} Run ${BIN_NAME} --help to see the options.`;
  }
  const option = /--[a-z-]+/.exec(message)?.[0];
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
    // "Option '-f, --format <value>' argument missing", "Option '-h, --help' does not take an argument"
    if (message.includes("argument missing")) return `${option} needs a value. Run ${BIN_NAME} --help to see the options.`;
    if (message.includes("argument is ambiguous")) {
      return `${option} needs a value; to give one that starts with a dash, write ${option}=<value>.`;
    }
    if (message.includes("does not take an argument")) return `${option} takes no value.`;
  }
  return message;
}

function closestOption(option: string): string | undefined {
  const name = option.replace(/^-+/, "").split("=")[0];
  let best: { option: string; distance: number } | undefined;
  for (const candidate of Object.keys(OPTIONS)) {
    const distance = editDistance(name, candidate);
    if (distance <= Math.max(1, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) {
      best = { option: `--${candidate}`, distance };
    }
  }
  return best?.option;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
