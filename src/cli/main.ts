/**
 * `npx eslint-plugin-secure-mcp [paths...]`: the zero-config scanner. Parses the command line, lints with the
 * plugin's config, writes the report (stylish, json or sarif) and a summary, and returns the exit code:
 * 0 no problems, 1 problems (or too many warnings), 2 usage error or crash.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { PLUGIN_VERSION } from "../meta.js";
import { BIN_NAME, HELP, parseCliArgs, UsageError, type RunOptions } from "./args.js";
import { SKIPPED_FOLDERS } from "./gitignore.js";
import { lint, pluginConfigs, type LintOutcome } from "./lint.js";
import { loadESLint } from "./load.js";
import { Progress, type ProgressStream } from "./progress.js";
import { INFORMATION_URI, toSarif } from "./sarif.js";
import { exitCode, formatSummary, summarize } from "./summary.js";
import { isInside, resolveTargets } from "./targets.js";

export interface CliIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  cwd: string;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const command = parseCliArgs(argv);
    if (command.kind === "help") {
      io.stdout.write(HELP);
      return 0;
    }
    if (command.kind === "version") {
      io.stdout.write(`${BIN_NAME} ${PLUGIN_VERSION} (ESLint ${(await loadESLint()).version})\n`);
      return 0;
    }
    return await run(command.options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${BIN_NAME}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? (process.env.DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
    io.stderr.write(`${BIN_NAME}: the scan failed: ${message}\n`);
    return 2;
  }
}

async function run(options: RunOptions, io: CliIo): Promise<number> {
  const targets = resolveTargets(options.paths, io.cwd);
  // SECURE_MCP_PROGRESS_DELAY_MS: how long before the progress line shows (default 1000; the tests set 0).
  const delay = process.env.SECURE_MCP_PROGRESS_DELAY_MS;
  const progress =
    options.progress && Progress.wanted(io.stderr)
      ? new Progress(io.stderr, { root: targets.root, delayMs: delay && /^\d+$/.test(delay) ? Number(delay) : undefined })
      : undefined;
  const outcome = await lint(options.config, targets, progress);

  if (outcome.results.length === 0) {
    io.stderr.write(
      `${BIN_NAME}: no JavaScript or TypeScript file to scan in ${options.paths.join(" ")}. ` +
        `Skipped: ${SKIPPED_FOLDERS.map((folder) => `${folder}/`).join(", ")} and files in .gitignore; ` +
        `name a folder to scan it anyway (for example ${BIN_NAME} ${options.paths[0] === "." ? "" : `${options.paths[0]}/`}dist).\n`,
    );
    return 2;
  }

  const summary = summarize(outcome.results);
  const toFile = options.outputFile !== undefined;
  const report = await formatReport(options, outcome, io, toFile);
  if (toFile) {
    const path = resolve(io.cwd, options.outputFile as string);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, report);
  } else {
    io.stdout.write(report);
  }

  // Machine-readable reports on standard output stay parseable: the summary goes to standard error then.
  const summaryStream = !toFile && options.format !== "stylish" ? io.stderr : io.stdout;
  let text = formatSummary(summary, options.config, options.maxWarnings);
  if (summaryStream === io.stdout && !toFile && report !== "") text = `\n${text}`;
  if (toFile) text += `Wrote the ${options.format} report to ${options.outputFile}.\n`;
  summaryStream.write(text);
  return exitCode(summary, options.maxWarnings);
}

async function formatReport(options: RunOptions, outcome: LintOutcome, io: CliIo, toFile: boolean): Promise<string> {
  if (options.format === "sarif") {
    const sourceRoot = outcome.results.every((result) => isInside(result.filePath, io.cwd)) ? io.cwd : outcome.root;
    const { plugin } = outcome;
    const highPrecision = new Set(pluginConfigs(plugin, "recommended").flatMap((config) => Object.keys(config.rules ?? {})));
    const log = toSarif(outcome.results, {
      toolName: plugin.meta.name,
      toolVersion: plugin.meta.version,
      informationUri: INFORMATION_URI,
      rules: outcome.rules,
      highPrecisionRules: highPrecision,
      sourceRoot,
    });
    return `${JSON.stringify(log, null, 2)}\n`;
  }
  const formatter = await outcome.eslint.loadFormatter(options.format);
  const color = !toFile && options.format === "stylish" && io.stdout.isTTY === true;
  const text = await formatter.format(outcome.results, { color });
  const report = options.format === "json" ? `${text}\n` : text;
  // ESLint 9's stylish colours by the terminal, whatever it is told: a file or a pipe gets plain text.
  return color ? report : stripVTControlCharacters(report);
}
