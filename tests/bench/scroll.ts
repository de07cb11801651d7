/**
 * Scroll benchmark: `npm run bench:scroll -- [--browsers=chromium,firefox] [--runs=3] [--copies=80]
 * [--step=200]`.
 *
 * What painting many underlines costs while a reader scrolls. The page is the demo article
 * (demo/article.html) repeated `--copies` times, one long health article with at least 2,000
 * underlines. In each run it is opened in a fresh tab of three browsers, one after the other (the
 * order rotates): one with an extension that has no content script ("none"), one with the least
 * highlighter (least-highlighter.ts: the same words underlined with one Highlight and one sheet,
 * nothing else running: what the engine's highlight painting costs any such extension), and one
 * with Plain Terms' benchmark build ("ours", once its first scan is done and the underlines handed
 * over).
 * Then the page's own world scrolls it from top to bottom, `--step` pixels per animation frame
 * (`requestAnimationFrame` → `scrollBy`), and records each frame's time (the gap between two
 * frames' timestamps). Meanwhile the CPU time of the renderer's main thread, of all its threads
 * (raster and compositor too) and of all the browser's processes is read from /proc
 * (renderer-cpu.ts).
 *
 * Reported, medians over the runs: ours ÷ none for the median and the 95th-percentile frame, the
 * frames over 50 ms of each, and ours ÷ none and ours ÷ least highlighter for each CPU figure.
 * Ratios only: no pass/fail.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { type BrowserName, extensionDir, launchWithExtension } from '../e2e/harness';
import { writeNoScriptExtension } from './bare-extension';
import { servePages } from './browser-run';
import { underlinedWords, writeLeastHighlighter } from './least-highlighter';
import { browserNs, busiestRenderer, mainThreadNs, processNs, rendererSnapshot } from './renderer-cpu';
import { fmt, median, quantile } from './stats';

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const browsers = (option('browsers') ?? 'chromium,firefox').split(',') as BrowserName[];
const runs = Number(option('runs') ?? 3);
const copies = Number(option('copies') ?? 80);
const step = Number(option('step') ?? 200);

type Variant = 'none' | 'least-hl' | 'ours';
const DONE_MARK: Record<Variant, string | null> = {
  none: null,
  'least-hl': 'least-hl:done',
  ours: 'plain-terms:scanned',
};

interface Sample {
  frames: number[];
  /** Pointer moves the page saw while it scrolled under a pointer that stood still (browsers make them up). */
  pointerMoves: number;
  underlines: number;
  mainMs: number;
  rendererMs: number;
  browserMs: number;
}

/** The demo article's `<article>`, `copies` times over, in a page of its own. */
function writeLongPage(): string {
  const demo = readFileSync(join(import.meta.dirname, '../../demo/article.html'), 'utf8');
  const start = demo.indexOf('<article>');
  const end = demo.indexOf('</article>') + '</article>'.length;
  const dir = mkdtempSync(join(tmpdir(), 'plain-terms-scroll-'));
  const article = demo.slice(start, end);
  writeFileSync(join(dir, 'long.html'), `${demo.slice(0, start)}${article.repeat(copies)}${demo.slice(end)}`);
  return dir;
}

/**
 * Scrolls the page from top to bottom, `px` per frame; returns each frame's time in ms, and how many
 * pointer moves the page was sent meanwhile (the pointer stays where it is, inside the page).
 */
function scrollDown(page: Page, px: number): Promise<{ frames: number[]; pointerMoves: number }> {
  return page.evaluate(
    (by: number) =>
      new Promise<{ frames: number[]; pointerMoves: number }>((done) => {
        const frames: number[] = [];
        let pointerMoves = 0;
        const count = () => pointerMoves++;
        addEventListener('pointermove', count, { capture: true, passive: true });
        let last = 0;
        const tick = (now: number) => {
          if (last) frames.push(now - last);
          last = now;
          if (scrollY + innerHeight >= document.documentElement.scrollHeight - 1) {
            removeEventListener('pointermove', count, { capture: true });
            done({ frames, pointerMoves });
          } else {
            scrollBy(0, by);
            requestAnimationFrame(tick);
          }
        };
        requestAnimationFrame(tick);
      }),
    px,
  );
}

