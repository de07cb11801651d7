import type { PageTermCount } from '@/common/messages';

interface Props {
  terms: PageTermCount[];
  onChoose: (entryId: string) => void;
}

/** The terms found on the tab's page; choosing one scrolls the page to its next occurrence. */
export function PageTerms({ terms, onChoose }: Props) {
  return (
    <section aria-labelledby="page-heading">
      <h2 id="page-heading">On this page</h2>
      {terms.length === 0 ? (
        <p class="muted">No glossary terms found on this page.</p>
      ) : (
        <ul class="plain page-terms">
          {terms.map((term) => (
            <li key={term.entryId}>
              <button type="button" class="link" onClick={() => onChoose(term.entryId)}>
                {term.term}
              </button>{' '}
              <span class="muted">{term.count === 1 ? 'once' : `${term.count} times`}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
