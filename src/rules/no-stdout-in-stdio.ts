import path from "node:path";
import { nodeIndexFeeder } from "../analysis/node-index.js";
import { readSettings } from "../model/settings.js";
import { runsOnlyWithoutStdio, stdioReasonOf, stdoutWrites, transportSites } from "../model/stdio.js";
import { createRule } from "../util/create-rule.js";
import { isMcpCode } from "../util/sink-rule.js";
import { textIncludes } from "../analysis/text.js";
import { absolutePath } from "../analysis/modules.js";

type MessageIds = "stdoutWrite" | "fastmcpLogger" | "useStderr";

const WHY =
  "stdout carries the JSON-RPC messages of a stdio MCP server: any other output corrupts the stream, and the client fails to parse the next message, drops a response or disconnects.";

export default createRule<[], MessageIds>({
  name: "no-stdout-in-stdio",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow writing to stdout in MCP servers that talk over stdio",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      stdoutWrite: `{{call}} writes to stdout in {{where}}. ${WHY} Log to stderr (console.error) or with a logger that writes to stderr.`,
      fastmcpLogger: `This FastMCP server runs over stdio without a \`logger\` option, so FastMCP logs with console: its debug and info messages go to stdout. ${WHY} Pass a logger that writes to stderr.`,
      useStderr: "Write to stderr instead ({{replacement}}).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const filename = absolutePath(context.physicalFilename ?? context.filename);
    const settings = readSettings(context.settings);
    if (!isMcpCode(sourceCode, filename, settings)) return {};
    return {
      ...nodeIndexFeeder(sourceCode, context.id),
      "Program:exit"() {
        try {
          const writes = stdoutWrites(sourceCode);
          if (writes.length === 0 && !textIncludes(sourceCode.text, "FastMCP")) return;
          const sites = transportSites(sourceCode);
          if (writes.length === 0 && sites.fastmcpWithoutLogger.length === 0) return;
          const reason = stdioReasonOf(sourceCode, filename, settings);
          if (!reason) return;
          const where =
            reason.kind === "server"
              ? "a module that starts a stdio transport"
              : `a module with tool handler code that the stdio server ${path.relative(path.dirname(filename), reason.server).split(path.sep).join("/")} imports`;
          for (const write of writes) {
            if (runsOnlyWithoutStdio(sourceCode, write.call)) continue;
            const twin = write.stderrTwin;
            const replacement = twin ? (twin.text === "error" ? "console.error()" : "process.stderr.write()") : "";
            context.report({
              node: write.callee,
              messageId: "stdoutWrite",
              data: { call: write.label, where },
              suggest: twin ? [{ messageId: "useStderr", data: { replacement }, fix: (fixer) => fixer.replaceText(twin.node, twin.text) }] : [],
            });
          }
          for (const node of sites.fastmcpWithoutLogger) context.report({ node, messageId: "fastmcpLogger" });
        } catch {
          // Code the rule cannot analyse is not reported.
        }
      },
    };
  },
});
