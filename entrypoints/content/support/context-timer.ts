import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** Cancels a timer from `afterDelay`; harmless once it has fired. */
export type CancelTimer = () => void;

/**
 * `ctx.setTimeout` without its leak: WXT's adds an abort listener per timer that stays after the
 * timer fires, so a page that changes all day (a settle every 100 ms) collects tens of thousands.
 * This one lets go of its listener when it fires or is cancelled, and still never fires once the
 * extension is gone (reloaded or removed).
 */
export function afterDelay(ctx: ContentScriptContext, ms: number, callback: () => void): CancelTimer {
  const id = setTimeout(() => {
    stopWatching();
    if (!ctx.isInvalid) callback();
  }, ms);
  const stopWatching = ctx.onInvalidated(() => clearTimeout(id));
  return () => {
    clearTimeout(id);
    stopWatching();
  };
}

/**
 * Waits `ms`: resolves true then, or false as soon as the extension goes (reloaded or removed),
 * so whoever waits learns to stop rather than wait for ever.
 */
export function waitUnlessGone(ctx: ContentScriptContext, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const stopWatching = ctx.onInvalidated(() => resolve(false));
    afterDelay(ctx, ms, () => {
      stopWatching();
      resolve(true);
    });
  });
}

/**
 * `ctx.requestAnimationFrame` without its leak: WXT's adds an invalidation listener per frame and
 * never removes it, so a long reading session grew one per frame of pointer movement. This one
 * lets go of its listener when the frame comes or is cancelled, and never runs once the extension
 * is gone.
 */
export function inNextFrame(ctx: ContentScriptContext, callback: () => void): CancelTimer {
  const id = requestAnimationFrame(() => {
    stopWatching();
    if (!ctx.isInvalid) callback();
  });
  const stopWatching = ctx.onInvalidated(() => cancelAnimationFrame(id));
  return () => {
    cancelAnimationFrame(id);
    stopWatching();
  };
}

/**
 * Lets the page run, and draw, before going on: a task posted at the page's own priority
 * (`scheduler.postTask`), else a timer (which never fires once the extension is gone). Not
 * `scheduler.yield()`: Chromium runs its continuations ahead of drawing, so the scan's slices ran
 * back to back into one long frame (wikipedia-2: 37 ms of slices, then the restyle, 77–100 ms).
 */
export function yieldToPage(ctx: ContentScriptContext): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: (task: () => void) => Promise<void> } }).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => {});
  return new Promise((resolve) => afterDelay(ctx, 0, resolve));
}

/** What `requestIdleCallback` hands its callback: how long the page has nothing else to do. */
export interface IdlePeriod {
  timeRemaining(): number;
  /** The wait ran out before the page was idle: the callback runs as any task. */
  readonly didTimeout: boolean;
}

type RequestIdle = (callback: (idle: IdlePeriod) => void, options: { timeout: number }) => number;

/**
 * Where our start and the scan's slices wait for an idle period (`requestIdleCallback`) instead of
 * a task at the page's priority: Firefox. There a slice that came as soon as the page let it often
 * landed in a frame the page's own loading had nearly filled, and made it long: the 9 saved pages
 * where that happened, 5 fresh loads each (twice), had a frame made long by us in 13 of 90 loads
 * (10 of them 66–117 ms), and in 7 (2 over 51 ms, at most 67) once start and slices waited for an
 * idle period. Chromium draws between our slices as they are (none made long by them in 220 pages).
 */
export const WAITS_FOR_IDLE = import.meta.env.BROWSER === 'firefox';

/**
 * Lets the page run before going on, as `yieldToPage`; with `idle`, until the page has nothing
 * else to do or `timeoutMs` has passed (a page that stays busy is still read), and resolves with
 * that idle period, so the next slice can end with it. A hidden page draws no frames, so there is
 * none to make long, and Firefox holds a hidden tab's idle callbacks back for a second or more:
 * there it only lets the page run.
 */
export function yieldToIdle(
  ctx: ContentScriptContext,
  { idle = WAITS_FOR_IDLE, timeoutMs }: { idle?: boolean; timeoutMs: number },
): Promise<IdlePeriod | null> {
  const requestIdle = (globalThis as { requestIdleCallback?: RequestIdle }).requestIdleCallback;
  if (!idle || !requestIdle || document.visibilityState === 'hidden') return yieldToPage(ctx).then(() => null);
  return new Promise((resolve) => requestIdle(resolve, { timeout: timeoutMs }));
}
