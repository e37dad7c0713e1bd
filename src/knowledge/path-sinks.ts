import type { ExportRef } from "./flow.js";

/** What a file-system call does with a path, for messages: what a client who picks the path gains. */
export type PathAccess = "read" | "write" | "delete" | "list" | "serve" | "extract" | "glob" | "link";

/**
 * A call that uses some of its arguments as file-system paths: the indexes of the path arguments, or the option names
 * (of the object at `optionsIndex`) that hold paths.
 */
export interface PathSink extends ExportRef {
  access: PathAccess;
  paths?: readonly number[];
  options?: { index: number; names: readonly string[] };
}

const ONE_PATH: Readonly<Record<string, PathAccess>> = {
  appendFile: "write",
  chmod: "write",
  chown: "write",
  lchmod: "write",
  lchown: "write",
  lutimes: "write",
  mkdir: "write",
  mkdtemp: "write",
  open: "read",
  openAsBlob: "read",
  opendir: "list",
  readdir: "list",
  readFile: "read",
  readlink: "read",
  rm: "delete",
  rmdir: "delete",
  truncate: "write",
  unlink: "delete",
  utimes: "write",
  watch: "read",
  watchFile: "read",
  writeFile: "write",
  createReadStream: "read",
  createWriteStream: "write",
};

const TWO_PATHS: Readonly<Record<string, PathAccess>> = {
  copyFile: "write",
  cp: "write",
  rename: "write",
  link: "link",
  symlink: "link",
};

/** fs-extra's additions to `fs`. */
const FS_EXTRA_ONE_PATH: Readonly<Record<string, PathAccess>> = {
  remove: "delete",
  emptyDir: "delete",
  emptydir: "delete",
  ensureDir: "write",
  ensureFile: "write",
  createFile: "write",
  mkdirs: "write",
  mkdirp: "write",
  outputFile: "write",
  outputJson: "write",
  outputJSON: "write",
  readJson: "read",
  readJSON: "read",
  writeJson: "write",
  writeJSON: "write",
};

const FS_EXTRA_TWO_PATHS: Readonly<Record<string, PathAccess>> = {
  copy: "write",
  move: "write",
  ensureLink: "link",
  ensureSymlink: "link",
};

const FS_MODULES = ["fs", "graceful-fs", "fs-extra"];
const STREAMS = new Set(["createReadStream", "createWriteStream", "watch", "watchFile", "openAsBlob"]);

function fsSinks(module: string, table: Readonly<Record<string, PathAccess>>, paths: readonly number[]): PathSink[] {
  return Object.entries(table).flatMap(([name, access]): PathSink[] => {
    const names = STREAMS.has(name) || name === "watchFile" ? [name] : [name, `${name}Sync`];
    const sinks = names.map((each): PathSink => ({ module, path: [each], access, paths }));
    if (STREAMS.has(name)) return sinks;
    return [...sinks, { module, path: ["promises", name], access, paths }];
  });
}

const FS_SINKS: readonly PathSink[] = [
  ...FS_MODULES.flatMap((module) => [...fsSinks(module, ONE_PATH, [0]), ...fsSinks(module, TWO_PATHS, [0, 1])]),
  ...fsSinks("fs-extra", FS_EXTRA_ONE_PATH, [0]),
  ...fsSinks("fs-extra", FS_EXTRA_TWO_PATHS, [0, 1]),
  ...Object.entries({ ...ONE_PATH, ...TWO_PATHS })
    .filter(([name]) => !STREAMS.has(name))
    .map(([name, access]): PathSink => ({ module: "fs/promises", path: [name], access, paths: name in TWO_PATHS ? [0, 1] : [0] })),
];

const GLOB_OPTIONS = { index: 1, names: ["cwd", "root"] } as const;

/** Glob libraries: a pattern with `..` or an absolute root matches files anywhere. */
const GLOB_SINKS: readonly PathSink[] = [
  ...[
    ["glob", []],
    ["glob", ["glob"]],
    ["glob", ["globSync"]],
    ["glob", ["sync"]],
    ["glob", ["globStream"]],
    ["glob", ["globIterate"]],
    ["glob", ["Glob"]],
    ["fast-glob", []],
    ["fast-glob", ["glob"]],
    ["fast-glob", ["globSync"]],
    ["fast-glob", ["sync"]],
    ["fast-glob", ["async"]],
    ["fast-glob", ["stream"]],
    ["fast-glob", ["globStream"]],
    ["globby", ["globby"]],
    ["globby", ["globbySync"]],
    ["globby", ["globbyStream"]],
    ["globby", []],
    ["tinyglobby", ["glob"]],
    ["tinyglobby", ["globSync"]],
    ["fs", ["glob"]],
    ["fs", ["globSync"]],
    ["fs", ["promises", "glob"]],
    ["fs/promises", ["glob"]],
  ].map(([module, path]): PathSink => ({ module: module as string, path: path as string[], access: "glob", paths: [0], options: GLOB_OPTIONS })),
];

