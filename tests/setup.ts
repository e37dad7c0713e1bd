import { RuleTester } from "@typescript-eslint/rule-tester";
import { RuleTester as ESLintRuleTester } from "eslint";
import { afterAll, describe, it } from "vitest";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// ESLint's own RuleTester (the package.json rules, under @eslint/json).
ESLintRuleTester.describe = describe;
ESLintRuleTester.it = it;
ESLintRuleTester.itOnly = it.only;
