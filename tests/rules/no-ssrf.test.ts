import { describe, expect, it } from "vitest";
import { lintProject } from "../utils/lint-project.js";
import rule from "../../src/rules/no-ssrf.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, lowLevelV1, tool, v1, v1Cjs, v2 } from "../utils/shapes.js";

const RULE = "no-ssrf";

type MessageIds = "clientUrl" | "clientHost" | "rawUrlCheck";

// ---------------------------------------------------------------------------------------------------------------
// Helpers for code and expected errors
// ---------------------------------------------------------------------------------------------------------------

const TOOLS_CALL = "tools/call handler";
const OK = `return { content: [{ type: "text", text: "ok" }] };`;

function clientUrl(at: string, source: string, handler: string, sink: string, nth?: number): ExpectedError<MessageIds> {
  return { messageId: "clientUrl", at, nth, data: { source, handler, sink } };
}

function clientHost(at: string, source: string, handler: string, sink: string, nth?: number): ExpectedError<MessageIds> {
  return { messageId: "clientHost", at, nth, data: { source, handler, sink } };
}

function rawUrlCheck(at: string, source: string, handler: string, sink: string, check: string): ExpectedError<MessageIds> {
  return { messageId: "rawUrlCheck", at, data: { source, handler, sink, check } };
}

const API = `const API = "https://api.github.com";`;

// ---------------------------------------------------------------------------------------------------------------
// Invalid: frameworks and handler shapes
// ---------------------------------------------------------------------------------------------------------------

