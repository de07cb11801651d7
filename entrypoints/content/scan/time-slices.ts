import { SCAN_SLICE_MS } from '../support/timing';

/**
 * How many runs of text the first scan reads between looks at the clock, or sooner, how many text
 * nodes: most runs take a few microseconds, but a story's paragraph of 256 lines took 2 ms in
 * Firefox, and 8 of those made a 26 ms slice.
 */
const CLOCK_EVERY_RUNS = 8;
const CLOCK_EVERY_NODES = 64;

/**
 * Time slices: reading stops after `SCAN_SLICE_MS` of main-thread time so the page can run (the
 * caller then yields to it). The clock is read every few runs: in Firefox each read from a content
 * script is a call through a security wrapper, and most runs take a few microseconds.
 */
export class SliceClock {
  /** When the current slice began. */
  started = 0;
  /** Runs (or blocks) read in the current slice. */
  count = 0;
  private nodesSinceClock = 0;

  /** Starts a new slice. */
  begin(): void {
    this.started = performance.now();
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
    return performance.now() - this.started >= SCAN_SLICE_MS;
  }
}
