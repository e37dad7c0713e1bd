/**
 * Feature flags whose name says they turn on something dangerous, and the values that switch a flag off or on.
 * A name is split into words (`ALLOW_WRITE`, `allowWrite`, `--allow-write` all give `allow write`).
 */

/** Words that make a flag dangerous on their own: `UNSAFE_MODE`, `dangerouslySkipPermissions`, `INSECURE`. */
export const DANGEROUS_WORDS: ReadonlySet<string> = new Set(["unsafe", "dangerous", "dangerously", "insecure", "unrestricted", "yolo"]);

/** Words that turn a capability on: paired with one of `CAPABILITY_WORDS` (`ALLOW_WRITE`, `enableExec`, `WRITE_ENABLED`). */
export const ENABLING_WORDS: ReadonlySet<string> = new Set(["allow", "allows", "allowed", "enable", "enables", "enabled", "permit", "permitted"]);

/** Capabilities that change or run things on the server's machine. */
export const CAPABILITY_WORDS: ReadonlySet<string> = new Set([
  "write",
  "writes",
  "writing",
  "exec",
  "execute",
  "execution",
  "shell",
  "command",
  "commands",
  "cmd",
  "delete",
  "deletes",
  "deletion",
  "remove",
  "destructive",
  "eval",
  "sudo",
  "root",
  "spawn",
  "mutation",
  "mutations",
  "mutate",
  "modify",
  "arbitrary",
  "unsafe",
  "dangerous",
  "insecure",
  "raw",
]);

/** Words that turn a protection off: paired with one of `PROTECTION_WORDS` (`DISABLE_AUTH`, `NO_AUTH`, `SKIP_VERIFY`). */
export const DISABLING_WORDS: ReadonlySet<string> = new Set(["disable", "disabled", "no", "skip", "bypass", "ignore", "without"]);

/** Protections a server should keep on. */
export const PROTECTION_WORDS: ReadonlySet<string> = new Set([
  "auth",
  "authentication",
  "authorization",
  "authz",
  "verify",
  "verification",
  "validation",
  "tls",
  "ssl",
  "cert",
  "certs",
  "certificate",
  "sandbox",
  "confirmation",
  "confirm",
  "approval",
  "approvals",
  "permission",
  "permissions",
  "security",
  "csrf",
  "rebinding",
]);

/** String values that switch a flag off: a flag compared `!==` to one of these is on by default. Lower case. */
export const OFF_VALUES: Readonly<Record<string, string>> = { false: "true", "0": "1", no: "yes", off: "on", n: "y", disabled: "enabled" };

/** String values that switch a flag on: a flag that falls back to one of these is on by default. Lower case. */
export const ON_VALUES: ReadonlySet<string> = new Set(["true", "1", "yes", "on", "y", "enabled"]);

/** Calls that normalise a flag's text without changing what it means (`process.env.X?.toLowerCase()`). */
export const NORMALISING_METHODS: ReadonlySet<string> = new Set(["toLowerCase", "toUpperCase", "trim", "toLocaleLowerCase"]);

/** CLI option declarations: commander `.option(flags, description, default)`, yargs `.option(name, { default })`. */
export const CLI_OPTION_METHODS: ReadonlySet<string> = new Set(["option", "options"]);
