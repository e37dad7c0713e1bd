import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { skipWrappers } from "../analysis/ast.js";
import { variableOf, writesOf, type SourceCode } from "../analysis/scope.js";
import {
  HOMOGLYPH_SCRIPTS,
  INSTRUCTION_PATTERNS,
  INVISIBLE_CHARACTERS,
  INVISIBLE_PATTERN,
  INVISIBLE_QUICK_TEST,
  JOINER_NEIGHBOUR,
  LATIN_LETTER,
  SCRIPT_JOINERS,
  SELF_TOOL_WORDS,
  tagCharacterName,
  type InstructionKind,
} from "../knowledge/poisoning.js";

/** An invisible character of a text, by its code-point index in the text. */
export interface InvisibleCharacter {
  index: number;
  codePoint: number;
  /** `U+200B ZERO WIDTH SPACE`. */
  label: string;
}

/** `U+200B`, `U+E0041`. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

function characterName(codePoint: number): string {
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) return tagCharacterName(codePoint);
  return INVISIBLE_CHARACTERS.get(codePoint) ?? "INVISIBLE CHARACTER";
}

/**
 * The invisible and direction-changing characters of a text, except the joiners and marks that real text in other
 * scripts needs (ZWNJ/ZWJ in Persian, Indic or emoji sequences; LRM/RLM beside Hebrew or Arabic letters).
 */
export function invisibleCharacters(text: string): InvisibleCharacter[] {
  if (!INVISIBLE_QUICK_TEST.test(text)) return [];
  const chars = Array.from(text);
  const found: InvisibleCharacter[] = [];
  for (let index = 0; index < chars.length; index++) {
    const codePoint = chars[index].codePointAt(0)!;
    INVISIBLE_PATTERN.lastIndex = 0;
    if (!INVISIBLE_PATTERN.test(chars[index])) continue;
    if (SCRIPT_JOINERS.has(codePoint) && (JOINER_NEIGHBOUR.test(chars[index - 1] ?? "") || JOINER_NEIGHBOUR.test(chars[index + 1] ?? ""))) continue;
    found.push({ index, codePoint, label: `${codePointLabel(codePoint)} ${characterName(codePoint)}` });
  }
  return found;
}

/** The text a model reads: invisible characters dropped, Unicode tag characters read as the ASCII they encode. */
export function visibleAndHiddenText(text: string): string {
  if (!INVISIBLE_QUICK_TEST.test(text)) return text;
  let visible = "";
  let hidden = "";
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint > 0xe0000 && codePoint < 0xe007f) hidden += String.fromCharCode(codePoint - 0xe0000);
    else if (!INVISIBLE_CHARACTERS.has(codePoint)) visible += char;
  }
  return hidden ? `${visible}\n${hidden}` : visible;
}

/** A name that mixes Latin letters with letters of a script that look like them: the first such letter and its script. */
export function mixedScript(name: string): { script: string; character: string } | null {
  if (!LATIN_LETTER.test(name)) return null;
  for (const [script, pattern] of HOMOGLYPH_SCRIPTS) {
    const match = pattern.exec(name);
    if (match) return { script, character: `"${match[0]}" (${codePointLabel(match[0].codePointAt(0)!)})` };
  }
  return null;
}

/** The first instruction aimed at the model in a text, with the phrase that shows it. */
export function instructionIn(text: string, ownerName: string | null): { kind: InstructionKind; phrase: string } | null {
  const readable = visibleAndHiddenText(text);
  const lower = readable.toLowerCase();
  for (const { kind, pattern, requires, hint } of INSTRUCTION_PATTERNS) {
    if (!hint.some((word) => lower.includes(word))) continue;
    const match = pattern.exec(readable);
    if (!match) continue;
    if (requires && !requires.test(readable)) continue;
    if (kind === "otherTool") {
      const named = match[1]?.replace(/^[`'"]|[`'"]$/g, "");
      if (!named || SELF_TOOL_WORDS.has(named.toLowerCase()) || named === ownerName) continue;
    }
    return { kind, phrase: shorten(match[0].trim()) };
  }
  return null;
}

const MAX_PHRASE = 60;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > MAX_PHRASE ? `${flat.slice(0, MAX_PHRASE - 1)}…` : flat;
}

/** The literal where a constant text is written: the node itself, or the initializer of the `const` it names. */
export function literalOf(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): TSESTree.StringLiteral | TSESTree.TemplateLiteral | null {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === "string") return inner as TSESTree.StringLiteral;
  if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0) return inner;
  if (inner.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const variable = variableOf(sourceCode, inner);
    const writes = variable ? writesOf(variable) : [];
    if (writes.length === 1 && writes[0].path?.length === 0) return literalOf(sourceCode, writes[0].value, depth + 1);
  }
  return null;
}

