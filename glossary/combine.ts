import { type PreparedGlossary, packTrie, prepareGlossary } from './matcher';
import type { GlossaryEntry } from './schema';

/** The bundled glossary as the build writes it for the extension (see wxt.config.ts). */
export interface GlossaryFiles {
  /** glossary-trie.json: what every page parses as it starts, to find terms (`packTrie`). */
  trie: string;
  /**
   * glossary-entries.json: what cards show, read only by the background (which answers a page's
   * `get-entries` with the few a card needs) and the extension's own pages (the popup's search).
   */
  entries: string;
}

export function glossaryFiles(entries: readonly GlossaryEntry[]): GlossaryFiles {
  const prepared = glossaryPackage(entries);
  return { trie: packTrie(prepared), entries: JSON.stringify(prepared.entries) };
}

/**
 * The bundled glossary with its trie, its entries as cards need them. Sources go too, since the
 * card names each entry's source (about 3.7 kB gzip more), in the entries file no page loads whole.
 */
function glossaryPackage(entries: readonly GlossaryEntry[]): PreparedGlossary {
  const prepared = prepareGlossary(entries);
  return { ...prepared, entries: entries.map(forPages) };
}

/**
 * An entry as cards need it once its trie is built: the sense fields live in the trie, and a
 * source's seen title and check date are for the glossary's maintainers (glossary/review-log.tsv).
 */
function forPages({ needsContext, otherSenses, matchTerm, source, ...entry }: GlossaryEntry): GlossaryEntry {
  if (!source) return entry;
  const { title, checked, ...shown } = source;
  return { ...entry, source: shown };
}
