import rule from "../../src/rules/require-token-audience.js";
import { both, bothCjs, runRuleTests, ts, type ExpectedError } from "../utils/tester.js";

type MessageIds = "missingExpectedResource";

const err = (at: string, nth?: number): ExpectedError<MessageIds> => ({ messageId: "missingExpectedResource", at, data: {}, ...(nth === undefined ? {} : { nth }) });

const V1 = `import express from "express";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { verifier } from "./auth.js";
const app = express();
`;

const invalid = [
  both({
    name: "v1 requireBearerAuth with a verifier and scopes only",
    code: `${V1}app.post("/mcp", requireBearerAuth({ verifier, requiredScopes: ["mcp"] }), handler);\n`,
    errors: [err(`app.post("/mcp", «requireBearerAuth»`)],
  }),
  both({
    name: "v1 requireBearerAuth options in a const, expectedResource undefined",
    code: `${V1}const options = { verifier, resourceMetadataUrl: "https://mcp.example.com/.well-known/oauth-protected-resource", expectedResource: undefined };
app.use("/mcp", requireBearerAuth(options));
`,
    errors: [err(`«requireBearerAuth»(options)`)],
  }),
  both({
    name: "v2 Express requireBearerAuth",
    code: `import { requireBearerAuth } from "@modelcontextprotocol/express";
import { verifier } from "./auth.js";
export const auth = requireBearerAuth({ verifier });
`,
    errors: [err("requireBearerAuth", 1)],
  }),
  both({
    name: "v2 fetch gate, aliased import",
    code: `import { requireBearerAuth as gateFor } from "@modelcontextprotocol/server";
import { verifier } from "./auth.js";
const gate = gateFor({ verifier, requiredScopes: ["mcp"] });
export default { fetch: (request) => gate(request) };
`,
    errors: [err("gateFor", 1)],
  }),
  both({
    name: "namespace import",
    code: `import * as bearer from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { verifier } from "./auth.js";
export const auth = bearer.requireBearerAuth({ verifier });
`,
    errors: [err("bearer.requireBearerAuth")],
  }),
  bothCjs({
    name: "require",
    code: `const { requireBearerAuth } = require("@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js");
const { verifier } = require("./auth");
module.exports = requireBearerAuth({ verifier });
`,
    errors: [err("requireBearerAuth", 1)],
  }),
  ts({
    name: "same-file verifier that never looks at the audience",
    code: `${V1}import { jwtVerify } from "jose";
const local = {
  async verifyAccessToken(token: string) {
    const { payload } = await jwtVerify(token, key, { issuer: "https://auth.example.com" });
    return { token, clientId: String(payload.sub), scopes: [], expiresAt: payload.exp };
  },
};
app.use("/mcp", requireBearerAuth({ verifier: local }));
`,
    errors: [err(`«requireBearerAuth»({ verifier: local })`)],
  }),
];

const valid = [
  both({
    name: "expectedResource set",
    code: `${V1}app.post("/mcp", requireBearerAuth({ verifier, expectedResource: new URL("https://mcp.example.com/mcp") }), handler);\n`,
  }),
  both({
    name: "v2 expectedResource from a variable",
    code: `import { requireBearerAuth } from "@modelcontextprotocol/express";
import { verifier } from "./auth.js";
const resource = new URL(process.env.MCP_URL);
export const auth = requireBearerAuth({ verifier, expectedResource: resource });
`,
  }),
  both({
    name: "options not known",
    code: `${V1}import { options } from "./options.js";
app.use(requireBearerAuth(options));
app.use(requireBearerAuth({ ...options }));
`,
  }),
  ts({
    name: "same-file verifier that checks the audience with jwtVerify",
    code: `${V1}import { jwtVerify } from "jose";
const local = {
  async verifyAccessToken(token: string) {
    const { payload } = await jwtVerify(token, key, { audience: "https://mcp.example.com/mcp" });
    return { token, clientId: String(payload.sub), scopes: [], expiresAt: payload.exp };
  },
};
app.use("/mcp", requireBearerAuth({ verifier: local }));
`,
  }),
  ts({
    name: "same-file verifier: jwt.verify options with audience in a const",
    code: `${V1}import jwt from "jsonwebtoken";
const VERIFY_OPTIONS = { audience: "https://mcp.example.com/mcp", issuer: "https://auth.example.com" };
const local = {
  async verifyAccessToken(token: string) {
    const claims = jwt.verify(token, KEY, VERIFY_OPTIONS) as any;
    return { token, clientId: claims.sub, scopes: [], expiresAt: claims.exp };
  },
};
app.use("/mcp", requireBearerAuth({ verifier: local }));
`,
  }),
  ts({
    name: "same-file verifier class that compares aud",
    code: `${V1}class Verifier {
  async verifyAccessToken(token: string) {
    const claims = await introspect(token);
    if (claims.aud !== RESOURCE) throw new Error("wrong audience");
    return { token, clientId: claims.client_id, scopes: [], expiresAt: claims.exp };
  }
}
app.use("/mcp", requireBearerAuth({ verifier: new Verifier() }));
`,
  }),
  ts({
    name: "same-file verifier using checkResourceAllowed",
    code: `${V1}import { checkResourceAllowed } from "@modelcontextprotocol/sdk/shared/auth-utils.js";
const local = {
  verifyAccessToken: async (token: string) => {
    const info = await lookup(token);
    if (!checkResourceAllowed({ requestedResource: info.resource, configuredResource: SERVER_URL })) throw new Error("aud");
    return info;
  },
};
app.use("/mcp", requireBearerAuth({ verifier: local }));
`,
  }),
  both({
    name: "a requireBearerAuth of another package",
    code: `import { requireBearerAuth } from "./my-auth.js";
export const auth = requireBearerAuth({ verifier });
`,
  }),
];

runRuleTests("require-token-audience", rule, { valid, invalid });
