/**
 * ESLint results as a SARIF 2.1.0 log, the format GitHub code scanning (and other code-scanning tools) read.
 *
 * Written here rather than taken from `@microsoft/eslint-formatter-sarif`: that package declares `eslint@^8` as a
 * dependency (a second ESLint in every install) and `jschardet@latest`, and it cannot name the rules' documentation
 * or tell the plugin's rules from parse errors the way code scanning shows them.
 *
 * - `tool.driver`: the plugin's name, version and repository, and every rule of the config that ran (id, short
 *   description, help URI from the rule's docs URL, default level, tags, precision);
 * - `results`: one per finding, with the rule, level, message and a region; file locations are relative to the
 *   source root (`uriBaseId: "%SRCROOT%"`, whose absolute URI is in `originalUriBaseIds`); findings silenced by an
 *   `eslint-disable` comment carry an `inSource` suppression;
 * - messages without a rule (a file that could not be parsed, a file named but ignored) are tool notifications of the
 *   run, not results: they describe the scan, not the code.
 */
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { ESLint, Linter, Rule } from "eslint";
import { NAMESPACE } from "../meta.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** The plugin's home page (tests/cli/sarif.test.ts keeps it equal to the repository URL of the rule docs). */
export const INFORMATION_URI = "https://github.com/secure-mcp/eslint-plugin-secure-mcp";

export interface SarifOptions {
  toolName: string;
  toolVersion: string;
  informationUri: string;
  /** Every rule that ran, by rule id (`secure-mcp/no-command-injection`): its metadata and configured level. */
  rules: Record<string, { meta?: Rule.RuleMetaData; level?: "error" | "warning" }>;
  /** Findings of rules in this set are "high" precision; the others "medium". */
  highPrecisionRules?: ReadonlySet<string>;
  /** The folder result locations are relative to (the working directory). */
  sourceRoot: string;
}

type Level = "error" | "warning" | "note";

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}

interface SarifRun {
  tool: { driver: SarifDriver };
  originalUriBaseIds: Record<string, { uri: string }>;
  columnKind: "utf16CodeUnits";
  results: SarifResult[];
  invocations: SarifInvocation[];
}

interface SarifDriver {
  name: string;
  version: string;
  semanticVersion: string;
  informationUri: string;
  rules: SarifRule[];
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  help?: { text: string };
  defaultConfiguration: { level: Level };
  properties: { tags: string[]; precision?: string };
}

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
  };
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: Level;
  message: { text: string };
  locations: SarifLocation[];
  suppressions?: { kind: "inSource"; justification?: string }[];
}

interface SarifInvocation {
  executionSuccessful: boolean;
  toolExecutionNotifications: {
    level: Level;
    message: { text: string };
    locations: SarifLocation[];
  }[];
}

const SOURCE_ROOT_ID = "%SRCROOT%";

export function toSarif(results: ESLint.LintResult[], options: SarifOptions): SarifLog {
  const ruleIds = new Set(Object.keys(options.rules));
  for (const result of results) {
    for (const message of [...result.messages, ...(result.suppressedMessages ?? [])]) {
      if (message.ruleId) ruleIds.add(message.ruleId);
    }
  }
  const ids = [...ruleIds].sort();
  const ruleIndex = new Map(ids.map((id, index) => [id, index]));
  const rules = ids.map((id) => describeRule(id, options.rules[id] ?? {}, options.highPrecisionRules));

  const sarifResults: SarifResult[] = [];
  const notifications: SarifInvocation["toolExecutionNotifications"] = [];
  for (const result of results) {
    const artifact = artifactLocation(result.filePath, options.sourceRoot);
    for (const message of result.messages) {
      if (message.ruleId === null) {
        notifications.push({
          level: message.fatal || message.severity === 2 ? "error" : "warning",
          message: { text: message.message },
          locations: [location(artifact, message)],
        });
        continue;
      }
      sarifResults.push(toResult(message, artifact, ruleIndex));
    }
    for (const message of result.suppressedMessages ?? []) {
      if (message.ruleId === null) continue;
      const justifications = message.suppressions.map((suppression) => suppression.justification).filter(Boolean);
      sarifResults.push({
        ...toResult(message, artifact, ruleIndex),
        suppressions: [
          { kind: "inSource", ...(justifications.length > 0 ? { justification: justifications.join("; ") } : {}) },
        ],
      });
    }
  }

  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName,
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: options.informationUri,
            rules,
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT_ID]: { uri: folderUri(options.sourceRoot) } },
        columnKind: "utf16CodeUnits",
        results: sarifResults,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      },
    ],
  };
}

function describeRule(
  id: string,
  { meta, level = "error" }: SarifOptions["rules"][string],
  highPrecision?: ReadonlySet<string>,
): SarifRule {
  const description = meta?.docs?.description ?? id;
  // Code scanning files findings tagged "security" under security alerts: this plugin's rules, not every rule of a
  // project's ESLint config.
  const tags = id.startsWith(`${NAMESPACE}/`) ? ["security"] : [];
  if (meta?.type === "problem" || meta?.type === "suggestion") tags.push(meta.type);
  return {
    id,
    shortDescription: { text: description },
    ...(meta?.docs?.url ? { helpUri: meta.docs.url, help: { text: `${description}. See ${meta.docs.url}` } } : {}),
    defaultConfiguration: { level },
    properties: { tags, ...(highPrecision ? { precision: highPrecision.has(id) ? "high" : "medium" } : {}) },
  };
}

function toResult(message: Linter.LintMessage, artifact: ArtifactLocation, ruleIndex: Map<string, number>): SarifResult {
  const ruleId = message.ruleId as string;
  return {
    ruleId,
    ruleIndex: ruleIndex.get(ruleId),
    level: message.severity === 2 ? "error" : "warning",
    message: { text: message.message },
    locations: [location(artifact, message)],
  };
}

type ArtifactLocation = SarifLocation["physicalLocation"]["artifactLocation"];

function location(artifact: ArtifactLocation, message: Linter.LintMessage): SarifLocation {
  // ESLint's lines and columns are 1-based and its end column is exclusive, as SARIF's are; a message about the
  // whole file (line 0) has no region.
  if (!message.line) return { physicalLocation: { artifactLocation: artifact } };
  const region: NonNullable<SarifLocation["physicalLocation"]["region"]> = { startLine: message.line };
  if (message.column) region.startColumn = message.column;
  if (message.endLine) region.endLine = message.endLine;
  if (message.endColumn && message.endLine) region.endColumn = message.endColumn;
  return { physicalLocation: { artifactLocation: artifact, region } };
}

/** A file relative to the source root when it lies inside it, an absolute `file:` URI otherwise. */
function artifactLocation(filePath: string, sourceRoot: string): ArtifactLocation {
  const rel = relative(sourceRoot, filePath);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return { uri: pathToFileURL(filePath).href };
  }
  return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: SOURCE_ROOT_ID };
}

function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith("/") ? href : `${href}/`;
}
