/**
 * Matcher micro-benchmark (`npm run bench`): throughput of `findTerms` on real page text for the
 * bundled glossary and for synthetic glossaries of 1,000, 10,000 and 50,000 multi-word terms,
 * with index build time and memory for each. Ratios are against the bundled glossary, measured
 * in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledGlossary } from '../../glossary/bundled';
import { buildIndex, findTerms, type TermIndex } from '../../glossary/matcher';
import type { GlossaryEntry } from '../../glossary/schema';
import { inHealthSense } from '../../glossary/senses';
import { DEFAULT_PAGES, findPages, stripScripts } from './browser-run';
import { madeUpEntries } from './made-up-entries';

/** Page text to match: the saved pages' text when available, else the glossary's own explanations. */
function corpus(): string {
  try {
    const pages = findPages(DEFAULT_PAGES);
    return pages
      .map((file) =>
        stripScripts(readFileSync(join(DEFAULT_PAGES, file)))
          .toString('utf8')
          .replace(/<style\b[\s\S]*?<\/style\s*>/gi, ' ')
          .replace(/<[^>]*>/g, ' '),
      )
      .join('\n');
  } catch {
    return Array.from({ length: 200 }, () => bundledGlossary.map((e) => e.explanation).join(' ')).join('\n');
  }
}

/** The real glossary plus `count` made-up terms, so every size finds real matches in real text. */
function syntheticGlossary(count: number): GlossaryEntry[] {
  return [...bundledGlossary, ...madeUpEntries(count)];
}

function measure(label: string, entries: GlossaryEntry[], text: string) {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = performance.now();
  const index = buildIndex(entries);
  const buildMs = performance.now() - buildStart;
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  findTerms(index, text.slice(0, 100_000)); // warm up
  const runs: number[] = [];
  let matches = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    matches = findTerms(index, text).length;
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  const mbPerSecond = text.length / 1e6 / (runs[2]! / 1000);
  return { label, terms: entries.length, buildMs, heapMb, mbPerSecond, matches };
}

const text = corpus();
console.log(`Matcher: ${(text.length / 1e6).toFixed(1)} million characters of page text\n`);
const rows = [
  measure('bundled glossary', bundledGlossary, text),
  measure('+1,000 terms', syntheticGlossary(1_000), text),
  measure('+10,000 terms', syntheticGlossary(10_000), text),
  measure('+50,000 terms', syntheticGlossary(50_000), text),
];
const base = rows[0]!.mbPerSecond;
console.log('glossary            entries   build ms   heap MB   MB/s    vs bundled   matches');
for (const r of rows) {
  console.log(
    `${r.label.padEnd(18)} ${String(r.terms).padStart(8)} ${r.buildMs.toFixed(1).padStart(10)} ${r.heapMb.toFixed(1).padStart(9)} ${r.mbPerSecond.toFixed(1).padStart(6)} ${(base / r.mbPerSecond).toFixed(2).padStart(10)}× ${String(r.matches).padStart(9)}`,
  );
}
console.log('\n"vs bundled": how many times slower than with the bundled glossary (budget: under 1.5×).');

/**
 * What the sense rules cost per word: the bundled glossary matched line by line (about a passage
 * each) with its other-sense phrases and the context decision, against the same glossary with no
 * sense data (every form matched as it is), in the same run.
 */
function perLine(index: TermIndex, lines: string[], decide: boolean): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    for (const line of lines) {
      const matches = findTerms(index, line);
      if (decide && matches.length > 0) inHealthSense(matches, false);
    }
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[2]!;
}
const lines = text.split('\n').filter((line) => line.trim());
const plain = bundledGlossary.map(({ needsContext, otherSenses, matchTerm, ...entry }) => entry);
const withSenses = buildIndex(bundledGlossary);
const withoutSenses = buildIndex(plain);
// Alternated, five rounds each, and the medians compared: the first pass of either pays for warming up.
const sensesRuns: number[] = [];
const plainRuns: number[] = [];
for (let round = 0; round < 5; round++) {
  sensesRuns.push(perLine(withSenses, lines, true));
  plainRuns.push(perLine(withoutSenses, lines, false));
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sensesMs = median(sensesRuns);
const plainMs = median(plainRuns);
console.log(
  `\nSense rules (other-sense phrases + context decision), ${lines.length} lines: ${sensesMs.toFixed(1)} ms vs ${plainMs.toFixed(1)} ms without: ${(sensesMs / plainMs).toFixed(2)}× (budget: 1×, within noise)`,
);
