/**
 * `npm run glossary:coverage [-- --json] [-- extra.json …]`: the share of the health vocabulary
 * readers meet (glossary/vocabulary.tsv) that the bundled glossary, plus any extra files of
 * entries, explains: by count of terms and by how often readers meet them, by domain, and the
 * most met terms still missing. See glossary/vocabulary.md for how the vocabulary was built.
 */
import { readFileSync } from 'node:fs';
import { bundledGlossary } from '@/glossary/bundled';
import { measureCoverage, parseDecisions, parseVocabulary, percent } from '@/glossary/coverage';
import { buildIndex } from '@/glossary/matcher';
import type { GlossaryEntry } from '@/glossary/schema';

const MISSING_SHOWN = 50;

const args = process.argv.slice(2);
const json = args.includes('--json');
const extra = args
  .filter((arg) => arg !== '--json')
  .flatMap((file) => JSON.parse(readFileSync(file, 'utf8')) as GlossaryEntry[]);
const entries = [...bundledGlossary, ...extra];
const vocabulary = parseVocabulary(readFileSync(new URL('../glossary/vocabulary.tsv', import.meta.url), 'utf8'));
const decisions = parseDecisions(
  readFileSync(new URL('../glossary/vocabulary-decisions.tsv', import.meta.url), 'utf8'),
);
const report = measureCoverage(buildIndex(entries), vocabulary, decisions);

if (json) {
  console.log(
    JSON.stringify(
      {
        entries: entries.length,
        ...report,
        byParts: report.byParts.length,
        leftOut: report.leftOut.length,
        missing: report.missing.slice(0, MISSING_SHOWN),
      },
      null,
      2,
    ),
  );
} else {
  console.log(
    `Glossary of ${entries.length} entries against ${report.terms} vocabulary terms ` +
      `(${vocabulary.length}, less ${report.leftOut.length} left out as not health terms: glossary/vocabulary-decisions.tsv):`,
  );
  console.log(
    `  explained ${report.explained} / ${report.terms} terms (${percent(report.explained, report.terms)}%), ` +
      `${percent(report.explainedWeight, report.weight)}% of what readers meet (weighted)`,
  );
  console.log(
    `  of them ${report.byParts.length} explained by the cards of their parts ("chronic back pain": chronic + back pain)`,
  );
  console.log('By domain (terms explained, then weighted share):');
  const domains = Object.entries(report.byDomain).sort((a, b) => b[1].weight - a[1].weight);
  for (const [domain, counts] of domains) {
    console.log(
      `  ${domain.padEnd(15)} ${`${counts.explained} / ${counts.terms}`.padStart(11)} ` +
        `${percent(counts.explained, counts.terms).padStart(5)}%   weighted ${percent(counts.explainedWeight, counts.weight).padStart(5)}%`,
    );
  }
  console.log(`The ${MISSING_SHOWN} most met terms still missing (weight = pages per 1,000 a reader meets):`);
  for (const item of report.missing.slice(0, MISSING_SHOWN)) {
    console.log(`  ${item.weight.toFixed(1).padStart(6)}  ${item.term}  (${item.domain})`);
  }
}
