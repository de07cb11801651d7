import { type PreparedGlossary, prepareGlossary } from './matcher';
import type { GlossaryEntry } from './schema';

/**
 * What the build writes to glossary.jsonl for pages: the entries and their trie. Sources go too,
 * since the card names each entry's source (about 3.7 kB gzip more); they sit with the
 * explanations, on the line a page parses only when a card first needs an entry.
 */
export function glossaryPackage(entries: readonly GlossaryEntry[]): PreparedGlossary {
  const prepared = prepareGlossary(entries);
  return { ...prepared, entries: entries.map(forPages) };
}

/**
 * An entry as pages need it once its trie is built: the sense fields live in the trie, and a
 * source's seen title and check date are for the glossary's maintainers (glossary/review-log.tsv).
 */
function forPages({ needsContext, otherSenses, matchTerm, source, ...entry }: GlossaryEntry): GlossaryEntry {
  if (!source) return entry;
  const { title, checked, ...shown } = source;
  return { ...entry, source: shown };
}
