import { t, tCount } from '@/common/i18n';
import type { PageTermCount } from '@/common/messages';
import type { GlossaryEntry } from '@/glossary/schema';

/** A term found on the page, by the name of its entry. */
export interface NamedTermCount extends PageTermCount {
  term: string;
}

/**
 * The page's terms by name, most frequent first. The page sends ids and counts only (it holds no
 * entries); the popup has every entry already, for its search. An id with no entry (the entries
 * file could not be read) is shown as it is rather than left out.
 */
export function namedPageTerms(terms: readonly PageTermCount[], entries: readonly GlossaryEntry[]): NamedTermCount[] {
  const names = new Map(entries.map((entry) => [entry.id, entry.term]));
  return terms
    .map((term) => ({ ...term, term: names.get(term.entryId) ?? term.entryId }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
}

interface Props {
  terms: NamedTermCount[];
  onChoose: (entryId: string) => void;
}

/** The terms found on the tab's page; choosing one scrolls the page to its next occurrence. */
export function PageTerms({ terms, onChoose }: Props) {
  return (
    <section aria-labelledby="page-heading">
      <h2 id="page-heading">{t('pageTermsHeading')}</h2>
      {terms.length === 0 ? (
        <p class="muted">{t('pageTermsNone')}</p>
      ) : (
        <ul class="plain page-terms">
          {terms.map((term) => (
            <li key={term.entryId}>
              <button type="button" class="link" onClick={() => onChoose(term.entryId)}>
                {term.term}
              </button>{' '}
              <span class="muted">{tCount('pageTermsCount', term.count)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
