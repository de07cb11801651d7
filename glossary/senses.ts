import type { TermMatch } from './matcher';

/**
 * When a word is underlined in its health sense. Forms marked `needsContext` ("circulation",
 * "nerves", "skin") are right on a health page and wrong elsewhere ("newspaper circulation",
 * "pre-match nerves", "a ski's skin"), so they are underlined only where the health sense is
 * settled. Two things settle it, whichever comes first:
 * - the passage itself (a run of text, about a paragraph): it also holds a term in a form that
 *   needs no context, or two words of different entries close together ("massage eases stiffness"),
 *   bare abbreviations aside;
 * - the page: it holds at least `PAGE_CONTEXT_ENTRIES` different entries in forms that need none
 *   (not for bare abbreviations, which only their passage settles).
 * Measured on the judged saved pages (tests/fixtures/senses.tsv, `npm run senses`).
 */
// Five, not three: on the 220 saved pages, novels, reviews and reference pages that mention three
// or four health words by chance settled themselves ("endemic" kiwis, "the depression" of the
// 1930s); five took 8 wrong underlines away and 12 right ones.
export const PAGE_CONTEXT_ENTRIES = 5;

/** How close two words that need context must be to settle each other: about a sentence's length. */
export const NEAR_CHARS = 80;

/** Whether a passage's own matches settle the health sense of its context-needing words. */
export function passageSettlesHealth(
  matches: readonly Pick<TermMatch, 'entryId' | 'needsContext' | 'start' | 'end' | 'kind'>[],
): boolean {
  // One pass, in text order: the last word that needs context, to pair with the next of another entry.
  let last: Pick<TermMatch, 'entryId' | 'end'> | null = null;
  for (const match of matches) {
    if (!match.needsContext) return true;
    // A bare abbreviation that needs context ("HDL", "CBT") is the weakest evidence: it settles nothing.
    if (match.kind === 'abbreviation') continue;
    if (last && last.entryId !== match.entryId && match.start - last.end <= NEAR_CHARS) return true;
    last = match;
  }
  return false;
}

/** Whether a page whose unambiguous terms name `entries` different entries settles it everywhere. */
export function pageSettlesHealth(entries: number): boolean {
  return entries >= PAGE_CONTEXT_ENTRIES;
}

/** The matches of one passage that are underlined, given whether the page has settled the sense. */
export function inHealthSense<T extends Pick<TermMatch, 'entryId' | 'needsContext' | 'start' | 'end' | 'kind'>>(
  matches: readonly T[],
  pageSettled: boolean,
): T[] {
  if (passageSettlesHealth(matches)) return [...matches];
  // A bare abbreviation that needs context ("MS", "CBT") needs its own passage: a settled page is not enough
  // (a shop page about skin care still sells "MS" memory cards).
  return matches.filter((match) => !match.needsContext || (pageSettled && match.kind !== 'abbreviation'));
}

/**
 * Whether the English glossary reads text in the language `lang` (a `lang` attribute's value):
 * English, or no language declared. English terms inside a German sentence are German words.
 */
export function readsLanguage(lang: string | null | undefined): boolean {
  if (!lang) return true;
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0];
  return primary === '' || primary === 'en' || primary === 'und';
}