async function measure(name: BrowserName, variant: Variant, browser: Browser, url: string): Promise<Sample> {
  const root = browser.process()?.pid;
  if (!root) throw new Error('no browser process');
  const before = rendererSnapshot(root, name);
  const page = await browser.newPage();
  try {
    await page.bringToFront();
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.evaluate('globalThis.__name ??= (fn) => fn');
    const mark = DONE_MARK[variant];
    if (mark)
      await page.waitForFunction(
        (m: string) => performance.getEntriesByName(m).length > 0,
        { polling: 50, timeout: 60_000 },
        mark,
      );
    // Underlines are handed over just before a frame; let the page settle after that.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 500)))),
    );
    const underlines = await page.evaluate(() =>
      [...CSS.highlights.values()].reduce((n, h) => n + (h as unknown as { size: number }).size, 0),
    );
    const { pid } = busiestRenderer(root, name, before);
    const cpu = () => ({ main: mainThreadNs(pid), renderer: processNs(pid), browser: browserNs(root) });
    const start = cpu();
    // The pointer rests inside the page, as a reader's does while the wheel turns.
    await page.mouse.move(300, 300);
    const { frames, pointerMoves } = await scrollDown(page, step);
    const end = cpu();
    return {
      frames,
      pointerMoves,
      underlines,
      mainMs: (end.main - start.main) / 1e6,
      rendererMs: (end.renderer - start.renderer) / 1e6,
      browserMs: (end.browser - start.browser) / 1e6,
    };
  } finally {
    await page.close();
  }
}

function summarize(name: BrowserName, samples: Record<Variant, Sample[]>): string {
  const of = (v: Variant, f: (s: Sample) => number) => median(samples[v].map(f));
  const p50 = (s: Sample) => quantile(s.frames, 0.5);
  const p95 = (s: Sample) => quantile(s.frames, 0.95);
  const longest = (s: Sample) => Math.max(...s.frames);
  const over50 = (s: Sample) => s.frames.filter((ms) => ms > 50).length;
  const ratio = (f: (s: Sample) => number, to: Variant = 'none') =>
    `${fmt(of('ours', f) / of(to, f), 2)}× (${fmt(of('ours', f))} vs ${fmt(of(to, f))})`;
  const cpu = (to: Variant) =>
    `renderer main thread ${ratio((s) => s.mainMs, to)} ms, renderer all threads ${ratio((s) => s.rendererMs, to)} ms, whole browser ${ratio((s) => s.browserMs, to)} ms`;
  return [
    `${name}: ${fmt(
      of('ours', (s) => s.underlines),
      0,
    )} underlines (least highlighter ${fmt(
      of('least-hl', (s) => s.underlines),
      0,
    )}), ${fmt(
      of('ours', (s) => s.frames.length),
      0,
    )} frames of ${step} px, median of ${runs} runs`,
    `  frame time, ours ÷ none: median frame ${ratio(p50)} ms, 95th percentile ${ratio(p95)} ms (least highlighter ${fmt(of('least-hl', p95))} ms)`,
    `  longest frame (ms): none ${fmt(of('none', longest))}, least highlighter ${fmt(of('least-hl', longest))}, ours ${fmt(of('ours', longest))}; frames over 50 ms: none ${fmt(of('none', over50), 0)}, least highlighter ${fmt(of('least-hl', over50), 0)}, ours ${fmt(of('ours', over50), 0)}`,
    `  CPU while scrolling, ours ÷ none: ${cpu('none')}`,
    `  CPU while scrolling, ours ÷ least highlighter: ${cpu('least-hl')}`,
    `  pointer moves the page was sent while scrolling under a still pointer: ${fmt(
      of('ours', (s) => s.pointerMoves),
      0,
    )} (none ${fmt(
      of('none', (s) => s.pointerMoves),
      0,
    )})`,
  ].join('\n');
}

const { origin, server } = await servePages(writeLongPage());
const url = `${origin}/page/long.html`;
const summaries: string[] = [];
for (const name of browsers) {
  // Ours opens its welcome page on install: waited for, so it can't come to the front later.
  const launch = (dir: string, welcomes = false) => launchWithExtension(name, { offline: true, dir, welcomes });
  const ours = await launch(extensionDir(name, 'bench'), true);
  const browsersOf: Partial<Record<Variant, Browser>> = { ours };
  const samples: Record<Variant, Sample[]> = { none: [], 'least-hl': [], ours: [] };
  try {
    const words = await underlinedWords(ours, url);
    browsersOf.none = await launch(writeNoScriptExtension(name));
    browsersOf['least-hl'] = await launch(writeLeastHighlighter(name, { [new URL(url).pathname]: words }));
    console.log(`Scroll: ${copies} copies of the demo article, ${runs} runs × 3 in ${name}…`);
    const variants: Variant[] = ['none', 'least-hl', 'ours'];
    for (let r = 0; r < runs; r++) {
      // Rotate which goes first, so a drift of the machine's speed is shared out.
      for (let k = 0; k < variants.length; k++) {
        const variant = variants[(k + r) % variants.length]!;
        samples[variant].push(await measure(name, variant, browsersOf[variant]!, url));
      }
    }
  } finally {
    for (const browser of Object.values(browsersOf)) await browser.close();
  }
  summaries.push(summarize(name, samples));
}
server.close();
console.log(`\n${summaries.join('\n\n')}`);
