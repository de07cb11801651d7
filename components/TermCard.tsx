import { t } from '@/common/i18n';
import { MoreText } from '@/components/MoreText';
import type { GlossaryEntry } from '@/glossary/schema';

/**
 * What a card shows: a glossary entry, words the glossary doesn't know, or the page's words for an
 * entry that could not be loaded (the background, which holds the glossary's entries, didn't answer).
 */
export type CardContent =
  | { kind: 'entry'; entry: GlossaryEntry; asWritten?: string }
  | { kind: 'unknown'; words: string }
  | { kind: 'unavailable'; words: string };

export interface TermCardProps {
  content: CardContent;
  /** The entry this card was opened from, when the reader followed a related term. */
  previous?: GlossaryEntry;
  relatedEntries: GlossaryEntry[];
  onOpenRelated: (id: string) => void;
  onBack: () => void;
  onAddOwn: (words: string) => void;
}

/**
 * The hover card. Text only: glossary strings are rendered as text nodes, never as HTML.
 * It is a labelled, non-modal dialog rather than a tooltip because it holds buttons.
 */
export function TermCard({ content, previous, relatedEntries, onOpenRelated, onBack, onAddOwn }: TermCardProps) {
  if (content.kind === 'unknown') {
    return (
      <>
        <h2 id="plain-terms-title">{t('cardUnknownTitle', content.words)}</h2>
        <p class="explanation" id="plain-terms-description">
          {t('cardUnknownExplanation')}
        </p>
        <p>
          <button type="button" class="action" onClick={() => onAddOwn(content.words)}>
            {t('cardAddOwn')}
          </button>
        </p>
      </>
    );
  }
  if (content.kind === 'unavailable') {
    return (
      <>
        <h2 id="plain-terms-title">{content.words}</h2>
        <p class="explanation" id="plain-terms-description">
          {t('cardEntryUnavailable')}
        </p>
      </>
    );
  }
  const { entry, asWritten } = content;
  return (
    <>
      <header>
        {previous && (
          <button type="button" class="back" onClick={onBack}>
            {t('cardBack', previous.term)}
          </button>
        )}
        <h2 id="plain-terms-title">{entry.term}</h2>
        {asWritten && <p class="as-written">{t('cardAsWritten', asWritten)}</p>}
      </header>
      <p class="explanation" id="plain-terms-description">
        {entry.explanation}
      </p>
      {entry.note && (
        <p class="note">
          <strong>{t('cardNoteLabel')}</strong> {entry.note}
        </p>
      )}
      {entry.more && <MoreText key={entry.id} id="plain-terms-more" text={entry.more} />}
      {relatedEntries.length > 0 && (
        <nav aria-label={t('cardRelatedLabel')}>
          <span class="related-label">{t('relatedLabel')}</span>
          <ul>
            {relatedEntries.map((related) => (
              <li key={related.id}>
                <button type="button" onClick={() => onOpenRelated(related.id)}>
                  {related.term}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {entry.source && <SourceLink source={entry.source} />}
    </>
  );
}

/**
 * The reference the entry was checked against, by name. It opens in a new tab, never in place of
 * the page being read, and `noopener` keeps that tab from reaching back to this one.
 */
function SourceLink({ source }: { source: NonNullable<GlossaryEntry['source']> }) {
  return (
    <p class="source">
      {t('cardSourceLabel')}{' '}
      <a href={source.url} target="_blank" rel="noopener noreferrer">
        {source.name}
        <span class="visually-hidden"> {t('linkOpensInNewTab')}</span>
      </a>
      {source.covers && <> {t('cardSourceCovers', source.covers)}</>}
    </p>
  );
}
