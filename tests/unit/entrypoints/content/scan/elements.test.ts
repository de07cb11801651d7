import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HAS_TEXT, hasText } from '@/entrypoints/content/scan/elements';

describe('whether a text has anything but whitespace', () => {
  it('answers as the regular expression does, for any text', () => {
    const spaces = fc.constantFrom(' ', '\n', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b');
    const text = fc.array(fc.oneof(spaces, fc.string({ maxLength: 3 }), fc.string({ maxLength: 2, unit: 'binary' })), {
      maxLength: 8,
    });
    fc.assert(
      fc.property(text, (parts) => {
        const data = parts.join('');
        expect(hasText(data)).toBe(HAS_TEXT.test(data));
      }),
      { numRuns: 2000 },
    );
    expect(['', ' ', '\n  \t', '\u00a0\u3000'].map(hasText)).toEqual([false, false, false, false]);
    expect(['a', ' a', '\u00e9', '\u200b'].map(hasText)).toEqual([true, true, true, true]);
  });
});
