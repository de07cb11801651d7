import { describe, expect, it } from 'vitest';
import { CARD_OFFSET, EDGE_PADDING, isOutOfSight, lineOf, placeCard } from '@/entrypoints/content/card/place-card';

/** A laptop window, nothing zoomed. */
const WINDOW = { left: 0, top: 0, width: 1280, height: 800 };
const CARD = { width: 360, height: 200 };
const words = (left: number, top: number, width = 80, height = 20) => ({ left, top, width, height });

describe('placeCard', () => {
  it('puts the card just below the words, starting where they start', () => {
    const placed = placeCard(words(100, 300), CARD, WINDOW);
    expect(placed).toMatchObject({ side: 'below', x: 100, y: 320 + CARD_OFFSET });
    expect(placed.maxHeight).toBe(800 - EDGE_PADDING - (320 + CARD_OFFSET));
  });

  it('goes above words near the bottom of the window, its bottom just over them', () => {
    const placed = placeCard(words(100, 700), CARD, WINDOW);
    expect(placed.side).toBe('above');
    expect(placed.y + CARD.height).toBe(700 - CARD_OFFSET);
  });

  it('a card too tall for either side takes the roomier one and is cut to its room (it scrolls)', () => {
    const tall = { width: 360, height: 900 };
    const low = placeCard(words(100, 600), tall, WINDOW);
    expect(low.side).toBe('above');
    expect(low.y).toBe(EDGE_PADDING);
    expect(low.maxHeight).toBe(600 - CARD_OFFSET - EDGE_PADDING);
    const high = placeCard(words(100, 150), tall, WINDOW);
    expect(high.side).toBe('below');
    expect(high.maxHeight).toBe(800 - EDGE_PADDING - (170 + CARD_OFFSET));
  });

  it('moves left to stay on screen at the right edge, and never past the left edge', () => {
    expect(placeCard(words(1200, 300), CARD, WINDOW).x).toBe(1280 - EDGE_PADDING - CARD.width);
    expect(placeCard(words(-40, 300), CARD, WINDOW).x).toBe(EDGE_PADDING);
    // A phone narrower than the card: its left edge stays on screen (the card's CSS caps its width).
    expect(placeCard(words(200, 300), CARD, { left: 0, top: 0, width: 320, height: 640 }).x).toBe(EDGE_PADDING);
  });

  it('keeps within the part of the window on screen when a phone is pinch-zoomed', () => {
    const visible = { left: 400, top: 1000, width: 180, height: 320 };
    const placed = placeCard(words(420, 1100), { width: 160, height: 100 }, visible);
    expect(placed.x).toBe(visible.left + visible.width - EDGE_PADDING - 160);
    expect(placed.y).toBe(1120 + CARD_OFFSET);
  });

  it('a zoomed card keeps its offset and margins in proportion', () => {
    const placed = placeCard(words(100, 300), CARD, WINDOW, 2);
    expect(placed.y).toBe(320 + 2 * CARD_OFFSET);
    expect(placed.maxHeight).toBe(800 - 2 * EDGE_PADDING - (320 + 2 * CARD_OFFSET));
  });
});

describe('lineOf', () => {
  const first = words(600, 100, 120, 20);
  const second = words(0, 122, 90, 20);

  it('takes the line of a broken term under the pointer, else the nearest', () => {
    expect(lineOf([first, second], { x: 30, y: 130 })).toBe(second);
    expect(lineOf([first, second], { x: 650, y: 110 })).toBe(first);
    expect(lineOf([first, second], { x: 100, y: 135 })).toBe(second);
  });

  it('without a pointer, takes the whole term: a card below it covers neither line', () => {
    const whole = lineOf([first, second])!;
    expect(whole).toEqual({ left: 0, top: 100, width: 90, height: 42 });
    expect(placeCard(whole, CARD, WINDOW).y).toBe(142 + CARD_OFFSET);
  });

  it('leaves out empty boxes, and has no line without any', () => {
    const collapsed = words(720, 100, 0, 20);
    expect(lineOf([collapsed, second], { x: 720, y: 110 })).toBe(second);
    expect(lineOf([collapsed])).toBeNull();
    expect(lineOf([words(10, 10)])).toEqual(words(10, 10));
  });
});

describe('isOutOfSight', () => {
  it('tells words scrolled off the screen from words partly on it', () => {
    expect(isOutOfSight(words(100, -30), WINDOW)).toBe(true);
    expect(isOutOfSight(words(100, 810), WINDOW)).toBe(true);
    expect(isOutOfSight(words(100, -10), WINDOW)).toBe(false);
    expect(isOutOfSight(words(100, 790), WINDOW)).toBe(false);
  });

  it('words scrolled out of a panel that clips them are out of sight, though the panel is on screen', () => {
    const panel = { left: 50, top: 200, width: 300, height: 100 };
    expect(isOutOfSight(words(60, 150), WINDOW, [panel])).toBe(true);
    expect(isOutOfSight(words(60, 320), WINDOW, [panel])).toBe(true);
    expect(isOutOfSight(words(60, 290), WINDOW, [panel])).toBe(false);
  });
});
