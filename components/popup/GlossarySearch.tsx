import MiniSearch from 'minisearch';
import { useMemo, useState } from 'preact/hooks';
import { t, tCount } from '@/common/i18n';
import { MoreText } from '@/components/MoreText';
import type { GlossaryEntry } from '@/glossary/schema';

interface Props {
  entries: GlossaryEntry[];
}

/** Instant, typo-tolerant search over terms, their other names and their explanations. */
export function GlossarySearch({ entries }: Props) {
  const [query, setQuery] = useState('');
  const byId = useMemo(() => new Map(entries.map((entry) => [entry.id, entry])), [entries]);
  const search = useMemo(() => {
    const index = new MiniSearch<GlossaryEntry>({
      fields: ['term', 'names', 'explanation'],
      extractField: (entry, field) =>
        field === 'names'
          ? [...(entry.forms ?? []), ...(entry.aliases ?? []), ...(entry.abbreviations ?? [])].join(' ')
          : String(entry[field as keyof GlossaryEntry] ?? ''),
      searchOptions: { boost: { term: 3, names: 2 }, prefix: true, fuzzy: 0.2 },
    });
    index.addAll(entries);
    return index;
  }, [entries]);

  const results = query.trim() ? search.search(query.trim()).slice(0, 20) : [];
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
      {query.trim() !== '' && (
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
