import type { ExportRef } from "./flow.js";

/**
 * Process-starting calls beside `COMMAND_SINKS` (knowledge/command-sinks.ts) that take an `env` option, and where their
 * options are: `fork(module, args?, options)`, and the MCP SDK's `new StdioClientTransport({ command, args, env })`,
 * which spawns the server it connects to.
 */
export interface EnvSink extends ExportRef {
  /** `last`: the last argument after the first that is not an array; `first`: argument 0 holds `env` itself. */
  options: "last" | "first";
}

export const EXTRA_ENV_SINKS: readonly EnvSink[] = [
  ...["child_process", "child-process-promise", "child-process-async"].map((module): EnvSink => ({ module, path: ["fork"], options: "last" })),
  { module: "@modelcontextprotocol/sdk/client/stdio", path: ["StdioClientTransport"], options: "first" },
  { module: "@modelcontextprotocol/client/stdio", path: ["StdioClientTransport"], options: "first" },
  { module: "@modelcontextprotocol/client", path: ["StdioClientTransport"], options: "first" },
];

/** Text beside `COMMAND_MODULE_HINT` that makes `no-env-injection` look closer at a file's calls. */
export const ENV_EXTRA_TEXT_HINT = /client\/stdio|StdioClientTransport|Object\.assign\s*\(\s*process\.env\b/;

/**
 * Environment variables that make a program load or run code, or trust other servers, whatever its arguments:
 * preloaded libraries, interpreter options and module paths, the command search path, shells' startup files, git's
 * ssh command and pagers, proxies and CA bundles. A fixed variable name from this list with a value from tool input is
 * reported; other fixed names with tool-input values are not (the client picks a value, not what the program does
 * with its environment).
 */
export const DANGEROUS_ENV_VARIABLES: ReadonlySet<string> = new Set([
  "NODE_OPTIONS", "NODE_PATH", "NODE_EXTRA_CA_CERTS", "NODE_TLS_REJECT_UNAUTHORIZED", "NODE_REPL_EXTERNAL_MODULE",
  "PATH", "PATHEXT", "COMSPEC", "SHELL", "BASH_ENV", "ENV", "PS4", "PROMPT_COMMAND", "SHELLOPTS", "BASHOPTS", "IFS", "ZDOTDIR",
  "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONINSPECT", "PYTHONBREAKPOINT", "PERL5OPT", "PERL5LIB", "PERLLIB", "PERL5DB",
  "RUBYOPT", "RUBYLIB", "GEM_HOME", "GEM_PATH", "BUNDLE_GEMFILE", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS",
  "CLASSPATH", "DOTNET_STARTUP_HOOKS", "CORECLR_PROFILER_PATH", "PHPRC", "PHP_INI_SCAN_DIR",
  "GIT_SSH", "GIT_SSH_COMMAND", "GIT_EXEC_PATH", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_PROXY_COMMAND", "GIT_EXTERNAL_DIFF", "GIT_DIR",
  "GIT_WORK_TREE", "GIT_TEMPLATE_DIR", "GIT_EDITOR", "GIT_PAGER", "GIT_SEQUENCE_EDITOR", "GIT_SSL_NO_VERIFY", "EDITOR", "VISUAL",
  "PAGER", "MANPAGER", "LESSOPEN", "LESSCLOSE", "BROWSER", "HOME", "XDG_CONFIG_HOME", "USERPROFILE", "APPDATA",
  "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
  "KUBECONFIG", "DOCKER_HOST", "DOCKER_CONFIG", "NPM_CONFIG_USERCONFIG", "NPM_CONFIG_REGISTRY", "PIP_INDEX_URL", "PIP_CONFIG_FILE",
]);

/** Families of such variables, by prefix: `LD_PRELOAD`, `DYLD_INSERT_LIBRARIES`, `GIT_CONFIG_KEY_0`, `npm_config_*`. */
export const DANGEROUS_ENV_PREFIX = /^(?:LD_|DYLD_|BASH_FUNC_|GIT_CONFIG_|NPM_CONFIG_|YARN_|PIP_|UV_|CARGO_|RUSTC|RUSTFLAGS|GOFLAGS)/i;
