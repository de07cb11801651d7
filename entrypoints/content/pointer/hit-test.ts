import type { TermRegistry } from '../match/found-terms';
import type { FoundTerm } from '../match/match-run';

interface Caret {
  node: Node;
  offset: number;
}

/** The caret under a point: the standard call first, then Chromium's older one. */
function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[]): Caret | null {
  if (typeof doc.caretPositionFromPoint === 'function') {
    // Named shadow roots let the caret land in their text rather than on their host.
    const position = doc.caretPositionFromPoint(x, y, { shadowRoots });
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const legacy = (
    doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }
  ).caretRangeFromPoint?.(x, y);
  return legacy ? { node: legacy.startContainer, offset: legacy.startOffset } : null;
}

/**
 * A live copy of a term's range, for layout questions a StaticRange can't answer. Null when the
 * page changed the text since it was read (the rescan is pending): a StaticRange isn't updated.
 */
export function liveRange(term: FoundTerm): Range | null {
  const { startContainer, startOffset, endContainer, endOffset } = term.range;
  if (!startContainer.isConnected || !endContainer.isConnected) return null;
  if (startOffset > (startContainer as Text).length || endOffset > (endContainer as Text).length) return null;
  const range = term.run.block.ownerDocument.createRange();
  range.setStart(startContainer, startOffset);
  range.setEnd(endContainer, endOffset);
  return range;
}

/**
 * Step 4 of the flow: which found term is under the pointer, if any.
 * The caret snaps to the nearest text even beside a word or past the end of a line, so the
 * point must also lie inside one of the term's line boxes.
 */
export function termAtPoint(
  doc: Document,
  registry: TermRegistry,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[] = [],
  /** How far outside the term's line boxes still counts (a fingertip is no pixel). */
  slop = 0,
): FoundTerm | null {
  const caret = caretAt(doc, x, y, shadowRoots);
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return null;
  for (const term of registry.termsAround(caret.node as Text, caret.offset)) {
    for (const rect of liveRange(term)?.getClientRects() ?? []) {
      if (x >= rect.left - slop && x <= rect.right + slop && y >= rect.top - slop && y <= rect.bottom + slop)
        return term;
    }
  }
  return null;
}

/** The found term whose words hold all of `range` (a selection inside "chronic pain"), if any. */
export function termHolding(registry: TermRegistry, range: Range): FoundTerm | null {
  if (range.startContainer.nodeType !== Node.TEXT_NODE) return null;
  for (const term of registry.termsAround(range.startContainer as Text, range.startOffset)) {
    const words = liveRange(term);
    if (
      words &&
      words.compareBoundaryPoints(Range.START_TO_START, range) <= 0 &&
      words.compareBoundaryPoints(Range.END_TO_END, range) >= 0
    )
      return term;
  }
  return null;
}
