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

/**
 * A judgement recorded about one vocabulary term (`glossary/vocabulary-decisions.tsv`, see
 * glossary/vocabulary.md), made by a reader who looked at the words, not at the coverage:
 * - `by-parts`: the term means no more than its parts ("chronic back pain" is back pain that lasts),
 *   so the cards of the listed parts explain it, when the matcher underlines exactly those parts in it;
 * - `not-a-term`: an everyday phrase or an ambiguous bare abbreviation that the vocabulary's own
 *   build rule leaves out ("drinking water", "PT"): it is not counted at all.
 */
export type VocabularyDecision =
  | { term: string; kind: 'by-parts'; parts: string[]; reason: string }
  | { term: string; kind: 'not-a-term'; reason: string };

interface CoverageShare {
  terms: number;
  explained: number;
  weight: number;
  explainedWeight: number;
}

export interface CoverageReport extends CoverageShare {
  byDomain: Record<string, CoverageShare>;
  /** Of the explained terms, those explained by the cards of their parts (a `by-parts` decision). */
  byParts: VocabularyTerm[];
  /** Vocabulary terms left out by a `not-a-term` decision, not counted above. */
  leftOut: VocabularyTerm[];
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

/** Reads vocabulary-decisions.tsv: a header line, then term, decision, parts (" + " between), reason. */
export function parseDecisions(tsv: string): VocabularyDecision[] {
  const decisions: VocabularyDecision[] = [];
  for (const line of tsv.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [term, kind, parts = '', reason = ''] = line.split('\t');
    if (!term || !reason.trim()) throw new Error(`decision line without term or reason: ${line}`);
    if (kind === 'not-a-term') decisions.push({ term, kind, reason });
    else if (kind === 'by-parts' && parts.trim())
      decisions.push({ term, kind, parts: parts.split(' + ').map((part) => part.trim()), reason });
    else throw new Error(`decision must be by-parts (with parts) or not-a-term: ${line}`);
  }
  return decisions;
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

/**
 * Whether the cards of `parts` explain `term`: in the same plain sentence, the matcher underlines
 * exactly those parts of it, in order, and nothing else (so a part that loses its card, or a longer
 * match that swallows a part, makes the term missing again).
 */
export function explainsByParts(index: TermIndex, term: string, parts: readonly string[]): boolean {
  const sentence = `We read about ${term} today.`;
  const underlined = findTerms(index, sentence).map((match) => sentence.slice(match.start, match.end).toLowerCase());
  return underlined.length === parts.length && underlined.every((words, i) => words === parts[i]!.toLowerCase());
}

function share(): CoverageShare {
  return { terms: 0, explained: 0, weight: 0, explainedWeight: 0 };
}

export function measureCoverage(
  index: TermIndex,
  vocabulary: readonly VocabularyTerm[],
  decisions: readonly VocabularyDecision[] = [],
): CoverageReport {
  const report: CoverageReport = { ...share(), byDomain: {}, byParts: [], leftOut: [], missing: [] };
  const decided = new Map(decisions.map((decision) => [decision.term, decision]));
  for (const item of vocabulary) {
    const decision = decided.get(item.term);
    if (decision?.kind === 'not-a-term') {
      report.leftOut.push(item);
      continue;
    }
    const domain = report.byDomain[item.domain] ?? share();
    report.byDomain[item.domain] = domain;
    let explained = explains(index, item.term);
    if (!explained && decision?.kind === 'by-parts' && explainsByParts(index, item.term, decision.parts)) {
      explained = true;
      report.byParts.push(item);
    }
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
