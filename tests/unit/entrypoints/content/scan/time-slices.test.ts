import { afterEach, describe, expect, it, vi } from 'vitest';
import { SliceClock } from '@/entrypoints/content/scan/time-slices';
import { SCAN_IDLE_SLICE_MIN_MS, SCAN_SLICE_MS } from '@/entrypoints/content/support/timing';

/** A clock the test moves by hand. */
function handClock() {
  let now = 1000;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  return (ms: number) => {
    now += ms;
  };
}

/** How long a slice begun with `idle` runs before it is over, to the millisecond. */
function sliceLength(idle: Parameters<SliceClock['begin']>[0]): number {
  const advance = handClock();
  const clock = new SliceClock();
  clock.begin(idle);
  let ran = 0;
  while (!clock.sliceOver() && ran < 100) {
    advance(1);
    ran++;
  }
  return ran;
}

describe('time slices', () => {
  afterEach(() => vi.restoreAllMocks());

  it('run their full length outside an idle period', () => {
    expect(sliceLength(null)).toBe(SCAN_SLICE_MS);
  });

  it('end with an idle period that ends sooner, so the next frame is not held back', () => {
    expect(SCAN_SLICE_MS).toBeGreaterThan(5);
    expect(sliceLength({ timeRemaining: () => 5, didTimeout: false })).toBe(5);
    // A long idle period (no frame due) still gives a slice no more than its length.
    expect(sliceLength({ timeRemaining: () => 49, didTimeout: false })).toBe(SCAN_SLICE_MS);
  });

  it('still read a little in an idle period already over, and run their length when the wait ran out', () => {
    expect(sliceLength({ timeRemaining: () => 0, didTimeout: false })).toBe(SCAN_IDLE_SLICE_MIN_MS);
    expect(sliceLength({ timeRemaining: () => 0, didTimeout: true })).toBe(SCAN_SLICE_MS);
  });
});
