import type { FindTerms, RunMatcher, RunMatches } from '@/entrypoints/content/match/match-run';
import type { TextRun } from '@/entrypoints/content/scan/text-run';
import { findTermsInTexts, type TermIndex } from '@/glossary/matcher';

/** The background's match step (term-finder.ts), run here: the same matcher over a test's own index. */
export const findTermsHere =
  (index: TermIndex): FindTerms =>
  async (texts) =>
    findTermsInTexts(index, texts);

/** A block's runs through the match step, as the scanner sends them after reading it again. */
export async function matchBlockRuns(matcher: RunMatcher, runs: TextRun[]): Promise<(RunMatches | null)[]> {
  const read = runs.filter((run) => matcher.reads(run));
  const mapRun = await matcher.matchAll(read);
  return mapRun ? read.map((_, i) => mapRun(i)) : [];
}

/** One run through the match step: null when its language isn't read or it holds no term. */
export async function matchRun(matcher: RunMatcher, run: TextRun): Promise<RunMatches | null> {
  return (await matchBlockRuns(matcher, [run]))[0] ?? null;
}
