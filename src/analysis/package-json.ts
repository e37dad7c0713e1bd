/**
 * Reading a package.json from the AST `@eslint/json` builds (Momoa: `Document` > `Object` > `Member` > values), with
 * only the few node shapes needed here, so that any JSON, JSONC or JSON5 input is read without a crash: a manifest
 * that is not an object, sections that are arrays, numbers as versions, identifiers as keys (JSON5).
 *
 * Nothing here is about MCP: which entries a package declares, and what each dependency specifier is.
 */
import { isRange } from "./version-ranges.js";

export interface JsonLocation {
  start: { line: number; column: number; offset: number };
  end: { line: number; column: number; offset: number };
}

export interface JsonNode {
  type: string;
  loc: JsonLocation;
  range?: [number, number];
}

export interface JsonString extends JsonNode {
  type: "String";
  value: string;
}

export interface JsonMember extends JsonNode {
  type: "Member";
  name: JsonNode & { value?: unknown; name?: unknown };
  value: JsonNode;
}

export interface JsonObject extends JsonNode {
  type: "Object";
  members: JsonMember[];
}

export interface JsonDocument {
  type: "Document";
  body: JsonNode;
}

/** The sections whose entries are `"name": "specifier"`. */
export type DependencySection = "dependencies" | "devDependencies" | "optionalDependencies" | "peerDependencies";

export const DEPENDENCY_SECTIONS: readonly DependencySection[] = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

/** The sections installed with the package for the people who use it. */
export const RUNTIME_SECTIONS: readonly DependencySection[] = ["dependencies", "optionalDependencies"];

/** A dependency whose specifier is a string: `"name": "^1.2.3"` in a section, or a version in `overrides`. */
export interface DependencyEntry {
  /** `dependencies`, ..., or `overrides`. */
  section: DependencySection | "overrides";
  /** The key: a package name, or (in `overrides`) the name of the package the version is for. */
  name: string;
  /** The string node of the specifier: where reports go, and what a suggestion replaces. */
  node: JsonString;
}

export function isObject(node: JsonNode | undefined): node is JsonObject {
  return node?.type === "Object" && Array.isArray((node as JsonObject).members);
}

export function isString(node: JsonNode | undefined): node is JsonString {
  return node?.type === "String" && typeof (node as JsonString).value === "string";
}

/** A member's key as text: a string, or an identifier in JSON5. */
export function memberName(member: JsonMember): string | null {
  const key = member.name;
  if (key.type === "String" && typeof key.value === "string") return key.value;
  if (key.type === "Identifier" && typeof key.name === "string") return key.name;
  return null;
}

/** The top-level members of a manifest by name; the last of duplicate keys wins, as in `JSON.parse`. */
export function manifestMembers(document: JsonDocument): ReadonlyMap<string, JsonMember> {
  const members = new Map<string, JsonMember>();
  if (!isObject(document.body)) return members;
  for (const member of document.body.members) {
    const name = memberName(member);
    if (name !== null) members.set(name, member);
  }
  return members;
}

/** The string entries of one dependency section (other values, and sections that are not objects, are skipped). */
export function sectionEntries(members: ReadonlyMap<string, JsonMember>, section: DependencySection): DependencyEntry[] {
  const value = members.get(section)?.value;
  if (!isObject(value)) return [];
  const entries: DependencyEntry[] = [];
  for (const member of value.members) {
    const name = memberName(member);
    if (name !== null && isString(member.value)) entries.push({ section, name, node: member.value });
  }
  return entries;
}

/** The keys of a section, whatever their values, with the package each one installs (an alias's target). */
export function sectionPackages(members: ReadonlyMap<string, JsonMember>, section: DependencySection): Array<{ name: string; target: string }> {
  const value = members.get(section)?.value;
  if (!isObject(value)) return [];
  return value.members.flatMap((member) => {
    const name = memberName(member);
    if (name === null) return [];
    return [{ name, target: isString(member.value) ? readSpecifier(name, member.value.value).name : name }];
  });
}

/** How deep `overrides` objects are followed: real ones are two or three levels deep. */
const MAX_OVERRIDE_DEPTH = 16;

/**
 * The versions npm's `overrides` set: `"pkg": "1.2.3"`, `"pkg@^1": "1.2.3"` (a selector on the key), and nested
 * objects, where `"."` is the version of the enclosing package and the other keys override its dependencies.
 * References to a root dependency (`"$pkg"`) name no version and are skipped.
 */
export function overrideEntries(members: ReadonlyMap<string, JsonMember>): DependencyEntry[] {
  const entries: DependencyEntry[] = [];
  const visit = (object: JsonObject, owner: string | null, depth: number) => {
    for (const member of object.members) {
      const key = memberName(member);
      if (key === null) continue;
      const name = key === "." ? owner : packageNameOfSelector(key);
      if (isString(member.value)) {
        if (name !== null && !member.value.value.startsWith("$")) entries.push({ section: "overrides", name, node: member.value });
      } else if (isObject(member.value) && key !== "." && name !== null && depth < MAX_OVERRIDE_DEPTH) {
        visit(member.value, name, depth + 1);
      }
    }
  };
  const overrides = members.get("overrides")?.value;
  if (isObject(overrides)) visit(overrides, null, 0);
  return entries;
}

