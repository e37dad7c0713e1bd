import { RUNTIME_SECTIONS, manifestMembers, readSpecifier, sectionEntries, type JsonDocument } from "../analysis/package-json.js";
import { admitsAnyVersion, alternatives, isUnbounded } from "../analysis/version-ranges.js";
import { isMcpServerManifest } from "../model/dependencies.js";
import { readSettings } from "../model/settings.js";
import { createJsonRule } from "../util/create-json-rule.js";

type Options = [{ allow: string[] }];
type MessageIds = "tag" | "anyVersion" | "unbounded" | "git" | "gitCommit" | "url";

const WHY = "the people who install this MCP server run it with their credentials, and get whatever was published last";
const FIX = "Depend on a range with a floor and a ceiling from the registry, such as ^1.2.3, and commit the lockfile.";

export default createJsonRule<Options, MessageIds>({
  name: "no-floating-dependencies",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow runtime dependencies of an MCP server that float to whatever version is published next",
      recommended: "recommended",
    },
    messages: {
      tag: `{{name}} "{{spec}}" follows the "{{tag}}" dist-tag, which moves with every release: ${WHY}, with no review and no way to keep a known version. ${FIX}`,
      anyVersion: `{{name}} "{{spec}}" admits any version, every future major release included: ${WHY}. ${FIX}`,
      unbounded: `{{name}} "{{spec}}" has no upper bound, so it admits every future major release: ${WHY}. ${FIX}`,
      git: `{{name}} "{{spec}}" installs from a Git branch or tag, which moves, and outside the registry (no advisories, no npm audit): ${WHY}. ${FIX}`,
      gitCommit: `{{name}} "{{spec}}" installs a Git commit from outside the registry: npm audit and advisories cannot see it, and installing runs the repository's prepare script. ${FIX}`,
      url: `{{name}} "{{spec}}" installs a tarball from a URL, whose content can change without a new version and which no advisory covers: ${WHY}. ${FIX}`,
    },
    schema: [
      {
        type: "object",
        properties: {
          allow: {
            type: "array",
            items: { type: "string", minLength: 1 },
            uniqueItems: true,
            description: "Dependency names (the keys in package.json) not to report, for example a fork installed from Git on purpose.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [] }],
  },
  create(context) {
    const allowed = new Set(context.options[0]?.allow ?? []);
    const settings = readSettings(context.settings);
    return {
      Document(node) {
        const members = manifestMembers(node as unknown as JsonDocument);
        if (!isMcpServerManifest(members, settings)) return;
        for (const entry of RUNTIME_SECTIONS.flatMap((section) => sectionEntries(members, section))) {
          if (allowed.has(entry.name)) continue;
          const specifier = readSpecifier(entry.name, entry.node.value);
          const spec = entry.node.value;
          const report = (messageId: MessageIds, data: Record<string, string> = {}) =>
            context.report({ loc: entry.node.loc, messageId, data: { name: entry.name, spec, ...data } });
          switch (specifier.kind) {
            case "tag":
              report("tag", { tag: specifier.tag });
              break;
            case "range": {
              const parts = alternatives(specifier.range);
              if (parts.some(admitsAnyVersion)) report("anyVersion");
              else if (parts.some(isUnbounded)) report("unbounded");
              break;
            }
            case "git":
              report(specifier.commit ? "gitCommit" : "git");
              break;
            case "url":
              report("url");
              break;
            default:
              break;
          }
        }
      },
    };
  },
});
