import { type PreparedGlossary, prepareGlossary } from './matcher';
import type { GlossaryEntry } from './schema';

/** What the build writes to glossary.jsonl for pages: the entries without their sources, and their trie. */
export function glossaryPackage(entries: readonly GlossaryEntry[]): PreparedGlossary {
  return prepareGlossary(entries.map(({ source: _source, ...entry }) => entry));
}
