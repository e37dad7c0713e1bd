// The package's `bin` (dist/cli.js, built with a shebang by tsup).
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
