import type { GlossaryEntry } from './schema';

/**
 * A word: letters, combining marks and digits from any script, with inner apostrophes
 * ("Parkinson's"). Everything else separates words, so "pain" never matches inside
 * "painting" and "inflammations" is a different word from "inflammation".
 */
export const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019][\p{L}\p{M}\p{N}]+)*/gu;

export interface Tokens {
  starts: number[];
  ends: number[];
  /** The word as the index keys it: lowercased, with typographic apostrophes made plain. */
  keys: string[];
}

export function tokenize(text: string, caseSensitive = false): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const keys: string[] = [];
  // Lowercasing the whole text once is much cheaper than once per word, but only safe
  // when it keeps every offset (a few characters, like "İ", grow when lowercased).
  let folded = caseSensitive ? text : text.toLowerCase();
  const foldPerWord = folded.length !== text.length;
  if (foldPerWord) folded = text;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    let key = foldPerWord && !caseSensitive ? m[0].toLowerCase() : folded.slice(start, end);
    if (key.includes('\u2019')) key = key.replaceAll('\u2019', "'");
    starts.push(start);
    ends.push(end);
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
