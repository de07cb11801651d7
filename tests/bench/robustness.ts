/**
 * Robustness run: `npm run robustness -- [PAGES_DIR] [--browsers=chromium,firefox] [--limit=N]`.
 *
 * Loads every saved page (scripts stripped, every non-loopback request refused) in Chromium and
 * Firefox with the benchmark build (the product's code, plus the User Timing entries that time
 * the scan and say when it is over, and plain names for its highlights and card), rests the pointer on the first underlined term to open its
 * card, and reports per page: errors from the extension, DOM changes other than the card host,
 * the number of highlights and the scan time. Exits 1 when any page has an error or a DOM change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { type BrowserName, extensionOrigin, openExtensionPage } from '../e2e/harness';
import { DEFAULT_PAGES, findPages, launchOffline, openAndWaitFor, servePages } from './browser-run';

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const dir = resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_PAGES);
const browsers = (option('browsers') ?? 'chromium,firefox').split(',') as BrowserName[];
const limit = Number(option('limit') ?? Infinity);
const from = Number(option('from') ?? 0);
const verbose = args.includes('--verbose');
process.env.PLAIN_TERMS_OUTPUT ??= join(import.meta.dirname, '../../.output-bench');

/** Runs in the page before its own markup is parsed: records every DOM change after parsing ends. */
const RECORD_MUTATIONS = `(() => {
  window.__ptMutations = [];
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((records) => {
      for (const r of records) {
        const added = [...r.addedNodes].map((n) => n.nodeName);
        if (r.type === 'childList' && added.length === 1 && added[0] === 'PLAIN-TERMS-CARD' && r.removedNodes.length === 0) continue;
        window.__ptMutations.push(r.type + ' ' + r.target.nodeName + (r.attributeName ? ' @' + r.attributeName : '') + (added.length ? ' +' + added.join(',') : '') + (r.removedNodes.length ? ' -' + r.removedNodes.length : ''));
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
})();`;

interface Row {
  page: string;
  errors: string[];
  domChanges: string[];
  /** Of those, the ones the page also makes with Plain Terms switched off: its own doing. */
  pageOwn: string[];
  highlights: number;
  scanMs: number;
  cardOpened: boolean | null;
}

async function run(name: BrowserName, pages: string[], origin: string): Promise<Row[]> {
  const browser = await launchOffline(name);
  // Ours only: saved pages can point at other extensions' files (wikipedia-4 links another's fonts).
  const ours = await extensionOrigin(browser, name);
  const fromUs = (text: string) => /plain terms|plain-terms/i.test(text) || text.includes(ours);
  const rows: Row[] = [];
  try {
    for (const [i, file] of pages.entries()) {
      if (verbose) console.log(`  ${name}: ${file}`);
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && fromUs(`${message.text()} ${message.location()?.url ?? ''}`)) {
          errors.push(message.text().slice(0, 200));
        }
      });
      page.on('pageerror', (error) => {
        if (fromUs(String((error as Error).stack))) errors.push(String(error).slice(0, 200));
      });
      try {
        await page.setViewport({ width: 1200, height: 900 });
        await page.evaluateOnNewDocument(RECORD_MUTATIONS);
        await openAndWaitFor(page, `${origin}/page/${file}`);
        // Rest the pointer on the first underlined term in view, if any, to exercise the card.
        const point = await page.evaluate(() => {
          for (const r of CSS.highlights.get('plain-terms') ?? []) {
            const range = document.createRange();
            range.setStart(r.startContainer, r.startOffset);
            range.setEnd(r.endContainer, r.endOffset);
            const rect = range.getClientRects()[0];
            if (rect && rect.top > 0 && rect.bottom < innerHeight && rect.left > 0 && rect.right < innerWidth) {
              return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
            }
          }
          return null;
        });
        let cardOpened: boolean | null = null;
        if (point) {
          await page.mouse.move(point.x, point.y);
          cardOpened = await page
            .waitForFunction(
              () =>
                document
                  .querySelector('plain-terms-card')
                  ?.shadowRoot?.querySelector('.card')
                  ?.matches(':popover-open'),
              { polling: 50, timeout: 5_000 },
            )
            .then(() => true)
            .catch(() => false);
          await page.keyboard.press('Escape');
        }
        const state = await page.evaluate(() => ({
          domChanges: (window as unknown as { __ptMutations?: string[] }).__ptMutations ?? ['(recorder missing)'],
          highlights: CSS.highlights.get('plain-terms')?.size ?? 0,
          scanMs: ['load', 'start', 'ready', 'scan', 'underline']
            .flatMap((name) => performance.getEntriesByName(`plain-terms:${name}`))
            .reduce((s, e) => s + e.duration, 0),
        }));
        rows.push({ page: file, errors, cardOpened, pageOwn: [], ...state });
      } catch (error) {
        rows.push({
          page: file,
          errors: [...errors, `run failed: ${(error as Error).message.split('\n')[0]}`],
          domChanges: [],
          pageOwn: [],
          highlights: 0,
          scanMs: 0,
          cardOpened: null,
        });
      } finally {
        await page.close().catch(() => undefined);
      }
      if ((i + 1) % 20 === 0) console.log(`  ${name}: ${i + 1}/${pages.length} pages`);
    }
    await recordPagesOwnChanges(browser, name, origin, rows);
  } finally {
    await browser.close();
  }
  return rows;
}

