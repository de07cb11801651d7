import { buildIndex, findTerms } from './matcher';
import { readingGrade, wordCount } from './readability';
import type { GlossaryEntry } from './schema';
import { surfaceFormsOf } from './tokenize';
import { type ValidationProblem, validateGlossary } from './validate';

/** The writing rules every bundled entry keeps (see glossary/README.md). */
const WRITING_RULES = {
  explanationMaxWords: 40,
  explanationMaxGrade: 8,
  medianMaxGrade: 6,
  moreMaxWords: 80,
  moreMaxGrade: 9,
  noteMaxWords: 40,
} as const;

/** Words too common to start an other-sense phrase (see the check below). */
const COMMON_FIRST_WORDS = new Set(
  'a an and as at be by for from in is it of on or that the this to was were will with'.split(' '),
);

export interface GlossaryReport {
  count: number;
  byCategory: Record<string, number>;
  medianGrade: number;
  hardest: Array<{ id: string; grade: number }>;
  /** The writing rules broken, in English for contributors. */
  problems: string[];
  /** The schema and whole-list problems (common/problem-text.ts puts them into words). */
  invalid: ValidationProblem[];
}

/** Checks a glossary against the schema, the whole-list rules and the writing rules. */
export function checkGlossary(entries: readonly GlossaryEntry[]): GlossaryReport {
  const problems: string[] = [];
  const validation = validateGlossary(entries);
  const invalid = validation.ok ? [] : validation.problems;

  const index = buildIndex(entries);
  const grades: Array<{ id: string; grade: number }> = [];
  const byCategory: Record<string, number> = {};
  for (const entry of entries) {
    byCategory[entry.category] = (byCategory[entry.category] ?? 0) + 1;
    const grade = readingGrade(entry.explanation);
    grades.push({ id: entry.id, grade });
    const name = `"${entry.id}"`;
    const words = wordCount(entry.explanation);
    if (words > WRITING_RULES.explanationMaxWords)
      problems.push(`${name}: explanation has ${words} words (at most ${WRITING_RULES.explanationMaxWords})`);
    if (grade > WRITING_RULES.explanationMaxGrade)
      problems.push(
        `${name}: explanation reads at grade ${grade.toFixed(1)} (at most ${WRITING_RULES.explanationMaxGrade})`,
      );
    if (entry.more) {
      const moreWords = wordCount(entry.more);
      const moreGrade = readingGrade(entry.more);
      if (moreWords > WRITING_RULES.moreMaxWords)
        problems.push(`${name}: "more" has ${moreWords} words (at most ${WRITING_RULES.moreMaxWords})`);
      if (moreGrade > WRITING_RULES.moreMaxGrade)
        problems.push(`${name}: "more" reads at grade ${moreGrade.toFixed(1)} (at most ${WRITING_RULES.moreMaxGrade})`);
    }
    if (entry.note && wordCount(entry.note) > WRITING_RULES.noteMaxWords)
      problems.push(`${name}: note has more than ${WRITING_RULES.noteMaxWords} words`);
    if (!entry.source)
      problems.push(`${name}: has no source (bundled entries name the reference they were checked against)`);
    else if (!entry.source.title || !entry.source.checked)
      problems.push(
        `${name}: source has no "title" and "checked" (the page's title as seen, and the day it was opened)`,
      );
    for (const phrase of entry.otherSenses ?? []) {
      // Every occurrence of a phrase's first word sends the matcher into the trie: "in shock" cost 10–20%.
      const first = phrase
        .trim()
        .split(/[\s-]+/)[0]!
        .toLowerCase();
      if (COMMON_FIRST_WORDS.has(first))
        problems.push(
          `${name}: other-sense phrase "${phrase}" starts with "${first}", which the matcher would look up on every occurrence`,
        );
      const found = findTerms(index, `We read about ${phrase} today.`).map((match) => match.entryId);
      if (found.length > 0)
        problems.push(`${name}: other-sense phrase "${phrase}" is still matched as [${found.join(', ')}]`);
    }
    for (const { form } of surfaceFormsOf(entry)) {
      const sentence = `We read about ${form} today.`;
      const found = findTerms(index, sentence).map((match) => match.entryId);
      if (found.length !== 1 || found[0] !== entry.id)
        problems.push(`${name}: the matcher finds [${found.join(', ')}] for "${form}" in a sentence`);
    }
  }
  const sorted = grades.map((g) => g.grade).sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const medianGrade =
    sorted.length === 0
      ? 0
      : sorted.length % 2
        ? sorted[Math.floor(middle)]!
        : (sorted[middle - 1]! + sorted[middle]!) / 2;
  if (medianGrade > WRITING_RULES.medianMaxGrade)
    problems.push(`median grade ${medianGrade.toFixed(1)} (at most ${WRITING_RULES.medianMaxGrade})`);
  return {
    count: entries.length,
    byCategory,
    medianGrade,
    hardest: [...grades].sort((a, b) => b.grade - a.grade).slice(0, 5),
    problems,
    invalid,
  };
}
