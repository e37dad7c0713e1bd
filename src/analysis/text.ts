/**
 * Questions about a file's whole text, answered once per text for every rule: a scan of a large bundle costs as much
 * as a rule's real work, and twenty rules ask the same few questions ("does it mention fastmcp?") of the same file.
 */

/** The text the answers below belong to: rules lint one file at a time, so one text at a time is enough. */
let currentText: string | null = null;
const substrings = new Map<string, boolean>();
const answers = new Map<RegExp, boolean>();

function answersFor(text: string): void {
  if (text === currentText) return;
  currentText = text;
  substrings.clear();
  answers.clear();
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
  let answer = answers.get(pattern);
  if (answer === undefined) {
    pattern.lastIndex = 0;
    answer = pattern.test(text);
    pattern.lastIndex = 0;
    answers.set(pattern, answer);
  }
  return answer;
}

/**
 * Patterns asked of the same texts together (the text hints of the sink families): `textMatches` of each, answered
 * for all of them by one scan of the text. A pass per pattern reads the whole text for every pattern that does not
 * match, which is most of them.
 */
export class PatternGroup {
  private readonly members: RegExp[] = [];
  /** Per set of patterns not yet found (a bit mask), one global regular expression matching any of them. */
  private readonly unions = new Map<number, RegExp | null>();
  private readonly sticky: RegExp[] = [];

  /** Adds a pattern (once); false when it cannot join one scan (flags of its own, named groups): asked alone. */
  add(pattern: RegExp): boolean {
    if (this.members.includes(pattern)) return true;
    if (this.members.length >= 30 || !canJoin(pattern) || (this.members.length > 0 && pattern.flags !== this.members[0].flags)) return false;
    this.members.push(pattern);
    this.sticky.push(new RegExp(pattern.source, `${pattern.flags}y`));
    this.unions.clear();
    return true;
  }

  /** Records whether each pattern of the group matches `text`, for `textMatches`. */
  scan(text: string): void {
    answersFor(text);
    if (this.members.every((pattern) => answers.has(pattern))) return;
    const found = this.members.map(() => false);
    let remaining = (1 << this.members.length) - 1;
    let from = 0;
    while (remaining !== 0) {
      const union = this.unionOf(remaining);
      if (!union) return;
      union.lastIndex = from;
      const match = union.exec(text);
      if (!match) break;
      // The alternative that matched is one of the remaining patterns, matching here; others may too.
      for (let i = 0; i < this.members.length; i++) {
        if (found[i]) continue;
        this.sticky[i].lastIndex = match.index;
        if (this.sticky[i].test(text)) {
          found[i] = true;
          remaining &= ~(1 << i);
        }
      }
      // From the next character, not the end of the match: another pattern may match inside this one.
      from = match.index + 1;
    }
    for (let i = 0; i < this.members.length; i++) answers.set(this.members[i], found[i]);
  }

  private unionOf(mask: number): RegExp | null {
    let union = this.unions.get(mask);
    if (union === undefined) {
      const members = this.members.filter((_, i) => (mask & (1 << i)) !== 0);
      union = members.length === 0 ? null : new RegExp(joinAlternatives(members), `${members[0].flags}g`);
      this.unions.set(mask, union);
    }
    return union;
  }
}

/** Named groups and named back-references would clash or change meaning in a union. */
function canJoin(pattern: RegExp): boolean {
  return !/\(\?<(?![=!])|\\k</.test(pattern.source);
}

/** `(?:a)|(?:b)`, with each pattern's numbered back-references shifted past the groups of the patterns before it. */
function joinAlternatives(members: readonly RegExp[]): string {
  let groups = 0;
  return members
    .map((pattern) => {
      const { source, captures } = shiftBackReferences(pattern.source, groups);
      groups += captures;
      return `(?:${source})`;
    })
    .join("|");
}

function shiftBackReferences(source: string, offset: number): { source: string; captures: number } {
  let out = "";
  let captures = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === "\\") {
      const digits = /^[1-9]\d*/.exec(source.slice(i + 1));
      if (digits && !inClass) {
        out += `\\${Number(digits[0]) + offset}`;
        i += digits[0].length;
      } else {
        out += source.slice(i, i + 2);
        i++;
      }
      continue;
    }
    if (inClass) inClass = char !== "]";
    else if (char === "[") inClass = true;
    else if (char === "(" && source[i + 1] !== "?") captures++;
    out += char;
  }
  return { source: out, captures };
}
