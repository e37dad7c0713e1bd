/**
 * Tool input followed across the files of a project, on fixture projects shaped like real MCP servers
 * (tests/fixtures/projects/<shape>/, each its own project root with a package.json; see the survey of where
 * 40 public servers put their tool handlers).
 *
 * For each shape, through the public `ESLint` API with the plugin's recommended config:
 * - linting ONLY the registration file reports `viaImport` at the call argument (or the handler reference), naming
 *   the sink's file and line;
 * - linting ONLY the handler (or helper) file reports at the sink, naming the originating handler;
 * - linting the whole project reports each finding once, nowhere else;
 * - the shape's safe twin (`<shape>-safe/`: same layout, safe sinks) reports nothing, file by file or as a whole;
 * - nothing is fatal (no crash, no parse error).
 *
 * Every lint runs in a fresh `ESLint` instance. Locations are computed from the fixture text: `«…»` marks the exact
 * source text of the reported node inside a snippet that occurs once in its file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";

const PROJECTS = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "projects");
const SOURCE_FILE = /\.(?:[cm]?[jt]s)$/;

type RuleName = "no-command-injection" | "no-code-injection";

// ---------------------------------------------------------------------------------------------------------------
// Locations and expected reports
// ---------------------------------------------------------------------------------------------------------------

interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const texts = new Map<string, string>();

function fixtureText(project: string, file: string): string {
  const full = join(PROJECTS, project, file);
  let text = texts.get(full);
  if (text === undefined) {
    text = readFileSync(full, "utf8");
    texts.set(full, text);
  }
  return text;
}

/** ESLint's 1-based line and column of a 0-based offset (an end offset gives ESLint's `endColumn`). */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

/** Where `«node»` in `snippet` sits in the file: the snippet (without the marks) must occur exactly once. */
function locate(project: string, file: string, snippet: string): Span {
  const open = snippet.indexOf("«");
  const close = snippet.indexOf("»");
  if (open < 0 || close < open || snippet.indexOf("«", open + 1) >= 0) throw new Error(`bad marker snippet: ${snippet}`);
  const plain = snippet.replace("«", "").replace("»", "");
  const text = fixtureText(project, file);
  const found = text.indexOf(plain);
  if (found < 0) throw new Error(`${project}/${file}: snippet not found: ${plain}`);
  if (text.indexOf(plain, found + 1) >= 0) throw new Error(`${project}/${file}: snippet occurs more than once: ${plain}`);
  const start = position(text, found + open);
  const end = position(text, found + close - 1);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** One expected message: where, which rule and message id, and fragments its text must contain. */
interface Expected {
  project: string;
  /** Path relative to the project root, with `/`. */
  file: string;
  rule: RuleName;
  messageId: string;
  at: string;
  /** Computed when the test runs (they may need other fixtures' locations), so a broken fixture fails one test only. */
  fragments: () => string[];
}

/** A report at a sink, in the file that contains it. */
interface SinkExpected extends Expected {
  /** The sink call's label in messages: `execSync()`. */
  sink: string;
}

const SINK_TEXT: Record<string, (handler: string, sink: string) => string> = {
  shellCommand: (handler, sink) => `from the MCP ${handler} reaches the shell command of ${sink}:`,
  evalCode: (handler, sink) => `from the MCP ${handler} reaches ${sink}, which runs it as JavaScript:`,
};

const EFFECT: Record<string, string> = {
  shellCommand: "runs it through a shell",
  evalCode: "runs it as JavaScript",
};

function atSink(project: string, file: string, rule: RuleName, messageId: string, at: string, handler: string, sink: string): SinkExpected {
  return { project, file, rule, messageId, at, sink, fragments: () => [SINK_TEXT[messageId](handler, sink)] };
}

/** `./tools/kubectl-get.ts:17`: the sink's place as seen from the registration file's folder. */
function sinkLocation(from: string, target: SinkExpected): string {
  const path = posix.relative(posix.dirname(from), target.file);
  return `${path.startsWith(".") ? path : `./${path}`}:${locate(target.project, target.file, target.at).line}`;
}

/**
 * A `viaImport` report in the registration file. `source` is what carries the input (`args.cmd`, or `Tool input`
 * for a handler passed by reference); `callee` is the imported function as the message names it, or null to leave
 * it unchecked.
 */
function viaImport(file: string, at: string, source: string, handler: string, callee: string | null, target: SinkExpected): Expected {
  const fragments = () => {
    const tail = `, which ${EFFECT[target.messageId]} in ${target.sink} at ${sinkLocation(file, target)}:`;
    const head = `${source} from the MCP ${handler} is passed to `;
    return callee === null ? [head, tail] : [`${head}${callee}${tail}`];
  };
  return { project: target.project, file, rule: target.rule, messageId: "viaImport", at, fragments };
}

// ---------------------------------------------------------------------------------------------------------------
// Linting
// ---------------------------------------------------------------------------------------------------------------

interface Actual extends Span {
  file: string;
  ruleId: string | null;
  messageId: string | undefined;
  message: string;
  fatal: boolean;
}

/**
 * Rules that check the shape of a server rather than where tool input goes: they have findings of their own in these
 * fixtures (an unvalidated low-level dispatcher, FastMCP's console logger on stdio) and are tested elsewhere.
 */
const NOT_ABOUT_TOOL_INPUT = new Set(
  ["no-stdout-in-stdio", "no-tool-poisoning", "require-input-validation", "require-tool-annotations"].map((name) => `secure-mcp/${name}`),
);

/** Lint `files` of a fixture project in a fresh ESLint instance whose cwd is the project root. */
async function lint(project: string, files: string[]): Promise<Actual[]> {
  const cwd = join(PROJECTS, project);
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...plugin.configs.recommended], ignore: false });
  const results = await eslint.lintFiles(files);
  expect(results.map((result) => toPosix(relative(cwd, result.filePath))).sort()).toEqual([...files].sort());
  return results.flatMap((result) =>
    result.messages.filter((message) => !NOT_ABOUT_TOOL_INPUT.has(message.ruleId ?? "")).map((message) => ({
      file: toPosix(relative(cwd, result.filePath)),
      ruleId: message.ruleId,
      messageId: message.messageId,
      message: message.message,
      fatal: message.fatal === true || message.ruleId === null,
      line: message.line,
      column: message.column,
      endLine: message.endLine ?? message.line,
      endColumn: message.endColumn ?? message.column,
    })),
  );
}

