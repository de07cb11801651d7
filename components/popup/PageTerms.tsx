import { t, tCount } from '@/common/i18n';
import type { PageTermCount } from '@/common/messages';

interface Props {
  terms: PageTermCount[];
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