const frameworkInvalid = [
  both({
    name: "v1 registerTool: a fetch tool that requests any URL",
    code: v1(
      "",
      `server.registerTool("fetch_page", { description: "Fetch a web page", inputSchema: { url: z.string().url() } }, async ({ url }) => {
  const response = await fetch(url);
  return { content: [{ type: "text", text: await response.text() }] };
});
`,
    ),
    errors: [clientUrl("fetch(«url»)", "url", tool("fetch_page"), "fetch()")],
  }),

  both({
    name: "v1 tool(name, shape, cb): tool input as the host of a template literal",
    code: v1(
      "",
      `server.tool("status", { host: z.string() }, async (args) => {
  const response = await fetch(\`https://\${args.host}/health\`);
  return { content: [{ type: "text", text: String(response.status) }] };
});
`,
    ),
    errors: [clientHost("${«args.host»}", "args.host", tool("status"), "fetch()")],
  }),

  both({
    name: "v2 registerTool: axios.get with the client's URL",
    code: v2(
      `import axios from "axios";`,
      `server.registerTool("download", { inputSchema: z.object({ url: z.string() }) }, async ({ url }) => {
  const { data } = await axios.get(url, { timeout: 5000 });
  return { content: [{ type: "text", text: String(data) }] };
});
`,
    ),
    errors: [clientUrl("axios.get(«url»", "url", tool("download"), "axios.get()")],
  }),

  both({
    name: "v2 registerTool: axios(config) with the client's URL in the config",
    code: v2(
      `import axios from "axios";`,
      `server.registerTool("call_api", { inputSchema: z.object({ endpoint: z.string(), body: z.string() }) }, async (args) => {
  const { data } = await axios({ method: "post", url: args.endpoint, data: args.body });
  return { content: [{ type: "text", text: JSON.stringify(data) }] };
});
`,
    ),
    errors: [clientUrl("url: «args.endpoint»", "args.endpoint", tool("call_api"), "axios()")],
  }),

  both({
    name: "FastMCP addTool: got with the client's URL, imageContent({ url })",
    code: fastmcp(
      `import { imageContent } from "fastmcp";
import got from "got";`,
      `server.addTool({
  name: "preview",
  description: "Preview a page and its image",
  parameters: z.object({ page: z.string(), image: z.string() }),
  execute: async (args) => {
    const html = await got(args.page).text();
    return { content: [{ type: "text", text: html }, await imageContent({ url: args.image })] };
  },
});
`,
    ),
    errors: [
      clientUrl("got(«args.page»)", "args.page", tool("preview"), "got()"),
      clientUrl("url: «args.image»", "args.image", tool("preview"), "imageContent()"),
    ],
  }),

  both({
    name: "FastMCP addResourceTemplate load: the template variable as a host",
    code: fastmcp(
      "",
      `server.addResourceTemplate({
  uriTemplate: "site://{domain}/robots",
  name: "Robots",
  arguments: [{ name: "domain", description: "Domain", required: true }],
  load: async ({ domain }) => {
    const response = await fetch("https://" + domain + "/robots.txt");
    return { text: await response.text() };
  },
});
`,
    ),
    errors: [clientHost('"https://" + «domain»', "domain", 'resource template "Robots"', "fetch()")],
  }),

  both({
    name: "mcp-framework MCPTool: this.fetch(url)",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";

class FetchJsonTool extends MCPTool {
  name = "fetch_json";
  description = "Fetch a JSON document";
  schema = z.object({ url: z.string().describe("Document URL") });

  async execute(input) {
    return this.fetch(input.url);
  }
}

export default FetchJsonTool;
`,
    errors: [clientUrl("this.fetch(«input.url»)", "input.url", tool("fetch_json"), "this.fetch()")],
  }),

  ts({
    name: "v1 low-level tools/call: http.get with the client's URL",
    code: lowLevelV1(
      `import http from "node:http";`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const target = String(request.params.arguments?.url);
  const body = await new Promise<string>((resolve) => http.get(target, (res) => res.on("data", (chunk) => resolve(String(chunk)))));
  return { content: [{ type: "text", text: body }] };
});
`,
    ),
    errors: [clientUrl("http.get(«target»", "request.params.arguments?.url", TOOLS_CALL, "http.get()")],
  }),

  bothCjs({
    name: "CommonJS: const axios = require(\"axios\"), axios.post",
    code: v1Cjs(
      `const axios = require("axios");`,
      `server.registerTool("webhook", { inputSchema: { hook: z.string(), message: z.string() } }, async ({ hook, message }) => {
  await axios.post(hook, { text: message });
  ${OK}
});
`,
    ),
    errors: [clientUrl("axios.post(«hook»", "hook", tool("webhook"), "axios.post()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: request libraries and URL shapes
// ---------------------------------------------------------------------------------------------------------------

const libraryInvalid = [
  both({
    name: "a constant origin without the slash after the host: the input can continue the host",
    code: v1(
      "",
      `server.registerTool("get", { inputSchema: { path: z.string() } }, async ({ path }) => {
  const response = await fetch(\`https://api.example.com\${path}\`);
  return { content: [{ type: "text", text: await response.text() }] };
});
`,
    ),
    errors: [clientHost("${«path»}", "path", tool("get"), "fetch()")],
  }),

  both({
    name: "a scheme from the configuration, then the client's host and port",
    code: v1(
      `const SCHEME = process.env.SCHEME || "https";`,
      `server.registerTool("node_info", { inputSchema: { node: z.string(), port: z.string() } }, async ({ node, port }) => {
  const response = await fetch(\`\${SCHEME}://\${node}:\${port}/api/info\`);
  return { content: [{ type: "text", text: await response.text() }] };
});
`,
    ),
    errors: [clientHost("://${«node»}", "node", tool("node_info"), "fetch()")],
  }),

  both({
    name: "new URL(input, base): an absolute input replaces the base; a leading slash alone allows //host",
    code: v1(
      API,
      `server.registerTool("get", { inputSchema: { path: z.string() } }, async ({ path }) => {
  const first = await fetch(new URL(path, API));
  const second = await fetch(new URL(\`/\${path}\`, API));
  return { content: [{ type: "text", text: String(first.status + second.status) }] };
});
`,
    ),
    errors: [clientUrl("new URL(«path», API)", "path", tool("get"), "fetch()"), clientHost("`/${«path»}`", "path", tool("get"), "fetch()")],
  }),

  both({
    name: "axios.create({ baseURL }) from input, and an instance given an absolute URL",
    code: v1(
      `import axios from "axios";

const github = axios.create({ baseURL: "https://api.github.com" });`,
      `server.registerTool("proxy", { inputSchema: { base: z.string(), path: z.string() } }, async ({ base, path }) => {
  const client = axios.create({ baseURL: base });
  const a = await client.get("/status");
  const b = await github.get(path);
  return { content: [{ type: "text", text: JSON.stringify([a.data, b.data]) }] };
});
`,
    ),
    errors: [clientUrl("baseURL: «base»", "base", tool("proxy"), "axios.create()"), clientUrl("github.get(«path»)", "path", tool("proxy"), "github.get()")],
  }),

  both({
    name: "http.request options with the client's hostname and port",
    code: v1(
      `import https from "node:https";`,
      `server.registerTool("ping", { inputSchema: { host: z.string(), port: z.number() } }, async ({ host, port }) => {
  https.request({ hostname: host, port, path: "/ping", method: "GET" }).end();
  ${OK}
});
`,
    ),
    errors: [clientHost("hostname: «host»", "host", tool("ping"), "https.request()")],
  }),

  both({
    name: "ky, superagent, undici, node-fetch, ws and globalThis.fetch",
    code: v1(
      `import ky from "ky";
import superagent from "superagent";
import { request } from "undici";
import nodeFetch from "node-fetch";
import WebSocket from "ws";`,
      `server.registerTool("many", { inputSchema: { a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string(), f: z.string() } }, async (args) => {
  await ky.get(args.a).json();
  await superagent.get(args.b);
  await request(args.c);
  await nodeFetch(args.d);
  new WebSocket(args.e);
  await globalThis.fetch(args.f);
  ${OK}
});
`,
    ),
    errors: [
      clientUrl("ky.get(«args.a»)", "args.a", tool("many"), "ky.get()"),
      clientUrl("superagent.get(«args.b»)", "args.b", tool("many"), "superagent.get()"),
      clientUrl("request(«args.c»)", "args.c", tool("many"), "request()"),
      clientUrl("nodeFetch(«args.d»)", "args.d", tool("many"), "nodeFetch()"),
      clientUrl("new WebSocket(«args.e»)", "args.e", tool("many"), "new WebSocket()"),
      clientUrl("globalThis.fetch(«args.f»)", "args.f", tool("many"), "globalThis.fetch()"),
    ],
  }),

  both({
    name: "got-scraping with the client's URL, https:// added when it has no scheme (egoist/fetch-mcp shape)",
    code: v1(
      `import { gotScraping } from "got-scraping";`,
      `server.tool("fetch_url", "Fetch a URL", { url: z.string() }, async (args) => {
  const url = /^https?\\:\\/\\//.test(args.url) ? args.url : \`https://\${args.url}\`;
  const res = await gotScraping(url);
  return { content: [{ type: "text", text: res.body }] };
});
`,
    ),
    errors: [clientUrl("gotScraping(«url»)", "args.url", tool("fetch_url"), "gotScraping()")],
  }),

  ts({
    name: "TS: import axios = require(), a namespace import of https, an alias of axios.get, TS wrappers",
    code: v1(
      `import axios = require("axios");
import * as https from "node:https";

const get = axios.get;`,
      `server.registerTool("mirror", { inputSchema: { a: z.string(), b: z.string(), c: z.string() } }, async (args) => {
  await get(args.a as string);
  https.get(args.b!, (res) => res.resume());
  await axios.request({ url: args.c satisfies string });
  ${OK}
});
`,
    ),
    errors: [
      clientUrl("get(«args.a» as string)", "args.a", tool("mirror"), "get()"),
      clientUrl("https.get(«args.b»!", "args.b", tool("mirror"), "https.get()"),
      clientUrl("url: «args.c» satisfies string", "args.c", tool("mirror"), "axios.request()"),
    ],
  }),

  both({
    name: "ofetch: the client's URL, and an instance made with the client's base URL",
    code: v1(
      `import { ofetch } from "ofetch";`,
      `server.registerTool("get_json", { inputSchema: { url: z.string(), base: z.string() } }, async ({ url, base }) => {
  const api = ofetch.create({ baseURL: base });
  const [a, b] = await Promise.all([ofetch(url), api("/status")]);
  return { content: [{ type: "text", text: JSON.stringify([a, b]) }] };
});
`,
    ),
    errors: [clientUrl("baseURL: «base»", "base", tool("get_json"), "ofetch.create()"), clientUrl("ofetch(«url»)", "url", tool("get_json"), "ofetch()")],
  }),

  both({
    name: "an MCP client transport connecting to the client's server URL",
    code: v1(
      `import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";`,
      `server.registerTool("call_remote", { inputSchema: { server: z.string(), tool: z.string() } }, async ({ server: remote, tool }) => {
  const client = new Client({ name: "gateway", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(remote)));
  return client.callTool({ name: tool, arguments: {} });
});
`,
    ),
    errors: [clientUrl("new URL(«remote»)", "remote", tool("call_remote"), "new StreamableHTTPClientTransport()")],
  }),

  both({
    name: "url.hostname = input on a URL object",
    code: v1(
      API,
      `server.registerTool("mirror", { inputSchema: { mirror: z.string(), path: z.string() } }, async ({ mirror, path }) => {
  const url = new URL(\`/files/\${encodeURIComponent(path)}\`, API);
  url.hostname = mirror;
  const response = await fetch(url);
  return { content: [{ type: "text", text: await response.text() }] };
});
`,
    ),
    errors: [clientHost("url.hostname = «mirror»", "mirror", tool("mirror"), "url.hostname")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Invalid: data flow and checks that do not pin the host
// ---------------------------------------------------------------------------------------------------------------

/** An API client whose request helper has more callers than are followed one by one (sentry-mcp's client). */
function manyCallersClient(extra: string): string {
  const methods = Array.from({ length: 40 }, (_, i) => `  item${i}(id) {\n    return this.requestJSON(\`/items/${i}/\${encodeURIComponent(id)}\`);\n  }`).join("\n");
  return `class ApiClient {
  constructor(host) {
    this.apiPrefix = \`https://\${host}/api/0\`;
  }
  async request(path, init = {}) {
    const url = \`\${this.apiPrefix}\${path}\`;
    return fetch(url, init);
  }
  async requestJSON(path) {
    const response = await this.request(path);
    return response.json();
  }
${methods}
  search(query) {
    const params = new URLSearchParams();
    params.set("query", query);
    return this.requestJSON("/search/?" + params.toString());
  }
${extra}
}
const api = new ApiClient(process.env.API_HOST);
`;
}

const manyCallersBad = v1(
  "",
  `${manyCallersClient(`  raw(path) {
    return this.requestJSON(path);
  }`)}
server.registerTool("raw", { inputSchema: { path: z.string() } }, async ({ path }) => {
  return { content: [{ type: "text", text: JSON.stringify(await api.raw(path)) }] };
});
`,
);

const flowInvalid = [
  both({
    name: "a request helper with many callers, one of which passes the tool's input as the whole path",
    code: manyCallersBad,
    errors: [clientHost("fetch(«url», init)", "path", tool("raw"), "fetch()")],
  }),
  both({
    name: "a URL built in a const: reported at the use, naming the input",
    code: v1(
      "",
      `server.registerTool("weather", { inputSchema: { region: z.string(), city: z.string() } }, async ({ region, city }) => {
  const endpoint = \`https://\${region}.weather.example/v1/\${city}\`;
  const response = await fetch(endpoint, { headers: { accept: "application/json" } });
  return { content: [{ type: "text", text: await response.text() }] };
});
`,
    ),
    errors: [clientHost("fetch(«endpoint»", "region", tool("weather"), "fetch()")],
  }),

  both({
    name: "a same-file helper that fetches its parameter, called with the client's URL",
    code: v1(
      "",
      `async function getText(url) {
  const response = await fetch(url);
  return response.text();
}

server.registerTool("read_url", { inputSchema: { url: z.string() } }, async ({ url }) => {
  return { content: [{ type: "text", text: await getText(url) }] };
});
`,
    ),
    errors: [clientUrl("fetch(«url»)", "url", tool("read_url"), "fetch()")],
  }),

  both({
    name: "a prefix check without the slash after the host (api.example.com.evil.com passes)",
    code: v1(
      "",
      `server.registerTool("api_get", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (!url.startsWith("https://api.example.com")) throw new Error("Only api.example.com");
  const response = await fetch(url);
  return { content: [{ type: "text", text: await response.text() }] };
});
`,
    ),
    errors: [rawUrlCheck("fetch(«url»)", "url", tool("api_get"), "fetch()", 'url.startsWith("https://api.example.com")')],
  }),

  both({
    name: "CVE-2025-65513 shape: a private-address check given the whole URL",
    code: v1(
      `import { is_ip_private } from "private-ip";`,
      `server.registerTool("fetch_html", { inputSchema: { url: z.string() } }, async (args) => {
  if (is_ip_private(args.url)) throw new Error("Private addresses are not allowed");
  const response = await fetch(args.url);
  return { content: [{ type: "text", text: await response.text() }] };
});
`,
    ),
    errors: [rawUrlCheck("fetch(«args.url»)", "args.url", tool("fetch_html"), "fetch()", "is_ip_private(args.url)")],
  }),

  both({
    name: "checks of the scheme, of a substring, of a domain suffix without its dot, and of the URL's form (not a raw check: plain message)",
    code: v1(
      "",
      `server.registerTool("a", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (!["http:", "https:"].includes(new URL(url).protocol)) throw new Error("http(s) only");
  return fetch(url);
});
server.registerTool("b", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (!url.includes("example.com")) throw new Error("example.com only");
  return fetch(url);
});
server.registerTool("c", { inputSchema: { url: z.string() } }, async ({ url }) => {
  const { hostname } = new URL(url);
  if (!hostname.endsWith("example.com")) throw new Error("example.com only");
  return fetch(url);
});
server.registerTool("d", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (!isValidUrl(url)) throw new Error("Invalid URL");
  return fetch(url);
});

function isValidUrl(value) {
  try {
    return Boolean(new URL(value));
  } catch {
    return false;
  }
}
`,
    ),
    errors: [
      rawUrlCheck("fetch(«url»)", "url", tool("a"), "fetch()", '["http:", "https:"].includes(new URL(url).protocol)'),
      rawUrlCheck("fetch(«url»)", "url", tool("b"), "fetch()", 'url.includes("example.com")'),
      rawUrlCheck("fetch(«url»)", "url", tool("c"), "fetch()", 'hostname.endsWith("example.com")'),
      clientUrl("fetch(«url»)", "url", tool("d"), "fetch()"),
    ].map((error, nth) => ({ ...error, nth })),
  }),
];

const assertionInvalid = [
  both({
    name: "a validator statement that checks only the scheme (fetcher-mcp shape)",
    code: v1(
      "",
      `function validateUrlProtocol(url) {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("Only http(s) URLs");
}

server.registerTool("fetch_url", { inputSchema: { url: z.string() } }, async ({ url }) => {
  validateUrlProtocol(url);
  const response = await fetch(url);
  return { content: [{ type: "text", text: await response.text() }] };
});
`,
    ),
    errors: [clientUrl("fetch(«url»)", "url", tool("fetch_url"), "fetch()")],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Valid: fixed origins and host checks
// ---------------------------------------------------------------------------------------------------------------

const valid = [
  both({
    name: "safe: FastMCP, a request helper with many callers; the tool's input reaches it only in the query string",
    code: fastmcp(
      "",
      `${manyCallersClient("")}
server.addTool({
  name: "search",
  description: "Search items",
  parameters: z.object({ q: z.string() }),
  execute: async ({ q }) => JSON.stringify(await api.search(q)),
});
`,
    ),
  }),
  both({
    name: "safe: a request helper with many callers; the tool's input reaches it only in the query string",
    code: v1(
      "",
      `${manyCallersClient("")}
server.registerTool("search", { inputSchema: { q: z.string() } }, async ({ q }) => {
  return { content: [{ type: "text", text: JSON.stringify(await api.search(q)) }] };
});
`,
    ),
  }),
  both({
    name: "safe: a fixed origin with the input in the path and query",
    code: v1(
      API,
      `server.registerTool("repo", { inputSchema: { owner: z.string(), repo: z.string(), q: z.string() } }, async ({ owner, repo, q }) => {
  const a = await fetch(\`\${API}/repos/\${owner}/\${repo}\`);
  const b = await fetch("https://api.github.com/search/code?q=" + encodeURIComponent(q));
  const url = new URL(\`/repos/\${owner}/\${repo}/issues\`, API);
  url.searchParams.set("labels", q);
  const c = await fetch(url);
  const d = await fetch(new Request(\`\${API}/users/\${owner}\`));
  return { content: [{ type: "text", text: String(a.status + b.status + c.status + d.status) }] };
});
`,
    ),
  }),

  both({
    name: "safe: the base URL from the environment, as server configuration",
    code: v1(
      `const BASE = process.env.JIRA_URL ?? "https://jira.example.com";`,
      `server.registerTool("issue", { inputSchema: { key: z.string() } }, async ({ key }) => {
  const response = await fetch(\`\${BASE}/rest/api/2/issue/\${key}\`);
  const other = await fetch(process.env.API_URL + "/issues/" + key);
  return { content: [{ type: "text", text: String(response.status + other.status) }] };
});
`,
    ),
  }),

  both({
    name: "safe: an API client class with a base URL and endpoint paths",
    code: v1(
      "",
      `class GitLabClient {
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  async request(endpoint, init = {}) {
    const response = await fetch(\`\${this.baseUrl}\${endpoint}\`, { ...init, headers: { "PRIVATE-TOKEN": this.token } });
    return response.json();
  }

  project(id) {
    return this.request(\`/projects/\${encodeURIComponent(id)}\`);
  }

  issues(id, state) {
    return this.request(\`/projects/\${id}/issues?state=\${state}\`);
  }
}

const gitlab = new GitLabClient(process.env.GITLAB_URL, process.env.GITLAB_TOKEN);

server.registerTool("project", { inputSchema: { id: z.string(), state: z.string() } }, async ({ id, state }) => {
  const [project, issues] = await Promise.all([gitlab.project(id), gitlab.issues(id, state)]);
  return { content: [{ type: "text", text: JSON.stringify({ project, issues }) }] };
});
`,
    ),
  }),

  both({
    name: "safe: a same-file request helper always given a fixed origin",
    code: v1(
      "",
      `async function githubRequest(url, options = {}) {
  const response = await fetch(url, { ...options, headers: { Accept: "application/vnd.github+json" } });
  return response.json();
}

function apiUrl(path) {
  return "https://api.github.com" + path;
}

server.registerTool("issues", { inputSchema: { owner: z.string(), repo: z.string() } }, async ({ owner, repo }) => {
  const issues = await githubRequest(\`https://api.github.com/repos/\${owner}/\${repo}/issues\`);
  const pulls = await githubRequest(apiUrl(\`/repos/\${owner}/\${repo}/pulls\`), { method: "GET" });
  return { content: [{ type: "text", text: JSON.stringify([issues, pulls]) }] };
});
`,
    ),
  }),

  both({
    name: "safe: axios and got instances with a base URL, given paths",
    code: v1(
      `import axios from "axios";
import got from "got";
import { ofetch } from "ofetch";

const api = axios.create({ baseURL: "https://api.example.com/v2", timeout: 5000 });
const search = got.extend({ prefixUrl: "https://search.example.com" });
const status = ofetch.create({ baseURL: "https://status.example.com" });`,
      `server.registerTool("lookup", { inputSchema: { id: z.string(), term: z.string() } }, async ({ id, term }) => {
  const user = await api.get(\`/users/\${id}\`);
  const order = await api.request({ url: \`/orders/\${id}\`, method: "get" });
  const hits = await search.get(term).json();
  const health = await status(\`/components/\${encodeURIComponent(id)}\`);
  return { content: [{ type: "text", text: JSON.stringify([user.data, order.data, hits, health]) }] };
});
`,
    ),
  }),

  both({
    name: "safe: http.request with a fixed hostname and the input in the path",
    code: v1(
      `import https from "node:https";`,
      `server.registerTool("status", { inputSchema: { id: z.string() } }, async ({ id }) => {
  https.get({ hostname: "status.example.com", port: 443, path: \`/v1/checks/\${encodeURIComponent(id)}\` }, (res) => res.resume());
  ${OK}
});
`,
    ),
  }),

  both({
    name: "safe: the parsed host checked against an allowlist",
    code: v1(
      `const ALLOWED_HOSTS = new Set(["docs.example.com", "api.example.com"]);
const TRUSTED = ["example.org"];
const API_ORIGIN = "https://api.example.com";`,
      `server.registerTool("a", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (!ALLOWED_HOSTS.has(new URL(url).hostname)) throw new Error("Host not allowed");
  return fetch(url);
});
server.registerTool("b", { inputSchema: { url: z.string() } }, async ({ url }) => {
  const parsed = new URL(url);
  if (!TRUSTED.includes(parsed.hostname)) throw new Error("Host not allowed");
  return fetch(parsed);
});
server.registerTool("c", { inputSchema: { url: z.string() } }, async ({ url }) => {
  const target = new URL(url);
  if (target.origin !== API_ORIGIN) throw new Error("Only the API");
  return fetch(target.toString());
});
server.registerTool("d", { inputSchema: { url: z.string() } }, async ({ url }) => {
  const { hostname } = new URL(url);
  if (hostname !== "example.com" && !hostname.endsWith(".example.com")) throw new Error("example.com only");
  return fetch(url);
});
server.registerTool("e", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (new URL(url).hostname === "api.example.com") return fetch(url);
  throw new Error("Only the API");
});
server.registerTool("f", { inputSchema: { path: z.string() } }, async (params) => {
  const docUrl = new URL(params.path, "https://docs.example.com");
  const allowedDomains = ["docs.example.com", "developer.example.com"];
  if (!allowedDomains.includes(docUrl.hostname)) throw new Error("Docs only");
  return fetch(docUrl.toString());
});
`,
    ),
  }),

  both({
    name: "safe: the raw URL checked with a prefix that ends the origin, or an anchored pattern",
    code: v1(
      API,
      `server.registerTool("a", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (!url.startsWith("https://api.example.com/")) throw new Error("Only the API");
  return fetch(url);
});
server.registerTool("b", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (!url.startsWith(\`\${API}/\`)) throw new Error("Only the API");
  return fetch(url);
});
server.registerTool("c", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (!/^https:\\/\\/api\\.example\\.com\\//.test(url)) throw new Error("Only the API");
  return fetch(url);
});
`,
    ),
  }),

  both({
    name: "safe: validators named for allowed or public destinations, and private-address checks of the parsed host",
    code: v1(
      `import { isAllowedUrl } from "./url-policy.js";
import ipaddr from "ipaddr.js";`,
      `function isPrivateAddress(host) {
  return ipaddr.parse(host).range() !== "unicast";
}

server.registerTool("a", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (!isAllowedUrl(url)) throw new Error("URL not allowed");
  return fetch(url);
});
server.registerTool("b", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (isPrivateAddress(new URL(url).hostname)) throw new Error("Private addresses are not allowed");
  return fetch(url);
});
`,
    ),
  }),

  both({
    name: "safe: validator statements that throw unless the parsed host is allowed (fetch-mcp and markdownify fixes)",
    code: v1(
      `import isIpPrivate from "private-ip";
import { assertPublicUrl } from "./net.js";`,
      `class Fetcher {
  static validateUrl(url) {
    const parsed = new URL(url);
    const hostname = parsed.hostname;
    if (hostname === "localhost" || isIpPrivate(hostname)) throw new Error(\`Blocked private address \${hostname}\`);
  }

  static async get(url) {
    this.validateUrl(url);
    return fetch(url, { redirect: "manual" });
  }
}

server.registerTool("a", { inputSchema: { url: z.string() } }, async ({ url }) => {
  const response = await Fetcher.get(url);
  return { content: [{ type: "text", text: await response.text() }] };
});
server.registerTool("b", { inputSchema: { url: z.string() } }, async ({ url }) => {
  await assertPublicUrl(url);
  const response = await fetch(url, { redirect: "error" });
  return { content: [{ type: "text", text: await response.text() }] };
});
`,
    ),
  }),

  both({
    name: "safe: more host checks: in, Object.hasOwn, a host validator, a URL validator for internal hosts, an address check of a host",
    code: v1(
      `import { isAllowedHost, isInternalUrl, isPrivateIp } from "./net-policy.js";

const HOSTS = { "api.example.com": true };`,
      `server.registerTool("a", { inputSchema: { url: z.string() } }, async ({ url }) => {
  const { hostname } = new URL(url);
  if (!(hostname in HOSTS) || !Object.hasOwn(HOSTS, hostname)) throw new Error("Host not allowed");
  return fetch(url);
});
server.registerTool("b", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (!isAllowedHost(new URL(url).hostname.toLowerCase())) throw new Error("Host not allowed");
  return fetch(url);
});
server.registerTool("c", { inputSchema: { url: z.string() } }, async ({ url }) => {
  if (await isInternalUrl(url)) throw new Error("Internal URLs are not allowed");
  return fetch(url);
});
server.registerTool("d", { inputSchema: { host: z.string() } }, async ({ host }) => {
  if (isPrivateIp(host)) throw new Error("Private addresses are not allowed");
  return fetch(\`https://\${host}/status\`);
});
`,
    ),
  }),

  both({
    name: "safe: a subdomain label checked by an anchored pattern, a host by a domain pattern, a z.enum host",
    code: v1(
      "",
      `server.registerTool("a", { inputSchema: { site: z.string(), issue: z.string() } }, async ({ site, issue }) => {
  if (!/^[a-z0-9-]+$/.test(site)) throw new Error("Invalid site name");
  return fetch(\`https://\${site}.atlassian.net/rest/api/3/issue/\${issue}\`);
});
server.registerTool("b", { inputSchema: { url: z.string() } }, async ({ url }) => {
  const target = new URL(url);
  if (!/^([a-z0-9-]+\\.)*example\\.com$/.test(target.hostname)) throw new Error("example.com only");
  return fetch(target);
});
server.registerTool("c", { inputSchema: { region: z.enum(["eu", "us"]) } }, async ({ region }) => {
  return fetch(\`https://\${region}.api.example.com/status\`);
});
`,
    ),
  }),

  both({
    name: "safe: no MCP handler, other methods named get/request, and this.fetch of other classes",
    code: v1(
      `import express from "express";

const app = express();
const cache = new Map();`,
      `export async function download(url) {
  return fetch(url);
}

class Repository {
  fetch(id) {
    return cache.get(id);
  }

  load(id) {
    return this.fetch(id);
  }
}

app.get("/health", (req, res) => res.send("ok"));

server.registerTool("cached", { inputSchema: { key: z.string() } }, async ({ key }) => {
  const value = cache.get(key) ?? new Repository().load(key);
  return { content: [{ type: "text", text: String(value) }] };
});
`,
    ),
  }),

  both({
    name: "safe: the request context (extra) is not tool input; a constant assigned to url.hostname",
    code: v1(
      API,
      `server.registerTool("whoami", { description: "Session info" }, async (extra) => {
  const url = new URL("/user", API);
  url.hostname = "api.github.com";
  const response = await fetch(\`https://\${extra.sessionId}.sessions.example.com/\`);
  return { content: [{ type: "text", text: String(response.status) + url }] };
});
`,
    ),
  }),

  ts({
    name: "safe: TS wrappers around a fixed origin, FastMCP and mcp-framework shapes",
    code: fastmcp(
      `import { imageContent } from "fastmcp";`,
      `const CDN = "https://cdn.example.com" as const;

server.addTool({
  name: "avatar",
  description: "A user's avatar",
  parameters: z.object({ user: z.string() }),
  execute: async (args) => imageContent({ url: \`\${CDN}/avatars/\${args.user!}.png\` satisfies string }),
});
`,
    ),
  }),

  both({
    name: "safe: mcp-framework this.fetch with a fixed origin",
    code: `import { MCPTool } from "mcp-framework";
import { z } from "zod";

const API = "https://api.example.com";

class StockTool extends MCPTool {
  name = "stock";
  description = "Stock price";
  schema = z.object({ symbol: z.string().describe("Ticker") });

  async execute(input) {
    return this.fetch(\`\${API}/quotes/\${encodeURIComponent(input.symbol)}\`);
  }
}

export default StockTool;
`,
  }),

  ts({
    name: "safe: low-level tools/call with a fixed origin, and undici's Client with a fixed origin",
    code: lowLevelV1(
      `import { Client } from "undici";

const upstream = new Client("https://search.example.com");`,
      `server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const query = String(request.params.arguments?.query);
  const response = await fetch("https://api.example.com/search?q=" + encodeURIComponent(query));
  const other = await upstream.request({ path: \`/v1/search?q=\${encodeURIComponent(query)}\`, method: "GET" });
  return { content: [{ type: "text", text: (await response.text()) + (await other.body.text()) }] };
});
`,
    ),
  }),

  bothCjs({
    name: "safe: CommonJS with a fixed origin",
    code: v1Cjs(
      `const axios = require("axios");

const API = "https://api.example.com";`,
      `server.registerTool("user", { inputSchema: { id: z.string() } }, async ({ id }) => {
  const { data } = await axios.get(API + "/users/" + encodeURIComponent(id));
  return { content: [{ type: "text", text: JSON.stringify(data) }] };
});
`,
    ),
  }),

  ts({
    name: "safe: SDK v2 with ky.create({ prefixUrl }) and the client's path",
    code: v2(
      `import ky from "ky";

const api = ky.create({ prefixUrl: "https://api.example.com/v1" });`,
      `server.registerTool("item", { inputSchema: z.object({ path: z.string() }) }, async ({ path }) => {
  const item = await api.get(path).json<unknown>();
  return { content: [{ type: "text", text: JSON.stringify(item) }] };
});
`,
    ),
  }),
];

runRuleTests(RULE, rule, {
  valid,
  invalid: [...frameworkInvalid, ...libraryInvalid, ...flowInvalid, ...assertionInvalid],
});

// ---------------------------------------------------------------------------------------------------------------
// Across files: fixture projects linted through the ESLint API
// ---------------------------------------------------------------------------------------------------------------

describe("no-ssrf across files", () => {
  it("reports the tool whose URL reaches fetch in another module, and not the fixed-origin API client", async () => {
    const registration = await lintProject(RULE, "ssrf-server", ["src/index.ts"]);
    // get_raw: `${RAW_CONTENT}${path}` is fixed by the module constant's trailing slash, `${GITHUB_API}${path}` is not;
    // fetch_doc and fetch_public check the host before passing the URL on (an allowlist, a validator of lib/net.ts).
    expect(registration.places).toEqual(["src/index.ts:27:60 viaImport", "src/index.ts:40:44 clientHost"]);
    expect(registration.messages[0]).toContain('url from the MCP tool "fetch_page" is passed to fetchPage(), which uses it as the URL of an outbound request in fetch() at ./lib/page.ts:4');
    const page = await lintProject(RULE, "ssrf-server", ["src/lib/page.ts"]);
    expect(page.places).toEqual(["src/lib/page.ts:4:32 clientUrl"]);
    expect(page.messages[0]).toContain('url from the MCP tool "fetch_page" is the URL (or its start) that fetch() requests');
    const client = await lintProject(RULE, "ssrf-server", ["src/common/request.ts", "src/operations/repos.ts", "src/config.ts"]);
    expect(client.places).toEqual([]);
  });
});

describe("no-ssrf across files: a request helper with many callers", () => {
  it("reports the tool that passes a whole path, not the one whose input only reaches the query string", async () => {
    const registration = await lintProject("no-ssrf", "ssrf-many-callers", ["src/index.ts"]);
    expect(registration.places).toEqual(["src/index.ts:13:73 viaImport"]);
    expect(registration.messages[0]).toContain('path from the MCP tool "raw" is passed to api.raw(), which puts it in the scheme, host or port');
  });

  it("reports at the sink, for the whole path only, when the client module is linted", async () => {
    const client = await lintProject("no-ssrf", "ssrf-many-callers", ["src/client.ts"]);
    expect(client.places).toEqual(["src/client.ts:11:18 clientHost"]);
    expect(client.messages[0]).toContain('path from the MCP tool "raw"');
  });
});