function toPosix(file: string): string {
  return file.split(sep).join("/");
}

/** Every source file of a fixture project, relative to its root. */
function sourceFiles(project: string): string[] {
  return readdirSync(join(PROJECTS, project), { recursive: true, encoding: "utf8" })
    .map(toPosix)
    .filter((file) => SOURCE_FILE.test(file))
    .sort();
}

function keyOf(value: { file: string; line: number; column: number }): string {
  return `${value.file}:${value.line}:${value.column}`;
}

function summary(actual: Actual): string {
  return `${keyOf(actual)}-${actual.endLine}:${actual.endColumn} ${actual.ruleId} ${actual.messageId}`;
}

function expectedSummary(expected: Expected): string {
  const span = locate(expected.project, expected.file, expected.at);
  return `${expected.file}:${span.line}:${span.column}-${span.endLine}:${span.endColumn} secure-mcp/${expected.rule} ${expected.messageId}`;
}

function expectNoFatal(actual: Actual[]): void {
  expect(actual.filter((message) => message.fatal).map((message) => `${keyOf(message)} ${message.message}`)).toEqual([]);
}

/** The messages are exactly `expected` (plus, at most, the `pending` ones the plugin does not produce yet). */
function expectReports(actual: Actual[], expected: Expected[], pending: Expected[] = []): void {
  expectNoFatal(actual);
  const wanted = expected.map(expectedSummary).sort();
  const allowed = new Set(pending.map(expectedSummary));
  const got = actual.map(summary).filter((line) => !allowed.has(line) || wanted.includes(line)).sort();
  expect(got).toEqual(wanted);
  for (const item of expected) {
    const span = locate(item.project, item.file, item.at);
    const message = actual.find((candidate) => keyOf(candidate) === keyOf({ file: item.file, ...span }) && candidate.messageId === item.messageId);
    for (const fragment of item.fragments()) expect(message?.message).toContain(fragment);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The shapes
// ---------------------------------------------------------------------------------------------------------------

interface Shape {
  title: string;
  project: string;
  /** The safe twin: same layout, safe sinks. */
  safe: string;
  /** The file that registers the handlers (for tool classes and definition objects: the file that defines them). */
  registration: string;
  registrationReports: Expected[];
  /** Handler and helper modules, linted alone, with what each must report. */
  handlerFiles: Record<string, Expected[]>;
}

const CMD: RuleName = "no-command-injection";
const CODE: RuleName = "no-code-injection";

const DISPATCHER_SINK = atSink(
  "dispatcher",
  "src/tools/kubectl-get.ts",
  CMD,
  "shellCommand",
  "execSync(«`kubectl get ${target} -n ${namespace} -o json --kubeconfig ${k8sManager.kubeconfig}`»,",
  "tools/call handler",
  "execSync()",
);

const BARREL_SINK = atSink("namespace-barrel", "src/tools/execute.ts", CMD, "shellCommand", "exec(«command», {", "tools/call handler", "exec()");

const RUN_SINK = atSink("imported-handler", "src/handlers/run.ts", CMD, "shellCommand", "execSync(«command», {", 'tool "run"', "execSync()");
const DEPLOY_SINK = atSink(
  "imported-handler",
  "src/handlers/deploy.ts",
  CMD,
  "shellCommand",
  "spawn(«`./scripts/deploy.sh ${input.service} --env ${input.environment}`», {",
  'tool "deploy"',
  "spawn()",
);

const GIT_ADD_SINK = atSink(
  "definitions-loop",
  "src/tools/definitions/git-add.tool.ts",
  CMD,
  "shellCommand",
  'execAsync(«`git -C "${input.path}" add -- ${input.files.join(" ")}`»)',
  'tool "git_add"',
  "execAsync()",
);

const FUNCTION_SINK = atSink(
  "fastmcp",
  "src/tasks/run-task.js",
  CODE,
  "evalCode",
  'new Function("ctx", «`"use strict"; return (${expression});`»)',
  'tool "run_task"',
  "new Function()",
);
const EVAL_SINK = atSink("fastmcp", "src/tasks/run-task.js", CODE, "evalCode", "eval(«expression»)", 'tool "calculate"', "eval()");

const SH_SINK = atSink("mcp-framework", "src/utils/shell.ts", CMD, "shellCommand", '["-c", «script»]', 'tool "run_script"', "spawn()");

const NPM_SINK = atSink("commonjs", "src/lib/scripts.js", CMD, "shellCommand", "execAsync(«`npm run ${script}`», {", "tools/call handler", "execAsync()");
const VM_SINK = atSink("commonjs", "src/lib/sandbox/index.js", CODE, "evalCode", "runInNewContext(«code», {", "tools/call handler", "vm.runInNewContext()");

const SHAPES: Shape[] = [
  {
    title: "dispatcher: low-level Server, setRequestHandler(CallToolRequestSchema, withTelemetry(...)) (Flux159 kubernetes)",
    project: "dispatcher",
    safe: "dispatcher-safe",
    registration: "src/index.ts",
    registrationReports: [
      viaImport(
        "src/index.ts",
        "kubectlGet(k8sManager, «input as { resourceType: string; name?: string; namespace?: string }»)",
        "input",
        "tools/call handler",
        "kubectlGet()",
        DISPATCHER_SINK,
      ),
    ],
    handlerFiles: {
      "src/tools/kubectl-get.ts": [DISPATCHER_SINK],
      // execFileSync with a fixed program and an argv array: nothing to report.
      "src/tools/kubectl-logs.ts": [],
    },
  },
  {
    title: "namespace barrel: import * as handlers, export * from, handler -> helper (DesktopCommander)",
    project: "namespace-barrel",
    safe: "namespace-barrel-safe",
    registration: "src/server.ts",
    registrationReports: [
      viaImport("src/server.ts", "handlers.handleStartProcess(«args»)", "args", "tools/call handler", "handlers.handleStartProcess()", BARREL_SINK),
    ],
    handlerFiles: {
      "src/tools/execute.ts": [BARREL_SINK],
      // The barrel and the handler that only forwards the input: the finding is reported once, at the sink.
      "src/handlers/index.ts": [],
      "src/handlers/process-handlers.ts": [],
      "src/handlers/filesystem-handlers.ts": [],
    },
  },
  {
    title: "imported handler reference: registerTool(name, config, handleRun) and withAuth(createHandler(logic))",
    project: "imported-handler",
    safe: "imported-handler-safe",
    registration: "src/index.ts",
    registrationReports: [
      viaImport("src/index.ts", "«handleRun»,", "Tool input", 'tool "run"', "handleRun()", RUN_SINK),
      viaImport("src/index.ts", "createHandler(«deployLogic»)", "Tool input", 'tool "deploy"', "deployLogic()", DEPLOY_SINK),
    ],
    handlerFiles: {
      "src/handlers/run.ts": [RUN_SINK],
      "src/handlers/deploy.ts": [DEPLOY_SINK],
      "src/handlers/index.ts": [],
      "src/lib/auth.ts": [],
    },
  },
  {
    title: "definition objects registered in a loop: { name, inputSchema, logic } in *.tool.ts (cyanheads, sentry)",
    project: "definitions-loop",
    safe: "definitions-loop-safe",
    // The definition object is recognised by its shape: its file is where the tool is declared.
    registration: "src/tools/definitions/git-add.tool.ts",
    registrationReports: [GIT_ADD_SINK],
    handlerFiles: {
      "src/tools/definitions/git-status.tool.ts": [],
      "src/tools/definitions/index.ts": [],
      "src/tools/utils/handler-factory.ts": [],
    },
  },
  {
    title: "FastMCP addTool({ execute }) calling imported logic that evaluates code (JavaScript)",
    project: "fastmcp",
    safe: "fastmcp-safe",
    registration: "src/index.js",
    registrationReports: [
      viaImport("src/index.js", "runTask(«args.cmd»)", "args.cmd", 'tool "run_task"', "runTask()", FUNCTION_SINK),
      viaImport("src/index.js", "calculate(«args.expression»)", "args.expression", 'tool "calculate"', "calculate()", EVAL_SINK),
    ],
    handlerFiles: {
      "src/tasks/run-task.js": [FUNCTION_SINK, EVAL_SINK],
      "src/tools/utils.js": [],
    },
  },
  {
    title: "mcp-framework class extends MCPTool, execute() calling an imported sh -c helper",
    project: "mcp-framework",
    safe: "mcp-framework-safe",
    // No registration call: the tool class is the registration.
    registration: "src/tools/RunScriptTool.ts",
    registrationReports: [
      viaImport("src/tools/RunScriptTool.ts", "runInShell(«input.script», ", "input.script", 'tool "run_script"', "runInShell()", SH_SINK),
    ],
    handlerFiles: {
      "src/utils/shell.ts": [SH_SINK],
      "src/index.ts": [],
    },
  },
  {
    title: "CommonJS dispatcher: require()d helpers, module.exports / exports.x, an index.js folder",
    project: "commonjs",
    safe: "commonjs-safe",
    registration: "src/server.js",
    registrationReports: [
      viaImport("src/server.js", "runScript(«args.script», ", "args.script", "tools/call handler", "runScript()", NPM_SINK),
      viaImport("src/server.js", "sandbox.evaluate(«args.code»)", "args.code", "tools/call handler", "sandbox.evaluate()", VM_SINK),
    ],
    handlerFiles: {
      "src/lib/scripts.js": [NPM_SINK],
      "src/lib/sandbox/index.js": [VM_SINK],
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------------

describe("cross-file: fixture projects", () => {
  it("has a project root (package.json) for every fixture project, and a safe twin for every shape", () => {
    const projects = readdirSync(PROJECTS).sort();
    for (const project of projects) expect(readdirSync(join(PROJECTS, project)), project).toContain("package.json");
    for (const shape of SHAPES) expect(projects).toContain(shape.safe);
    // Both rules are covered, in both directions.
    const rules = new Set(SHAPES.flatMap((shape) => [...shape.registrationReports, ...Object.values(shape.handlerFiles).flat()].map((item) => item.rule)));
    expect([...rules].sort()).toEqual([CODE, CMD]);
  });
});

for (const shape of SHAPES) {
  describe(shape.title, () => {
    it(`reports in ${shape.registration} when only that file is linted`, async () => {
      expect(shape.registrationReports.length).toBeGreaterThan(0);
      expectReports(await lint(shape.project, [shape.registration]), shape.registrationReports);
    });

    for (const [file, expected] of Object.entries(shape.handlerFiles)) {
      it(`${expected.length > 0 ? "reports at the sink" : "reports nothing"} in ${file} when only that file is linted`, async () => {
        expectReports(await lint(shape.project, [file]), expected);
      });
    }

    it("reports each finding once when the whole project is linted", async () => {
      const files = sourceFiles(shape.project);
      expect(files).toContain(shape.registration);
      for (const file of Object.keys(shape.handlerFiles)) expect(files).toContain(file);
      expectReports(await lint(shape.project, files), [...shape.registrationReports, ...Object.values(shape.handlerFiles).flat()], PENDING[shape.project]);
    });

    it(`reports nothing in the safe twin ${shape.safe}/, file by file`, async () => {
      const files = sourceFiles(shape.safe);
      // The twin has the same registration file and handler modules, with safe code in them.
      expect(files).toContain(shape.registration);
      for (const file of Object.keys(shape.handlerFiles).filter((name) => shape.handlerFiles[name].length > 0)) expect(files).toContain(file);
      for (const file of files) expectReports(await lint(shape.safe, [file]), []);
    });

    it(`reports nothing in the safe twin ${shape.safe}/ as a whole`, async () => {
      expectReports(await lint(shape.safe, sourceFiles(shape.safe)), []);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Known gaps: each `it.fails` states what the plugin should report and does not (yet).
// ---------------------------------------------------------------------------------------------------------------

/** A generic loop over imported definitions: `for (const tool of allToolDefinitions) server.registerTool(..., tool.logic)`. */
const LOOP_REPORT: Expected = {
  project: "definitions-loop",
  file: "src/tools/registration.ts",
  rule: CMD,
  messageId: "viaImport",
  at: "«tool.logic»)",
  fragments: () => ["is passed to ", `, which runs it through a shell in execAsync() at ${sinkLocation("src/tools/registration.ts", GIT_ADD_SINK)}:`],
};

const RUN_COMMAND_SINK = atSink("default-export", "src/lib/run-command.ts", CMD, "shellCommand", "execSync(«command», {", 'tool "run_command"', "execSync()");
const ARCHIVE_SINK = atSink(
  "default-export",
  "src/lib/archive.ts",
  CMD,
  "shellCommand",
  "execSync(«`tar -czf /tmp/archive.tgz ${folder}`», {",
  'tool "archive"',
  "execSync()",
);
const RUN_COMMAND_REPORT = viaImport("src/index.ts", "runCommand(«args.command»)", "args.command", 'tool "run_command"', "runCommand()", RUN_COMMAND_SINK);

/** Reports a whole-project lint may contain once the gaps below are closed. */
const PENDING: Record<string, Expected[]> = {
  "definitions-loop": [LOOP_REPORT],
};

describe("definitions-loop: the generic registration loop", () => {
  it("reports nothing fatal in src/tools/registration.ts", async () => {
    expectNoFatal(await lint("definitions-loop", ["src/tools/registration.ts"]));
  });

  // GAP: `tool.logic` is an element of an imported array literal of imported definition objects; the model does not
  // resolve a for-of variable, so the registration loop file alone reports nothing. The sink is still reported when
  // the definition file is linted (see the shape above).
  it.fails("reports at tool.logic when only src/tools/registration.ts is linted", async () => {
    expectReports(await lint("definitions-loop", ["src/tools/registration.ts"]), [LOOP_REPORT]);
  });
});

describe("default exports (extra shape: `export default function` helpers and handlers)", () => {
  it("reports the handler passed by reference (a default import) and the default-imported helper in src/index.ts", async () => {
    const actual = await lint("default-export", ["src/index.ts"]);
    expectReports(actual, [viaImport("src/index.ts", "«handleArchive»);", "Tool input", 'tool "archive"', "handleArchive()", ARCHIVE_SINK), RUN_COMMAND_REPORT]);
  });

  it("reports at the sink when only src/lib/archive.ts is linted", async () => {
    expectReports(await lint("default-export", ["src/lib/archive.ts"]), [ARCHIVE_SINK]);
  });

  it("reports each finding once when the whole project is linted", async () => {
    expectReports(await lint("default-export", sourceFiles("default-export")), [
      viaImport("src/index.ts", "«handleArchive»);", "Tool input", 'tool "archive"', "handleArchive()", ARCHIVE_SINK),
      ARCHIVE_SINK,
      RUN_COMMAND_REPORT,
      RUN_COMMAND_SINK,
    ]);
  });

  it("reports at the sink when only src/lib/run-command.ts is linted", async () => {
    expectReports(await lint("default-export", ["src/lib/run-command.ts"]), [RUN_COMMAND_SINK]);
  });
});