/** Source offsets [start, end) of each code point of a literal's value, or null when the raw text cannot be mapped. */
export function codePointOffsets(sourceCode: SourceCode, literal: TSESTree.StringLiteral | TSESTree.TemplateLiteral): Array<[number, number]> | null {
  const raw = sourceCode.getText(literal);
  const value = literal.type === AST_NODE_TYPES.Literal ? literal.value : (literal.quasis[0].value.cooked ?? "");
  const base = literal.range[0] + 1;
  const body = raw.slice(1, -1);
  const offsets: Array<[number, number]> = [];
  let decoded = "";
  let i = 0;
  const push = (codePoint: number, start: number, end: number) => {
    decoded += String.fromCodePoint(codePoint);
    offsets.push([base + start, base + end]);
  };
  while (i < body.length) {
    if (body[i] !== "\\") {
      const codePoint = body.codePointAt(i)!;
      const length = codePoint > 0xffff ? 2 : 1;
      // A template literal's CRLF is read as LF.
      if (body[i] === "\r" && body[i + 1] === "\n" && literal.type === AST_NODE_TYPES.TemplateLiteral) {
        push(0x0a, i, i + 2);
        i += 2;
        continue;
      }
      push(codePoint, i, i + length);
      i += length;
      continue;
    }
    const escape = readEscape(body, i);
    if (!escape) return null;
    if (escape.codePoint !== null) push(escape.codePoint, i, escape.end);
    i = escape.end;
  }
  return decoded === value ? offsets : null;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, t: 0x09, r: 0x0d, b: 0x08, f: 0x0c, v: 0x0b, "0": 0 };

function readEscape(body: string, start: number): { codePoint: number | null; end: number } | null {
  const next = body[start + 1];
  if (next === undefined) return null;
  if (next === "\n") return { codePoint: null, end: start + 2 };
  if (next === "\r") return { codePoint: null, end: body[start + 2] === "\n" ? start + 3 : start + 2 };
  if (next === "x") {
    const hex = /^[0-9a-fA-F]{2}/.exec(body.slice(start + 2));
    return hex ? { codePoint: parseInt(hex[0], 16), end: start + 4 } : null;
  }
  if (next === "u") {
    const braced = /^\{([0-9a-fA-F]+)\}/.exec(body.slice(start + 2));
    if (braced) return { codePoint: parseInt(braced[1], 16), end: start + 2 + braced[0].length };
    const hex = /^[0-9a-fA-F]{4}/.exec(body.slice(start + 2));
    if (!hex) return null;
    const unit = parseInt(hex[0], 16);
    // A surrogate pair written as two escapes is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(body.slice(start + 6));
      if (low) return { codePoint: (unit - 0xd800) * 0x400 + (parseInt(low[1], 16) - 0xdc00) + 0x10000, end: start + 12 };
    }
    return { codePoint: unit, end: start + 6 };
  }
  if (next in SIMPLE_ESCAPES && !(next === "0" && /[0-9]/.test(body[start + 2] ?? ""))) return { codePoint: SIMPLE_ESCAPES[next], end: start + 2 };
  if (/[1-9]/.test(next)) return null;
  const codePoint = body.codePointAt(start + 1)!;
  return { codePoint, end: start + 1 + (codePoint > 0xffff ? 2 : 1) };
}

/** The parts of a template literal written in the code (`${guidance} Read a file.` -> " Read a file."), or null. */
export function writtenText(sourceCode: SourceCode, node: TSESTree.Node): string | null {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.TemplateLiteral) return null;
  return inner.quasis.map((quasi) => quasi.value.cooked ?? "").join(" ");
}
