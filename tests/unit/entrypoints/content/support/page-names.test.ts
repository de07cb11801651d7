import { describe, expect, it } from 'vitest';
import { MAX_NUDGE, nudged, UNDERLINE_COLOURS } from '@/entrypoints/content/highlight/highlight';
import { newPageNames, PAGE_NAMES } from '@/entrypoints/content/support/page-names';

/** A CSS identifier of lowercase letters (and hyphens), as `::highlight()` and tag names take. */
const IDENT = /^[a-z][a-z-]*$/;

describe('the names a page can read', () => {
  it('are new on every page load, and say nothing about us', () => {
    const loads = Array.from({ length: 200 }, newPageNames);
    for (const names of [...loads, PAGE_NAMES]) {
      expect(names.terms).toMatch(IDENT);
      expect(names.active).toMatch(IDENT);
      expect(names.terms).not.toBe(names.active);
      // A custom element's name: lowercase, a hyphen inside, so it may hold a shadow root.
      expect(names.cardHost).toMatch(/^[a-z]+-[a-z]+$/);
      expect(Object.values(names).join(' ')).not.toMatch(/plain|term|card|glossary/);
    }
    for (const key of ['terms', 'active', 'cardHost'] as const)
      expect(new Set(loads.map((names) => names[key])).size).toBe(loads.length);
    // Not one length either.
    expect(new Set(loads.map((names) => names.terms.length)).size).toBeGreaterThan(3);
  });

  it('keep the underline at 3:1 or more however its colour is nudged (WCAG 1.4.11)', () => {
    const luminance = (css: string) => {
      const [r, g, b] = css.match(/\d+/g)!.map((c) => {
        const s = Number(c) / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
      return (x + 0.05) / (y + 0.05);
    };
    const extremes = [-MAX_NUDGE, MAX_NUDGE];
    for (const r of extremes)
      for (const g of extremes)
        for (const b of extremes) {
          const nudge = [r, g, b] as const;
          for (const ground of ['rgb(255 255 255)', 'rgb(221 221 221)'])
            expect(contrast(nudged(UNDERLINE_COLOURS.light, nudge), ground)).toBeGreaterThanOrEqual(3);
          for (const ground of ['rgb(0 0 0)', 'rgb(85 85 85)'])
            expect(contrast(nudged(UNDERLINE_COLOURS.dark, nudge), ground)).toBeGreaterThanOrEqual(3);
        }
  });
});