/**
 * Loads each page whose DOM changed again with Plain Terms switched off everywhere: the changes
 * it makes then are the page's own (some saved pages change themselves without scripts).
 */
async function recordPagesOwnChanges(browser: Browser, name: BrowserName, origin: string, rows: Row[]): Promise<void> {
  const changed = rows.filter((r) => r.domChanges.length > 0);
  if (changed.length === 0) return;
  const options = await openExtensionPage(browser, name, 'options.html');
  const setEnabled = (enabled: boolean) =>
    options.evaluate(async (on: boolean) => {
      const api = ((globalThis as Record<string, unknown>).browser ??
        (globalThis as Record<string, unknown>).chrome) as {
        storage: { sync: { get(key: string): Promise<Record<string, object>>; set(items: object): Promise<void> } };
      };
      const { settings } = await api.storage.sync.get('settings');
      await api.storage.sync.set({ settings: { ...settings, enabled: on } });
    }, enabled);
  await setEnabled(false);
  try {
    for (const row of changed) {
      const page = await browser.newPage();
      try {
        await page.evaluateOnNewDocument(RECORD_MUTATIONS);
        await page.goto(`${origin}/page/${row.page}`, { waitUntil: 'load', timeout: 60_000 }).catch(() => undefined);
        await page.evaluate('globalThis.__name ??= (fn) => fn');
        // As many changes as with Plain Terms on, or 5 s for them to come.
        await page
          .waitForFunction(
            (count: number) =>
              ((window as unknown as { __ptMutations?: string[] }).__ptMutations ?? []).length >= count,
            { polling: 100, timeout: 5_000 },
            row.domChanges.length,
          )
          .catch(() => undefined);
        const own = await page.evaluate(() => (window as unknown as { __ptMutations?: string[] }).__ptMutations ?? []);
        row.pageOwn = row.domChanges.filter((change) => {
          const at = own.indexOf(change);
          if (at < 0) return false;
          own.splice(at, 1);
          return true;
        });
      } finally {
        await page.close().catch(() => undefined);
      }
    }
  } finally {
    await setEnabled(true);
    await options.close();
  }
}

const pages = findPages(dir).slice(from, from + limit);
const { origin, server } = await servePages(dir);
const outDir = join(import.meta.dirname, '../../bench-output');
mkdirSync(outDir, { recursive: true });
let failed = false;
const summaries: string[] = [];
for (const name of browsers) {
  console.log(`Loading ${pages.length} pages in ${name}…`);
  const rows = await run(name, pages, origin);
  writeFileSync(
    join(outDir, `robustness-${name}.tsv`),
    `${['page\terrors\tdom_changes\thighlights\tscan_ms\tcard_opened', ...rows.map((r) => [r.page, r.errors.join(' | '), r.domChanges.slice(0, 5).join(' | '), r.highlights, r.scanMs.toFixed(1), r.cardOpened ?? '—'].join('\t'))].join('\n')}\n`,
  );
  const withErrors = rows.filter((r) => r.errors.length > 0);
  const withChanges = rows.filter((r) => r.domChanges.length > 0);
  const ours = withChanges.filter((r) => r.domChanges.length > r.pageOwn.length);
  const slowest = [...rows].sort((a, b) => b.scanMs - a.scanMs)[0];
  const hovered = rows.filter((r) => r.cardOpened !== null);
  failed ||= withErrors.length > 0 || ours.length > 0;
  summaries.push(
    [
      `${name}: ${rows.length} pages`,
      `  pages with extension errors: ${withErrors.length}${withErrors.map((r) => `\n    ${r.page}: ${r.errors.join(' | ')}`).join('')}`,
      `  pages whose DOM changed beyond the card host: ${withChanges.length}, of which by Plain Terms: ${ours.length}${withChanges.map((r) => `\n    ${r.page}: ${r.domChanges.slice(0, 3).join(' | ')}${r.pageOwn.length === r.domChanges.length ? ' (the page does this itself with Plain Terms off)' : ''}`).join('')}`,
      `  highlights: ${rows.reduce((s, r) => s + r.highlights, 0)} on ${rows.filter((r) => r.highlights > 0).length} pages`,
      `  cards opened by hovering: ${hovered.filter((r) => r.cardOpened).length} of ${hovered.length} pages tried`,
      `  slowest scan: ${slowest ? `${slowest.scanMs.toFixed(1)} ms (${slowest.page})` : '—'}`,
    ].join('\n'),
  );
}
server.close();
console.log(`\n${summaries.join('\n\n')}\n\nPer-page results: ${outDir}/robustness-<browser>.tsv`);
process.exitCode = failed ? 1 : 0;
