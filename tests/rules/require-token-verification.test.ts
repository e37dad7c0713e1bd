import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import rule from "../../src/rules/require-token-verification.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";
import { fastmcp, v1, v1Cjs, v2 } from "../utils/shapes.js";

type MessageIds =
  | "decodeWithoutVerify"
  | "decodeIntoAuth"
  | "missingAudience"
  | "missingIssuer"
  | "ignoreExpiration"
  | "noneAlgorithm"
  | "jwtProviderWithoutAudience"
  | "wildcardAudience"
  | "missingExpiry";

const decode = (at: string, decoder: string, verifier: string, nth?: number): ExpectedError<MessageIds> => ({
  messageId: "decodeWithoutVerify",
  at,
  nth,
  data: { decoder, verifier },
});
const noAudience = (at: string, verifier: string, nth?: number): ExpectedError<MessageIds> => ({ messageId: "missingAudience", at, nth, data: { verifier } });
const noIssuer = (at: string, verifier: string, nth?: number): ExpectedError<MessageIds> => ({ messageId: "missingIssuer", at, nth, data: { verifier } });
const intoAuth = (nth: number): ExpectedError<MessageIds> => ({ messageId: "decodeIntoAuth", at: "jwt.decode", nth, data: { decoder: "jwt.decode", target: "req.auth" } });
const plain = (messageId: MessageIds, at: string): ExpectedError<MessageIds> => ({ messageId, at, data: {} });
const noExpiry = (at: string, verifier: string): ExpectedError<MessageIds> => ({ messageId: "missingExpiry", at, data: { verifier } });

const BEARER_V1 = `import express from "express";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import jwt from "jsonwebtoken";
`;

