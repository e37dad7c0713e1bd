import noArgumentInjection from "./no-argument-injection.js";
import noCodeInjection from "./no-code-injection.js";
import noCommandInjection from "./no-command-injection.js";
import noEnvInjection from "./no-env-injection.js";
import noFloatingDependencies from "./no-floating-dependencies.js";
import noPathTraversal from "./no-path-traversal.js";
import noSqlInjection from "./no-sql-injection.js";
import noTokenPassthrough from "./no-token-passthrough.js";
import noVulnerableDependencies from "./no-vulnerable-dependencies.js";
import requireHttpsAuthUrls from "./require-https-auth-urls.js";
import requireTokenVerification from "./require-token-verification.js";

export const rules = {
  "no-argument-injection": noArgumentInjection,
  "no-code-injection": noCodeInjection,
  "no-command-injection": noCommandInjection,
  "no-env-injection": noEnvInjection,
  "no-floating-dependencies": noFloatingDependencies,
  "no-path-traversal": noPathTraversal,
  "no-sql-injection": noSqlInjection,
  "no-token-passthrough": noTokenPassthrough,
  "no-vulnerable-dependencies": noVulnerableDependencies,
  "require-https-auth-urls": requireHttpsAuthUrls,
  "require-token-verification": requireTokenVerification,
};
