import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import rule from "../../src/rules/require-https-auth-urls.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, v1, v1Cjs, v2 } from "../utils/shapes.js";

type MessageIds = "insecureAuthUrl" | "useHttps";

/** An error at the literal `at` (unique in `code`), with the https suggestion applied to `code`. */
function insecure(code: string, at: string, name: string, origin: string, nth?: number): ExpectedError<MessageIds> {
  const open = at.indexOf("«");
  const inner = open === -1 ? at : at.slice(open + 1, at.indexOf("»"));
  const context = at.replace("«", "").replace("»", "");
  let index = -1;
  for (let i = 0; i <= (nth ?? 0); i++) index = code.indexOf(context, index + 1);
  const start = index + (open === -1 ? 0 : open) + inner.indexOf("http://");
  const output = `${code.slice(0, start)}https://${code.slice(start + "http://".length)}`;
  return { messageId: "insecureAuthUrl", at, nth, data: { name, origin }, suggestions: [{ messageId: "useHttps", output }] };
}

function bad(name: string, code: string, errors: (code: string) => ExpectedError<MessageIds>[], langs = both) {
  return langs({ name, code, errors: errors(code) });
}

const AUTH_ROUTER_V1 = `import express from "express";
import { mcpAuthRouter } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { ProxyOAuthServerProvider } from "@modelcontextprotocol/sdk/server/auth/providers/proxyProvider.js";
`;

const invalid = [
  bad(
    "v1 mcpAuthRouter issuerUrl: new URL(http) and ProxyOAuthServerProvider endpoints",
    v1(
      AUTH_ROUTER_V1,
      `const provider = new ProxyOAuthServerProvider({
  endpoints: {
    authorizationUrl: "http://auth.example.com/authorize",
    tokenUrl: "http://auth.example.com/token",
    revocationUrl: "https://auth.example.com/revoke",
  },
  verifyAccessToken: async (token) => ({ token, clientId: "c", scopes: [] }),
  getClient: async (id) => undefined,
});
const app = express();
app.use(mcpAuthRouter({ provider, issuerUrl: new URL("http://auth.example.com"), baseUrl: new URL("http://127.0.0.1:3000") }));
`,
    ),
    (code) => [
      insecure(code, `"http://auth.example.com/authorize"`, "authorizationUrl", "http://auth.example.com"),
      insecure(code, `"http://auth.example.com/token"`, "tokenUrl", "http://auth.example.com"),
      insecure(code, `"http://auth.example.com"`, "issuerUrl", "http://auth.example.com"),
    ],
  ),
  bad(
    "v1 CommonJS: issuer URL in a const, used through a shorthand property",
    v1Cjs(
      `const { mcpAuthMetadataRouter } = require("@modelcontextprotocol/sdk/server/auth/router.js");`,
      `const ISSUER = "http://login.example.org:8080/realms/mcp";
const oauthMetadata = { issuer: ISSUER, authorization_endpoint: \`\${ISSUER}/auth\`, token_endpoint: ISSUER + "/token", response_types_supported: ["code"] };
mcpAuthMetadataRouter({ oauthMetadata, resourceServerUrl: new URL("/mcp", "http://mcp.example.org") });
`,
    ),
    (code) => [
      insecure(code, `"http://login.example.org:8080/realms/mcp"`, "issuer", "http://login.example.org:8080"),
      insecure(code, `new URL("/mcp", «"http://mcp.example.org"»)`, "resourceServerUrl", "http://mcp.example.org"),
    ],
    bothCjs,
  ),
  bad(
    "protected-resource metadata served by Express: resource and authorization_servers",
    v1(
      `import express from "express";`,
      `const app = express();
app.get("/.well-known/oauth-protected-resource", (req, res) => {
  res.json({ resource: "http://mcp.example.com/mcp", authorization_servers: ["https://a.example.com", "http://b.example.com/"] });
});
`,
    ),
    (code) => [
      insecure(code, `"http://mcp.example.com/mcp"`, "resource", "http://mcp.example.com"),
      insecure(code, `"http://b.example.com/"`, "authorization_servers", "http://b.example.com"),
    ],
  ),
  bad(
    "jose createRemoteJWKSet(new URL(http)) in a v2 verifier, and a fallback default after process.env",
    v2(
      `import { createRemoteJWKSet, jwtVerify } from "jose";`,
      `const JWKS = createRemoteJWKSet(new URL("http://idp.example.com/.well-known/jwks.json"));
const issuer = process.env.ISSUER ?? "http://idp.example.com";
export async function verify(token: string) {
  return jwtVerify(token, JWKS, { issuer, audience: "https://mcp.example.com/mcp" });
}
`,
    ),
    (code) => [
      insecure(code, `"http://idp.example.com/.well-known/jwks.json"`, "the discovery URL", "http://idp.example.com"),
      insecure(code, `"http://idp.example.com"`, "issuer", "http://idp.example.com"),
    ],
    ts,
  ),
  bad(
    "namespace import of jose with a JWKS URL that is not a well-known path; fetch of OIDC discovery",
    fastmcp(
      `import * as jose from "jose";`,
      `const keys = jose.createRemoteJWKSet(new URL("http://keys.example.com/certs"));
const config = await fetch("http://idp.example.com/.well-known/openid-configuration").then((r) => r.json());
`,
    ),
    (code) => [
      insecure(code, `"http://keys.example.com/certs"`, "the JWKS URL of createRemoteJWKSet", "http://keys.example.com"),
      insecure(code, `"http://idp.example.com/.well-known/openid-configuration"`, "the discovery URL", "http://idp.example.com"),
    ],
  ),
  bad(
    "FastMCP oauth options",
    fastmcp(
      "",
      `const secured = new FastMCP({
  name: "secured",
  version: "1.0.0",
  oauth: {
    enabled: true,
    authorizationServer: { issuer: "http://auth.example.com", authorizationEndpoint: "http://auth.example.com/oauth/authorize", tokenEndpoint: "https://auth.example.com/oauth/token", jwksUri: \`http://auth.example.com/jwks\` },
    protectedResource: { resource: "https://mcp.example.com", authorizationServers: ["http://auth.example.com"] },
  },
});
`,
    ),
    (code) => [
      insecure(code, `issuer: «"http://auth.example.com"»`, "issuer", "http://auth.example.com"),
      insecure(code, `"http://auth.example.com/oauth/authorize"`, "authorizationEndpoint", "http://auth.example.com"),
      insecure(code, "`http://auth.example.com/jwks`", "jwksUri", "http://auth.example.com"),
      insecure(code, `[«"http://auth.example.com"»]`, "authorizationServers", "http://auth.example.com"),
    ],
  ),
  bad(
    "mcp-framework OAuthAuthProvider",
    `import { MCPServer, OAuthAuthProvider } from "mcp-framework";
const server = new MCPServer({
  transport: {
    type: "http-stream",
    options: {
      auth: {
        provider: new OAuthAuthProvider({
          resource: "https://mcp.example.com",
          authorizationServers: ["http://auth.example.com" as string],
          validation: { type: "jwt", audience: "https://mcp.example.com", issuer: "http://auth.example.com", jwksUri: "http://auth.example.com/.well-known/jwks.json" },
        }),
      },
    },
  },
});
`,
    (code) => [
      insecure(code, `["«"http://auth.example.com"» as string]`.replace(`["«"`, `[«"`), "authorizationServers", "http://auth.example.com"),
      insecure(code, `issuer: «"http://auth.example.com"»`, "issuer", "http://auth.example.com"),
      insecure(code, `"http://auth.example.com/.well-known/jwks.json"`, "jwksUri", "http://auth.example.com"),
    ],
    ts,
  ),
  bad(
    "Hono: a conditional between two http URLs, requireBearerAuth resourceMetadataUrl",
    v2(
      `import { Hono } from "hono";
import { requireBearerAuth } from "@modelcontextprotocol/express";`,
      `const app = new Hono();
const auth = requireBearerAuth({
  verifier,
  resourceMetadataUrl: process.env.PROD ? "http://mcp.example.com/.well-known/oauth-protected-resource" : "http://localhost:3000/.well-known/oauth-protected-resource",
});
`,
    ),
    (code) => [insecure(code, `"http://mcp.example.com/.well-known/oauth-protected-resource"`, "resourceMetadataUrl", "http://mcp.example.com")],
  ),
];

