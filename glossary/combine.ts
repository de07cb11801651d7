import { bundledGlossary } from './bundled';
import { buildIndex, type TermIndex } from './matcher';
import type { GlossaryEntry } from './schema';

/**
 * The glossary a page is matched against: the user's own terms first, so where both claim a
 * surface form (or an id) the user's entry wins, then the bundled glossary.
 */
export function buildPageIndex(userTerms: readonly GlossaryEntry[]): TermIndex {
  return buildIndex([...userTerms, ...bundledGlossary]);
}
