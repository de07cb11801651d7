import { type PreparedGlossary, prepareGlossary } from './matcher';
import type { GlossaryEntry } from './schema';

/**
 * What the build writes to glossary.jsonl for pages: the entries and their trie. Sources go too,
 * since the card names each entry's source (about 3.7 kB gzip more); they sit with the
 * explanations, on the line a page parses only when a card first needs an entry.
 */
export function glossaryPackage(entries: readonly GlossaryEntry[]): PreparedGlossary {
  return prepareGlossary(entries);
}
