/** Where MCP session ids come from: random sources that are cryptographically secure, and ones an attacker can predict. */

import type { ExportRef } from "./flow.js";

export type { ExportRef };

/** Functions whose output is unpredictable: a session id built from one is fine. */
export const SECURE_ID_SOURCES: readonly ExportRef[] = [
  ...["crypto", "globalThis"].flatMap((module) => {
    const prefix = module === "globalThis" ? ["crypto"] : [];
    return [
      { module, path: [...prefix, "randomUUID"] },
      { module, path: [...prefix, "getRandomValues"] },
      { module, path: [...prefix, "randomBytes"] },
      { module, path: [...prefix, "randomInt"] },
      { module, path: [...prefix, "randomFillSync"] },
      { module, path: [...prefix, "webcrypto", "getRandomValues"] },
      { module, path: [...prefix, "webcrypto", "randomUUID"] },
    ];
  }),
  { module: "nanoid", path: ["nanoid"] },
  { module: "nanoid", path: ["customAlphabet"] },
  { module: "uuid", path: ["v4"] },
  { module: "uuid", path: ["v7"] },
  { module: "@paralleldrive/cuid2", path: ["createId"] },
];

/** Functions whose output can be guessed, with what to call them in a message. */
export const PREDICTABLE_ID_SOURCES: ReadonlyArray<ExportRef & { label: string }> = [
  { module: "globalThis", path: ["Math", "random"], label: "Math.random(), which is not a cryptographic random source" },
  { module: "globalThis", path: ["Date", "now"], label: "the current time" },
  { module: "globalThis", path: ["Date"], label: "the current time" },
  { module: "globalThis", path: ["performance", "now"], label: "the current time" },
  { module: "globalThis", path: ["process", "hrtime"], label: "the current time" },
  { module: "globalThis", path: ["process", "hrtime", "bigint"], label: "the current time" },
  { module: "uuid", path: ["v1"], label: "a version 1 UUID (the time and the machine's address)" },
  { module: "uuid", path: ["v6"], label: "a version 6 UUID (the time and the machine's address)" },
  { module: "uuid", path: ["v3"], label: "a name-based UUID (v3), the same for the same name" },
  { module: "uuid", path: ["v5"], label: "a name-based UUID (v5), the same for the same name" },
  { module: "nanoid/non-secure", path: ["nanoid"], label: "nanoid/non-secure, which uses Math.random()" },
  { module: "nanoid/non-secure", path: ["customAlphabet"], label: "nanoid/non-secure, which uses Math.random()" },
];

/** How many same-file helper functions a generator is followed through. */
export const MAX_GENERATOR_DEPTH = 3;
