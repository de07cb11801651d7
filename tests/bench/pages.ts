/**
 * Page benchmark: `npm run bench -- [PAGES_DIR] [--browsers=chromium,firefox] [--limit=N] [--no-markjs]`
 * (`--only=a.html,b/c.html --repeat=5`: those pages only, each loaded 5 times, a row per load: whether
 * a long frame comes back).
 *
 * For each saved page, in the same browser and run, with the built extension:
 * - floor: one TreeWalker pass over the page's text nodes reading their text, in the page's
 *   own world (cold, like our first read); pages are served cross-origin isolated so the clock
 *   ticks in microseconds;
 * - Plain Terms, in a fresh tab (the floor ran in another): its own User Timing measures
 *   (`plain-terms:load`, `:start`, `:ready`, every `:scan` slice and `:underline`, the ranges and
 *   sheet handed to the browser just before the next frame): the main-thread time from the first
 *   line of the content script running until `plain-terms:scanned`; the longest one is the longest
 *   main-thread task it caused (getting ready and the first slice run in one task: their sum counts);
 *   and the frames over 50 ms in which one of them ran, and of those the ones they made long
 *   (frame-watch.ts);
 * - Plain Terms again: the same page reloaded in that tab, where Firefox's extension API for
 *   content scripts is already set up (in a fresh tab it costs several ms);
 * - the least content script (bare-extension.ts, in a browser of its own, fresh tab): its start-up
 *   (the polyfill and one message to its background) and then its walk, the floor any design that
 *   honours a per-site switch pays;
 * - mark.js (acrossElements, separateWordSearch off, case-insensitive, whole words) marking the
 *   same surface forms, run last because it rewrites the page.
 * Reports ratios, never pass/fail on absolute times.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import type { BrowserName } from '../e2e/harness';
import { writeBareExtension } from './bare-extension';
import { DEFAULT_PAGES, findPages, launchOffline, openAndWaitFor, servePages } from './browser-run';
import { framesHolding, watchFrames } from './frame-watch';
import { GLOSSARY_FORMS, MARKJS_BATCH, MARKJS_OPTIONS, MARKJS_PATH } from './markjs';

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const dir = resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_PAGES);
const browsers = (option('browsers') ?? 'chromium,firefox').split(',') as BrowserName[];
const limit = Number(option('limit') ?? Infinity);
const withMarkJs = !args.includes('--no-markjs');
/** mark.js takes seconds per page: `--markjs-every=4` runs it on every 4th page only. */
const markJsEvery = Number(option('markjs-every') ?? 1);
const forms = GLOSSARY_FORMS;

interface Row {
  page: string;
  chars: number;
  floorMs: number;
  oursMs: number;
  longestTaskMs: number;
  /** The same without `load`, where Firefox sets up its extension API for the frame (the least content script pays it too). */
  longestTaskApartMs: number;
  /**
   * The longest frame over 50 ms in which one of our measures ran, fresh tab (frame-watch.ts): our
   * tasks with the style, layout and paint of their frame, and whatever else ran in it (0: none).
   */
  ownFrameMs: number;
  /** The longest of those our measures made long: not over 50 ms without them (0: none). */
  madeLongMs: number;
  /** The same, `plain-terms:load` not counted as ours (Firefox sets up its extension API in it). */
  madeLongApartMs: number;
  /** Our cost split by measure: loading our code (Firefox sets up its extension API then), start-up before the first await, settings, scan slices. */
  loadMs: number;
  startMs: number;
  /** Ranges and the underline's sheet handed to the browser in the next frame (`plain-terms:underline`). */
  underlineMs: number;
  readyMs: number;
  scanMs: number;
  /** Wall time from our script's first line to the scan's end (`plain-terms:scanned`): how long a reader waits for every underline. */
  doneMs: number;
  /** Our cost when the same page loads again in the same tab. */
  againMs: number;
  ours: number;
  /** The floor measured by the content script in its own world (a page load of its own). */
  scriptFloorMs: number;
  /** The least content script's start-up (load + ask) and its walk, in a browser of its own (bare-extension.ts). */
  bareStartMs: number;
  bareWalkMs: number;
  /** The same frames as `madeLongMs` / `madeLongApartMs`, made long by the least content script's measures (its `load` apart). */
  bareMadeLongMs: number;
  bareMadeLongApartMs: number;
  markMs: number | null;
  marks: number | null;
  markError: string | null;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : Number.NaN;
};
const fmt = (n: number | null, digits = 2) => (n === null || Number.isNaN(n) ? '—' : n.toFixed(digits));

