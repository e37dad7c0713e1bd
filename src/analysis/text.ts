/**
 * Questions about a file's whole text, answered once per text for every rule: a scan of a large bundle costs as much
 * as a rule's real work, and twenty rules ask the same few questions ("does it mention fastmcp?") of the same file.
 */

/** The text the answers below belong to: rules lint one file at a time, so one text at a time is enough. */
let currentText: string | null = null;
const substrings = new Map<string, boolean>();
const patterns = new Map<RegExp, boolean>();

function answersFor(text: string): void {
  if (text === currentText) return;
  currentText = text;
  substrings.clear();
  patterns.clear();
}

/** `text.includes(needle)`, remembered for the current text. */
export function textIncludes(text: string, needle: string): boolean {
  answersFor(text);
  let answer = substrings.get(needle);
  if (answer === undefined) {
    answer = text.includes(needle);
    substrings.set(needle, answer);
  }
  return answer;
}

/** `pattern.test(text)` from the start of the text, remembered for the current text. */
export function textMatches(text: string, pattern: RegExp): boolean {
  answersFor(text);
  let answer = patterns.get(pattern);
  if (answer === undefined) {
    pattern.lastIndex = 0;
    answer = pattern.test(text);
    pattern.lastIndex = 0;
    patterns.set(pattern, answer);
  }
  return answer;
}
