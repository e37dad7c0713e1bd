import noArgumentInjection from "./no-argument-injection.js";
import noCodeInjection from "./no-code-injection.js";
import noCommandInjection from "./no-command-injection.js";
import noEnvInjection from "./no-env-injection.js";
import noSqlInjection from "./no-sql-injection.js";
import noSsrf from "./no-ssrf.js";

export const rules = {
  "no-argument-injection": noArgumentInjection,
  "no-code-injection": noCodeInjection,
  "no-command-injection": noCommandInjection,
  "no-env-injection": noEnvInjection,
  "no-sql-injection": noSqlInjection,
  "no-ssrf": noSsrf,
};
