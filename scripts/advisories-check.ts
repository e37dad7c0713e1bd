/**
 * `npm run advisories:check`: the advisory table of `no-vulnerable-dependencies` (src/knowledge/advisories.ts) beside
 * what the npm registry knows of each package now, so that a maintainer can spot rows that need a look. Not part of
 * `npm test`: it needs the network, and its answer changes with every release.
 *
 * For each row it prints the package's newest version (`dist-tags.latest`) and a note:
 *
 * - `fixed version not published`: the registry has no release `fixed`, so the suggested floor cannot be installed;
 * - `latest is affected`: the newest release is inside the affected range (a fix not released yet, or a wrong range);
 * - `not on the registry`, or the network error, when the package could not be read.
 *
 * Reads the registry npm is configured with (`npm_config_registry`, set by `npm run`), else registry.npmjs.org, with
 * the abbreviated metadata format (`application/vnd.npm.install-v1+json`), a few requests at a time. Exits 1 only when
 * no package could be read at all.
 */
import semver from "semver";
import { ADVISORIES, type Advisory } from "../src/knowledge/advisories.js";

const REGISTRY = (process.env.npm_config_registry || "https://registry.npmjs.org/").replace(/\/?$/, "/");
const TIMEOUT_MS = 15_000;
const CONCURRENCY = 4;

interface PackageInfo {
  latest: string | null;
  versions: ReadonlySet<string>;
}

type Lookup = { ok: true; info: PackageInfo } | { ok: false; error: string };

async function lookUp(name: string): Promise<Lookup> {
  const url = `${REGISTRY}${name.replace("/", "%2f")}`;
  try {
    const response = await fetch(url, {
      headers: { accept: "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status === 404) return { ok: false, error: "not on the registry" };
    if (!response.ok) return { ok: false, error: `HTTP ${response.status}` };
    const body = (await response.json()) as { "dist-tags"?: Record<string, string>; versions?: Record<string, unknown> };
    return {
      ok: true,
      info: { latest: body["dist-tags"]?.latest ?? null, versions: new Set(Object.keys(body.versions ?? {})) },
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    return { ok: false, error: `network error: ${message}` };
  }
}

/** Look up every package once, a few at a time. */
async function lookUpAll(names: string[]): Promise<Map<string, Lookup>> {
  const results = new Map<string, Lookup>();
  const queue = [...names];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) results.set(name, await lookUp(name));
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, names.length) }, worker));
  return results;
}

function note(row: Advisory, lookup: Lookup): string {
  if (!lookup.ok) return lookup.error;
  const notes: string[] = [];
  if (lookup.info.versions.size > 0 && !lookup.info.versions.has(row.fixed)) notes.push("fixed version not published");
  const { latest } = lookup.info;
  if (latest && semver.valid(latest) && semver.satisfies(latest, row.affected, { includePrerelease: true })) notes.push("latest is affected");
  return notes.join("; ") || "ok";
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n");
}

const names = [...new Set(ADVISORIES.map((row) => row.package))];
console.log(`Advisory table: ${ADVISORIES.length} rows, ${names.length} packages; registry ${REGISTRY}\n`);
const lookups = await lookUpAll(names);

const rows = [["advisory", "package", "affected", "fixed", "latest", "note"]];
for (const row of ADVISORIES) {
  const lookup = lookups.get(row.package)!;
  rows.push([row.id, row.package, row.affected, row.fixed, lookup.ok ? (lookup.info.latest ?? "-") : "-", note(row, lookup)]);
}
console.log(table(rows));

const failed = names.filter((name) => !lookups.get(name)!.ok);
const attention = rows.slice(1).filter((row) => row[5] !== "ok").length;
console.log(`\n${names.length - failed.length}/${names.length} packages read; ${attention} row(s) with a note.`);
if (failed.length === names.length) {
  console.error("Could not read any package from the registry: check the network or npm_config_registry.");
  process.exitCode = 1;
}
