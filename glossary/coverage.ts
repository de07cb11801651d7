import { findTerms, type TermIndex } from './matcher';

/**
 * How much of the health vocabulary readers meet (`glossary/vocabulary.tsv`) a glossary explains.
 * Pure: the script `npm run glossary:coverage` reads the files and prints what this counts.
 */

/** A term readers of health writing meet, and how often they meet it. */
export interface VocabularyTerm {
  term: string;
  /** How many of every 1,000 pages a reader reads use the term (see glossary/vocabulary.md). */
  weight: number;
  /** massage-physio, pain, injury, body, condition, symptom, medicine, test, treatment, research, clinical, lifestyle. */
  domain: string;
}

interface CoverageShare {
  terms: number;
  explained: number;
  weight: number;
  explainedWeight: number;
}

export interface CoverageReport extends CoverageShare {
  byDomain: Record<string, CoverageShare>;
  /** Terms the glossary doesn't explain, most met first. */
  missing: VocabularyTerm[];
}

/** Reads vocabulary.tsv: a header line, then term, weight, domain and where, tab-separated. */
export function parseVocabulary(tsv: string): VocabularyTerm[] {
  const terms: VocabularyTerm[] = [];
  for (const line of tsv.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [term, weight, domain] = line.split('\t');
    if (!term || weight === undefined || !domain)
      throw new Error(`vocabulary line without term, weight and domain: ${line}`);
    terms.push({ term, weight: Number(weight), domain });
  }
  return terms;
}

/**
 * Whether the glossary explains `term`: in a plain sentence, one match covers exactly the whole
 * term. A match of part of it ("knee" in "knee pain") or of a longer term doesn't count.
 */
export function explains(index: TermIndex, term: string): boolean {
  const prefix = 'We read about ';
  const matches = findTerms(index, `${prefix}${term} today.`);
  return matches.length === 1 && matches[0]!.start === prefix.length && matches[0]!.end === prefix.length + term.length;
}

function share(): CoverageShare {
  return { terms: 0, explained: 0, weight: 0, explainedWeight: 0 };
}

export function measureCoverage(index: TermIndex, vocabulary: readonly VocabularyTerm[]): CoverageReport {
  const report: CoverageReport = { ...share(), byDomain: {}, missing: [] };
  for (const item of vocabulary) {
    const domain = report.byDomain[item.domain] ?? share();
    report.byDomain[item.domain] = domain;
    const explained = explains(index, item.term);
    for (const counts of [report, domain]) {
      counts.terms++;
      counts.weight += item.weight;
      if (explained) {
        counts.explained++;
        counts.explainedWeight += item.weight;
      }
    }
    if (!explained) report.missing.push(item);
  }
  report.missing.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
  return report;
}

/** A share as a percentage with one decimal, "0.0" for nothing out of nothing. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '0.0' : ((100 * part) / whole).toFixed(1);
}