/** `pkg`, `pkg@^1.0.0`, `@scope/pkg@1` -> the package name; null when the key is not a package name. */
export function packageNameOfSelector(key: string): string | null {
  const at = key.indexOf("@", 1);
  const name = at === -1 ? key : key.slice(0, at);
  return PACKAGE_NAME.test(name) ? name : null;
}

/** npm package names (lower case, URL-safe; old packages may have capitals), scoped or not. */
const PACKAGE_NAME = /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*$/i;

/** Whether the manifest declares executables (`"bin": "cli.js"` or `"bin": { "name": "cli.js" }`). */
export function declaresBin(members: ReadonlyMap<string, JsonMember>): boolean {
  const bin = members.get("bin")?.value;
  if (isString(bin)) return bin.value.trim().length > 0;
  return isObject(bin) && bin.members.length > 0;
}

/**
 * What a dependency specifier is, the way npm reads it (npm-package-arg), as far as the rules need:
 *
 * - `range`: a semver range (`1.2.3`, `^1.2.0`, `>=1 <2`, `*`, `""`);
 * - `tag`: a dist-tag (`latest`, `next`);
 * - `git`: a Git repository (`git+https://...`, `github:user/repo`, `user/repo#main`, `git@host:repo.git`);
 *   `commit` is true when it names a full commit hash;
 * - `url`: a tarball URL;
 * - `local`: a folder or file of this machine or workspace (`file:`, `link:`, `workspace:`, `portal:`, paths);
 * - `other`: another protocol (`catalog:`, `patch:`, `jsr:`, ...) or text npm would not accept.
 *
 * An alias (`npm:real-name@^1.2.0`) is read as its target: `name` is the real package and `prefix` the text before
 * the range (`npm:real-name@`), so that a suggestion can keep it.
 */
export type Specifier =
  | { kind: "range"; name: string; range: string; prefix: string }
  | { kind: "tag"; name: string; tag: string; prefix: string }
  | { kind: "git"; name: string; commit: boolean }
  | { kind: "url"; name: string }
  | { kind: "local"; name: string }
  | { kind: "other"; name: string };

const ALIAS = /^npm:((?:@[^/@\s]+\/)?[^/@\s]+)(?:@(.*))?$/s;
const LOCAL_PROTOCOL = /^(?:file|link|workspace|portal):/i;
const OTHER_PROTOCOL = /^[a-z][a-z0-9+.-]*:/i;
const PATH = /^(?:\.{1,2}(?:[\\/]|$)|[\\/]|~[\\/]|[a-z]:[\\/])/i;
const GIT_URL = /^git(?:\+[a-z]+)?:\/\//i;
const HOSTED_SHORTCUT = /^(?:github|gitlab|bitbucket|gist):/i;
const SCP_LIKE = /^[\w.-]+@[\w.-]+:(?!\d+(?:\/|$))/;
const GITHUB_SHORTHAND = /^[a-z0-9][\w.-]*\/[\w.-]+(?:#.*)?$/i;
const HOSTED_HTTP = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\/[^/#?]+\/[^/#?]+?(?:\.git)?\/?(?:#.*)?$/i;
const HTTP_URL = /^https?:\/\//i;
const FULL_COMMIT = /#(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const TAG = /^[a-z][\w.-]*$/i;

/** Reads the specifier of the dependency `name`. */
export function readSpecifier(name: string, raw: string): Specifier {
  const alias = ALIAS.exec(raw.trim());
  if (alias) return registrySpecifier(alias[1], alias[2] ?? "", `npm:${alias[1]}@`);
  const text = raw.trim();
  if (LOCAL_PROTOCOL.test(text) || PATH.test(text)) return { kind: "local", name };
  if (GIT_URL.test(text) || HOSTED_SHORTCUT.test(text) || SCP_LIKE.test(text) || HOSTED_HTTP.test(text)) {
    return { kind: "git", name, commit: FULL_COMMIT.test(text) };
  }
  if (HTTP_URL.test(text)) return { kind: "url", name };
  if (OTHER_PROTOCOL.test(text)) return { kind: "other", name };
  if (GITHUB_SHORTHAND.test(text)) return { kind: "git", name, commit: FULL_COMMIT.test(text) };
  return registrySpecifier(name, raw, "");
}

function registrySpecifier(name: string, spec: string, prefix: string): Specifier {
  if (isRange(spec)) return { kind: "range", name, range: spec, prefix };
  const tag = spec.trim();
  if (TAG.test(tag)) return { kind: "tag", name, tag, prefix };
  return { kind: "other", name };
}