const valid = [
  both({
    name: "https everywhere, loopback http, environment variables",
    code: v1(
      AUTH_ROUTER_V1 + `import { createRemoteJWKSet } from "jose";`,
      `const provider = new ProxyOAuthServerProvider({
  endpoints: { authorizationUrl: "https://auth.example.com/authorize", tokenUrl: process.env.TOKEN_URL },
  verifyAccessToken: async (token) => ({ token, clientId: "c", scopes: [] }),
  getClient: async (id) => undefined,
});
const app = express();
app.use(mcpAuthRouter({ provider, issuerUrl: new URL("http://localhost:3000"), resourceServerUrl: new URL(process.env.RESOURCE_URL) }));
const keys = createRemoteJWKSet(new URL("http://127.0.0.1:8080/jwks"));
const meta = { issuer: "http://[::1]:9000", token_endpoint: \`http://\${host}/token\`, jwks_uri: \`http://auth\${suffix}\`, resource: "http://dev.localhost/mcp" };
await fetch("https://idp.example.com/.well-known/openid-configuration");
`,
    ),
  }),
  both({
    name: "generic names without auth context, http URLs that are not auth endpoints",
    code: v1(
      "",
      `const link = { resource: "http://example.com/a", baseUrl: "http://api.example.com" };
await fetch("http://api.example.com/items");
const template = { uri: "http://example.com/doc", issuer: 42 };
`,
    ),
  }),
  both({
    name: "odd input: computed keys, spreads, empty new URL, holes",
    code: v1(
      `import { createRemoteJWKSet } from "jose";`,
      `const key = "issuer";
const odd = { [key]: "http://auth.example.com", ...other, authorization_servers: [, ...list], tokenUrl: new URL() };
createRemoteJWKSet();
new URL();
`,
    ),
  }),
];

runRuleTests("require-https-auth-urls", rule, { valid, invalid });

describe("require-https-auth-urls outside MCP packages", () => {
  it("is quiet in a package that declares no MCP framework", async () => {
    const root = mkdtempSync(join(tmpdir(), "secure-mcp-https-"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "p", private: true, type: "module", dependencies: { jose: "^6.0.0" } }));
    const code = `export const meta = { issuer: "http://auth.example.com" };\n`;
    writeFileSync(join(root, "index.js"), code);
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...plugin.configs.all], ignore: false });
    const [result] = await eslint.lintFiles([join(root, "index.js")]);
    expect(result.messages).toEqual([]);
  });
});
