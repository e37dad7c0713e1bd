import type { ExportRef } from "./flow.js";

/**
 * How a process-spawning function reads its arguments:
 * - `shell`: argument 0 is a command line run by a shell (`exec`).
 * - `split`: argument 0 is a command line split on spaces, no shell (`execaCommand`): the client picks program and flags.
 * - `program`: argument 0 is the program, argument 1 the argv array, the last object the options (`spawn`, `execFile`).
 */
export interface CommandSink extends ExportRef {
  form: "shell" | "split" | "program";
}

const CHILD_PROCESS_LIKE = ["child_process", "child-process-promise", "child-process-async"];

export const COMMAND_SINKS: readonly CommandSink[] = [
  ...CHILD_PROCESS_LIKE.flatMap((module): CommandSink[] => [
    { module, path: ["exec"], form: "shell" },
    { module, path: ["execSync"], form: "shell" },
    { module, path: ["spawn"], form: "program" },
    { module, path: ["spawnSync"], form: "program" },
    { module, path: ["execFile"], form: "program" },
    { module, path: ["execFileSync"], form: "program" },
  ]),
  { module: "cross-spawn", path: [], form: "program" },
  { module: "cross-spawn", path: ["spawn"], form: "program" },
  { module: "cross-spawn", path: ["sync"], form: "program" },
  { module: "execa", path: [], form: "program" },
  { module: "execa", path: ["execa"], form: "program" },
  { module: "execa", path: ["execaSync"], form: "program" },
  { module: "execa", path: ["execaNode"], form: "program" },
  { module: "execa", path: ["execaCommand"], form: "split" },
  { module: "execa", path: ["execaCommandSync"], form: "split" },
  { module: "execa", path: ["command"], form: "split" },
  { module: "execa", path: ["commandSync"], form: "split" },
  { module: "shelljs", path: ["exec"], form: "shell" },
  { module: "zx", path: ["exec"], form: "shell" },
];

/** Modules whose presence in a file's text makes `no-command-injection` look closer. */
export const COMMAND_MODULE_HINT = /child_process|child-process-|cross-spawn|execa|shelljs|["']zx["']/;

/** Programs that run their `-c` argument as a shell script. */
export const SHELL_PROGRAMS = new Set(["sh", "bash", "zsh", "dash", "ksh", "ash", "fish", "cmd", "powershell", "pwsh"]);

/** The flag after which a shell program reads a script: `-c`, `-lc`, `/c`, `-Command`. */
export const SHELL_SCRIPT_FLAG = /^(?:-[a-z]*c|\/c|\/k|-command|-encodedcommand)$/i;

/** Interpreters and the flags after which they read code to run. */
export const INTERPRETER_CODE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  python: ["-c"],
  python2: ["-c"],
  python3: ["-c"],
  py: ["-c"],
  node: ["-e", "--eval", "-p", "--print"],
  nodejs: ["-e", "--eval", "-p", "--print"],
  bun: ["-e", "--eval", "-p", "--print"],
  deno: ["eval"],
  perl: ["-e", "-E"],
  ruby: ["-e"],
  php: ["-r"],
  lua: ["-e"],
  osascript: ["-e"],
  Rscript: ["-e"],
};

/** Calls that quote a value for a POSIX shell. */
export const SHELL_QUOTERS: readonly ExportRef[] = [
  { module: "shell-quote", path: ["quote"] },
  { module: "shell-escape", path: [] },
  { module: "shescape", path: ["quote"] },
  { module: "shescape", path: ["escape"] },
  { module: "any-shell-escape", path: [] },
];
