/**
 * User Timing entries (`plain-terms:load`, `:start`, `:ready`, `:scan`, `:underline`, the
 * `:scanned` mark, the `:stopped` mark (`benchStopsAfter`), the benchmark's `:floor`, and `:card-view`, the loading of the card view), made in the benchmark build only (`WXT_BENCH=1`,
 * `.output-bench/`). Every entry is readable by the page's own scripts (`performance.getEntries()`),
 * so a shipped build that made them would tell every page it reads that Plain Terms is there.
 * Elsewhere these functions do nothing, and the bundler drops their bodies.
 */
export type MeasureName = 'load' | 'start' | 'ready' | 'scan' | 'underline' | 'floor' | 'card-view';

/** How many entries of one name are kept before they are cleared. */
const MAX_ENTRIES = 1000;
const counts = new Map<MeasureName, number>();

/** What the span from `start` until now cost the page, with `detail` for the benchmark. */
export function measure(name: MeasureName, start: number, detail?: object): void {
  if (!import.meta.env.WXT_BENCH) return;
  const entry = `plain-terms:${name}`;
  // The browser keeps entries until they are cleared: a page that changes all day doesn't collect them.
  const count = (counts.get(name) ?? 0) + 1;
  counts.set(name, count > MAX_ENTRIES ? 1 : count);
  if (count > MAX_ENTRIES) performance.clearMeasures(entry);
  performance.measure(entry, { start, end: performance.now(), detail });
}

/** "Everything queued so far is underlined": only the latest is kept. */
export function markScanned(): void {
  if (!import.meta.env.WXT_BENCH) return;
  performance.clearMarks('plain-terms:scanned');
  performance.mark('plain-terms:scanned');
}

/**
 * The stages the whole-cost benchmark can stop Plain Terms after, to measure from outside what
 * each costs the page: `load` (our code loaded and the extension API reached), `ready` (settings
 * and the listeners too: everything but the scan).
 */
export type BenchStage = 'load' | 'ready';

/**
 * Whether this frame's address asks the benchmark build to stop after `stage`
 * (`#plain-terms-stop=load`); if so, the `plain-terms:stopped` mark says it has. Frames within
 * the page have their own address, so they run in full. Never true outside the benchmark build.
 */
export function benchStopsAfter(stage: BenchStage): boolean {
  if (!import.meta.env.WXT_BENCH || location.hash !== `#plain-terms-stop=${stage}`) return false;
  performance.mark('plain-terms:stopped');
  return true;
}
