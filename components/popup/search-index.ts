import MiniSearch from 'minisearch';
import type { GlossaryEntry } from '@/glossary/schema';

/**
 * The popup's search over terms, their other names and their explanations: prefix and
 * typo-tolerant, the term's own name first. Built when the popup opens, so its cost is measured
 * by `tests/bench/glossary-scale.ts` at the glossary's real size and beyond.
 */
export function glossarySearchIndex(entries: readonly GlossaryEntry[]): MiniSearch<GlossaryEntry> {
  const index = emptySearchIndex();
  index.addAll(entries);
  return index;
}

/**
 * The same index, built in slices of 64 entries between which the popup stays responsive: at
 * 1,000 entries and more, building it in one go held the popup's first paint for over 100 ms.
 */
export async function glossarySearchIndexInSlices(
  entries: readonly GlossaryEntry[],
): Promise<MiniSearch<GlossaryEntry>> {
  const index = emptySearchIndex();
  await index.addAllAsync(entries, { chunkSize: 64 });
  return index;
}

function emptySearchIndex(): MiniSearch<GlossaryEntry> {
  return new MiniSearch<GlossaryEntry>({
    fields: ['term', 'names', 'explanation'],
    extractField: (entry, field) =>
      field === 'names'
        ? [...(entry.forms ?? []), ...(entry.aliases ?? []), ...(entry.abbreviations ?? [])].join(' ')
        : String(entry[field as keyof GlossaryEntry] ?? ''),
    searchOptions: { boost: { term: 3, names: 2 }, prefix: true, fuzzy: 0.2 },
  });
}