/** Our User Timing measures on the page as it stands: their sum, by step, the longest task and the underlines. */
function readOurs(page: Page, name: BrowserName) {
  // In Chromium getting ready runs in the task whose microtask reads the first slice; in Firefox the
  // first slice waits for an idle period (context-timer.ts, WAITS_FOR_IDLE), a task of its own.
  const readyWithFirstSlice = name === 'chromium';
  return page.evaluate((readyWithFirstSlice: boolean) => {
    const sum = (list: PerformanceEntry[]) => list.reduce((total, e) => total + e.duration, 0);
    const [load, start, ready, scan, underline] = ['load', 'start', 'ready', 'scan', 'underline'].map((n) =>
      performance.getEntriesByName(`plain-terms:${n}`),
    ) as PerformanceEntry[][] as [
      PerformanceEntry[],
      PerformanceEntry[],
      PerformanceEntry[],
      PerformanceEntry[],
      PerformanceEntry[],
    ];
    const entries = [...load, ...start, ...ready, ...scan, ...underline];
    // Loading and starting run in tasks of their own.
    const longestApart = Math.max(
      sum(start),
      readyWithFirstSlice ? sum(ready) + (scan[0]?.duration ?? 0) : sum(ready),
      ...scan.slice(readyWithFirstSlice ? 1 : 0).map((e) => e.duration),
      ...underline.map((e) => e.duration),
    );
    const scanned = performance.getEntriesByName('plain-terms:scanned')[0];
    return {
      oursMs: sum(entries),
      doneMs: scanned && load[0] ? scanned.startTime - load[0].startTime : Number.NaN,
      loadMs: sum(load),
      underlineMs: sum(underline),
      startMs: sum(start),
      readyMs: sum(ready),
      scanMs: sum(scan),
      longestTaskMs: Math.max(sum(load), longestApart),
      longestTaskApartMs: longestApart,
      ours: CSS.highlights.get('plain-terms')?.size ?? 0,
    };
  }, readyWithFirstSlice);
}

/** The least content script's measures on `url`, in a fresh tab of the browser that has only it. */
async function readBare(browser: Browser, name: BrowserName, url: string) {
  const page = await browser.newPage();
  try {
    await watchFrames(page, name);
    await openAndWaitFor(page, url, 'bare:done');
    const times = await page.evaluate(() => {
      const duration = (name: string) => performance.getEntriesByName(`bare:${name}`)[0]!.duration;
      return { bareStartMs: duration('load') + duration('ask'), bareWalkMs: duration('walk') };
    });
    // As for ours: the frames the least script made long are the reference for ours.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const frames = await framesHolding(page, 'bare:');
    return { ...times, bareMadeLongMs: frames.madeLong, bareMadeLongApartMs: frames.madeLongApart };
  } finally {
    await page.close();
  }
}

