import { indexFromPrepared, type PreparedGlossary, prepareForms, type TermIndex } from './matcher';
import type { GlossaryEntry } from './schema';

/**
 * The glossary a page is matched against: the user's own terms first, so where both claim a
 * surface form (or an id) the user's entry wins, then the bundled glossary, whose forms were
 * prepared at build time (see `glossaryPackage`).
 */
export function buildPageIndex(userTerms: readonly GlossaryEntry[], bundled: PreparedGlossary): TermIndex {
  return indexFromPrepared([{ entries: userTerms, forms: prepareForms(userTerms) }, bundled]);
}

/** What the build writes to glossary.json for pages: entries without their sources, forms prepared. */
export function glossaryPackage(entries: readonly GlossaryEntry[]): PreparedGlossary {
  return { entries: entries.map(({ source: _source, ...entry }) => entry), forms: prepareForms(entries) };
}
