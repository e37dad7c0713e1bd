import { SSRF_SINK_FAMILY } from "../model/sinks/ssrf.js";
import { createRule } from "../util/create-rule.js";
import { sinkRuleListener } from "../util/sink-rule.js";

type MessageIds = "clientUrl" | "clientHost" | "rawUrlCheck" | "viaImport";

const REACH =
  "a client, or a prompt injection steering the model, can make the server send requests to hosts only it can reach (localhost, private addresses, the cloud metadata endpoint 169.254.169.254) and read the answers";
const FIX =
  "Fix the origin in code (`${API}/path/${encodeURIComponent(x)}`), or parse the URL and check its hostname against an allowlist (`ALLOWED_HOSTS.has(new URL(x).hostname)`) before the request.";

export default createRule<[], MessageIds>({
  name: "no-ssrf",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow MCP tool input in the scheme, host or port of outbound requests",
      recommended: "recommended",
    },
    messages: {
      clientUrl: `{{source}} from the MCP {{handler}} is the URL (or its start) that {{sink}} requests: ${REACH}. ${FIX}`,
      clientHost: `{{source}} from the MCP {{handler}} sets the scheme, host or port of the URL that {{sink}} requests: ${REACH}. ${FIX}`,
      rawUrlCheck: `{{source}} from the MCP {{handler}} is the URL that {{sink}} requests, after a check ({{check}}) that does not pin its host: prefix, substring and suffix checks of the text let "https://api.example.com.evil.com" or "evilexample.com" through, a scheme check lets every host through, and an address check given the whole URL sees no address. ${FIX}`,
      viaImport: `{{source}} from the MCP {{handler}} is passed to {{callee}}, which {{effect}} in {{sink}} at {{location}}: ${REACH}. ${FIX}`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return sinkRuleListener(context, SSRF_SINK_FAMILY);
  },
});