async function run(name: BrowserName, pages: string[], origin: string): Promise<Row[]> {
  const browser = await launchOffline(name);
  const bareBrowser = await launchOffline(name, writeBareExtension(name));
  const rows: Row[] = [];
  try {
    for (const [i, file] of pages.entries()) {
      const floorTab = await browser.newPage();
      let page = floorTab;
      try {
        await openAndWaitFor(floorTab, `${origin}/page/${file}#plain-terms-floor`, 'plain-terms:floor');
        const scriptFloorMs = await floorTab.evaluate(
          () => performance.getEntriesByName('plain-terms:floor')[0]!.duration,
        );
        await floorTab.close();
        const bare = await readBare(bareBrowser, name, `${origin}/page/${file}`);
        page = await browser.newPage();
        await watchFrames(page, name);
        await openAndWaitFor(page, `${origin}/page/${file}`);
        // Ours in a fresh tab, like a page opened from a link: Firefox sets its extension API up
        // for a content script in each new tab's process, which the same tab's next page reuses.
        const ours = await readOurs(page, name);
        // A frame is reported once it has ended: let two more pass.
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        const frames = await framesHolding(page, 'plain-terms:');
        const floor = await page.evaluate(() => {
          // One pass, in the page's own world, which has not touched these nodes yet: like our
          // content script's first read, it pays for every node's first wrapper.
          let chars = 0;
          const start = performance.now();
          const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += (node as Text).data.length;
          return { floorMs: performance.now() - start, chars };
        });
        // The same page again in the same tab (about:blank between, so it isn't restored from cache).
        await page.goto('about:blank');
        await openAndWaitFor(page, `${origin}/page/${file}`);
        const againMs = (await readOurs(page, name)).oursMs;
        let markMs: number | null = null;
        let marks: number | null = null;
        let markError: string | null = null;
        if (withMarkJs && i % markJsEvery === 0) {
          await page.addScriptTag({ url: `${origin}/__bench/mark.js` });
          // In batches (see markjs.ts). A failure still counts as a mark.js failure, not a skip.
          ({ markMs, marks, markError } = await page.evaluate(
            async (keywords: string[], options: object, size: number) => {
              type MarkJs = { mark: (k: string[], o: object) => void };
              const Mark = (window as unknown as { Mark: new (el: Element) => MarkJs }).Mark;
              const marker = new Mark(document.body ?? document.documentElement);
              const markBatch = (batch: string[]) =>
                new Promise<number>((done) => marker.mark(batch, { ...options, done }));
              const start = performance.now();
              let count = 0;
              try {
                for (let i = 0; i < keywords.length; i += size) count += await markBatch(keywords.slice(i, i + size));
              } catch (error) {
                return { markMs: null, marks: null, markError: String(error).slice(0, 80) };
              }
              return { markMs: performance.now() - start, marks: count, markError: null };
            },
            forms,
            MARKJS_OPTIONS,
            MARKJS_BATCH,
          ));
        }
        rows.push({
          page: file,
          ...floor,
          scriptFloorMs,
          ...bare,
          ...ours,
          ownFrameMs: frames.longest,
          madeLongMs: frames.madeLong,
          madeLongApartMs: frames.madeLongApart,
          againMs,
          markMs,
          marks,
          markError,
        });
      } catch (error) {
        console.log(`  ${name} ${file}: skipped (${(error as Error).message.split('\n')[0]})`);
      } finally {
        if (!page.isClosed()) await page.close();
        if (!floorTab.isClosed()) await floorTab.close();
      }
      if ((i + 1) % 20 === 0) console.log(`  ${name}: ${i + 1}/${pages.length} pages`);
    }
  } finally {
    await browser.close();
    await bareBrowser.close();
  }
  return rows;
}

/** "median … p90 … max …" of some figure over the pages. */
function spread(values: number[], unit: string, digits = 2): string {
  return `median ${fmt(quantile(values, 0.5), digits)}${unit}  p90 ${fmt(quantile(values, 0.9), digits)}${unit}  max ${fmt(Math.max(...values), digits)}${unit}`;
}

