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
