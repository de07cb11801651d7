import { describe, expect, it } from 'vitest';
import { nextOccurrence, stepFrom } from '@/entrypoints/content/session/navigate';

/** Terms in document order; `inViewFrom(x)`: the terms before x are scrolled past, above the window. */
const terms = ['a', 'b', 'c', 'd'];
const inViewFrom = (first: string) => (term: string) => term >= first;

describe('next and previous term', () => {
  it('steps to the next and previous term from the current one, wrapping at the ends', () => {
    const anywhere = inViewFrom('a');
    expect(stepFrom(terms, 'b', 1, anywhere)).toBe('c');
    expect(stepFrom(terms, 'b', -1, anywhere)).toBe('a');
    expect(stepFrom(terms, 'd', 1, anywhere)).toBe('a');
    expect(stepFrom(terms, 'a', -1, anywhere)).toBe('d');
  });

  it('without a current term, starts where the reader is: the first term in view, or the one just above it', () => {
    expect(stepFrom(terms, null, 1, inViewFrom('c'))).toBe('c');
    expect(stepFrom(terms, null, -1, inViewFrom('c'))).toBe('b');
    // At the top of the page, "previous" wraps to the last term.
    expect(stepFrom(terms, null, -1, inViewFrom('a'))).toBe('d');
  });

  it('with every term scrolled past, goes to the first (next) or the last (previous)', () => {
    const none = () => false;
    expect(stepFrom(terms, null, 1, none)).toBe('a');
    expect(stepFrom(terms, null, -1, none)).toBe('d');
  });

  it('finds nothing on a page without terms', () => {
    expect(stepFrom([], null, 1, () => true)).toBeNull();
  });
});

describe('the next occurrence of one entry (the popup’s list)', () => {
  const found = [
    { id: 1, entryId: 'inflammation' },
    { id: 2, entryId: 'sciatica' },
    { id: 3, entryId: 'inflammation' },
  ];
  it('goes from the first occurrence to the next, and wraps', () => {
    const first = nextOccurrence(found, 'inflammation', null);
    expect(first?.id).toBe(1);
    const second = nextOccurrence(found, 'inflammation', first);
    expect(second?.id).toBe(3);
    expect(nextOccurrence(found, 'inflammation', second)?.id).toBe(1);
    // From a term of another entry: its first occurrence.
    expect(nextOccurrence(found, 'inflammation', found[1]!)?.id).toBe(1);
    expect(nextOccurrence(found, 'whiplash', null)).toBeNull();
  });
});
