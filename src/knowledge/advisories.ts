/**
 * Published advisories for MCP packages: which versions are affected and the first version that is not.
 * `no-vulnerable-dependencies` reports a package.json range whose lowest admitted version one of them affects.
 *
 * Plain data, read at lint time with no network. The source of every row is the project's catalogue of real
 * vulnerabilities (`../shared/research/real-vulnerabilities.md`, entry number in the comment), which took the
 * ranges from the CVE/GHSA records and the maintainers' fix commits. `npm run advisories:check` prints each row
 * beside the package's newest version on the npm registry, to spot rows that need a look.
 *
 * - `affected` is a semver range (node-semver syntax) as the advisory states it; prerelease versions are compared
 *   by precedence (1.24.0-beta.1 comes before 1.24.0 and is affected by an advisory fixed in 1.24.0).
 * - `fixed` is the first release that is not affected; it must not satisfy `affected` (tests/knowledge checks).
 * - `id` is the CVE when there is one, otherwise the GHSA id; `aliases` holds the other ids.
 * - When several rows affect a version, the report names the first of them in this table's order (for each
 *   package the older advisory first) and asks for the highest `fixed` among them, so that one change clears all.
 *
 * Left out on purpose: advisories with no fixed release (mcp-remote CVE-2026-51994, @sylphxltd/filesystem-mcp
 * CVE-2025-67366, mcp-markdownify-server CVE-2025-5273/5276), reports without an advisory (server-postgres),
 * and advisories whose ranges the catalogue has not seen (@modelcontextprotocol/sdk GHSA-rvq5-wwqv-78pq, bearer
 * tokens for other audiences): add a row when its range is known.
 */
export interface Advisory {
  /** The name the report uses: the CVE, or the GHSA id when there is no CVE. */
  readonly id: string;
  /** Other ids of the same advisory (the GHSA id of a CVE). */
  readonly aliases: readonly string[];
  /** The npm package name. */
  readonly package: string;
  /** The affected versions, a semver range. */
  readonly affected: string;
  /** The first version that is not affected. */
  readonly fixed: string;
  /** What goes wrong, in a few words, for the message. */
  readonly summary: string;
  readonly url: string;
}

const GHSA = "https://github.com/advisories/";
const NVD = "https://nvd.nist.gov/vuln/detail/";

