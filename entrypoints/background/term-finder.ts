import { loadUserTerms, NO_GLOSSARY, readGlossaryTrie } from '@/common/store';
import { findTermsInTexts, indexOfTrieFile, type TermIndex, type TermsInText, withOwnTerms } from '@/glossary/matcher';

/**
 * The match step, for every page: a page sends the texts it read, and the background finds the
 * glossary's terms in them. One index for every tab and frame, parsed once while the background
 * runs, not once per frame; and the matcher's code compiled once here, not on every page load,
 * which in Chromium cost a page more than the matching itself (README, Performance).
 */
export async function findTermsForPage(texts: readonly string[]): Promise<(TermsInText | null)[]> {
  return findTermsInTexts(await pageIndex(), texts);
}

/** Own terms changed: texts sent from now on are matched against the new ones. */
export function forgetOwnTerms(): void {
  index = null;
}

/** The bundled glossary's index, parsed once; own terms are laid over it (`withOwnTerms`). */
let bundled: Promise<TermIndex> | null = null;
let index: Promise<TermIndex> | null = null;

function pageIndex(): Promise<TermIndex> {
  if (index) return index;
  bundled ??= readGlossaryTrie().then((trie) => {
    // The file could not be read this time: texts sent later try again.
    if (trie === NO_GLOSSARY) bundled = null;
    return indexOfTrieFile(trie);
  });
  const reading: Promise<TermIndex> = Promise.all([bundled, loadUserTerms()]).then(
    ([glossary, ownTerms]) => {
      if (bundled === null && index === reading) index = null;
      return withOwnTerms(glossary, ownTerms);
    },
    (error: unknown) => {
      // Storage failed this time: texts sent later try again.
      if (index === reading) index = null;
      throw error;
    },
  );
  index = reading;
  return reading;
}
