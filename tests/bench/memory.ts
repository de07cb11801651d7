/**
 * Memory benchmark: `npm run bench:memory -- [PAGES_DIR] [--browsers=chromium] [--runs=3] [--quick]`.
 *
 * What a tab keeps in memory because of our content script: the page's heap after garbage
 * collection with Plain Terms' benchmark build − with an extension that has no content script
 * (bare-extension.ts, "none"), the same page in a fresh tab of each browser, in an order that
 * alternates from run to run. How the heap is read, per browser, is in heap-reader.ts.
 * The static pages are also read with the least content script (bare-extension.ts, "least": the
 * webextension-polyfill, one question to its background, one walk of the text, in every frame as
 * ours): least − none is the floor any content script pays (its isolated world, the polyfill),
 * ours − least what Plain Terms keeps beyond it.
 * - a saved page of median size and the largest saved page;
 * - a page of 10 iframes, each the median page (what a tab with 10 frames pays: every frame runs
 *   its own copy of the content script and parses its own index);
 * - a session on a long health article: paragraphs added and removed (100 at a time), hover cards
 *   opened and closed (pointer onto a term, Escape, pointer away), and single-page-app views
 *   (`history.pushState` and new content), then the page put back as it was first (content and
 *   address). One of each step comes first and is reported apart ("first use": the first card
 *   makes the card and parses the explanations, once per page). The session's growth is
 *   (ours after − ours before) − (none after − none before), reported as a share of what the page
 *   kept because of us before it. The same session then runs once more: growth that goes on is
 *   kept per step (a leak), growth that stops was made once (compiled code, caches). The session
 *   runs with the least session script too (least-session-script.ts: the least content script
 *   that does the session's work at all, following changes and showing cards), the reference for
 *   how much any content script's heap grows over it.
 * - the background, which holds the glossary's index once for every tab and frame: its heap as it
 *   starts, once the pages above were read, and after the session's cards, − the background of the
 *   extension with no content script as it started (heap-reader.ts, `readBackgroundHeap`).
 * `--quick`: one run, and 200 paragraphs, 50 cards and 20 views instead of 1,000, 500 and 100;
 * `--only=static` or `--only=session`: that part alone.
 * `--idle=S`: the session's page is then left alone S seconds, and its heap read again: whether
 * what the sessions made once is let go of in time.
 * `--v8-max-opt=N` (Chromium): V8's highest compiler tier, 0 the interpreter alone, 1 + baseline,
 * 2 + Maglev, 3 + TurboFan (the default): how much of the session's growth is optimised code.
 * Reports, never pass/fail on absolute sizes.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { type BrowserName, extensionDir, FIREFOX_UUID, GECKO_ID, launchWithExtension } from '../e2e/harness';
import { BARE_TITLE, writeBareExtension, writeNoScriptExtension } from './bare-extension';
import { DEFAULT_PAGES, servePages } from './browser-run';
import { measurePages } from './choose-pages';
import { HEAP_SOURCE, type Heap, readBackgroundHeap, readHeap } from './heap-reader';
import { LEAST_SESSION, writeLeastSessionScript } from './least-session-script';
import { installSession, PLAIN_TERMS, runSession, type SessionCounts, type SessionScript } from './memory-session';
import { fmt, median } from './stats';

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const dir = resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_PAGES);
const browsers = (option('browsers') ?? 'chromium,firefox').split(',') as BrowserName[];
const quick = args.includes('--quick');
const only = option('only');
const runs = Number(option('runs') ?? (quick ? 1 : 3));
const maxOpt = option('v8-max-opt');
const idleSeconds = Number(option('idle') ?? 0);
if (maxOpt !== undefined && !/^[0-3]$/.test(maxOpt))
  throw new Error(`--v8-max-opt takes a tier from 0 (the interpreter alone) to 3 (all, the default), not "${maxOpt}"`);
const counts: SessionCounts = quick
  ? { paragraphs: 200, cards: 50, views: 20 }
  : { paragraphs: 1000, cards: 500, views: 100 };

type Variant = 'none' | 'least' | 'ours';
/** The mark each variant's content script makes once it has read the page. */
const DONE: Record<Variant, string | null> = { none: null, least: 'bare:done', ours: 'plain-terms:scanned' };
/** The extension whose content script's realm Firefox reports by name. */
const TITLE: Record<Variant, string> = { none: '', least: BARE_TITLE, ours: 'Plain Terms' };
const FRAMES = 10;
/** Firefox: the no-content-script extension's internal UUID, so its background's reports can be found. */
const NONE_UUID = '0b1a2f3e-4d5c-4b6a-9788-a0b1c2d3e4f5';

