import type { FoundTerm } from '../match/match-run';
import { liveRange } from '../pointer/hit-test';

/**
 * The term after (or before) `from` in document order, wrapping at the ends (the shortcuts for the
 * next and previous term). Without a current term, stepping starts from the first term in view, so
 * the reader begins where they are reading: `inViewOrBelow` says whether a term's words end below
 * the top of the window.
 */
export function stepFrom<T>(
  terms: readonly T[],
  from: T | null,
  direction: 1 | -1,
  inViewOrBelow: (term: T) => boolean,
): T | null {
  if (terms.length === 0) return null;
  const at = from ? terms.indexOf(from) : -1;
  if (at >= 0) return terms[(at + direction + terms.length) % terms.length]!;
  const firstInView = terms.findIndex(inViewOrBelow);
  if (firstInView < 0) return direction === 1 ? terms[0]! : terms.at(-1)!;
  return direction === 1 ? terms[firstInView]! : terms[(firstInView - 1 + terms.length) % terms.length]!;
}

/** The next occurrence of an entry after `from`, wrapping: what the popup's "On this page" list jumps to. */
export function nextOccurrence<T extends { entryId: string }>(
  terms: readonly T[],
  entryId: string,
  from: T | null,
): T | null {
  const occurrences = terms.filter((term) => term.entryId === entryId);
  if (occurrences.length === 0) return null;
  const at = from ? occurrences.indexOf(from) : -1;
  return occurrences[(at + 1) % occurrences.length]!;
}

/** Whether a term's words end below the top of the window (in view, or further down). */
export function inViewOrBelow(term: FoundTerm): boolean {
  return (liveRange(term)?.getBoundingClientRect().bottom ?? -1) >= 0;
}

/** Scrolls a term into view when it isn't, without smooth-scrolling (users who asked for reduced motion get none). */
export function bringIntoView(term: FoundTerm): void {
  const rect = liveRange(term)?.getBoundingClientRect();
  const view = term.run.block.ownerDocument.defaultView;
  if (!rect || !view) return;
  if (rect.top >= 0 && rect.bottom <= view.innerHeight && rect.left >= 0 && rect.right <= view.innerWidth) return;
  const element = term.range.startContainer.parentElement ?? term.run.block;
  element.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
}
