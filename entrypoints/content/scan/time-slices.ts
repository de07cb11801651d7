import type { IdlePeriod } from '../support/context-timer';
import { SCAN_IDLE_SLICE_MIN_MS, SCAN_SLICE_MS } from '../support/timing';

/**
 * How many runs of text the first scan reads between looks at the clock, or sooner, how many text
 * nodes: most runs take a few microseconds, but a story's paragraph of 256 lines took 2 ms in
 * Firefox, and 8 of those made a 26 ms slice.
 */
const CLOCK_EVERY_RUNS = 8;
const CLOCK_EVERY_NODES = 64;

/**
 * Time slices: reading stops after `SCAN_SLICE_MS` of main-thread time so the page can run (the
 * caller then yields to it), or sooner, when the slice runs in an idle period that ends sooner (the
 * next frame is due). The clock is read every few runs: in Firefox each read from a content
 * script is a call through a security wrapper, and most runs take a few microseconds.
 */
export class SliceClock {
  /** When the current slice began. */
  started = 0;
  /** How long the current slice may run. */
  private length = SCAN_SLICE_MS;
  /** Runs (or blocks) read in the current slice. */
  count = 0;
  private nodesSinceClock = 0;

  /** Starts a new slice, in `idle` if it runs in an idle period (`yieldToIdle`). */
  begin(idle: IdlePeriod | null = null): void {
    this.started = performance.now();
    this.length =
      idle === null || idle.didTimeout
        ? SCAN_SLICE_MS
        : Math.max(SCAN_IDLE_SLICE_MIN_MS, Math.min(SCAN_SLICE_MS, idle.timeRemaining()));
    this.count = 0;
    this.nodesSinceClock = 0;
  }

  /** Notes a run of `nodes` text nodes read. */
  noteRun(nodes: number): void {
    this.nodesSinceClock += nodes;
  }

  /** After each run: whether the slice is used up (the clock is read only every few runs). */
  sliceOverAfterRun(): boolean {
    if (++this.count % CLOCK_EVERY_RUNS !== 0 && this.nodesSinceClock < CLOCK_EVERY_NODES) return false;
    this.nodesSinceClock = 0;
    return this.sliceOver();
  }

  /** Whether the slice is used up, reading the clock now. */
  sliceOver(): boolean {
    return performance.now() - this.started >= this.length;
  }
}