function summarize(name: BrowserName, rows: Row[]): string {
  const largest = [...rows].sort((a, b) => b.chars - a.chars).slice(0, 20);
  const overPage = (r: Row) => r.oursMs / Math.max(r.floorMs, 0.005);
  const overScript = (r: Row) => r.oursMs / Math.max(r.scriptFloorMs, 0.005);
  const overBare = (r: Row) => r.oursMs / Math.max(r.bareStartMs + r.bareWalkMs, 0.005);
  const marked = rows.filter((r) => r.markMs !== null);
  const lines = [
    `${name}: ${rows.length} pages, ${forms.length} surface forms`,
    `  Plain Terms ÷ floor (page's world):        ${spread(rows.map(overPage), '×', 1)}`,
    `    … on the 20 largest pages:                ${spread(largest.map(overPage), '×', 1)}`,
    `  Plain Terms ÷ floor (content script's):    ${spread(rows.map(overScript), '×', 1)}`,
    `    … on the 20 largest pages:                ${spread(largest.map(overScript), '×', 1)}`,
    `  least content script, start ÷ its walk:   ${spread(
      rows.map((r) => r.bareStartMs / Math.max(r.bareWalkMs, 0.005)),
      '×',
      1,
    )}  (start, ms: ${spread(
      rows.map((r) => r.bareStartMs),
      '',
    )})`,
    `  Plain Terms ÷ (least start + walk):        ${spread(rows.map(overBare), '×', 1)}`,
    `    … on the 20 largest pages:                ${spread(largest.map(overBare), '×', 1)}`,
    `  Plain Terms, start to last match (ms):     ${spread(
      rows.map((r) => r.oursMs),
      '',
    )}`,
    `    … wall time, first line to scan done (ms): ${spread(
      rows.map((r) => r.doneMs),
      '',
      0,
    )}`,
    `    … the same page again in the same tab:   ${spread(
      rows.map((r) => r.againMs),
      '',
    )}  (÷ content script's floor, median ${fmt(
      quantile(
        rows.map((r) => r.againMs / Math.max(r.scriptFloorMs, 0.005)),
        0.5,
      ),
      1,
    )}×)`,
    `    of which load / start-up / ready / scan / underline, median (ms): ${(
      ['loadMs', 'startMs', 'readyMs', 'scanMs', 'underlineMs'] as const
    )
      .map((k) =>
        fmt(
          quantile(
            rows.map((r) => r[k]),
            0.5,
          ),
        ),
      )
      .join(' / ')}`,
    `  floor, page's world (ms):                  ${spread(
      rows.map((r) => r.floorMs),
      '',
      3,
    )}`,
    `  floor, content script's world (ms):        ${spread(
      rows.map((r) => r.scriptFloorMs),
      '',
      3,
    )}`,
    `  longest task from our script (ms):         ${spread(
      rows.map((r) => r.longestTaskMs),
      '',
    )}  (pages over 50 ms: ${rows.filter((r) => r.longestTaskMs > 50).length})`,
    `    … load apart:                             ${spread(
      rows.map((r) => r.longestTaskApartMs),
      '',
    )}  (pages over 50 ms: ${rows.filter((r) => r.longestTaskApartMs > 50).length})`,
    `    … on the 20 largest pages:                ${spread(
      largest.map((r) => r.longestTaskMs),
      '',
    )}`,
    `  longest frame holding our work (ms):       ${spread(
      rows.map((r) => r.ownFrameMs),
      '',
      0,
    )}  (pages over 50 ms: ${rows.filter((r) => r.ownFrameMs > 50).length}; 0: none over 50)`,
    `    … those our script made long (ms):       ${spread(
      rows.map((r) => r.madeLongMs),
      '',
      0,
    )}  (pages: ${rows.filter((r) => r.madeLongMs > 50).length}; not over 50 ms without our measures in them)`,
    `    … the same, load apart (ms):             ${spread(
      rows.map((r) => r.madeLongApartMs),
      '',
      0,
    )}  (pages: ${rows.filter((r) => r.madeLongApartMs > 50).length}; our load, where Firefox sets up its API, counted as not ours)`,
    `  the least content script, the same (ms):   made long: pages ${rows.filter((r) => r.bareMadeLongMs > 50).length}, max ${fmt(
      Math.max(...rows.map((r) => r.bareMadeLongMs)),
      0,
    )}; load apart: pages ${rows.filter((r) => r.bareMadeLongApartMs > 50).length}, max ${fmt(
      Math.max(...rows.map((r) => r.bareMadeLongApartMs)),
      0,
    )}`,
  ];
  if (marked.length) {
    lines.push(
      `  mark.js ÷ Plain Terms (${marked.length} pages):          ${spread(
        marked.map((r) => r.markMs! / Math.max(r.oursMs, 0.01)),
        '×',
        0,
      )}  min ${fmt(Math.min(...marked.map((r) => r.markMs! / Math.max(r.oursMs, 0.01))), 0)}×`,
      `    … of the 20 largest pages (${largest.filter((r) => r.markMs !== null).length} ran mark.js):   ${spread(
        largest.filter((r) => r.markMs !== null).map((r) => r.markMs! / Math.max(r.oursMs, 0.01)),
        '×',
        0,
      )}`,
      `  mark.js (ms):                              ${spread(
        marked.map((r) => r.markMs!),
        '',
        0,
      )}`,
      `  matches on those pages: Plain Terms ${marked.reduce((s, r) => s + r.ours, 0)}, mark.js ${marked.reduce((s, r) => s + r.marks!, 0)} (pages where they differ: ${marked.filter((r) => r.marks !== r.ours).length}); mark.js failed on ${rows.filter((r) => r.markError).length} pages`,
    );
  }
  return lines.join('\n');
}

