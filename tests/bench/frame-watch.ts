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
 * The page's own load makes long frames too, so the frames are also kept with their times, and
 * `longestFrameHolding` picks the longest frame in which one of a script's own measures ran: the
 * frames that script made long (or longer).
 */
import type { Page } from 'puppeteer-core';
import type { BrowserName } from '../e2e/harness';

const WATCH: Record<BrowserName, string> = {
  chromium: `globalThis.__ptLongest = 0; globalThis.__ptFrames = [];
try { new PerformanceObserver((list) => { for (const e of list.getEntries()) { globalThis.__ptLongest = Math.max(globalThis.__ptLongest, e.duration); globalThis.__ptFrames.push([e.startTime, e.duration]); } })
  .observe({ type: 'long-animation-frame', buffered: true }); } catch {}`,
  firefox: `globalThis.__ptLongest = 0; globalThis.__ptFrames = [];
{ let last = 0;
  const tick = (now) => { if (last && now - last > 50) { globalThis.__ptLongest = Math.max(globalThis.__ptLongest, now - last); globalThis.__ptFrames.push([last, now - last]); } last = now; requestAnimationFrame(tick); };
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

/**
 * The longest frame over 50 ms in which one of the measures named `prefix`… ran (0: none): a
 * Long Animation Frame, or in Firefox a gap between two frames, that overlaps one of them.
 */
export function longestFrameHolding(page: Page, prefix: string): Promise<number> {
  return page.evaluate((prefix: string) => {
    const frames = (globalThis as unknown as { __ptFrames?: [number, number][] }).__ptFrames ?? [];
    const measures = performance.getEntriesByType('measure').filter((m) => m.name.startsWith(prefix));
    const holds = ([start, duration]: [number, number]) =>
      measures.some((m) => m.startTime < start + duration && m.startTime + m.duration > start);
    return Math.max(0, ...frames.filter(holds).map(([, duration]) => duration));
  }, prefix);
}
