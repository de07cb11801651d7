import { describe, expect, it } from 'vitest';
import { CardTrail } from '@/entrypoints/content/card/card-trail';

describe('the card’s related-terms trail', () => {
  it('shows each related entry opened, and Back returns along the way it came', () => {
    const trail = new CardTrail<string>();
    trail.start('inflammation');
    // What the card opened on: nothing related shown, nothing to go back to.
    expect([trail.shown, trail.previous]).toEqual([undefined, undefined]);
    trail.open('swelling');
    trail.open('lymphatic drainage');
    expect([trail.shown, trail.previous]).toEqual(['lymphatic drainage', 'swelling']);
    trail.back();
    expect([trail.shown, trail.previous]).toEqual(['swelling', 'inflammation']);
    trail.back();
    // Back at the start: the card shows what it opened on (with the page's own words for it).
    expect([trail.shown, trail.previous]).toEqual([undefined, undefined]);
    trail.back();
    expect([trail.shown, trail.previous]).toEqual([undefined, undefined]);
  });

  it('starts afresh for each card', () => {
    const trail = new CardTrail<string>();
    trail.start('inflammation');
    trail.open('swelling');
    trail.start('sciatica');
    expect([trail.shown, trail.previous]).toEqual([undefined, undefined]);
    trail.start(null);
    trail.open('swelling');
    expect(trail.previous).toBeUndefined();
  });
});