const invalid = [
  both({
    name: "v1 requireBearerAuth verifier that only decodes",
    code: v1(
      BEARER_V1,
      `const app = express();
app.use("/mcp", requireBearerAuth({
  verifier: {
    async verifyAccessToken(token) {
      const claims = jwt.decode(token);
      return { token, clientId: claims.azp, scopes: claims.scope.split(" "), expiresAt: claims.exp };
    },
  },
}));
`,
    ),
    errors: [decode("jwt.decode", "jwt.decode", "verifyAccessToken")],
  }),
  bothCjs({
    name: "CommonJS: a named verifier handed over as verifyAccessToken, jwt-decode v3 default export, no expiresAt",
    code: v1Cjs(
      `const { requireBearerAuth } = require("@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js");
const jwtDecode = require("jwt-decode");`,
      `const check = async (token) => {
  const claims = jwtDecode(token);
  return { token, clientId: claims.sub, scopes: [] };
};
const auth = requireBearerAuth({ verifier: { verifyAccessToken: check } });
`,
    ),
    errors: [decode("«jwtDecode»(token)", "jwtDecode", "verifyAccessToken"), noExpiry("{ token, clientId: claims.sub, scopes: [] }", "verifyAccessToken")],
  }),
  ts({
    name: "FastMCP authenticate with jose decodeJwt, and jwt-decode v4 named export in a validateToken helper",
    code: fastmcp(
      `import { decodeJwt } from "jose";
import { jwtDecode } from "jwt-decode";`,
      `const secured = new FastMCP({
  name: "secured",
  version: "1.0.0",
  authenticate: async (request) => {
    const claims = decodeJwt(String(request.headers.authorization).slice(7));
    return { userId: claims.sub };
  },
});
function validateToken(token: string) {
  const payload = jwtDecode<{ sub: string }>(token);
  return payload.sub;
}
`,
    ),
    errors: [decode("«decodeJwt»(String", "decodeJwt", "authenticate"), decode("«jwtDecode»<", "jwtDecode", "validateToken")],
  }),
  both({
    name: "jwt.verify and jose jwtVerify without audience or issuer (v2 and Hono)",
    code: v2(
      `import { Hono } from "hono";
import * as jose from "jose";
import jwt from "jsonwebtoken";`,
      `const JWKS = jose.createRemoteJWKSet(new URL("https://idp.example.com/jwks"));
export async function verifyAccessToken(token) {
  const { payload } = await jose.jwtVerify(token, JWKS);
  return { token, clientId: payload.azp, scopes: [], expiresAt: payload.exp };
}
const app = new Hono();
app.use("/mcp", async (c, next) => {
  const claims = jwt.verify(c.req.header("authorization").slice(7), process.env.SECRET, { issuer: "https://idp.example.com" });
  await next();
});
const other = jwt.verify(token, key, { audience: "https://mcp.example.com/mcp" });
`,
    ),
    errors: [
      noAudience("jose.jwtVerify", "jwtVerify"),
      noIssuer("jose.jwtVerify", "jwtVerify"),
      noAudience("jwt.verify", "jwt.verify", 0),
      noIssuer("jwt.verify", "jwt.verify", 1),
    ],
  }),
  both({
    name: "ignoreExpiration, algorithms with none, callback form",
    code: v1(
      `import { verify } from "jsonwebtoken";`,
      `const opts = { audience: "https://mcp.example.com", issuer: "https://idp.example.com", ignoreExpiration: true, algorithms: ["HS256", "none"] };
verify(token, secret, opts);
verify(token, secret, (err, claims) => {});
`,
    ),
    errors: [
      plain("ignoreExpiration", "ignoreExpiration: true"),
      plain("noneAlgorithm", `"none"`),
      // The callback form has no options at all.
      noAudience("«verify»(token, secret, (err", "jwt.verify"),
      noIssuer("«verify»(token, secret, (err", "jwt.verify"),
    ],
  }),
  bothCjs({
    name: "Express middleware: decoded claims set as req.auth, directly and through a const",
    code: v1Cjs(
      `const express = require("express");
const jwt = require("jsonwebtoken");`,
      `const app = express();
app.use((req, res, next) => {
  req.auth = jwt.decode(req.headers.authorization.slice(7));
  next();
});
app.use("/mcp", function (req, res, next) {
  const claims = jwt.decode(String(req.headers.authorization).slice(7));
  req.auth = { token: "t", clientId: claims.sub, scopes: [], expiresAt: claims.exp };
  next();
});
`,
    ),
    errors: [
      intoAuth(0),
      intoAuth(1),
    ],
  }),
  ts({
    name: "aliases: import { verify as checkJwt }, import jwt = require(), namespace import",
    code: v1(
      `import { verify as checkJwt } from "jsonwebtoken";
import jwt = require("jsonwebtoken");
import * as jose from "jose";`,
      `checkJwt(token, key, { issuer: "https://idp.example.com" });
jwt.verify(token, key, { audience: "https://mcp.example.com" } as const);
const authenticateRequest = (token: string) => jose.decodeJwt(token)!;
`,
    ),
    errors: [noAudience("«checkJwt»(token", "jwt.verify"), noIssuer("jwt.verify", "jwt.verify"), decode("jose.decodeJwt", "decodeJwt", "authenticateRequest")],
  }),
  ts({
    name: "mcp-framework JWTAuthProvider and OAuthAuthProvider with audience *",
    code: `import { MCPServer, JWTAuthProvider, OAuthAuthProvider } from "mcp-framework";
const a = new MCPServer({ transport: { type: "http-stream", options: { auth: { provider: new JWTAuthProvider({ secret: process.env.JWT_SECRET!, algorithms: ["HS256"] }) } } } });
const b = new OAuthAuthProvider({
  resource: "https://mcp.example.com",
  authorizationServers: ["https://auth.example.com"],
  validation: { type: "jwt", audience: "*", issuer: "https://auth.example.com", jwksUri: "https://auth.example.com/jwks" },
});
`,
    errors: [
      plain("jwtProviderWithoutAudience", "new «JWTAuthProvider»"),
      plain("wildcardAudience", `audience: «"*"»`),
    ],
  }),
  ts({
    name: "mcp-framework custom provider authenticate method that decodes",
    code: `import { AuthProvider } from "mcp-framework";
import jwt from "jsonwebtoken";
export class MyAuth implements AuthProvider {
  async authenticate(req) {
    const claims = jwt.decode(String(req.headers.authorization).replace("Bearer ", "")) as any;
    return claims ? { data: claims } : false;
  }
  getAuthError() { return { status: 401, message: "no" }; }
}
`,
    errors: [decode("jwt.decode", "jwt.decode", "authenticate")],
  }),
];

