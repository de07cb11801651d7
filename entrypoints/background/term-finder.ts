import { loadUserTerms, NO_GLOSSARY, readGlossaryTrie } from '@/common/store';
import { findTermsInTexts, indexOfTrieFile, type TermIndex, type TermsInText, withOwnTerms } from '@/glossary/matcher';

/**
 * The match step, for every page: a page sends the texts it read, and the background finds the
 * glossary's terms in them. One index for every tab and frame, parsed once while the background
 * runs, not once per frame; and the matcher's code compiled once here, not on every page load,
 * which in Chromium cost a page more than the matching itself (docs/performance.md).
 */
export async function findTermsForPage(texts: readonly string[]): Promise<(TermsInText | null)[]> {
  return findTermsInTexts(await pageIndex(), texts);
}

/** Own terms changed: texts sent from now on are matched against the new ones. */
export function forgetOwnTerms(): void {
  withOwn = null;
}

/** The bundled glossary's index, parsed once while the background runs. */
let bundled: Promise<TermIndex> | null = null;
/** It with the reader's own terms laid over it (`withOwnTerms`), until they change. */
let withOwn: Promise<TermIndex> | null = null;

function pageIndex(): Promise<TermIndex> {
  if (withOwn) return withOwn;
  const reading = Promise.all([bundledIndex(), loadUserTerms()]).then(([glossary, ownTerms]) =>
    withOwnTerms(glossary, ownTerms),
  );
  withOwn = reading;
  // What couldn't be read this time (the glossary's file, storage) is read again for the next texts.
  const readAgain = () => {
    if (withOwn === reading) withOwn = null;
  };
  void reading.then(() => {
    if (!bundled) readAgain();
  }, readAgain);
  return reading;
}

function bundledIndex(): Promise<TermIndex> {
  bundled ??= readGlossaryTrie().then((trie) => {
    if (trie === NO_GLOSSARY) bundled = null;
    return indexOfTrieFile(trie);
  });
  return bundled;
}
