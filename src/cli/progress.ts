/**
 * A progress line on standard error while a large tree is linted, for people watching a terminal. ESLint's Node API
 * has no progress events, so a rule that reports nothing counts the files as ESLint starts on each one (the scanner
 * lints in this process). Nothing is shown for the first second, so small scans stay quiet, nor when standard error
 * is not a terminal (CI logs, pipes, files).
 */
import { relative } from "node:path";
import type { Linter, Rule } from "eslint";

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export const PROGRESS_NAMESPACE = "secure-mcp-cli";

export class Progress {
  private files = 0;
  private shown = false;
  private lastDraw = 0;
  private readonly start: number;

  constructor(
    private readonly stream: ProgressStream,
    private readonly options: { root?: string; delayMs?: number; intervalMs?: number; now?: () => number } = {},
  ) {
    this.start = this.now();
  }

  /** Whether a progress line can be shown on this stream at all. */
  static wanted(stream: ProgressStream): boolean {
    return stream.isTTY === true && !process.env.CI;
  }

  /** Called as ESLint starts on each file. */
  file(filePath: string): void {
    this.files++;
    const now = this.now();
    if (now - this.start < (this.options.delayMs ?? 1000)) return;
    if (this.shown && now - this.lastDraw < (this.options.intervalMs ?? 100)) return;
    this.lastDraw = now;
    this.shown = true;
    const seconds = Math.round((now - this.start) / 1000);
    const shownPath = this.options.root ? relative(this.options.root, filePath) : filePath;
    const line = `Scanning: ${this.files} file${this.files === 1 ? "" : "s"}, ${seconds}s  ${shownPath}`;
    // A terminal of unknown size (0 columns in some pseudo-terminals) counts as 80 wide.
    const width = (this.stream.columns || 80) - 1;
    this.stream.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  }

  /** Clears the line, if one was drawn. */
  done(): void {
    if (this.shown) this.stream.write("\r\x1b[K");
    this.shown = false;
  }

  /** A flat-config object whose rule reports nothing and tells this object about each file ESLint lints. */
  config(): Linter.Config {
    const rule: Rule.RuleModule = {
      meta: { type: "suggestion", schema: [], docs: { description: "Count the files linted (reports nothing)" } },
      create: (context) => {
        this.file(context.filename);
        return {};
      },
    };
    return {
      name: `${PROGRESS_NAMESPACE}/progress`,
      plugins: { [PROGRESS_NAMESPACE]: { rules: { progress: rule } } },
      rules: { [`${PROGRESS_NAMESPACE}/progress`]: "warn" },
    };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