/** The pages, copied into a folder of their own beside the frames and session pages. */
function writePages(): { folder: string; median: string; largest: string } {
  const folder = mkdtempSync(join(tmpdir(), 'plain-terms-memory-'));
  const bySize = measurePages(dir).sort((a, b) => b.chars - a.chars);
  const largest = bySize[0];
  // The page of median size nearest the middle with no frames of its own: a frame (a blank ad
  // frame too) runs its own copy of the content script, which the 10-frame page measures apart.
  const middle = bySize.length >> 1;
  const nearest = [...bySize.keys()].sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));
  const median = nearest
    .map((i) => bySize[i]!)
    .find((p) => !/<iframe\b/i.test(readFileSync(join(dir, p.file), 'latin1')));
  copyFileSync(join(dir, median!.file), join(folder, 'median.html'));
  copyFileSync(join(dir, largest!.file), join(folder, 'largest.html'));
  const frames = Array.from({ length: FRAMES }, () => '<iframe src="median.html" width="600" height="300"></iframe>');
  writeFileSync(join(folder, 'frames.html'), `<!doctype html><title>Ten frames</title>\n${frames.join('\n')}\n`);
  const demo = readFileSync(join(import.meta.dirname, '../../demo/article.html'), 'utf8');
  const article = demo.slice(demo.indexOf('<article>'), demo.indexOf('</article>') + '</article>'.length);
  writeFileSync(
    join(folder, 'session.html'),
    demo.replace(/<article>[\s\S]*<\/article>/, `<main id="main">${article.repeat(3)}</main>`),
  );
  return { folder, median: median!.file, largest: largest!.file };
}

/** Waits until the content script has made `done` in every frame of the page's origin (none: null), and two frames more. */
async function settle(page: Page, done: string | null): Promise<void> {
  if (done)
    // Frames of the page's origin: a saved page's frames from elsewhere are refused, and show error pages.
    for (const frame of page.frames().filter((f) => f.url().startsWith(new URL(page.url()).origin))) {
      await frame.evaluate('globalThis.__name ??= (fn) => fn');
      await frame.waitForFunction(
        (mark: string) => performance.getEntriesByName(mark).length > 0,
        {
          polling: 50,
          timeout: 60_000,
        },
        done,
      );
    }
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 500)))),
  );
}

/**
 * The heap (`read`) after the page was left alone `--idle` seconds in front, its garbage collected
 * every 10 s meanwhile (does V8 let go of code not run lately?), or null without the option.
 */
async function idleHeap(read: () => Promise<Heap>): Promise<Heap | null> {
  if (!idleSeconds) return null;
  let heap: Heap | null = null;
  for (let waited = 0; waited < idleSeconds; waited += 10) {
    await new Promise((done) => setTimeout(done, Math.min(10, idleSeconds - waited) * 1000));
    heap = await read();
  }
  return heap;
}

async function open(browser: Browser, url: string, done: string | null): Promise<Page> {
  const page = await browser.newPage();
  await page.bringToFront();
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  await settle(page, done);
  return page;
}

