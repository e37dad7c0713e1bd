import { ESLintUtils } from "@typescript-eslint/utils";
import { both, bothCjs, cjs, js, runRuleTests, ts } from "../utils/tester.js";

const createRule = ESLintUtils.RuleCreator((name) => name);
const rule = createRule<[], "found">({
  name: "dummy",
  meta: { type: "problem", docs: { description: "Disallow dummy" }, messages: { found: "{{arg}} in {{st}} {{scope}}" }, schema: [] },
  defaultOptions: [],
  create(context) {
    return {
      "CallExpression[callee.name='exec']"(node: any) {
        const scope = context.sourceCode.getScope(node);
        let s = scope; while (s.upper) s = s.upper;
        context.report({ node: node.arguments[0], messageId: "found", data: { arg: context.sourceCode.getText(node.arguments[0]), st: String((context.languageOptions as any).sourceType), scope: s.childScopes[0]?.type ?? "none" } });
      },
    };
  },
});

const code = `import { exec } from "node:child_process";
const x = 1;
exec(\`git log \${x}\`);
`;
runRuleTests("dummy", rule, {
  valid: [both({ name: "no call", code: "const a = 1;" }), ts({ name: "ts only", code: "const a: number = 1 as number;" })],
  invalid: [
    both({ name: "esm", code, errors: [{ messageId: "found", at: "`git log ${x}`", data: { arg: "`git log ${x}`", st: "module", scope: "module" } }] }),
    cjs({ name: "cjs", code: `const { exec } = require("child_process");\nif (true) return;\nexec(cmd);`, errors: [{ messageId: "found", at: "cmd", nth: 0, data: { arg: "cmd", st: "commonjs", scope: "function" } }] }),
  ],
});