const valid = [
  both({
    name: "decode next to verify (reading kid), full verify options, AuthInfo with expiresAt",
    code: v1(
      BEARER_V1,
      `export async function verifyAccessToken(token) {
  const header = jwt.decode(token, { complete: true }).header;
  const claims = jwt.verify(token, keys[header.kid], { audience: "https://mcp.example.com/mcp", issuer: "https://idp.example.com", algorithms: ["RS256"] });
  return { token, clientId: claims.azp, scopes: [], expiresAt: claims.exp };
}
`,
    ),
  }),
  both({
    name: "decode outside verifiers (display), options not known in full, introspection",
    code: v2(
      `import jwt from "jsonwebtoken";
import { jwtVerify } from "jose";`,
      `function showClaims(token) { return jwt.decode(token); }
jwtVerify(token, key, options);
jwtVerify(token, key, { ...common, algorithms: ["ES256"] });
async function authenticate(token) {
  const claims = jwt.decode(token);
  const result = await introspectToken(token);
  return { token, clientId: result.client_id, scopes: [], expiresAt: result.exp, ...claims };
}
const info = { token, clientId: "x", scopes: [] };
`,
    ),
  }),
  both({
    name: "Express middleware that verifies before setting req.auth, and decode into other properties",
    code: v1(
      BEARER_V1,
      `const app = express();
app.use((req, res, next) => {
  const claims = jwt.verify(req.headers.authorization.slice(7), key, { audience: "https://mcp.example.com", issuer: "https://idp.example.com" });
  req.auth = { ...claims, header: jwt.decode(req.headers.authorization.slice(7), { complete: true }).header };
  next();
});
app.use((req, res, next) => {
  req.claimsForLogging = jwt.decode(req.headers.authorization.slice(7));
  next();
});
`,
    ),
  }),
  both({
    name: "decode after a remote check (userinfo request) in the verifier",
    code: v1(
      BEARER_V1,
      `export const verifier = {
  async verifyAccessToken(token) {
    const response = await fetch("https://idp.example.com/userinfo", { headers: { Authorization: \`Bearer \${token}\` } });
    if (!response.ok) throw new Error("invalid token");
    const claims = jwt.decode(token);
    return { token, clientId: claims.azp, scopes: [], expiresAt: claims.exp };
  },
};
`,
    ),
  }),
  both({
    name: "look-alikes: other decode/verify functions",
    code: v1(
      `import { decode } from "html-entities";`,
      `function verifyInput(s) { return decode(s); }
const ok = crypto.verify("sha256", data, key, sig);
`,
    ),
  }),
  ts({
    name: "mcp-framework OAuthAuthProvider with a real audience",
    code: `import { OAuthAuthProvider } from "mcp-framework";
const b = new OAuthAuthProvider({ resource: "https://mcp.example.com", authorizationServers: [], validation: { type: "jwt", audience: "https://mcp.example.com", issuer: "https://a" } });
const c = new OAuthAuthProvider();
`,
  }),
];

runRuleTests("require-token-verification", rule, { valid, invalid });

describe("require-token-verification outside MCP packages", () => {
  it("is quiet in a package that declares no MCP framework", async () => {
    const root = mkdtempSync(join(tmpdir(), "secure-mcp-jwt-"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "p", private: true, type: "module", dependencies: { jsonwebtoken: "^9.0.0" } }));
    writeFileSync(join(root, "index.js"), `import jwt from "jsonwebtoken";\nexport function verifyUser(t) { return jwt.decode(t); }\njwt.verify(t, k);\n`);
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...plugin.configs.all], ignore: false });
    const [result] = await eslint.lintFiles([join(root, "index.js")]);
    expect(result.messages).toEqual([]);
  });

  it("reports the same file in an MCP package", async () => {
    const root = mkdtempSync(join(tmpdir(), "secure-mcp-jwt-"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "p", private: true, type: "module", dependencies: { "@modelcontextprotocol/sdk": "^1.32.0" } }));
    writeFileSync(join(root, "index.js"), `import jwt from "jsonwebtoken";\nexport function verifyUser(t) { return jwt.decode(t); }\n`);
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...plugin.configs.all], ignore: false });
    const [result] = await eslint.lintFiles([join(root, "index.js")]);
    expect(result.messages.map((m) => m.ruleId)).toEqual(["secure-mcp/require-token-verification"]);
  });
});
