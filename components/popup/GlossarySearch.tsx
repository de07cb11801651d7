import type MiniSearch from 'minisearch';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t, tCount } from '@/common/i18n';
import { MoreText } from '@/components/MoreText';
import type { GlossaryEntry } from '@/glossary/schema';
import { glossarySearchIndexInSlices } from './search-index';

interface Props {
  entries: GlossaryEntry[];
}

/** Instant, typo-tolerant search over terms, their other names and their explanations. */
export function GlossarySearch({ entries }: Props) {
  const [query, setQuery] = useState('');
  const byId = useMemo(() => new Map(entries.map((entry) => [entry.id, entry])), [entries]);
  // Built after the popup shows, in slices; what is typed meanwhile is searched once it is ready.
  const [search, setSearch] = useState<MiniSearch<GlossaryEntry> | null>(null);
  useEffect(() => {
    let current = true;
    void glossarySearchIndexInSlices(entries).then((index) => current && setSearch(index));
    return () => {
      current = false;
    };
  }, [entries]);

  const results = search && query.trim() ? search.search(query.trim()).slice(0, 20) : [];
  return (
    <section aria-labelledby="search-heading">
      <h2 id="search-heading">{t('searchHeading')}</h2>
      <input
        type="search"
        aria-label={t('searchHeading')}
        placeholder={tCount('searchPlaceholder', entries.length)}
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
        style={{ width: '100%' }}
      />
      {query.trim() !== '' && search && (
        <p class="muted" role="status">
          {results.length === 0 ? t('searchNone') : tCount('searchFound', results.length)}
        </p>
      )}
      <ul class="plain results">
        {results.map((result) => {
          const entry = byId.get(result.id as string);
          if (!entry) return null;
          return (
            <li key={entry.id}>
              <h3>{entry.term}</h3>
              <p>{entry.explanation}</p>
              {entry.note && <p class="note">{entry.note}</p>}
              {entry.more && <MoreText id={`more-${entry.id}`} text={entry.more} />}
              {(entry.related ?? []).length > 0 && (
                <p class="muted">
                  {t('relatedLabel')}{' '}
                  {(entry.related ?? []).map((id, i) => {
                    const related = byId.get(id);
                    return related ? (
                      <span key={id}>
                        {i > 0 && ', '}
                        <button type="button" class="link" onClick={() => setQuery(related.term)}>
                          {related.term}
                        </button>
                      </span>
                    ) : null;
                  })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
