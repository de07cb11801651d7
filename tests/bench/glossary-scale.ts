/**
 * Glossary scale benchmark (`npm run bench`): what a bigger glossary costs where it is paid per
 * page or per popup, not in the matcher (tests/bench/matcher.ts shows matching doesn't grow).
 * For the founding glossary's size (its first 301 entries), the bundled glossary, and the bundled
 * glossary with 5,000 made-up entries on top, in the same run:
 * - the files: the trie the background finds terms with, raw and gzip, and the entries file gzip;
 * - the background's start: parsing the trie and working out the first-word bits (once, then
 *   held for every tab; every page paid it until the match step moved to the background);
 * - first card: parsing the entries file (the background, when a page first asks for an entry;
 *   the popup, as it opens);
 * - popup: building its search index when it opens, and one search as the reader types (median
 *   over every prefix of a dozen queries, typos included).
 * Medians of repeated runs, reported as ratios against the 301-entry size; never pass/fail.
 */
import { gzipSync } from 'node:zlib';
import { glossarySearchIndex } from '../../components/popup/search-index';
import { bundledGlossary } from '../../glossary/bundled';
import { glossaryFiles } from '../../glossary/combine';
import { indexOfTrieFile, withOwnTerms } from '../../glossary/matcher';
import type { GlossaryEntry } from '../../glossary/schema';
import { madeUpEntries } from './made-up-entries';

const ROUNDS = 31;
const QUERIES = [
  'lymphatic',
  'inflamation',
  'back pain',
  'sciatica',
  'MRI',
  'stress fracture',
  'tendon',
  'blood pressure',
  'anxiety',
  'knee',
  'massage',
  'statin',
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const time = (run: () => unknown) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};

const sizes: Array<[string, GlossaryEntry[]]> = [
  ['301 entries (founding size)', bundledGlossary.slice(0, 301)],
  [`bundled, ${bundledGlossary.length} entries`, bundledGlossary],
  [
    `bundled + 5,000 made up`,
    [...bundledGlossary, ...madeUpEntries(5000, (i) => bundledGlossary[i % bundledGlossary.length]!.explanation)],
  ],
];
const files = sizes.map(([, entries]) => glossaryFiles(entries));
const samples = sizes.map(() => ({
  start: [] as number[],
  card: [] as number[],
  popupOpen: [] as number[],
  search: [] as number[],
}));
for (let round = 0; round < ROUNDS; round++) {
  // Sizes alternate within each round, so drift on a noisy machine hits them alike.
  files.forEach((file, k) => {
    const sample = samples[k]!;
    sample.start.push(time(() => withOwnTerms(indexOfTrieFile(file.trie), [])));
    let entries: readonly GlossaryEntry[] = [];
    sample.card.push(time(() => (entries = JSON.parse(file.entries) as GlossaryEntry[])));
    let index = glossarySearchIndex(entries);
    sample.popupOpen.push(time(() => (index = glossarySearchIndex(entries))));
    const typed = QUERIES.flatMap((query) => Array.from({ length: query.length - 1 }, (_, i) => query.slice(0, i + 2)));
    for (const prefix of typed) sample.search.push(time(() => index.search(prefix)));
  });
}

const kB = (text: string) => (gzipSync(text).length / 1024).toFixed(1);
const reference = samples[0]!;
console.log(`Glossary scale: medians of ${ROUNDS} rounds (Node ${process.version}); ratios against the 301-entry size`);
sizes.forEach(([label], k) => {
  const file = files[k]!;
  const s = samples[k]!;
  const ratio = (mine: number[], theirs: number[]) => `${(median(mine) / median(theirs)).toFixed(2)}×`;
  console.log(`  ${label}`);
  console.log(
    `    files: trie ${(file.trie.length / 1024).toFixed(0)} kB raw, ${kB(file.trie)} kB gzip; entries ${kB(file.entries)} kB gzip`,
  );
  console.log(
    `    background start (trie parse + first words) ${median(s.start).toFixed(2)} ms (${ratio(s.start, reference.start)})`,
  );
  console.log(`    first card (entries file parse) ${median(s.card).toFixed(2)} ms (${ratio(s.card, reference.card)})`);
  console.log(
    `    popup: search index ${median(s.popupOpen).toFixed(1)} ms (${ratio(s.popupOpen, reference.popupOpen)}), one search as you type ${median(s.search).toFixed(3)} ms (${ratio(s.search, reference.search)})`,
  );
});
