import { describe, expect, it } from "vitest";
import { isDangerousFlagName, nameWords } from "../../src/model/flags.js";

describe("nameWords", () => {
  it.each([
    ["ALLOW_WRITE", ["allow", "write"]],
    ["allowWrite", ["allow", "write"]],
    ["--allow-write", ["allow", "write"]],
    ["dangerouslySkipPermissions", ["dangerously", "skip", "permissions"]],
    ["enableHTTPExec", ["enable", "http", "exec"]],
  ])("%s", (name, words) => {
    expect(nameWords(name)).toEqual(words);
  });
});

describe("isDangerousFlagName", () => {
  it.each(["ALLOW_WRITE", "allowWrite", "enable-exec", "WRITE_ENABLED", "UNSAFE_MODE", "dangerouslyAllowShell", "DISABLE_AUTH", "NO_AUTH", "skipVerify", "bypassApproval", "INSECURE"])(
    "%s is dangerous",
    (name) => {
      expect(isDangerousFlagName(name)).toBe(true);
    },
  );
  it.each(["ENABLE_TELEMETRY", "enableLogging", "DISABLE_TELEMETRY", "WRITE_TIMEOUT", "readOnly", "verifySsl", "requireAuth", "NODE_ENV", "allowedOrigins", "sandbox"])(
    "%s is not dangerous",
    (name) => {
      expect(isDangerousFlagName(name)).toBe(false);
    },
  );
});
