import { buildTrie, type PreparedGlossary } from './matcher';
import type { GlossaryEntry } from './schema';

/** What the build writes to glossary.json for pages: the entries without their sources, and their trie. */
export function glossaryPackage(entries: readonly GlossaryEntry[]): PreparedGlossary {
  return { entries: entries.map(({ source: _source, ...entry }) => entry), trie: buildTrie(entries) };
}
