/**
 * What a tool handler can do to its environment, as the MCP tool annotations describe it: delete or overwrite
 * (destructive), add (not read-only, not destructive), run a command chosen at run time, or send a mutating HTTP
 * request. Plain data; `model/annotations.ts` applies it.
 */

/** The kinds of effect, from the annotations' point of view. */
export type EffectKind = "delete" | "overwrite" | "add" | "execute" | "httpMutation";

/**
 * Effects that contradict `destructiveHint: false` ("performs only additive updates"): deleting, and running a command
 * chosen at run time (it can do anything). Writing a file or sending PUT/PATCH is left out: a tool that persists what
 * it adds (the memory server rewrites its store to add an entity) is additive although it writes a file.
 */
export const DESTRUCTIVE_EFFECTS: ReadonlySet<EffectKind> = new Set(["delete", "execute"]);

/** How messages describe each effect. */
export const EFFECT_WORDS: Readonly<Record<EffectKind, string>> = {
  delete: "deletes data",
  overwrite: "overwrites data",
  add: "writes data",
  execute: "runs a command chosen at run time",
  httpMutation: "sends a mutating HTTP request",
};

/** File-system functions by effect (the `fs`, `fs/promises` and `fs-extra` exports, and `fs.promises.*`). */
export const FS_EFFECTS: Readonly<Record<string, EffectKind>> = {
  unlink: "delete",
  unlinkSync: "delete",
  rm: "delete",
  rmSync: "delete",
  rmdir: "delete",
  rmdirSync: "delete",
  remove: "delete",
  removeSync: "delete",
  emptyDir: "delete",
  emptyDirSync: "delete",
  writeFile: "overwrite",
  writeFileSync: "overwrite",
  rename: "overwrite",
  renameSync: "overwrite",
  copyFile: "overwrite",
  copyFileSync: "overwrite",
  cp: "overwrite",
  cpSync: "overwrite",
  truncate: "overwrite",
  truncateSync: "overwrite",
  move: "overwrite",
  moveSync: "overwrite",
  outputFile: "overwrite",
  outputFileSync: "overwrite",
  writeJson: "overwrite",
  writeJsonSync: "overwrite",
  appendFile: "add",
  appendFileSync: "add",
  mkdir: "add",
  mkdirSync: "add",
  mkdtemp: "add",
  mkdtempSync: "add",
  ensureDir: "add",
  ensureDirSync: "add",
  symlink: "add",
  symlinkSync: "add",
  chmod: "overwrite",
  chmodSync: "overwrite",
  createWriteStream: "overwrite",
};

export const FS_MODULES: ReadonlySet<string> = new Set(["fs", "fs/promises", "fs-extra", "graceful-fs"]);

/** `child_process` functions (their first argument is the command or program). */
export const PROCESS_FUNCTIONS: ReadonlySet<string> = new Set(["exec", "execSync", "execFile", "execFileSync", "spawn", "spawnSync", "fork"]);

/** Packages whose every call runs a command (`execa(cmd)`, `execaCommand(cmd)`, `$(cmd)`), first argument the command. */
export const PROCESS_PACKAGES: ReadonlySet<string> = new Set(["execa", "cross-spawn", "shelljs"]);

/** HTTP methods that change state on the server (POST is left out: search and GraphQL APIs read with it). */
export const MUTATING_HTTP_METHODS: ReadonlySet<string> = new Set(["PUT", "PATCH", "DELETE"]);

/** HTTP client packages whose method-named exports send that method (`axios.delete`, `got.put`, `ky.patch`). */
export const HTTP_PACKAGES: ReadonlySet<string> = new Set(["axios", "got", "ky", "node-fetch", "superagent"]);

/** Database methods whose first argument is SQL text. */
export const SQL_METHODS: ReadonlySet<string> = new Set(["query", "execute", "exec", "run", "prepare", "raw", "unsafe", "$executeRawUnsafe", "$queryRawUnsafe", "all", "get"]);

/** SQL statements by effect, on the first keyword of the text. */
export const SQL_EFFECTS: ReadonlyArray<readonly [RegExp, EffectKind]> = [
  [/^\s*(?:DELETE|DROP|TRUNCATE)\b/i, "delete"],
  [/^\s*(?:UPDATE|ALTER|REPLACE)\b/i, "overwrite"],
  [/^\s*(?:INSERT|CREATE)\b/i, "add"],
];
