/**
 * Page benchmark: `npm run bench -- [PAGES_DIR] [--browsers=chromium,firefox] [--limit=N] [--no-markjs]`.
 *
 * For each saved page, in the same browser and run, with the built extension:
 * - floor: one TreeWalker pass over the page's text nodes reading their text (the mean of as
 *   many passes as fit in 20 ms);
 * - Plain Terms: its own User Timing measures (`plain-terms:index` + every `plain-terms:scan`
 *   slice) from content-script start until `plain-terms:scanned`; the longest one is the longest
 *   main-thread task the content script caused;
 * - mark.js (acrossElements, separateWordSearch off, case-insensitive, whole words) marking the
 *   same surface forms, run last because it rewrites the page.
 * Reports ratios, never pass/fail on absolute times.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { bundledGlossary } from '../../glossary/bundled';
import { surfaceFormsOf } from '../../glossary/tokenize';
import type { BrowserName } from '../e2e/harness';
import { DEFAULT_PAGES, findPages, launchOffline, servePages } from './browser-run';

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const dir = resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_PAGES);
const browsers = (option('browsers') ?? 'chromium,firefox').split(',') as BrowserName[];
const limit = Number(option('limit') ?? Infinity);
const withMarkJs = !args.includes('--no-markjs');
/** mark.js takes seconds per page: `--markjs-every=4` runs it on every 4th page only. */
const markJsEvery = Number(option('markjs-every') ?? 1);
const markJsPath = createRequire(import.meta.url).resolve('mark.js/dist/mark.min.js');
const forms = [...new Set(bundledGlossary.flatMap((entry) => surfaceFormsOf(entry).map((s) => s.form)))];

interface Row {
  page: string;
  chars: number;
  floorMs: number;
  oursMs: number;
  longestTaskMs: number;
  ours: number;
  markMs: number | null;
  marks: number | null;
  markError: string | null;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : Number.NaN;
};
const fmt = (n: number | null, digits = 2) => (n === null || Number.isNaN(n) ? '—' : n.toFixed(digits));

async function run(name: BrowserName, pages: string[], origin: string): Promise<Row[]> {
  const browser = await launchOffline(name);
  const rows: Row[] = [];
  try {
    for (const [i, file] of pages.entries()) {
      const page = await browser.newPage();
      try {
        await page.goto(`${origin}/page/${file}`, { waitUntil: 'load', timeout: 60_000 }).catch(() => undefined);
        // tsx keeps function names with a __name() helper that evaluated functions then call in the page.
        await page.evaluate('globalThis.__name ??= (fn) => fn');
        await page.waitForFunction(() => performance.getEntriesByName('plain-terms:scanned').length > 0, {
          polling: 50,
          timeout: 60_000,
        });
        const ours = await page.evaluate(() => {
          const entries = [
            ...performance.getEntriesByName('plain-terms:index'),
            ...performance.getEntriesByName('plain-terms:scan'),
          ];
          return {
            oursMs: entries.reduce((sum, e) => sum + e.duration, 0),
            longestTaskMs: Math.max(0, ...entries.map((e) => e.duration)),
            ours: CSS.highlights.get('plain-terms')?.size ?? 0,
          };
        });
        const floor = await page.evaluate(() => {
          // Repeated until 20 ms have passed: Firefox's clock ticks in whole milliseconds.
          let chars = 0;
          let runs = 0;
          const start = performance.now();
          do {
            chars = 0;
            const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += (node as Text).data.length;
            runs++;
          } while (performance.now() - start < 20);
          return { floorMs: (performance.now() - start) / runs, chars };
        });
        let markMs: number | null = null;
        let marks: number | null = null;
        let markError: string | null = null;
        if (withMarkJs && i % markJsEvery === 0) {
          await page.addScriptTag({ url: `${origin}/__bench/mark.js` });
          // mark.js builds one regular expression per keyword over the whole text; on some large
          // pages V8 gives up with "Stack overflow". That counts as a mark.js failure, not a skip.
          ({ markMs, marks, markError } = await page.evaluate(
            (keywords: string[]) =>
              new Promise<{ markMs: number | null; marks: number | null; markError: string | null }>((done) => {
                const Mark = (
                  window as unknown as { Mark: new (el: Element) => { mark: (k: string[], o: object) => void } }
                ).Mark;
                const start = performance.now();
                try {
                  new Mark(document.body ?? document.documentElement).mark(keywords, {
                    acrossElements: true,
                    separateWordSearch: false,
                    caseSensitive: false,
                    diacritics: false,
                    accuracy: { value: 'exactly', limiters: [...',.;:!?()[]{}"\'“”‘’«»/–—'] },
                    done: (count: number) => done({ markMs: performance.now() - start, marks: count, markError: null }),
                  });
                } catch (error) {
                  done({ markMs: null, marks: null, markError: String(error).slice(0, 80) });
                }
              }),
            forms,
          ));
        }
        rows.push({ page: file, ...floor, ...ours, markMs, marks, markError });
      } catch (error) {
        console.log(`  ${name} ${file}: skipped (${(error as Error).message.split('\n')[0]})`);
      } finally {
        await page.close();
      }
      if ((i + 1) % 20 === 0) console.log(`  ${name}: ${i + 1}/${pages.length} pages`);
    }
  } finally {
    await browser.close();
  }
  return rows;
}

