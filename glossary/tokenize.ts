import type { GlossaryEntry } from './schema';
import { ASTRAL_WORD_CHAR_BOUNDARIES, BMP_WORD_CHAR_BOUNDARIES } from './word-chars';

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

/** Per BMP code unit: 1 if it is a word character, else 0 (surrogate halves are 0). */
const BMP_WORD_CHAR = new Uint8Array(0x10000);
for (let i = 0; i < BMP_WORD_CHAR_BOUNDARIES.length; i += 2) {
  const stop = i + 1 < BMP_WORD_CHAR_BOUNDARIES.length ? BMP_WORD_CHAR_BOUNDARIES.charCodeAt(i + 1) : 0x10000;
  BMP_WORD_CHAR.fill(1, BMP_WORD_CHAR_BOUNDARIES.charCodeAt(i), stop);
}
/** Whether U+10000 itself starts inside a word-character range (an odd number of boundaries before it). */
const ASTRAL_STARTS_INSIDE = BMP_WORD_CHAR_BOUNDARIES.length % 2 === 1;
/** Boundaries from U+10000 on, read when a text first has such a character. */
let astralBoundaries: number[] | null = null;

function astral(): number[] {
  if (astralBoundaries) return astralBoundaries;
  astralBoundaries = [];
  for (const delta of ASTRAL_WORD_CHAR_BOUNDARIES.split(',')) {
    astralBoundaries.push((astralBoundaries[astralBoundaries.length - 1] ?? 0x10000) + Number.parseInt(delta, 36));
  }
  return astralBoundaries;
}

/** Whether a code point is a letter, mark or digit of any script: /[\p{L}\p{M}\p{N}]/u without the regex. */
export function isWordCodePoint(codePoint: number): boolean {
  if (codePoint < 0x10000) return BMP_WORD_CHAR[codePoint] === 1;
  const boundaries = astral();
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (boundaries[middle]! <= codePoint) low = middle + 1;
    else high = middle;
  }
  // `low` boundaries at or below the code point: each one flips inside and outside.
  return (low % 2 === 1) !== ASTRAL_STARTS_INSIDE;
}

/** How many code units the word character at `i` takes (1, or 2 for an astral letter), or 0 if it isn't one. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return isWordCodePoint(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000) ? 2 : 0;
  }
  return BMP_WORD_CHAR[c]!;
}

/** FNV-1a over UTF-16 code units: how the scanner fingerprints words without slicing them out. */
const HASH_SEED = 0x811c9dc5;
const HASH_PRIME = 0x01000193;

/** The fingerprint `WordScanner.hash` gives a word whose key is `key` (or `key.slice(from, to)`, without making it). */
export function hashKey(key: string, from = 0, to = key.length): number {
  let hash = HASH_SEED;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ key.charCodeAt(i), HASH_PRIME);
  return hash >>> 0;
}

/**
 * Reads text one word at a time (letters, marks and digits of any script, with inner
 * apostrophes) with a hand-written scanner: a Unicode-property regular expression costs several
 * milliseconds to compile on every page, while this looks each character up in a table built
 * from glossary/word-chars.ts. Each word comes with a fingerprint of its key, so a caller can
 * pass over words no term starts with without making a string of them.
 */
export class WordScanner {
  /** Where the current word starts and ends. */
  start = 0;
  end = 0;
  /** `hashKey` of the current word's key. */
  hash = 0;
  private curly = false;
  private readonly folded: string;
  private readonly foldPerWord: boolean;

  constructor(
    private readonly text: string,
    private readonly caseSensitive = false,
    /** Where the next word is looked for. */
    public position = 0,
  ) {
    // Lowercasing the whole text once is much cheaper than once per word, but only safe
    // when it keeps every offset (a few characters, like "İ", grow when lowercased).
    const folded = caseSensitive ? text : text.toLowerCase();
    this.foldPerWord = folded.length !== text.length;
    this.folded = this.foldPerWord ? text : folded;
  }

  /** Moves to the next word; false at the end of the text. */
  next(): boolean {
    const { text, folded } = this;
    const length = text.length;
    let i = this.position;
    let size = 0;
    // Most characters are looked up inline: a call per character is what costs most in
    // not-yet-optimised code.
    while (i < length) {
      const c = text.charCodeAt(i);
      size = c < 0xd800 ? BMP_WORD_CHAR[c]! : wordCharAt(text, i);
      if (size > 0) break;
      i++;
    }
    if (i >= length) {
      this.position = length;
      return false;
    }
    const start = i;
    let hash = HASH_SEED;
    let curly = false;
    for (;;) {
      hash = Math.imul(hash ^ folded.charCodeAt(i), HASH_PRIME);
      if (size === 2) hash = Math.imul(hash ^ folded.charCodeAt(i + 1), HASH_PRIME);
      i += size;
      if (i >= length) break;
      const c = text.charCodeAt(i);
      size = c < 0xd800 ? BMP_WORD_CHAR[c]! : wordCharAt(text, i);
      if (size > 0) continue;
      // An apostrophe inside a word ("Parkinson's") belongs to it; one at its end does not.
      if ((c === 0x27 || c === 0x2019) && i + 1 < length) {
        size = wordCharAt(text, i + 1);
        if (size > 0) {
          curly = curly || c === 0x2019;
          hash = Math.imul(hash ^ 0x27, HASH_PRIME);
          i += 1;
          continue;
        }
      }
      break;
    }
    this.start = start;
    this.end = i;
    this.position = i;
    this.curly = curly;
    this.hash = this.foldPerWord && !this.caseSensitive ? hashKey(this.key()) : hash >>> 0;
    return true;
  }

  /** The current word as the index keys it: lowercased, with typographic apostrophes made plain. */
  key(): string {
    const key =
      this.foldPerWord && !this.caseSensitive
        ? this.text.slice(this.start, this.end).toLowerCase()
        : this.folded.slice(this.start, this.end);
    return this.curly ? key.replaceAll('\u2019', "'") : key;
  }
}

/** Every word of `text` with where it is, in order. */
export function tokenize(text: string, caseSensitive = false): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const keys: string[] = [];
  const words = new WordScanner(text, caseSensitive);
  while (words.next()) {
    starts.push(words.start);
    ends.push(words.end);
    keys.push(words.key());
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
  /** Underlined only where the health sense is settled (the entry lists it in `needsContext`). */
  needsContext: boolean;
}

/** Every piece of text an entry answers to, with how it must be matched. */
export function surfaceFormsOf(entry: GlossaryEntry): SurfaceForm[] {
  const contextKeys = new Set((entry.needsContext ?? []).map((form) => tokenKey(form, false)));
  const surface = (form: string, kind: SurfaceKind, caseSensitive: boolean): SurfaceForm => ({
    form,
    kind,
    caseSensitive,
    needsContext: contextKeys.has(tokenKey(form, false)),
  });
  return [
    ...(entry.matchTerm === false ? [] : [surface(entry.term, 'term', false)]),
    ...(entry.forms ?? []).map((form) => surface(form, 'form', false)),
    ...(entry.aliases ?? []).map((form) => surface(form, 'alias', false)),
    ...(entry.abbreviations ?? []).map((form) => surface(form, 'abbreviation', true)),
  ];
}
