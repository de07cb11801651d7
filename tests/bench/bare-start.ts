/**
 * What any content script that honours a per-site switch pays before it reads a word
 * (`npx tsx tests/bench/bare-start.ts [PAGES_DIR] [--limit=N]`, part of `npm run bench`).
 *
 * A throwaway extension, written here, holds the least such a script can be: the
 * webextension-polyfill Plain Terms uses, one question to its background ("on for this site?")
 * and, once answered, the floor walk (one TreeWalker pass reading every text node). Each saved
 * page is loaded once per browser and the script's own User Timing measures are read: load (the
 * polyfill evaluated), ask (sending the question), walk. The answer's delivery is not counted (no
 * clock sees it), so the start-up figure is a lower bound. The page benchmark's ratios are ours ÷
 * walk; this one says how much of such a ratio goes before the first word whatever the design.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserName } from '../e2e/harness';
import { DEFAULT_PAGES, findPages, launchOffline, openAndWaitFor, servePages } from './browser-run';

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const pagesDir = resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_PAGES);
const limit = Number(option('limit') ?? Infinity);
const browsers = (option('browsers') ?? 'chromium,firefox').split(',') as BrowserName[];

/** The throwaway extension, in a fresh temporary folder, for `browser`. */
function writeBareExtension(browser: BrowserName): string {
  const dir = mkdtempSync(join(tmpdir(), 'plain-terms-bare-'));
  const polyfill = createRequire(import.meta.url).resolve('webextension-polyfill/dist/browser-polyfill.min.js');
  const polyfillCode = readFileSync(polyfill, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/, '');
  writeFileSync(join(dir, 'polyfill.js'), polyfillCode);
  // One file, as a bundler would make it: in Firefox the gap between two files of a content
  // script can hold the page's own work.
  writeFileSync(
    join(dir, 'bare.js'),
    `const bareStart = performance.now();
${polyfillCode}
const loaded = performance.now();
performance.measure('bare:load', { start: bareStart, end: loaded });
browser.runtime.sendMessage({ site: location.hostname }).then((answer) => {
  if (!answer || !answer.on) return;
  const start = performance.now();
  let chars = 0;
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += node.data.length;
  performance.measure('bare:walk', { start, end: performance.now(), detail: { chars } });
  performance.mark('bare:done');
});
performance.measure('bare:ask', { start: loaded, end: performance.now() });
`,
  );
  writeFileSync(
    join(dir, 'background.js'),
    'browser.runtime.onMessage.addListener(() => Promise.resolve({ on: true }));\n',
  );
  const manifest = {
    manifest_version: 3,
    name: 'Plain Terms bare start (benchmark)',
    version: '1.0',
    background: browser === 'firefox' ? { scripts: ['polyfill.js', 'background.js'] } : { service_worker: 'sw.js' },
    content_scripts: [{ matches: ['http://*/*'], js: ['bare.js'], run_at: 'document_idle', all_frames: false }],
    host_permissions: ['http://*/*'],
    ...(browser === 'firefox' && { browser_specific_settings: { gecko: { id: 'bare-start@plainterms.app' } } }),
  };
  // A service worker takes one script: the polyfill's wrapper, then the listener.
  if (browser === 'chromium') writeFileSync(join(dir, 'sw.js'), "importScripts('polyfill.js', 'background.js');\n");
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[sorted.length >> 1]! : Number.NaN;
};

const pages = findPages(pagesDir).slice(0, limit);
const { origin, server } = await servePages(pagesDir);
try {
  console.log(`Bare start: ${pages.length} pages\n`);
  console.log('| browser | start (load + ask), median | … max | walk, median | start ÷ walk, median | p90 |');
  console.log('| ------- | -------------------------- | ----- | ------------ | -------------------- | --- |');
  for (const name of browsers) {
    const browser = await launchOffline(name, writeBareExtension(name));
    const starts: number[] = [];
    const walks: number[] = [];
    const ratios: number[] = [];
    try {
      for (const file of pages) {
        const page = await browser.newPage();
        try {
          await openAndWaitFor(page, `${origin}/page/${file}`, 'bare:done');
          const [load, ask, walk] = await page.evaluate(() =>
            ['load', 'ask', 'walk'].map((n) => performance.getEntriesByName(`bare:${n}`)[0]!.duration),
          );
          starts.push(load! + ask!);
          walks.push(walk!);
          ratios.push((load! + ask!) / walk!);
        } catch (error) {
          console.log(`  ${file}: ${String(error).split('\n')[0]}`);
        } finally {
          await page.close();
        }
      }
    } finally {
      await browser.close();
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    const p90 = sorted[Math.floor(sorted.length * 0.9)] ?? Number.NaN;
    console.log(
      `| ${name} | ${median(starts).toFixed(2)} ms | ${Math.max(...starts).toFixed(2)} ms | ${median(walks).toFixed(2)} ms | ${median(ratios).toFixed(2)}× | ${p90.toFixed(2)}× |`,
    );
  }
} finally {
  server.close();
}
