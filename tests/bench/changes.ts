/**
 * Change benchmark (`npm run bench`): what following a page's changes costs, in Chromium and
 * Firefox with the built extension. A page receives 1,000 paragraphs of the demo article:
 * - all at once (one insertion): the reference;
 * - one at a time, each in its own task, as fast as the page can (a feed streaming in);
 * - one at a time, one every 16 ms (a page adding content frame by frame).
 * Cost = every `plain-terms:scan` slice and `plain-terms:underline` (ranges handed to the browser
 * in a frame) after the insertions began, plus the time the content
 * script spent noting the changes (reported with each slice as `detail.notingMs`).
 * Each mode runs three times, taking turns; the median run counts. Reports the ratios to the
 * reference, never pass/fail on absolute times.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { BrowserName } from '../e2e/harness';
import { launchOffline, openAndWaitFor, servePages } from './browser-run';

const args = process.argv.slice(2);
const browsers = (args.find((a) => a.startsWith('--browsers='))?.split('=')[1] ?? 'chromium,firefox').split(
  ',',
) as BrowserName[];
const PARAGRAPHS = 1000;
const ROUNDS = 3;

const article = readFileSync(join(import.meta.dirname, '../../demo/article.html'), 'utf8');
const paragraphs = [...article.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]!);
const dir = mkdtempSync(join(tmpdir(), 'plain-terms-changes-'));
writeFileSync(
  join(dir, 'feed.html'),
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Feed</title><body><main id="feed"><p>Start.</p></main></body></html>',
);

interface Result {
  ms: number;
  /** Of which noting the changes and finding their blocks, before reading them. */
  notingMs: number;
  slices: number;
  terms: number;
}

type Mode = 'at once' | 'each in its own task' | 'one every 16 ms';
const MODES: Mode[] = ['at once', 'each in its own task', 'one every 16 ms'];

/** Main-thread time our content script spent on the page's changes, and the terms it underlined. */
async function feed(page: Page, mode: Mode): Promise<Result> {
  const from = await page.evaluate(() => ({
    scans: performance.getEntriesByName('plain-terms:scan').length,
    underlines: performance.getEntriesByName('plain-terms:underline').length,
  }));
  await page.evaluate(
    async (texts: string[], count: number, how: Mode) => {
      const feedElement = document.getElementById('feed')!;
      const paragraph = (i: number) => {
        const p = document.createElement('p');
        p.innerHTML = texts[i % texts.length]!;
        return p;
      };
      if (how === 'at once') {
        const all = document.createDocumentFragment();
        for (let i = 0; i < count; i++) all.append(paragraph(i));
        feedElement.append(all);
      } else {
        const delay = how === 'one every 16 ms' ? 16 : 0;
        for (let i = 0; i < count - 1; i++) {
          feedElement.append(paragraph(i));
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
        feedElement.append(paragraph(count - 1));
      }
      (window as unknown as { __insertedAt: number }).__insertedAt = performance.now();
    },
    paragraphs,
    PARAGRAPHS,
    mode,
  );
  // Done when a scan that began after the last insertion has ended with a "scanned" mark and no
  // slice after it, and (for the one-at-a-time runs) as many terms are underlined as at once.
  await page
    .waitForFunction(
      () => {
        const w = window as unknown as { __insertedAt: number; __expected: number };
        const scans = performance.getEntriesByName('plain-terms:scan');
        const marks = performance.getEntriesByName('plain-terms:scanned');
        const last = scans[scans.length - 1];
        const mark = marks[marks.length - 1];
        return (
          last !== undefined &&
          mark !== undefined &&
          last.startTime > w.__insertedAt - 120 &&
          mark.startTime > w.__insertedAt &&
          mark.startTime >= last.startTime &&
          (CSS.highlights.get('plain-terms')?.size ?? 0) >= w.__expected
        );
      },
      { polling: 100, timeout: 120_000 },
    )
    .catch(async (error) => {
      const state = await page.evaluate(() => ({
        insertedAt: (window as unknown as { __insertedAt: number }).__insertedAt,
        expected: (window as unknown as { __expected: number }).__expected,
        terms: CSS.highlights.get('plain-terms')?.size,
        scans: performance
          .getEntriesByName('plain-terms:scan')
          .slice(-2)
          .map((e) => e.startTime),
        marks: performance
          .getEntriesByName('plain-terms:scanned')
          .slice(-2)
          .map((e) => e.startTime),
      }));
      throw new Error(`${mode}: the scan did not settle (${JSON.stringify(state)})`, { cause: error });
    });
  // A frame more, for the last ranges to be handed to the browser.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
  return page.evaluate((start: { scans: number; underlines: number }) => {
    const slices = performance.getEntriesByName('plain-terms:scan').slice(start.scans) as PerformanceMeasure[];
    const notingMs = slices.reduce((sum, e) => sum + ((e.detail as { notingMs?: number })?.notingMs ?? 0), 0);
    const readingMs = slices.reduce((sum, e) => sum + e.duration, 0);
    const underliningMs = performance
      .getEntriesByName('plain-terms:underline')
      .slice(start.underlines)
      .reduce((sum, e) => sum + e.duration, 0);
    return {
      ms: notingMs + readingMs + underliningMs,
      notingMs,
      slices: slices.length,
      terms: CSS.highlights.get('plain-terms')?.size ?? 0,
    };
  }, from);
}

process.env.PLAIN_TERMS_OUTPUT ??= join(import.meta.dirname, '../../.output-bench');
const { origin, server } = await servePages(dir);
const lines: string[] = [];
for (const name of browsers) {
  const browser = await launchOffline(name);
  try {
    const results = new Map<Mode, Result>();
    // Each mode three times, taking turns, and the median run of each: one run swings by half on
    // these machines.
    const runs = new Map<Mode, Result[]>(MODES.map((mode) => [mode, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of MODES) {
        const page = await browser.newPage();
        await openAndWaitFor(page, `${origin}/page/feed.html`);
        // The one-at-a-time runs must end with as many terms as the reference found.
        await page.evaluate((n: number) => {
          (window as unknown as { __expected: number }).__expected = n;
        }, runs.get('at once')![0]?.terms ?? 0);
        runs.get(mode)!.push(await feed(page, mode));
        await page.close();
      }
    }
    for (const mode of MODES) {
      const sorted = [...runs.get(mode)!].sort((a, b) => a.ms - b.ms);
      results.set(mode, sorted[Math.floor(sorted.length / 2)]!);
    }
    const reference = results.get('at once')!;
    lines.push(`${name}: ${PARAGRAPHS} paragraphs of the demo article, ${reference.terms} terms underlined`);
    for (const mode of MODES) {
      const { ms, notingMs, slices, terms } = results.get(mode)!;
      lines.push(
        `  ${mode.padEnd(22)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / reference.ms).toFixed(2)}× at once  (noting changes ${notingMs.toFixed(1)} ms, ${slices} scan slices, ${terms} terms)`,
      );
    }
  } finally {
    await browser.close();
  }
}
server.close();
console.log(`\n${lines.join('\n')}`);