function summarize(name: BrowserName, rows: Row[]): string {
  const ratio = rows.map((r) => r.oursMs / Math.max(r.floorMs, 0.01));
  const largest = [...rows].sort((a, b) => b.chars - a.chars).slice(0, 20);
  const largestRatio = largest.map((r) => r.oursMs / Math.max(r.floorMs, 0.01));
  const marked = rows.filter((r) => r.markMs !== null);
  const markRatio = marked.map((r) => r.markMs! / Math.max(r.oursMs, 0.01));
  const lines = [
    `${name}: ${rows.length} pages, ${forms.length} surface forms`,
    `  Plain Terms ÷ floor:            median ${fmt(quantile(ratio, 0.5))}×  p90 ${fmt(quantile(ratio, 0.9))}×  max ${fmt(Math.max(...ratio))}×`,
    `  … on the 20 largest pages:      median ${fmt(quantile(largestRatio, 0.5))}×  max ${fmt(Math.max(...largestRatio))}×`,
    `  Plain Terms scan (ms):          median ${fmt(
      quantile(
        rows.map((r) => r.oursMs),
        0.5,
      ),
    )}  p90 ${fmt(
      quantile(
        rows.map((r) => r.oursMs),
        0.9,
      ),
    )}  max ${fmt(Math.max(...rows.map((r) => r.oursMs)))}`,
    `  floor (ms):                     median ${fmt(
      quantile(
        rows.map((r) => r.floorMs),
        0.5,
      ),
      3,
    )}  max ${fmt(Math.max(...rows.map((r) => r.floorMs)), 3)}`,
    `  longest task from our script:   max ${fmt(Math.max(...rows.map((r) => r.longestTaskMs)))} ms  (pages over 50 ms: ${rows.filter((r) => r.longestTaskMs > 50).length})`,
  ];
  if (marked.length) {
    lines.push(
      `  mark.js ÷ Plain Terms:          median ${fmt(quantile(markRatio, 0.5), 0)}×  min ${fmt(Math.min(...markRatio), 0)}×   mark.js median ${fmt(
        quantile(
          marked.map((r) => r.markMs!),
          0.5,
        ),
        0,
      )} ms, max ${fmt(Math.max(...marked.map((r) => r.markMs!)), 0)} ms`,
      `  matches: Plain Terms ${rows.reduce((s, r) => s + r.ours, 0)}, mark.js ${marked.reduce((s, r) => s + r.marks!, 0)} (pages where they differ: ${marked.filter((r) => r.marks !== r.ours).length}); mark.js failed on ${rows.filter((r) => r.markError).length} pages`,
    );
  }
  return lines.join('\n');
}

const pages = findPages(dir).slice(0, limit);
const { origin, server } = await servePages(dir, { '/__bench/mark.js': markJsPath });
const outDir = join(import.meta.dirname, '../../bench-output');
mkdirSync(outDir, { recursive: true });
const summaries: string[] = [];
for (const name of browsers) {
  console.log(`Running ${pages.length} pages in ${name}…`);
  const rows = await run(name, pages, origin);
  const tsv = [
    'page\tchars\tfloor_ms\tours_ms\tratio\tlongest_task_ms\tours_matches\tmarkjs_ms\tmarkjs_matches',
    ...rows.map((r) =>
      [
        r.page,
        r.chars,
        fmt(r.floorMs, 3),
        fmt(r.oursMs),
        fmt(r.oursMs / Math.max(r.floorMs, 0.01)),
        fmt(r.longestTaskMs),
        r.ours,
        fmt(r.markMs, 1),
        r.marks ?? '—',
      ].join('\t'),
    ),
  ].join('\n');
  writeFileSync(join(outDir, `pages-${name}.tsv`), `${tsv}\n`);
  summaries.push(summarize(name, rows));
}
server.close();
console.log(`\n${summaries.join('\n\n')}\n\nPer-page figures: ${outDir}/pages-<browser>.tsv`);
