import type { GlossaryEntry } from '@/glossary/schema';

export interface TermCardProps {
  entry: GlossaryEntry;
  /** The words on the page, shown beside the entry's name when they are another name for it. */
  asWritten?: string;
  /** The entry this card was opened from, when the reader followed a related term. */
  previous?: GlossaryEntry;
  relatedEntries: GlossaryEntry[];
  onOpenRelated: (id: string) => void;
  onBack: () => void;
}

/**
 * The hover card. Text only: glossary strings are rendered as text nodes, never as HTML.
 * It is a labelled, non-modal dialog rather than a tooltip because it holds buttons.
 */
export function TermCard({ entry, asWritten, previous, relatedEntries, onOpenRelated, onBack }: TermCardProps) {
  return (
    <>
      <header>
        {previous && (
          <button type="button" class="back" onClick={onBack}>
            ← {previous.term}
          </button>
        )}
        <h2 id="plain-terms-title">{entry.term}</h2>
        {asWritten && <p class="as-written">as in “{asWritten}”</p>}
      </header>
      <p class="explanation">{entry.explanation}</p>
      {entry.note && (
        <p class="note">
          <strong>Good to know: </strong>
          {entry.note}
        </p>
      )}
      {relatedEntries.length > 0 && (
        <nav aria-label="Related terms">
          <span class="related-label">Related:</span>
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
    </>
  );
}
