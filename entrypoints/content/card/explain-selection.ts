import { inHealthSense } from '@/glossary/senses';
import type { FindTerms } from '../match/match-run';
import type { CardAnchor, CardRequest } from './card-host';

/** Longer selections are sentences, not terms; the card explains the first term in them. */
const MAX_SELECTION_CHARS = 200;

/**
 * What to show for the reader's selection: the entry the selected words name (or the first term
 * inside them), or an "unknown" card that offers to add an explanation of their own. Null when
 * there is nothing to explain, or the words couldn't be looked up (no answer from the background).
 */
export async function explainSelection(
  doc: Document,
  find: FindTerms,
  /** Whether the page's terms settle the health sense of words that need context (as for underlines). */
  pageSettled: boolean,
  /** Only when the selected words are a term, whole (a selection made by touch, explained unasked). */
  { wholeTermOnly = false } = {},
): Promise<{ request: CardRequest; anchor: CardAnchor } | null> {
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const words = selection.toString().replace(/\s+/g, ' ').trim().slice(0, MAX_SELECTION_CHARS);
  if (!/[\p{L}\p{N}]/u.test(words)) return null;
  const range = selection.getRangeAt(0).cloneRange();
  const container = range.commonAncestorContainer;
  const element = container.nodeType === Node.ELEMENT_NODE ? (container as Element) : container.parentElement;
  if (!element) return null;

  // The selection is read above, before this wait: it may change meanwhile.
  const found = await find([words]);
  if (!found) return null;
  // The same rule as for underlines: a word with an everyday sense is explained where the page or the selection settles it.
  const matches = inHealthSense(found[0]?.matches ?? [], pageSettled);
  const whole = matches.find((m) => m.start === 0 && m.end === words.length);
  if (wholeTermOnly && !whole) return null;
  const match = whole ?? matches[0];
  const termWords = match && words.slice(match.start, match.end);
  const request: CardRequest = match
    ? {
        kind: 'entry',
        entryId: match.entryId,
        words: termWords!,
        asWritten: match.kind === 'alias' || match.kind === 'abbreviation' ? termWords : undefined,
      }
    : { kind: 'unknown', words };
  return { request, anchor: { range: () => range, element } };
}
