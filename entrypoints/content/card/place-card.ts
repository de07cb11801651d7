/**
 * Where the card goes: below its words, or above them when there is more room there, within the
 * visible part of the window, and no taller than the room on its side (it scrolls within that).
 * Pure arithmetic on rectangles in the window's CSS pixels (client coordinates, as the card's
 * `position: fixed` in the top layer takes them), so it can be tested without a layout engine;
 * card-view.tsx reads the rectangles and applies the result.
 *
 * It was Floating UI: its general case (any scroll container, transforms, strategies) is code V8
 * compiled and optimised for every card a page showed, about 0.19 MB of the tab's heap that stayed
 * after 50 cards in Chromium (docs/performance.md, "Memory in every tab"). The card needs only this.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Placement {
  /** The card's corner, in the window's CSS pixels. */
  x: number;
  y: number;
  /** The room on the chosen side: the card's height at most (it scrolls within it). */
  maxHeight: number;
  side: 'below' | 'above';
}

/** Between the words and the card. */
export const CARD_OFFSET = 6;
/** Between the card and the edges of the visible window. */
export const EDGE_PADDING = 8;

/**
 * Places a card of `card`'s size (its full height, as if nothing were cut off) next to `words`,
 * within `visible`. `scale` is the card's own zoom (a zoomed-out touch page): its offset and padding
 * grow with it, as its text does.
 */
export function placeCard(words: Rect, card: { width: number; height: number }, visible: Rect, scale = 1): Placement {
  const offset = CARD_OFFSET * scale;
  const padding = EDGE_PADDING * scale;
  const visibleBottom = visible.top + visible.height;
  const roomBelow = visibleBottom - padding - (words.top + words.height + offset);
  const roomAbove = words.top - offset - (visible.top + padding);
  // Below when it fits there; otherwise on the roomier side (below on a tie, as it reads on).
  const side = card.height <= roomBelow || roomBelow >= roomAbove ? 'below' : 'above';
  const room = Math.max(0, side === 'below' ? roomBelow : roomAbove);
  const height = Math.min(card.height, room);
  const y = side === 'below' ? words.top + words.height + offset : words.top - offset - height;
  // Starts where the words start, moved left as far as needed to stay on screen, never past the left edge.
  const rightmost = visible.left + visible.width - padding - card.width;
  const x = Math.max(visible.left + padding, Math.min(words.left, rightmost));
  return { x, y, maxHeight: room, side };
}

/**
 * What a card goes next to: a term broken over two lines has a rectangle per line, and the card goes
 * by the one under the pointer (else the nearest to it); opened without a pointer (from the
 * keyboard), by the whole term, top line to bottom line, starting where its last line starts.
 * Empty rectangles (a collapsed space at a line's end) are left out.
 */
export function lineOf(rects: readonly Rect[], pointer?: { x: number; y: number }): Rect | null {
  const lines = rects.filter((rect) => rect.width > 0 && rect.height > 0);
  if (lines.length === 0) return null;
  if (!pointer) {
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    return { left: last.left, top: first.top, width: last.width, height: last.top + last.height - first.top };
  }
  let nearest = lines[0]!;
  let nearestDistance = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    const dx = Math.max(line.left - pointer.x, 0, pointer.x - (line.left + line.width));
    const dy = Math.max(line.top - pointer.y, 0, pointer.y - (line.top + line.height));
    const distance = dx * dx + dy * dy;
    if (distance < nearestDistance) {
      nearest = line;
      nearestDistance = distance;
    }
  }
  return nearest;
}

/**
 * Whether the words are wholly out of sight: outside the visible window, or outside a box that clips
 * them (a scrolling panel they were scrolled out of), in client coordinates.
 */
export function isOutOfSight(words: Rect, visible: Rect, clips: readonly Rect[] = []): boolean {
  return [visible, ...clips].some(
    (box) =>
      words.top + words.height <= box.top ||
      words.top >= box.top + box.height ||
      words.left + words.width <= box.left ||
      words.left >= box.left + box.width,
  );
}
