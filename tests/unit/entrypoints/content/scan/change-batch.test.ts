import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeBatch, type Schedule } from '@/entrypoints/content/scan/change-batch';
import { MUTATION_MAX_WAIT_MS, MUTATION_SETTLE_MS } from '@/entrypoints/content/support/timing';

const schedule: Schedule = (ms, callback) => {
  const id = setTimeout(callback, ms);
  return () => clearTimeout(id);
};

/** A batch whose settled batches are recorded with the (fake) time they were handed over. */
function batch() {
  const settled: Array<{ at: number; items: string[] }> = [];
  const changes = new ChangeBatch<string>(schedule, (items) => settled.push({ at: Date.now(), items }));
  return { changes, settled };
}

describe('change batching', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands a lone change over once the page has been quiet for the settle time, not before', () => {
    const { changes, settled } = batch();
    changes.add('a');
    vi.advanceTimersByTime(MUTATION_SETTLE_MS - 1);
    expect(settled).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(settled).toEqual([{ at: MUTATION_SETTLE_MS, items: ['a'] }]);
  });

  it('hands changes close together over as one batch, oldest first, after they stop', () => {
    const { changes, settled } = batch();
    // Four changes 30 ms apart: the last at 90 ms.
    for (const item of ['a', 'b', 'c']) {
      changes.add(item);
      vi.advanceTimersByTime(30);
    }
    changes.add('d');
    // Still changing when the first settle time ran out: it waits for a quiet period.
    vi.advanceTimersByTime(MUTATION_SETTLE_MS - 90 + 10);
    expect(settled).toEqual([]);
    vi.advanceTimersByTime(2 * MUTATION_SETTLE_MS);
    expect(settled).toHaveLength(1);
    expect(settled[0]!.items).toEqual(['a', 'b', 'c', 'd']);
    expect(settled[0]!.at).toBeGreaterThanOrEqual(90 + MUTATION_SETTLE_MS);
  });

  it('under continuous change, hands over what it has at most the max wait after the first change', () => {
    const { changes, settled } = batch();
    // A page that changes every 20 ms for two seconds: never quiet.
    for (let at = 0; at < 2000; at += 20) {
      changes.add(`change at ${at}`);
      vi.advanceTimersByTime(20);
    }
    expect(settled.length).toBeGreaterThanOrEqual(Math.floor(2000 / MUTATION_MAX_WAIT_MS) - 1);
    expect(settled[0]!.at).toBeLessThanOrEqual(MUTATION_MAX_WAIT_MS);
    for (let i = 1; i < settled.length; i++)
      expect(settled[i]!.at - settled[i - 1]!.at).toBeLessThanOrEqual(MUTATION_MAX_WAIT_MS + MUTATION_SETTLE_MS);
    // Nothing lost, nothing twice.
    vi.advanceTimersByTime(MUTATION_MAX_WAIT_MS);
    expect(settled.flatMap((s) => s.items)).toHaveLength(100);
    expect(new Set(settled.flatMap((s) => s.items)).size).toBe(100);
  });

  it('drops a batch that is cleared (the scan stopped) and hands nothing over', () => {
    const { changes, settled } = batch();
    changes.add('a');
    changes.clear();
    vi.advanceTimersByTime(MUTATION_MAX_WAIT_MS * 2);
    expect(settled).toEqual([]);
  });
});
