/**
 * The longest frame a page load had, read in the page's own world, for the whole-cost benchmark.
 * - Chromium: the Long Animation Frames API (`long-animation-frame`, every frame over 50 ms with its
 *   style, layout and paint, whichever world's script ran in it), observed from the page's first line.
 * - Firefox 153 has neither Long Animation Frames nor Long Tasks (`PerformanceObserver.supportedEntryTypes`
 *   lists neither), so there a `requestAnimationFrame` loop started at the page's first line records the
 *   longest gap between two frames: a task of 100 ms, style and layout included, holds the next frame back
 *   by as much. The loop itself costs every variant the same few frames' callbacks. It sees nothing before
 *   the first frame (the page's parsing), which the Chromium figure does.
 * A figure of 0 means no frame over 50 ms (Chromium) or under 50 ms between frames (Firefox).
 */
import type { Page } from 'puppeteer-core';
import type { BrowserName } from '../e2e/harness';

const WATCH: Record<BrowserName, string> = {
  chromium: `globalThis.__ptLongest = 0;
try { new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__ptLongest = Math.max(globalThis.__ptLongest, e.duration); })
  .observe({ type: 'long-animation-frame', buffered: true }); } catch {}`,
  firefox: `globalThis.__ptLongest = 0;
{ let last = 0;
  const tick = (now) => { if (last && now - last > 50) globalThis.__ptLongest = Math.max(globalThis.__ptLongest, now - last); last = now; requestAnimationFrame(tick); };
  requestAnimationFrame(tick); }`,
};

/** Starts watching frames in every document `page` loads from now on. */
export async function watchFrames(page: Page, name: BrowserName): Promise<void> {
  await page.evaluateOnNewDocument(WATCH[name]);
}

/** The longest frame seen so far, in ms (0: none over 50 ms). */
export function longestFrame(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { __ptLongest?: number }).__ptLongest ?? 0);
}
