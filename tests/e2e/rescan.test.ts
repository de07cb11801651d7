import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFixtureServer } from './fixture-server';
import {
  BROWSERS,
  extensionDir,
  launchWithExtension,
  openPage,
  POLL_MS,
  pointOf,
  waitForCard,
  waitForHighlights,
} from './harness';

const origin = useFixtureServer();

/** The `plain-terms:scan` measures so far: one per slice of reading, with what it read. */
function scans(page: Page): Promise<Array<{ blocks?: number; runs?: number }>> {
  return page.evaluate(() =>
    performance.getEntriesByName('plain-terms:scan').map((e) => (e as PerformanceMeasure).detail ?? {}),
  );
}

/** How many blocks were re-read in the scan measures after the first `from`. */
async function blocksReadSince(page: Page, from: number): Promise<number> {
  return (await scans(page)).slice(from).reduce((sum, scan) => sum + (scan.blocks ?? 0), 0);
}

/**
 * What the content script reads, counted by its User Timing measures: only the benchmark build
 * (`npm run build:bench`) makes them, since any page can read them; the product build makes none
 * (probe.test.ts). The code that reads is the same in both.
 */
describe.each(BROWSERS)('in %s, with the benchmark build, which counts what it reads', (browserName) => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchWithExtension(browserName, { dir: extensionDir(browserName, 'bench') });
    page = await openPage(browser, `${origin()}/article.html`);
    await waitForHighlights(page, ['inflammation', 'connective tissue']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records the first scan and marks its end', async () => {
    expect((await scans(page)).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => performance.getEntriesByName('plain-terms:scanned').length)).toBe(1);
  });

  it('reads only a paragraph added after the page loaded', async () => {
    const before = (await scans(page)).length;
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Later, fibromyalgia was mentioned.';
      document.body.append(p);
    });
    await waitForHighlights(page, ['fibromyalgia']);
    // Not the body it was added to: in a feed that parent holds thousands of paragraphs.
    expect(await blocksReadSince(page, before)).toBe(1);
  });

  it('re-reads only the block whose text changed', async () => {
    const before = (await scans(page)).length;
    await page.evaluate(() => {
      const em = document.querySelector('#lines')?.firstChild as Text;
      em.data = 'Less swelling';
    });
    await waitForHighlights(page, ['swelling']);
    expect(await blocksReadSince(page, before)).toBe(1);
  });

  it('re-reads nothing when the card’s host moves into a fullscreen element and back out', async () => {
    // A button of the page's own, for the user gesture fullscreen needs (a control: nothing to read).
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'fullscreen';
      button.textContent = 'Fullscreen';
      button.addEventListener('click', () => void document.getElementById('flow')?.requestFullscreen());
      document.body.prepend(button);
      // Counted, so the test can wait until leaving fullscreen is over, not only begun.
      (window as unknown as { __fullscreenChanges: number }).__fullscreenChanges = 0;
      document.addEventListener('fullscreenchange', () => {
        (window as unknown as { __fullscreenChanges: number }).__fullscreenChanges++;
      });
    });
    const before = (await scans(page)).length;
    await page.click('#fullscreen');
    await page.waitForFunction(() => document.fullscreenElement?.id === 'flow', { polling: POLL_MS, timeout: 10_000 });
    // The card opens inside the fullscreen paragraph (the browser paints nothing outside it)...
    const inFullscreen = await pointOf(page, '#flow', 'lymphatic drainage');
    await page.mouse.move(inFullscreen.x, inFullscreen.y);
    await waitForCard(page, 'Lymphatic drainage');
    expect(await page.evaluate(() => document.querySelector('#flow plain-terms-card') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
    // Escape may have ended fullscreen too (the browser's own use of it).
    await page.evaluate(() => document.fullscreenElement && document.exitFullscreen());
    // Firefox says it left fullscreen before its transition is over, and a pointer moved meanwhile
    // may reach no page: once the second change is told, and a frame has been drawn after it.
    await page.waitForFunction(
      () =>
        !document.fullscreenElement &&
        (window as unknown as { __fullscreenChanges: number }).__fullscreenChanges >= 2 &&
        new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))),
      { polling: POLL_MS, timeout: 10_000 },
    );
    // ... and back at the root once the next card opens.
    const outside = await pointOf(page, '#flow', 'blood flow');
    await page.mouse.move(outside.x, outside.y);
    await waitForCard(page, 'Circulation');
    expect(await page.evaluate(() => document.documentElement.lastElementChild?.tagName)).toBe('PLAIN-TERMS-CARD');
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
    // Then a change of the page's own: once it is read, anything the host's moves queued before it
    // has been read too (changes are read in the order they came).
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Last came whiplash.';
      document.body.append(p);
    });
    await waitForHighlights(page, ['whiplash']);
    // That paragraph, and nothing else: not the paragraph the host went into and left.
    expect(await blocksReadSince(page, before)).toBe(1);
  });

  it('re-reads nothing but the text a page rewrites 60 times a second, in batches', async () => {
    const edge = await openPage(browser, `${origin()}/edge.html`);
    await waitForHighlights(edge, ['inflammation']);
    const before = (await scans(edge)).length;
    const ticksAtStart = await edge.evaluate(() => (window as unknown as { __ticks: number }).__ticks);
    await edge.waitForFunction(
      (start: number) => (window as unknown as { __ticks: number }).__ticks >= start + 60,
      { polling: POLL_MS, timeout: 10_000 },
      ticksAtStart,
    );
    const after = (await scans(edge)).slice(before);
    // Each re-read covers one block (the ticker), batched: far fewer than one per change.
    expect(Math.max(0, ...after.map((scan) => scan.blocks ?? 0))).toBeLessThanOrEqual(1);
    expect(after.length).toBeLessThan(30);
    await edge.close();
  });
});
