import { DEPENDENCY_SECTIONS, manifestMembers, overrideEntries, readSpecifier, sectionEntries, type JsonDocument } from "../analysis/package-json.js";
import { vulnerableRange } from "../model/dependencies.js";
import { createJsonRule } from "../util/create-json-rule.js";

type Options = [{ ignore: string[] }];
type MessageIds = "vulnerable" | "raiseFloor";

export default createJsonRule<Options, MessageIds>({
  name: "no-vulnerable-dependencies",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow package.json ranges of MCP packages whose lowest version has a published advisory",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      vulnerable:
        "{{name}} {{range}} admits {{version}}, affected by {{advisory}} ({{summary}}){{more}}. A lockfile, or an install deduplicated against another package's range, can resolve to exactly that version: raise the floor to {{fixed}}.",
      raiseFloor: "Raise the floor to {{fixed}}: {{replacement}}.",
    },
    schema: [
      {
        type: "object",
        properties: {
          ignore: {
            type: "array",
            items: { type: "string", minLength: 1 },
            uniqueItems: true,
            description: "Advisory ids (CVE or GHSA) not to report, for example after checking that the affected feature is not used.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignore: [] }],
  },
  create(context) {
    const ignored = new Set(context.options[0]?.ignore ?? []);
    return {
      Document(node) {
        const members = manifestMembers(node as unknown as JsonDocument);
        const entries = [...DEPENDENCY_SECTIONS.flatMap((section) => sectionEntries(members, section)), ...overrideEntries(members)];
        for (const entry of entries) {
          const specifier = readSpecifier(entry.name, entry.node.value);
          if (specifier.kind !== "range") continue;
          const found = vulnerableRange(specifier.name, specifier.range, ignored);
          if (!found) continue;
          const [first, ...others] = found.advisories;
          const replacement = found.replacement === null ? null : `${specifier.prefix}${found.replacement}`;
          context.report({
            loc: entry.node.loc,
            messageId: "vulnerable",
            data: {
              name: specifier.name,
              range: specifier.range.trim() === "" ? '""' : specifier.range.trim(),
              version: found.version,
              advisory: first.id,
              summary: first.summary,
              more: others.length === 0 ? "" : `, and by ${others.map((advisory) => advisory.id).join(", ")}`,
              fixed: found.fixed,
            },
            suggest:
              replacement === null
                ? []
                : [
                    {
                      messageId: "raiseFloor",
                      data: { fixed: found.fixed, replacement: JSON.stringify(replacement) },
                      fix: (fixer) => fixer.replaceTextRange(rangeOf(entry.node), JSON.stringify(replacement)),
                    },
                  ],
          });
        }
      },
    };
  },
});

function rangeOf(node: { loc: { start: { offset: number }; end: { offset: number } }; range?: [number, number] }): [number, number] {
  return node.range ?? [node.loc.start.offset, node.loc.end.offset];
}
