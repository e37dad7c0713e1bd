import noCodeInjection from "./no-code-injection.js";
import noCommandInjection from "./no-command-injection.js";

export const rules = {
  "no-code-injection": noCodeInjection,
  "no-command-injection": noCommandInjection,
};
