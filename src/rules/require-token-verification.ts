import type { TSESTree } from "@typescript-eslint/utils";
import { getNodeIndex, nodeIndexFeeder } from "../analysis/node-index.js";
import { TOKEN_MODULES } from "../knowledge/auth.js";
import { readSettings } from "../model/settings.js";
import {
  authInfoWithoutExpiry,
  callsVerification,
  decodedIntoRequestAuth,
  enclosingVerifier,
  tokenCall,
  verifyOptions,
  wildcardAudience,
} from "../model/token-verification.js";
import { createRule } from "../util/create-rule.js";
import { isJavaScriptSource } from "../util/languages.js";
import { isMcpCode } from "../util/sink-rule.js";
import { textIncludes } from "../analysis/text.js";
import { absolutePath } from "../analysis/modules.js";

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

const AUDIENCE_SPEC = 'The MCP authorization spec: "MCP servers MUST validate that access tokens were issued specifically for them as the intended audience, according to RFC 8707".';
const VALIDATE_SPEC = 'The MCP authorization spec: "MCP servers MUST validate access tokens as described in OAuth 2.1 Section 5.2".';

export default createRule<[], MessageIds>({
  name: "require-token-verification",
  meta: {
    type: "problem",
    docs: {
      description: "Require access tokens to be verified: signature, audience, issuer and expiry",
      recommended: "recommended",
    },
    messages: {
      decodeWithoutVerify: `{{decoder}} reads the token's claims without checking its signature, and {{verifier}} authenticates with them: anyone can write a token with any subject, scopes and audience. ${VALIDATE_SPEC} Verify the token (jwt.verify / jwtVerify with audience and issuer) or introspect it.`,
      decodeIntoAuth: `{{decoder}} reads the token's claims without checking its signature, and they become the request's identity in {{target}}: anyone can write a token with any subject and scopes. ${VALIDATE_SPEC} Verify the token (jwt.verify / jwtVerify with audience and issuer) or introspect it before setting {{target}}.`,
      missingAudience: `{{verifier}} has no audience option, so it accepts a token that the same authorization server issued for any other service. ${AUDIENCE_SPEC} Pass audience: the server's canonical URL.`,
      missingIssuer: `{{verifier}} has no issuer option, so it accepts a token from any issuer whose key it trusts (RFC 8725 §3.8). ${VALIDATE_SPEC} Pass issuer: the authorization server's issuer URL.`,
      ignoreExpiration: `ignoreExpiration: true accepts expired tokens, so a leaked token works forever. ${VALIDATE_SPEC} Remove it.`,
      noneAlgorithm: `Allowing the "none" algorithm accepts unsigned tokens that anyone can write. ${VALIDATE_SPEC} List only the algorithms your authorization server signs with.`,
      jwtProviderWithoutAudience: `mcp-framework's JWTAuthProvider checks the signature and expiry of a token but never its audience or issuer, so it accepts tokens issued for other services. ${AUDIENCE_SPEC} Use OAuthAuthProvider with validation.audience and validation.issuer, or a provider that checks them.`,
      wildcardAudience: `audience "*" turns the audience check of OAuthAuthProvider off, so it accepts tokens issued for other services. ${AUDIENCE_SPEC} Use the server's canonical URL.`,
      missingExpiry: `{{verifier}} returns AuthInfo without expiresAt, so middleware that does not insist on it (older SDK versions, other frameworks, your own code) cannot reject an expired token. ${VALIDATE_SPEC} Set expiresAt from the token's exp claim (seconds since the epoch).`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!isJavaScriptSource(sourceCode)) return {};
    if (!TOKEN_MODULES.some((module) => textIncludes(sourceCode.text, module))) return {};
    const filename = absolutePath(context.physicalFilename ?? context.filename);
    if (!isMcpCode(sourceCode, filename, readSettings(context.settings))) return {};

    const checkCall = (call: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const found = tokenCall(sourceCode, call);
      if (!found) return;
      switch (found.kind) {
        case "decode": {
          const verifier = enclosingVerifier(sourceCode, call);
          if (verifier) {
            if (!callsVerification(verifier.fn)) context.report({ node: call.callee, messageId: "decodeWithoutVerify", data: { decoder: found.label, verifier: verifier.name } });
            return;
          }
          const assigned = decodedIntoRequestAuth(sourceCode, call);
          if (assigned && !callsVerification(assigned.fn)) {
            context.report({ node: call.callee, messageId: "decodeIntoAuth", data: { decoder: found.label, target: assigned.target } });
          }
          return;
        }
        case "verify": {
          const options = verifyOptions(sourceCode, found.options);
          if (options.known && !options.hasAudience) context.report({ node: call.callee, messageId: "missingAudience", data: { verifier: found.label } });
          if (options.known && !options.hasIssuer) context.report({ node: call.callee, messageId: "missingIssuer", data: { verifier: found.label } });
          if (options.ignoreExpiration) context.report({ node: options.ignoreExpiration, messageId: "ignoreExpiration" });
          if (options.noneAlgorithm) context.report({ node: options.noneAlgorithm, messageId: "noneAlgorithm" });
          return;
        }
        case "jwtProvider":
          context.report({ node: call.callee, messageId: "jwtProviderWithoutAudience" });
          return;
        case "oauthProvider": {
          const wildcard = wildcardAudience(sourceCode, found.options);
          if (wildcard) context.report({ node: wildcard, messageId: "wildcardAudience" });
          return;
        }
      }
    };

    // Decided at the end from the shared node index: one visit per file rather than one per node.
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        const index = getNodeIndex(sourceCode);
        for (const call of index.calls) checkCall(call);
        for (const call of index.news) checkCall(call);
        for (const node of index.objects) {
          if (!authInfoWithoutExpiry(node)) continue;
          const verifier = enclosingVerifier(sourceCode, node);
          if (verifier) context.report({ node, messageId: "missingExpiry", data: { verifier: verifier.name } });
        }
      },
    };
  },
});
