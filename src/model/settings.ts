/** `settings["secure-mcp"]`: teach the model about frameworks and helpers it does not know. */
export interface ModelSettings {
  /** Functions whose object argument is a tool definition, or whose function argument is a tool handler. */
  handlerHelpers: readonly string[];
  /** Base classes whose subclasses handle tool calls in `execute`, `run` or `handle`. */
  toolBaseClasses: readonly string[];
  /** Modules that count as MCP frameworks (their importers may register handlers with `.tool()`/`.prompt()`). */
  frameworkModules: readonly string[];
}

export const DEFAULT_SETTINGS: ModelSettings = { handlerHelpers: [], toolBaseClasses: [], frameworkModules: [] };

const KEYS: ReadonlyArray<keyof ModelSettings> = ["handlerHelpers", "toolBaseClasses", "frameworkModules"];

const cache = new WeakMap<object, ModelSettings>();

/**
 * The plugin's shared settings, checked: a wrong shape is a configuration error that names the setting, thrown
 * once per settings object (ESLint reports it with the rule that read it).
 */
export function readSettings(settings: Readonly<Record<string, unknown>> | undefined): ModelSettings {
  const raw = settings?.["secure-mcp"];
  if (raw === undefined) return DEFAULT_SETTINGS;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new TypeError('eslint-plugin-secure-mcp: settings["secure-mcp"] must be an object.');
  }
  const cached = cache.get(raw);
  if (cached) return cached;
  const result: Record<string, readonly string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!KEYS.includes(key as keyof ModelSettings)) {
      throw new TypeError(`eslint-plugin-secure-mcp: settings["secure-mcp"].${key} is not a known setting (known: ${KEYS.join(", ")}).`);
    }
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || item.length === 0)) {
      throw new TypeError(`eslint-plugin-secure-mcp: settings["secure-mcp"].${key} must be an array of non-empty strings.`);
    }
    result[key] = value as string[];
  }
  const parsed: ModelSettings = { ...DEFAULT_SETTINGS, ...result };
  cache.set(raw, parsed);
  return parsed;
}

/** A stable key for caches shared across files. */
export function settingsKey(settings: ModelSettings): string {
  let key = keys.get(settings);
  if (key === undefined) {
    key = KEYS.map((name) => settings[name].join(",")).join("|");
    keys.set(settings, key);
  }
  return key;
}

/** Settings objects are made once per configuration (`readSettings` remembers them): their key is too. */
const keys = new WeakMap<ModelSettings, string>();
