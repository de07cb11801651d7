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
 * `framesHolding` picks the longest frame in which one of a script's own measures ran, and the
 * longest that its measures made long.
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

/** Frames over 50 ms in which a script's own measures ran (frame-watch.ts), in ms (0: none). */
export interface FramesHolding {
  /** The longest of them. */
  longest: number;
  /**
   * The longest of them that the script made long: not over 50 ms without its measures' time in
   * it. Our script's first task often lands in the page's own long load frame (takagi-hiromitsu:
   * 3 ms of ours in a 242 ms frame); the restyle our underline causes is not in a measure, so a
   * frame it makes long still counts as ours when a measure ran in it.
   */
  madeLong: number;
  /**
   * The same, with the measure named `apart` counted as not the script's: Firefox sets up its
   * extension API for a frame inside our `load` (the least content script pays it too).
   */
  madeLongApart: number;
}

/** The frames over 50 ms (a Long Animation Frame, or in Firefox a gap between frames) in which one of the measures named `prefix`… ran. */
export function framesHolding(page: Page, prefix: string, apart = 'load'): Promise<FramesHolding> {
  return page.evaluate(
    (prefix: string, apart: string) => {
      const frames = (globalThis as unknown as { __ptFrames?: [number, number][] }).__ptFrames ?? [];
      const measures = performance.getEntriesByType('measure').filter((m) => m.name.startsWith(prefix));
      let longest = 0;
      let madeLong = 0;
      let madeLongApart = 0;
      for (const [start, duration] of frames) {
        const end = start + duration;
        const within = (m: PerformanceEntry) =>
          Math.max(0, Math.min(end, m.startTime + m.duration) - Math.max(start, m.startTime));
        const ours = measures.reduce((sum, m) => sum + within(m), 0);
        if (ours === 0) continue;
        const oursApart = measures.reduce((sum, m) => sum + (m.name === prefix + apart ? 0 : within(m)), 0);
        longest = Math.max(longest, duration);
        if (duration - ours <= 50) madeLong = Math.max(madeLong, duration);
        if (oursApart > 0 && duration - oursApart <= 50) madeLongApart = Math.max(madeLongApart, duration);
      }
      return { longest, madeLong, madeLongApart };
    },
    prefix,
    apart,
  );
}
