// Kept in step with package.json by the registry test.
export const PLUGIN_NAME = "eslint-plugin-secure-mcp";
export const PLUGIN_VERSION = "0.1.0";
export const NAMESPACE = "secure-mcp";