export const ADVISORIES: readonly Advisory[] = [
  // 04
  {
    id: "CVE-2025-66414",
    aliases: ["GHSA-w48q-cv73-mx4w"],
    package: "@modelcontextprotocol/sdk",
    affected: "<1.24.0",
    fixed: "1.24.0",
    summary: "DNS rebinding protection off by default",
    url: `${GHSA}GHSA-w48q-cv73-mx4w`,
  },
  // 05
  {
    id: "CVE-2026-0621",
    aliases: ["GHSA-8r9q-7v3j-jr4g"],
    package: "@modelcontextprotocol/sdk",
    affected: "<1.25.2",
    fixed: "1.25.2",
    summary: "ReDoS in UriTemplate",
    url: `${GHSA}GHSA-8r9q-7v3j-jr4g`,
  },
  // 06
  {
    id: "CVE-2026-25536",
    aliases: ["GHSA-345p-7cg4-v4c7"],
    package: "@modelcontextprotocol/sdk",
    affected: ">=1.10.0 <=1.25.3",
    fixed: "1.26.0",
    summary: "a shared server or transport sends one client's responses to another",
    url: `${GHSA}GHSA-345p-7cg4-v4c7`,
  },
  // 08
  {
    id: "GHSA-f897-62hf-6gxq",
    aliases: [],
    package: "@modelcontextprotocol/sdk",
    affected: ">=1.10.0 <=1.30.0",
    fixed: "1.30.1",
    summary: "no limit on request body size or batch length, a denial of service",
    url: `${GHSA}GHSA-f897-62hf-6gxq`,
  },
  // 09
  {
    id: "CVE-2026-111768",
    aliases: ["GHSA-46jr-4wx8-v453"],
    package: "@modelcontextprotocol/sdk",
    affected: ">=1.3.0 <=1.31.0",
    fixed: "1.32.0",
    summary: "unbounded validation of arrays and records runs out of memory; the limit in 1.32.0 is opt-in",
    url: `${GHSA}GHSA-46jr-4wx8-v453`,
  },
  // 06 (SDK v2 regression)
  {
    id: "GHSA-jm63-cq47-j5jp",
    aliases: [],
    package: "@modelcontextprotocol/server",
    affected: ">=2.0.0 <=2.2.0",
    fixed: "2.3.0",
    summary: "a shared server or stateless transport sends one client's responses to another",
    url: `${GHSA}GHSA-jm63-cq47-j5jp`,
  },
  // 12
  {
    id: "CVE-2025-49596",
    aliases: ["GHSA-7f8r-222p-6f5g"],
    package: "@modelcontextprotocol/inspector",
    affected: "<0.14.1",
    fixed: "0.14.1",
    summary: "unauthenticated proxy starts any command a web page asks for",
    url: `${GHSA}GHSA-7f8r-222p-6f5g`,
  },
  // 13
  {
    id: "CVE-2025-58444",
    aliases: ["GHSA-g9hg-qhmf-q45m"],
    package: "@modelcontextprotocol/inspector",
    affected: "<0.16.6",
    fixed: "0.16.6",
    summary: "XSS through a javascript: authorization URL, then commands through the proxy",
    url: `${GHSA}GHSA-g9hg-qhmf-q45m`,
  },
  // 14
  {
    id: "CVE-2025-6514",
    aliases: ["GHSA-6xpm-ggf7-wc3p"],
    package: "mcp-remote",
    affected: ">=0.0.5 <=0.1.15",
    fixed: "0.1.16",
    summary: "OS command injection through the server's authorization_endpoint",
    url: `${GHSA}GHSA-6xpm-ggf7-wc3p`,
  },
  // 07
  {
    id: "GHSA-w2fm-25vw-vh7f",
    aliases: [],
    package: "mcp-handler",
    affected: "<1.1.0",
    fixed: "1.1.0",
    summary: "one stateless server and transport shared by all callers",
    url: `${GHSA}GHSA-w2fm-25vw-vh7f`,
  },
  // 48
  {
    id: "CVE-2026-39313",
    aliases: ["GHSA-353c-v8x9-v7c3"],
    package: "mcp-framework",
    affected: "<0.2.22",
    fixed: "0.2.22",
    summary: "unbounded request body in the HTTP transport, a denial of service",
    url: `${GHSA}GHSA-353c-v8x9-v7c3`,
  },
  // 01: the CNA record says "<0.6.4 / <2025.7.01" (the package moved to calendar versions; 2025.7.01 is 2025.7.1).
  {
    id: "CVE-2025-53110",
    aliases: ["GHSA-hc55-p739-j48w"],
    package: "@modelcontextprotocol/server-filesystem",
    affected: "<0.6.4 || >=2025.0.0 <2025.7.1",
    fixed: "2025.7.1",
    summary: "a path that only starts with an allowed directory's name escapes it",
    url: `${GHSA}GHSA-hc55-p739-j48w`,
  },
  // 02
  {
    id: "CVE-2025-53109",
    aliases: ["GHSA-q66q-fx2p-7w4m"],
    package: "@modelcontextprotocol/server-filesystem",
    affected: "<0.6.4 || >=2025.0.0 <2025.7.1",
    fixed: "2025.7.1",
    summary: "symbolic links escape the allowed directories",
    url: `${GHSA}GHSA-q66q-fx2p-7w4m`,
  },
  // 40
  {
    id: "CVE-2025-4143",
    aliases: [],
    package: "@cloudflare/workers-oauth-provider",
    affected: "<0.0.5",
    fixed: "0.0.5",
    summary: "redirect_uri not checked against the client's registered URIs",
    url: `${NVD}CVE-2025-4143`,
  },
  // 41
  {
    id: "CVE-2025-4144",
    aliases: ["GHSA-qgp8-v765-qxx9"],
    package: "@cloudflare/workers-oauth-provider",
    affected: "<0.0.5",
    fixed: "0.0.5",
    summary: "PKCE can be skipped by a downgrade",
    url: `${GHSA}GHSA-qgp8-v765-qxx9`,
  },
  // 36
  {
    id: "CVE-2025-9611",
    aliases: [],
    package: "@playwright/mcp",
    affected: "<0.0.40",
    fixed: "0.0.40",
    summary: "no Host or Origin validation, open to DNS rebinding",
    url: `${NVD}CVE-2025-9611`,
  },
  // 34
  {
    id: "CVE-2026-23744",
    aliases: ["GHSA-232v-j27c-5pp6"],
    package: "@mcpjam/inspector",
    affected: "<=1.4.2",
    fixed: "1.4.3",
    summary: "listens on all interfaces and starts any command for unauthenticated requests",
    url: `${GHSA}GHSA-232v-j27c-5pp6`,
  },
  // 18
  {
    id: "CVE-2025-53967",
    aliases: [],
    package: "figma-developer-mcp",
    affected: "<0.6.3",
    fixed: "0.6.3",
    summary: "OS command injection through the curl fallback",
    url: `${NVD}CVE-2025-53967`,
  },
  // 20
  {
    id: "CVE-2025-54994",
    aliases: ["GHSA-3ch2-jxxc-v4xf"],
    package: "@akoskm/create-mcp-server-stdio",
    affected: ">=0.0.4 <0.0.13",
    fixed: "0.0.13",
    summary: "OS command injection in the which-app-on-port tool",
    url: `${GHSA}GHSA-3ch2-jxxc-v4xf`,
  },
  // 22
  {
    id: "CVE-2026-61459",
    aliases: ["GHSA-wmg3-h8mf-wgvr"],
    package: "mcp-server-kubernetes",
    affected: "<3.9.0",
    fixed: "3.9.0",
    summary: "kubectl option injection sends the cluster token to another server",
    url: `${GHSA}GHSA-wmg3-h8mf-wgvr`,
  },
  // 28: the record gives 0.3.0 and "<= 0.4.0"; no earlier release is known to be safe.
  {
    id: "CVE-2025-53818",
    aliases: ["GHSA-6jx8-rcjx-vmwf"],
    package: "github-kanban-mcp-server",
    affected: "<=0.4.0",
    fixed: "0.4.1",
    summary: "OS command injection through gh issue arguments",
    url: `${GHSA}GHSA-6jx8-rcjx-vmwf`,
  },
  // 31: the MCP server ships in the `serverless` package (the catalogue names its folder, packages/mcp).
  {
    id: "CVE-2025-69256",
    aliases: ["GHSA-rwc2-f344-q6w6"],
    package: "serverless",
    affected: ">=4.29.0 <4.29.3",
    fixed: "4.29.3",
    summary: "OS command injection in the MCP server's list-projects tool",
    url: `${GHSA}GHSA-rwc2-f344-q6w6`,
  },
  // 44
  {
    id: "GHSA-pc2w-4mq8-32qw",
    aliases: [],
    package: "@dynatrace-oss/dynatrace-mcp-server",
    affected: "<1.8.7",
    fixed: "1.8.7",
    summary: "a tool that writes runs without the user's approval",
    url: `${GHSA}GHSA-pc2w-4mq8-32qw`,
  },
  // 47
  {
    id: "GHSA-5648-rgj9-v224",
    aliases: [],
    package: "@zereight/mcp-gitlab",
    affected: "<2.1.30",
    fixed: "2.1.30",
    summary: "execute_graphql bypasses the read-only mode and the project allowlist",
    url: `${GHSA}GHSA-5648-rgj9-v224`,
  },
  // 45: VulnCheck's record says <2.1.18, but the maintainer's fix (e2a81a0) shipped in 2.1.32.
  {
    id: "CVE-2026-61462",
    aliases: ["GHSA-7c3w-fxgh-frc7"],
    package: "@zereight/mcp-gitlab",
    affected: "<2.1.32",
    fixed: "2.1.32",
    summary: "unencoded ids in API paths reach other GitLab endpoints with the server's token",
    url: `${GHSA}GHSA-7c3w-fxgh-frc7`,
  },
  // 49
  {
    id: "CVE-2026-55605",
    aliases: ["GHSA-72f3-6w86-7rv3"],
    package: "@arikusi/deepseek-mcp-server",
    affected: ">=1.4.2 <1.8.0",
    fixed: "1.8.0",
    summary: "HTTP mode without authentication spends the server's API key for anyone",
    url: `${GHSA}GHSA-72f3-6w86-7rv3`,
  },
];

/** The advisory table by package name, each package's rows in table order. */
export type AdvisoryTable = ReadonlyMap<string, readonly Advisory[]>;

export const ADVISORIES_BY_PACKAGE: AdvisoryTable = (() => {
  const map = new Map<string, Advisory[]>();
  for (const advisory of ADVISORIES) {
    const list = map.get(advisory.package) ?? [];
    list.push(advisory);
    map.set(advisory.package, list);
  }
  return map;
})();