/** Archive extraction: the target directory (and the archive read). */
const ARCHIVE_SINKS: readonly PathSink[] = [
  ...["x", "extract"].map((name): PathSink => ({ module: "tar", path: [name], access: "extract", options: { index: 0, names: ["cwd", "C", "file", "f"] } })),
  { module: "extract-zip", path: [], access: "extract", paths: [0], options: { index: 1, names: ["dir"] } },
  { module: "decompress", path: [], access: "extract", paths: [0, 1] },
  { module: "unzipper", path: ["Extract"], access: "extract", options: { index: 0, names: ["path"] } },
];

/** Framework helpers that read a file for the client: FastMCP's `imageContent({ path })`. */
const FRAMEWORK_SINKS: readonly PathSink[] = [
  { module: "fastmcp", path: ["imageContent"], access: "read", options: { index: 0, names: ["path"] } },
  { module: "fastmcp", path: ["audioContent"], access: "read", options: { index: 0, names: ["path"] } },
];

export const PATH_SINKS: readonly PathSink[] = [...FS_SINKS, ...GLOB_SINKS, ...ARCHIVE_SINKS, ...FRAMEWORK_SINKS];

/**
 * Methods distinctive enough to be sinks on any receiver: Express's `res.sendFile`/`res.download` (safe with a
 * `root` option, which makes Express refuse `..`), adm-zip's extraction.
 */
export const PATH_METHOD_SINKS: Readonly<Record<string, { access: PathAccess; paths: readonly number[]; rootOption?: number }>> = {
  sendFile: { access: "serve", paths: [0], rootOption: 1 },
  download: { access: "serve", paths: [0], rootOption: 2 },
  extractAllTo: { access: "extract", paths: [0] },
  extractAllToAsync: { access: "extract", paths: [0] },
  extractEntryTo: { access: "extract", paths: [1] },
};

/** Modules that must be imported for a `PATH_METHOD_SINKS` method to count (the method names alone are common). */
export const PATH_METHOD_MODULES: Readonly<Record<string, readonly string[]>> = {
  sendFile: ["express"],
  download: ["express"],
  extractAllTo: ["adm-zip"],
  extractAllToAsync: ["adm-zip"],
  extractEntryTo: ["adm-zip"],
};

/** Calls whose result names no directory: a path reduced to its last segment. */
export const PATH_SANITIZERS: readonly ExportRef[] = [
  { module: "path", path: ["basename"] },
  { module: "path", path: ["posix", "basename"] },
  { module: "path", path: ["win32", "basename"] },
  { module: "path/posix", path: ["basename"] },
  { module: "sanitize-filename", path: [] },
  { module: "filenamify", path: [] },
];

/** Calls that produce a resolved path (no `.` or `..` segment left): the subject of a sound prefix check. */
export const PATH_RESOLVERS: readonly ExportRef[] = [
  ...["resolve", "join", "normalize"].flatMap((name) => [
    { module: "path", path: [name] },
    { module: "path", path: ["posix", name] },
    { module: "path", path: ["win32", name] },
    { module: "path/posix", path: [name] },
  ]),
  ...FS_MODULES.flatMap((module) => [
    { module, path: ["realpath"] },
    { module, path: ["realpathSync"] },
    { module, path: ["realpathSync", "native"] },
    { module, path: ["promises", "realpath"] },
  ]),
  { module: "fs/promises", path: ["realpath"] },
  { module: "url", path: ["fileURLToPath"] },
];

/** `path.join`/`path.resolve`: a constant last argument fixes the last segment of the result. */
export const PATH_JOINERS: readonly ExportRef[] = PATH_RESOLVERS.filter((ref) => ref.module.startsWith("path") && ["join", "resolve"].includes(ref.path[ref.path.length - 1]));

/** `path.relative`: a result starting with `..` (or absolute) lies outside its first argument. */
export const PATH_RELATIVE: readonly ExportRef[] = [
  { module: "path", path: ["relative"] },
  { module: "path", path: ["posix", "relative"] },
  { module: "path", path: ["win32", "relative"] },
  { module: "path/posix", path: ["relative"] },
];

export const PATH_TEXT_HINT = /["'](?:node:)?fs(?:\/promises)?["']|graceful-fs|fs-extra|glob|["']tar["']|zip|decompress|\.sendFile\b|\.download\b|imageContent|audioContent/;

/** What a client who picks the path gains, per access. */
export const PATH_CONSEQUENCES: Readonly<Record<PathAccess, { verb: string; gain: string }>> = {
  read: { verb: "reads", gain: "read any file the server can (SSH keys, `.env` files, cloud credentials) and hand it to the model" },
  write: { verb: "writes", gain: "overwrite any file the server can write (shell start-up files, `~/.ssh/authorized_keys`, code the server loads) and so run its own code" },
  delete: { verb: "deletes", gain: "delete any file or directory the server can" },
  list: { verb: "lists", gain: "list any directory the server can and map the machine" },
  serve: { verb: "sends back", gain: "download any file the server can read" },
  extract: { verb: "extracts into or from", gain: "unpack files anywhere the server can write, or read archives it should not" },
  glob: { verb: "matches files with", gain: "match files anywhere on the machine with `../` or an absolute pattern" },
  link: { verb: "links", gain: "plant a link that later reads and writes follow out of the allowed directory" },
};
