/** Builders of MCP server files of every framework shape, shared by the rule tests. */

/** An SDK v1 `McpServer` file: the given imports, the SDK and zod imports, a `server`, then the body. */
export function v1(imports: string, body: string): string {
  return `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
${imports}

const server = new McpServer({ name: "server", version: "1.0.0" });

${body}`;
}

/** An SDK v1 low-level `Server` file with a `tools/call` dispatcher. */
export function lowLevelV1(imports: string, body: string): string {
  return `import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema } from "@modelcontextprotocol/sdk/types.js";
${imports}

const server = new Server({ name: "server", version: "1.0.0" }, { capabilities: { tools: {} } });

${body}`;
}

/** An SDK v2 `McpServer` file. */
export function v2(imports: string, body: string): string {
  return `import { McpServer } from "@modelcontextprotocol/server";
import * as z from "zod/v4";
${imports}

const server = new McpServer({ name: "server", version: "2.0.0" });

${body}`;
}

/** A FastMCP file. */
export function fastmcp(imports: string, body: string): string {
  return `import { FastMCP } from "fastmcp";
import { z } from "zod";
${imports}

const server = new FastMCP({ name: "server", version: "1.0.0" });

${body}`;
}

/** A CommonJS SDK v1 file (`require` everywhere). */
export function v1Cjs(requires: string, body: string): string {
  return `const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { z } = require("zod");
${requires}

const server = new McpServer({ name: "server", version: "1.0.0" });

${body}`;
}

export const tool = (name: string) => `tool "${name}"`;
