import noArgumentInjection from "./no-argument-injection.js";
import noBindAllInterfaces from "./no-bind-all-interfaces.js";
import noCodeInjection from "./no-code-injection.js";
import noCommandInjection from "./no-command-injection.js";
import noEnvInjection from "./no-env-injection.js";
import noErrorDisclosure from "./no-error-disclosure.js";
import noFloatingDependencies from "./no-floating-dependencies.js";
import noInsecureDefaultFlags from "./no-insecure-default-flags.js";
import noPathTraversal from "./no-path-traversal.js";
import noPermissiveCors from "./no-permissive-cors.js";
import noSecretsInLogs from "./no-secrets-in-logs.js";
import noSharedTransport from "./no-shared-transport.js";
import noSqlInjection from "./no-sql-injection.js";
import noSsrf from "./no-ssrf.js";
import noStdoutInStdio from "./no-stdout-in-stdio.js";
import noTokenPassthrough from "./no-token-passthrough.js";
import noToolPoisoning from "./no-tool-poisoning.js";
import noVulnerableDependencies from "./no-vulnerable-dependencies.js";
import requireDnsRebindingProtection from "./require-dns-rebinding-protection.js";
import requireEndpointAuth from "./require-endpoint-auth.js";
import requireHttpsAuthUrls from "./require-https-auth-urls.js";
import requireInputValidation from "./require-input-validation.js";
import requireSecureSessionId from "./require-secure-session-id.js";
import requireSecurityLogging from "./require-security-logging.js";
import requireTokenAudience from "./require-token-audience.js";
import requireTokenVerification from "./require-token-verification.js";
import requireToolAnnotations from "./require-tool-annotations.js";
import requireToolScopeCheck from "./require-tool-scope-check.js";

export const rules = {
  "no-argument-injection": noArgumentInjection,
  "no-bind-all-interfaces": noBindAllInterfaces,
  "no-code-injection": noCodeInjection,
  "no-command-injection": noCommandInjection,
  "no-env-injection": noEnvInjection,
  "no-error-disclosure": noErrorDisclosure,
  "no-floating-dependencies": noFloatingDependencies,
  "no-insecure-default-flags": noInsecureDefaultFlags,
  "no-path-traversal": noPathTraversal,
  "no-permissive-cors": noPermissiveCors,
  "no-secrets-in-logs": noSecretsInLogs,
  "no-shared-transport": noSharedTransport,
  "no-sql-injection": noSqlInjection,
  "no-ssrf": noSsrf,
  "no-stdout-in-stdio": noStdoutInStdio,
  "no-token-passthrough": noTokenPassthrough,
  "no-tool-poisoning": noToolPoisoning,
  "no-vulnerable-dependencies": noVulnerableDependencies,
  "require-dns-rebinding-protection": requireDnsRebindingProtection,
  "require-endpoint-auth": requireEndpointAuth,
  "require-https-auth-urls": requireHttpsAuthUrls,
  "require-input-validation": requireInputValidation,
  "require-secure-session-id": requireSecureSessionId,
  "require-security-logging": requireSecurityLogging,
  "require-token-audience": requireTokenAudience,
  "require-token-verification": requireTokenVerification,
  "require-tool-annotations": requireToolAnnotations,
  "require-tool-scope-check": requireToolScopeCheck,
};
