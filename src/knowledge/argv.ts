/**
 * Arguments after which programs read no more options: POSIX `--` (getopt, most CLIs) and git's `--end-of-options`.
 * Tool input after one of them is an operand, whatever it starts with.
 */
export const END_OF_OPTIONS: ReadonlySet<string> = new Set(["--", "--end-of-options"]);

/** What an option starts with: `-x`, `--name`, and on Windows `/x` (not checked: Windows programs vary). */
export const OPTION_PREFIX = "-";
