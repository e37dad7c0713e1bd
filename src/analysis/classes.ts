import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers, staticKeyName } from "./ast.js";
import { resolveValue } from "./imports.js";
import { variableOf, writesOf, type SourceCode } from "./scope.js";

/** A class a value is an instance of: declared in this file, or exported by another module. */
export type ClassRef =
  | { kind: "local"; body: TSESTree.ClassBody }
  | { kind: "imported"; module: string; exportPath: readonly string[] };

/**
 * The class of an instance, without type information: `new X()` assigned to a `const`, a parameter or field annotated
 * `X`, a constructor parameter property `private svc: X`, and `this.field` of those.
 */
export function instanceClass(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): ClassRef | null {
  const node = skipWrappers(raw);
  if (depth > 4) return null;
  if (node.type === AST_NODE_TYPES.NewExpression) return classNamed(sourceCode, node.callee);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    if (!variable) return null;
    for (const def of variable.defs) {
      if (def.type === "Parameter") {
        const annotated = annotatedClass(sourceCode, def.name as TSESTree.Node);
        if (annotated) return annotated;
      }
    }
    const writes = writesOf(variable);
    if (writes.length === 1 && writes[0].path?.length === 0 && !writes[0].iterated) return instanceClass(sourceCode, writes[0].value, depth + 1);
    return null;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && skipWrappers(node.object).type === AST_NODE_TYPES.ThisExpression) {
    const name = staticKeyName(node);
    const body = enclosingClassBody(node);
    return name && body ? fieldClass(sourceCode, body, name, depth) : null;
  }
  return null;
}

function fieldClass(sourceCode: SourceCode, body: TSESTree.ClassBody, name: string, depth: number): ClassRef | null {
  for (const member of body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && staticKeyName(member) === name) {
      if (member.value) {
        const fromValue = instanceClass(sourceCode, member.value, depth + 1);
        if (fromValue) return fromValue;
      }
      return annotatedClass(sourceCode, member);
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === "constructor") {
      for (const param of member.value.params) {
        if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) {
          return annotatedClass(sourceCode, param.parameter);
        }
      }
    }
  }
  return null;
}

/** The class named by a type annotation `: X` (not generics, unions or arrays). */
function annotatedClass(sourceCode: SourceCode, node: TSESTree.Node): ClassRef | null {
  const annotation = (node as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  return classNamed(sourceCode, annotation.typeName);
}

function classNamed(sourceCode: SourceCode, raw: TSESTree.Node): ClassRef | null {
  const node = skipWrappers(raw);
  if (node.type === AST_NODE_TYPES.ClassExpression) return { kind: "local", body: node.body };
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, node);
  for (const def of variable?.defs ?? []) {
    if (def.type === "ClassName" && (def.node.type === AST_NODE_TYPES.ClassDeclaration || def.node.type === AST_NODE_TYPES.ClassExpression)) {
      return { kind: "local", body: def.node.body };
    }
  }
  const resolved = resolveValue(sourceCode, node);
  if (resolved && /^(?:\.|~|#|@\/)/.test(resolved.module)) return { kind: "imported", module: resolved.module, exportPath: resolved.path.length > 0 ? resolved.path : ["default"] };
  return null;
}

export function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | null {
  let current = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
    current = current.parent;
  }
  return null;
}