interface SessionSample {
  loaded: Heap;
  before: Heap;
  after: Heap;
  /** After the same session once more: growth that goes on is kept per step, growth that stops was made once. */
  again: Heap;
  /** With `--idle=S`: after S seconds more in front, doing nothing (is code made once let go of?). */
  idle: Heap | null;
  failedCards: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** One line of heap figures: `of(key)` is ours − none (or a growth) for each kind of heap. */
function describe(name: BrowserName, of: (key: keyof Heap) => number, ourRealms: number, whose = 'our'): string {
  return name === 'chromium'
    ? `JS ${fmt(mb(of('js')), 2)} MB, Blink ${fmt(mb(of('native')), 2)} MB, DOM nodes ${fmt(of('nodes'), 0)}, listeners ${fmt(of('listeners'), 0)}`
    : `JS ${fmt(mb(of('js')), 2)} MB, DOM, layout and styles ${fmt(mb(of('native')), 2)} MB; ${whose} script's realms alone ${fmt(mb(ourRealms), 2)} MB`;
}

const { folder, ...chosen } = writePages();
const { origin, server } = await servePages(folder);
const STATIC = [
  { label: `median page, no frames (${chosen.median})`, url: `${origin}/page/median.html` },
  { label: `largest page (${chosen.largest})`, url: `${origin}/page/largest.html` },
  { label: `${FRAMES} frames of the median page`, url: `${origin}/page/frames.html` },
];

/** What follows each variant's page in the session: Plain Terms, the least session script, nothing. */
const SESSION_SCRIPT: Record<Variant, SessionScript | null> = { none: null, least: LEAST_SESSION, ours: PLAIN_TERMS };
/** The name its content script's realm has in Firefox's about:memory. */
const SESSION_TITLE: Record<Variant, string> = { none: '', least: LEAST_SESSION.title, ours: TITLE.ours };

/**
 * The session, in fresh tabs with Plain Terms, with the least session script (least-session-script.ts:
 * the least that does the session's work at all) and with neither (`order` alternates them from run
 * to run): the lines it reports.
 */
async function measureSession(
  name: BrowserName,
  browsersOf: Record<Variant, Browser>,
  order: (run: number) => Variant[],
): Promise<string[]> {
  const sessions: Record<Variant, SessionSample[]> = { none: [], least: [], ours: [] };
  for (let r = 0; r < runs; r++)
    for (const variant of order(r)) {
      const script = SESSION_SCRIPT[variant];
      const page = await open(browsersOf[variant], `${origin}/page/session.html`, script?.scanned ?? null);
      const read = () => readHeap(page, name, SESSION_TITLE[variant]);
      const loaded = await read();
      await installSession(page, script);
      await settle(page, null);
      const before = await read();
      const { failedCards } = await runSession(page, script, counts);
      await settle(page, null);
      const after = await read();
      await runSession(page, script, counts);
      await settle(page, null);
      const again = await read();
      sessions[variant].push({ loaded, before, after, again, idle: await idleHeap(read), failedCards });
      await page.close();
    }
  return [
    `  session (${counts.paragraphs} paragraphs added and removed, ${counts.cards} cards, ${counts.views} views), back to its first state:`,
    ...sessionLines(name, sessions, 'ours'),
    '    the least session script (the reference):',
    ...sessionLines(name, sessions, 'least'),
  ];
}

/** The session's figures for `who` − none. */
function sessionLines(name: BrowserName, sessions: Record<Variant, SessionSample[]>, who: 'ours' | 'least'): string[] {
  const minusNone = (at: (s: SessionSample) => number) => median(sessions[who].map(at)) - median(sessions.none.map(at));
  const firstUse = (key: keyof Heap) => minusNone((s) => s.before[key] - s.loaded[key]);
  const kept = (key: keyof Heap) => minusNone((s) => s.before[key]);
  const grew = (key: keyof Heap) => minusNone((s) => s.after[key] - s.before[key]);
  const grewAgain = (key: keyof Heap) => minusNone((s) => s.again[key] - s.after[key]);
  const grewIdle = (key: keyof Heap) => minusNone((s) => (s.idle ? s.idle[key] - s.before[key] : Number.NaN));
  const realms = (at: (s: SessionSample) => number) => median(sessions[who].map(at));
  const keptRealms = realms((s) => s.before.ourRealms);
  const whose = who === 'ours' ? 'our' : 'its';
  return [
    `    cards that did not open: ${sessions[who].reduce((n, s) => n + s.failedCards, 0)}`,
    `    first use (one of each step: the first card${who === 'ours' ? ' parses the explanations' : ''}), − none: ${describe(
      name,
      firstUse,
      realms((s) => s.before.ourRealms - s.loaded.ourRealms),
      whose,
    )}`,
    `    kept after that, − none: ${describe(name, kept, keptRealms, whose)}`,
    `    growth, − none:       ${describe(
      name,
      grew,
      realms((s) => s.after.ourRealms - s.before.ourRealms),
      whose,
    )}`,
    `    … the same session once more, − none: ${describe(
      name,
      grewAgain,
      realms((s) => s.again.ourRealms - s.after.ourRealms),
      whose,
    )}`,
    ...(idleSeconds
      ? [
          `    … both sessions' growth after ${idleSeconds} s left alone, − none: ${describe(
            name,
            grewIdle,
            realms((s) => (s.idle?.ourRealms ?? 0) - s.before.ourRealms),
            whose,
          )}; JS ${fmt((100 * grewIdle('js')) / kept('js'), 0)}% of what was kept before`,
        ]
      : []),
    `    … the first session's growth as a share of what was kept before: JS ${fmt((100 * grew('js')) / kept('js'), 0)}%, ${name === 'chromium' ? 'Blink' : 'the rest'} ${fmt((100 * grew('native')) / kept('native'), 0)}%${name === 'firefox' ? `, ${whose} realms ${fmt((100 * realms((s) => s.after.ourRealms - s.before.ourRealms)) / keptRealms, 0)}%` : ''}`,
  ];
}

const lines: string[] = [];
for (const name of browsers) {
  // Ours opens its welcome page on install: waited for, so it can't come to the front later and
  // leave a measured page in the background, where no card opens.
  const launch = (extension: string, welcomes = false) =>
    launchWithExtension(name, {
      offline: true,
      dir: extension,
      welcomes,
      chromiumArgs: maxOpt ? [`--js-flags=--max-opt=${maxOpt}`] : [],
      firefoxPrefs: {
        'extensions.webextensions.uuids': JSON.stringify({
          [GECKO_ID]: FIREFOX_UUID,
          'no-script@plainterms.app': NONE_UUID,
        }),
      },
    });
  const browsersOf: Record<Variant, Browser> = {
    none: await launch(writeNoScriptExtension(name)),
    least: await launch(writeBareExtension(name, { allFrames: true })),
    ours: await launch(extensionDir(name, 'bench'), true),
  };
  const order = (r: number): Variant[] => (r % 2 ? ['ours', 'least', 'none'] : ['none', 'least', 'ours']);
  // The session's least is the least session script, in a browser of its own.
  const sessionBrowsers: Record<Variant, Browser> = {
    ...browsersOf,
    least: only === 'static' ? browsersOf.least : await launch(writeLeastSessionScript(name)),
  };
  try {
    // In Chromium ours opens its welcome page on install (Firefox doesn't, for an add-on loaded for a
    // test): closed, so nothing but the pages measured runs beside the background.
    if (name === 'chromium') {
      const welcome = browsersOf.ours.targets().find((target) => target.url().endsWith('/welcome.html'));
      await (await welcome?.page())?.close();
    }
    // The backgrounds as they start (a worker stops after 30 s without events, so read now).
    const background = (variant: 'ours' | 'none') =>
      readBackgroundHeap(browsersOf[variant], name, variant === 'ours' ? FIREFOX_UUID : NONE_UUID);
    const emptyBackground = await background('none');
    const backgroundAt: [string, Heap | null][] = [['as it starts', await background('ours')]];
    console.log(`Memory: ${only ?? `${STATIC.length} pages and a session`}, ${runs} run(s) in ${name}…`);
    lines.push(
      `${name}: heap after garbage collection, median of ${runs} run(s) (${HEAP_SOURCE[name]})${maxOpt && name === 'chromium' ? `, V8 tiers up to ${maxOpt}` : ''}`,
    );
    for (const { label, url } of only === 'session' ? [] : STATIC) {
      const heaps: Record<Variant, Heap[]> = { none: [], least: [], ours: [] };
      for (let r = 0; r < runs; r++)
        for (const variant of order(r)) {
          const page = await open(browsersOf[variant], url, DONE[variant]);
          heaps[variant].push(await readHeap(page, name, TITLE[variant]));
          await page.close();
        }
      const of = (v: Variant, key: keyof Heap) => median(heaps[v].map((h) => h[key]));
      const minus = (a: Variant, b: Variant) => (key: keyof Heap) => of(a, key) - of(b, key);
      lines.push(
        `  ${label}`,
        `    ours − none:  ${describe(name, minus('ours', 'none'), of('ours', 'ourRealms'))}`,
        `    least − none: ${describe(name, minus('least', 'none'), of('least', 'ourRealms'), 'the least')} (the floor)`,
        `    ours − least: ${describe(name, minus('ours', 'least'), of('ours', 'ourRealms') - of('least', 'ourRealms'), 'our − the least')}`,
      );
    }
    if (only !== 'session') backgroundAt.push(['once the pages above were read', await background('ours')]);
    if (only !== 'static') {
      lines.push(...(await measureSession(name, sessionBrowsers, order)));
      backgroundAt.push(["after the session's cards", await background('ours')]);
    }
    const heldFor = (heap: Heap | null) => {
      if (!heap || !emptyBackground) return 'not running';
      const of = (key: keyof Heap) => heap[key] - emptyBackground[key];
      return name === 'chromium'
        ? `JS ${fmt(mb(of('js')), 2)} MB`
        : `JS ${fmt(mb(of('js')), 2)} MB, the rest ${fmt(mb(of('native')), 2)} MB`;
    };
    lines.push(
      `  the background (held once for every tab and frame), ours − the empty one as it started (${emptyBackground ? `JS ${fmt(mb(emptyBackground.js), 2)} MB` : 'not running'}):`,
      ...backgroundAt.map(([when, heap]) => `    ${when}: ${heldFor(heap)}`),
    );
  } finally {
    for (const browser of new Set([...Object.values(browsersOf), ...Object.values(sessionBrowsers)]))
      await browser.close();
  }
}
server.close();
console.log(`\n${lines.join('\n')}`);
