// The package's `bin` (dist/cli.js, built with a shebang by tsup).
import { main } from "./main.js";

// One run over files that do not change meanwhile: the plugin reads the project once (see analysis/freshness.ts).
process.env.SECURE_MCP_SINGLE_RUN ??= "true";

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
