import type { GlossaryEntry } from './schema';

/**
 * A word: letters, combining marks and digits from any script, with inner apostrophes
 * ("Parkinson's"). Everything else separates words, so "pain" never matches inside
 * "painting" and "inflammations" is a different word from "inflammation".
 */

export interface Tokens {
  starts: number[];
  ends: number[];
  /** The word as the index keys it: lowercased, with typographic apostrophes made plain. */
  keys: string[];
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** Per BMP code unit: 0 not yet known, 1 part of words, 2 not. Filled as text is read. */
const bmpWordChar = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  bmpWordChar[c] = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 1 : 2;
}

/** How many code units the word character at `i` takes (1, or 2 for an astral letter), or 0 if it isn't one. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = bmpWordChar[c]!;
  if (known === 0) {
    known = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    bmpWordChar[c] = known;
  }
  return known === 1 ? 1 : 0;
}

/**
 * Splits text into words (letters, marks and digits of any script, with inner apostrophes)
 * with a hand-written scanner: a Unicode-property regular expression costs several
 * milliseconds to warm up on every page, while this reads ASCII text from a table and looks
 * each other character up once.
 */
export function tokenize(text: string, caseSensitive = false): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const keys: string[] = [];
  // Lowercasing the whole text once is much cheaper than once per word, but only safe
  // when it keeps every offset (a few characters, like "İ", grow when lowercased).
  let folded = caseSensitive ? text : text.toLowerCase();
  const foldPerWord = folded.length !== text.length;
  if (foldPerWord) folded = text;
  const length = text.length;
  let i = 0;
  while (i < length) {
    let size = wordCharAt(text, i);
    if (size === 0) {
      i++;
      continue;
    }
    const start = i;
    let apostrophe = false;
    for (;;) {
      i += size;
      if (i >= length) break;
      size = wordCharAt(text, i);
      if (size > 0) continue;
      const c = text.charCodeAt(i);
      // An apostrophe inside a word ("Parkinson's") belongs to it; one at its end does not.
      if ((c === 0x27 || c === 0x2019) && i + 1 < length) {
        size = wordCharAt(text, i + 1);
        if (size > 0) {
          apostrophe = apostrophe || c === 0x2019;
          i += 1;
          continue;
        }
      }
      break;
    }
    let key = foldPerWord && !caseSensitive ? text.slice(start, i).toLowerCase() : folded.slice(start, i);
    if (apostrophe) key = key.replaceAll('\u2019', "'");
    starts.push(start);
    ends.push(i);
    keys.push(key);
  }
  return { starts, ends, keys };
}

/** The words of a surface form, joined by single spaces: how two forms are compared. */
export function tokenKey(form: string, caseSensitive: boolean): string {
  return tokenize(form, caseSensitive).keys.join(' ');
}

/**
 * Whether the characters between two words let them belong to one multi-word term:
 * any whitespace (spaces, line breaks, non-breaking spaces) and at most one hyphen,
 * so "range-of-motion", "range\nof motion" and "range of motion" are the same term,
 * while "muscle. Tissue" or "muscle, tissue" are not.
 */
export function isJoiningGap(text: string, from: number, to: number): boolean {
  let hyphens = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2d || c === 0x2010 || c === 0x2011) {
      if (++hyphens > 1) return false;
    } else if (!isSpace(c)) {
      return false;
    }
  }
  return to > from;
}

function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0xad || // soft hyphen: invisible unless the line breaks there
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export type SurfaceKind = 'term' | 'form' | 'alias' | 'abbreviation';

export interface SurfaceForm {
  form: string;
  kind: SurfaceKind;
  caseSensitive: boolean;
}

/** Every piece of text an entry answers to, with how it must be matched. */
export function surfaceFormsOf(entry: GlossaryEntry): SurfaceForm[] {
  return [
    { form: entry.term, kind: 'term', caseSensitive: false },
    ...(entry.forms ?? []).map((form) => ({ form, kind: 'form' as const, caseSensitive: false })),
    ...(entry.aliases ?? []).map((form) => ({ form, kind: 'alias' as const, caseSensitive: false })),
    ...(entry.abbreviations ?? []).map((form) => ({ form, kind: 'abbreviation' as const, caseSensitive: true })),
  ];
}