// The benchmark's own build (npm run bench makes it), which can also measure the floor from a content script.
process.env.PLAIN_TERMS_OUTPUT ??= join(import.meta.dirname, '../../.output-bench');
const only = option('only')?.split(',');
const repeat = Number(option('repeat') ?? 1);
const pages = findPages(dir)
  .filter((page) => !only || only.includes(page))
  .slice(0, limit)
  .flatMap((page) => Array<string>(repeat).fill(page));
const { origin, server } = await servePages(dir, { '/__bench/mark.js': MARKJS_PATH });
const outDir = join(import.meta.dirname, '../../bench-output');
mkdirSync(outDir, { recursive: true });
const summaries: string[] = [];
for (const name of browsers) {
  console.log(`Running ${pages.length} pages in ${name}…`);
  const rows = await run(name, pages, origin);
  const tsv = [
    'page\tchars\tfloor_ms\tscript_floor_ms\tbare_start_ms\tbare_walk_ms\tours_ms\tdone_ms\tload_ms\tstart_ms\tready_ms\tscan_ms\tunderline_ms\tagain_ms\tratio\tscript_ratio\tlongest_task_ms\tlongest_task_apart_ms\town_frame_ms\tmade_long_ms\tmade_long_apart_ms\tbare_made_long_ms\tbare_made_long_apart_ms\tours_matches\tmarkjs_ms\tmarkjs_matches\tmarkjs_error',
    ...rows.map((r) =>
      [
        r.page,
        r.chars,
        fmt(r.floorMs, 3),
        fmt(r.scriptFloorMs, 3),
        fmt(r.bareStartMs),
        fmt(r.bareWalkMs, 3),
        fmt(r.oursMs),
        fmt(r.doneMs, 0),
        fmt(r.loadMs),
        fmt(r.startMs),
        fmt(r.readyMs),
        fmt(r.scanMs),
        fmt(r.underlineMs),
        fmt(r.againMs),
        fmt(r.oursMs / Math.max(r.floorMs, 0.005)),
        fmt(r.oursMs / Math.max(r.scriptFloorMs, 0.005)),
        fmt(r.longestTaskMs),
        fmt(r.longestTaskApartMs),
        fmt(r.ownFrameMs, 0),
        fmt(r.madeLongMs, 0),
        fmt(r.madeLongApartMs, 0),
        fmt(r.bareMadeLongMs, 0),
        fmt(r.bareMadeLongApartMs, 0),
        r.ours,
        fmt(r.markMs, 1),
        r.marks ?? '—',
        r.markError ?? '',
      ].join('\t'),
    ),
  ].join('\n');
  writeFileSync(join(outDir, `pages-${name}.tsv`), `${tsv}\n`);
  summaries.push(summarize(name, rows));
}
server.close();
console.log(`\n${summaries.join('\n\n')}\n\nPer-page figures: ${outDir}/pages-<browser>.tsv`);
