/**
 * Hover benchmark (`npm run bench`): how quickly the card follows the pointer, and what pointer
 * movement costs the page, in Chromium and Firefox with the built extension on the demo article.
 * For each of up to 30 underlined terms, the pointer moves away (the card closes), then onto
 * the term in one move, and the page's own world records:
 * - latency: from that move (the event's time) to the first frame that shows the card, minus
 *   the hover delay (200 ms by default). Budget: at most one frame. The first term's is reported
 *   on its own too: the page's first card is the one that waits for anything loaded on first use.
 * - hit-test: the frame after the move runs a callback of ours (which asks the browser what is
 *   under the pointer); one of the page's callbacks runs just before it and one just after, so
 *   the time between them is what that costs.
 * - per event: 1,000 pointermove events dispatched in a row, mean time each (our listener and the
 *   browser's dispatch together).
 * Reports, never pass/fail on absolute times.
 */
import { dirname, join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { DEFAULT_SETTINGS } from '../../common/settings';
import type { BrowserName } from '../e2e/harness';
import { launchOffline, openAndWaitFor, servePages } from './browser-run';

const args = process.argv.slice(2);
const browsers = (args.find((a) => a.startsWith('--browsers='))?.split('=')[1] ?? 'chromium,firefox').split(
  ',',
) as BrowserName[];
const TERMS = 30;
const DWELL_MS = DEFAULT_SETTINGS.hoverDelayMs;

interface Sample {
  latencyMs: number;
  hitTestMs: number;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

/** Records, in the page's world, pointer moves, frames, and when the card first shows. */
function instrument(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as Record<string, unknown> & { __samples: Array<Record<string, number>> };
    w.__samples = [];
    let beforeOurs = 0;
    // A frame callback registered a frame ahead runs before any the move registers.
    const loop = () => {
      beforeOurs = performance.now();
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    const isOpen = () =>
      document.querySelector('plain-terms-card')?.shadowRoot?.querySelector('.card')?.matches(':popover-open') ?? false;
    addEventListener(
      'pointermove',
      (event) => {
        const sample = { movedAt: event.timeStamp, hitTestMs: -1, shownAt: -1 };
        if (w.__sampling !== true) return;
        w.__samples.push(sample);
        // Registered after ours (our listener came first): runs right after our hit-test.
        requestAnimationFrame(() => {
          sample.hitTestMs = performance.now() - beforeOurs;
        });
        const watch = (frameTime: number) => {
          if (isOpen()) sample.shownAt = frameTime;
          else requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      },
      { capture: true },
    );
  });
}

/** Centres of the first underlined terms that fit the viewport once scrolled to. */
function termPoints(page: Page): Promise<Array<{ x: number; y: number; top: number }>> {
  return page.evaluate((count: number) => {
    const ranges = [...(CSS.highlights.get('plain-terms') ?? [])].slice(0, count) as AbstractRange[];
    return ranges.map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + scrollY + rect.height / 2, top: rect.top + scrollY };
    });
  }, TERMS);
}

async function measure(name: BrowserName, url: string): Promise<{ samples: Sample[]; perEventUs: number }> {
  const browser = await launchOffline(name);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 800 });
    await openAndWaitFor(page, url);
    await page.bringToFront();
    await instrument(page);
    const samples: Sample[] = [];
    for (const point of await termPoints(page)) {
      // Scroll the term to a third of the way down, then step off to the page's margin.
      await page.evaluate((top: number) => window.scrollTo(0, Math.max(0, top - 250)), point.top);
      const scrolled = await page.evaluate(() => window.scrollY);
      await page.mouse.move(3, 3);
      await page.waitForFunction(
        () =>
          !(
            document.querySelector('plain-terms-card')?.shadowRoot?.querySelector('.card')?.matches(':popover-open') ??
            false
          ),
        { polling: 50, timeout: 10_000 },
      );
      await page.evaluate(() => {
        (window as unknown as { __sampling: boolean }).__sampling = true;
      });
      await page.mouse.move(point.x, point.y - scrolled);
      await page.waitForFunction(
        () => {
          const all = (window as unknown as { __samples: Array<{ shownAt: number }> }).__samples;
          return all.length > 0 && all[all.length - 1]!.shownAt > 0;
        },
        { polling: 50, timeout: 10_000 },
      );
      const sample = await page.evaluate(() => {
        const w = window as unknown as {
          __sampling: boolean;
          __samples: Array<{ movedAt: number; hitTestMs: number; shownAt: number }>;
        };
        w.__sampling = false;
        const last = w.__samples[w.__samples.length - 1]!;
        return { movedAt: last.movedAt, shownAt: last.shownAt, hitTestMs: last.hitTestMs };
      });
      samples.push({ latencyMs: sample.shownAt - sample.movedAt - DWELL_MS, hitTestMs: sample.hitTestMs });
    }
    const perEventUs = await page.evaluate(() => {
      const start = performance.now();
      for (let i = 0; i < 1000; i++)
        window.dispatchEvent(new PointerEvent('pointermove', { clientX: 200 + (i % 50), clientY: 200 }));
      return ((performance.now() - start) / 1000) * 1000;
    });
    return { samples, perEventUs };
  } finally {
    await browser.close();
  }
}

process.env.PLAIN_TERMS_OUTPUT ??= join(import.meta.dirname, '../../.output-bench');
const demo = join(import.meta.dirname, '../../demo/article.html');
const { origin, server } = await servePages(dirname(demo));
const lines: string[] = [];
for (const name of browsers) {
  const { samples, perEventUs } = await measure(name, `${origin}/page/article.html`);
  const latency = samples.map((s) => s.latencyMs);
  const hitTest = samples.map((s) => s.hitTestMs).filter((ms) => ms >= 0);
  lines.push(
    `${name}: ${samples.length} terms on the demo article, hover delay ${DWELL_MS} ms`,
    `  card shown after the delay by (ms):  median ${quantile(latency, 0.5).toFixed(1)}  p90 ${quantile(latency, 0.9).toFixed(1)}  max ${Math.max(...latency).toFixed(1)}   (one frame: 16.7)`,
    `  the page's first card, after the delay by (ms): ${latency[0]?.toFixed(1)}`,
    `  hit-test in the frame after a move (ms): median ${quantile(hitTest, 0.5).toFixed(2)}  max ${Math.max(...hitTest).toFixed(2)}`,
    `  pointermove, dispatch and our listener: ${perEventUs.toFixed(1)} µs per event`,
  );
}
server.close();
console.log(`\n${lines.join('\n')}`);
