import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFixtureServer } from './fixture-server';
import {
  BROWSERS,
  cardHostTag,
  extensionOrigin,
  FIREFOX_UUID,
  GECKO_ID,
  highlightCount,
  launchWithExtension,
  openExtensionPage,
  openPage,
  POLL_MS,
  pointOf,
  tabIdOf,
  waitForCard,
  waitForHighlights,
} from './harness';

const origin = useFixtureServer();

/** What `__probe.snapshot()` (fixtures/probe.js) reports: everything that appeared since the page made itself. */
interface Snapshot {
  highlights: Array<{ name: string; size: number; priority: number; type: string }>;
  sheets: string[];
  elements: Array<{ tag: string; parent: string; attributes: string[]; shadowRoot: string; ownProperties: string[] }>;
  globals: string[];
  runtime: string;
  events: string[];
  entries: string[];
  fonts: string[];
  styleChanges: string[];
  renderedText: string[];
  selectedText: string[];
  mutations: string[];
}

interface UrlProbe {
  url: string;
  fetched: string;
  image: string;
  style: string;
  ms: number;
}

/** Files a page might try, to learn the extension is installed: the manifest, the glossary, an icon, scripts, pages. */
const PATHS = [
  'manifest.json',
  'glossary-trie.json',
  'glossary-entries.json',
  'icons/16.png',
  'content-scripts/content.js',
  'card-view.js',
  'background.js',
  'popup.html',
];

/** Our own names, and the words they are made of: none may reach the page. */
const OURS = /plain|terms?\b|glossary/i;

function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => (window as unknown as { __probe: { snapshot(): Snapshot } }).__probe.snapshot());
}

/** A short line per check that found something, for the run's log. */
function summary(label: string, shot: Snapshot): string {
  const lines = Object.entries(shot).map(([check, value]) => {
    const items = Array.isArray(value) ? value : [value];
    const shown = items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)).slice(0, 160));
    return `  ${check}: ${Array.isArray(value) ? `${items.length}${items.length ? ` — ${shown.join(' | ')}` : ''}` : shown[0]}`;
  });
  return `${label}\n${lines.join('\n')}`;
}

describe.each(BROWSERS)('in %s, a page that probes for Plain Terms', (browserName) => {
  let browser: Browser;
  let options: Page;
  /** What a tracker knows in advance: the extension's public id, and an origin to load files from. */
  let ids: string[];
  let bases: string[];
  const log: string[] = [];
  const loads: Array<{ afterScan: Snapshot; afterCard: Snapshot; tag: string | null }> = [];

  beforeAll(async () => {
    browser = await launchWithExtension(browserName);
    options = await openExtensionPage(browser, browserName, 'options.html');
    const extension = await extensionOrigin(browser, browserName);
    // Chrome's id is the same for every user of the store's copy; Firefox's add-on id is public
    // and its moz-extension UUID is random per installation (fixed here, which no page can do).
    ids = browserName === 'chromium' ? [new URL(extension).host] : [GECKO_ID];
    // Then the same files of an extension that isn't installed: what the page sees must not differ.
    bases =
      browserName === 'chromium'
        ? [`${extension}/`, `chrome-extension://${'p'.repeat(32)}/`]
        : [`moz-extension://${FIREFOX_UUID}/`, 'moz-extension://00000000-1111-4222-8333-444444444444/'];
  });
  afterAll(async () => {
    console.log(`${browserName}: what the probe page found\n${log.join('\n')}`);
    await browser?.close();
  });

  const probeUrl = (file: string, extra = '') =>
    `${origin()}/${file}?ids=${encodeURIComponent(ids.join(','))}&bases=${encodeURIComponent(bases.join(','))}${extra}`;

  /** Opens a probe page in a new tab and waits for the badge's title: the first scan is over and counted. */
  async function openProbe(file: string, extra = ''): Promise<Page> {
    const url = probeUrl(file, extra);
    const page = await openPage(browser, url);
    const tab = await tabIdOf(options, url);
    await options.waitForFunction(
      async (id: number) => {
        const api = ((globalThis as Record<string, unknown>).browser ??
          (globalThis as Record<string, unknown>).chrome) as { action: { getTitle(d: object): Promise<string> } };
        return /\d+ terms? on this page$/.test(await api.action.getTitle({ tabId: id }));
      },
      { timeout: 10_000, polling: POLL_MS },
      tab,
    );
    await page.bringToFront();
    return page;
  }

  async function showCard(page: Page): Promise<void> {
    const point = await pointOf(page, '#first', 'inflammation');
    await page.mouse.move(point.x, point.y);
    await waitForCard(page, 'Inflammation');
  }

  it('finds nothing of ours after the scan, and no name of ours once a card is shown', async () => {
    const page = await openProbe('probe.html');
    const afterScan = await snapshot(page);
    log.push(summary('page load 1, after the scan', afterScan));
    await showCard(page);
    const afterCard = await snapshot(page);
    log.push(summary('page load 1, after a card was shown', afterCard));
    loads.push({ afterScan, afterCard, tag: await cardHostTag(page) });

    // A single-page app's next view: a new address without a page load, and new text.
    await page.evaluate(() =>
      (window as unknown as { __probe: { navigate(text: string): void } }).__probe.navigate(
        'The next view is about bursitis.',
      ),
    );
    await waitForHighlights(page, ['bursitis']);
    const afterNavigation = await snapshot(page);
    log.push(summary('page load 1, after a same-page navigation', afterNavigation));

    for (const shot of [afterScan, afterCard, afterNavigation]) {
      expect(JSON.stringify(shot)).not.toMatch(OURS);
      for (const id of [...ids, FIREFOX_UUID]) expect(JSON.stringify(shot)).not.toContain(id);
      expect(shot.globals).toEqual([]);
      expect(shot.runtime).toBe('undefined');
      expect(shot.events).toEqual([]);
      expect(shot.entries).toEqual([]);
      expect(shot.fonts).toEqual([]);
      expect(shot.styleChanges).toEqual([]);
    }
    // After the scan: one highlight (the terms) and its sheet, in the document and in the
    // widget's shadow root; no element, no change to the DOM, no text.
    expect(afterScan.highlights).toHaveLength(1);
    expect(afterScan.highlights[0]!.size).toBeGreaterThan(0);
    expect(afterScan.sheets).toHaveLength(2);
    expect(afterScan.elements).toEqual([]);
    expect(afterScan.mutations).toEqual([]);
    expect(afterScan.renderedText).toEqual([]);
    expect(afterScan.selectedText).toEqual([]);
    // Once a card is shown: its host, with no attribute, no property and no open shadow root,
    // and nothing of what the card says.
    expect(afterCard.elements).toEqual([
      { tag: loads[0]!.tag, parent: 'HTML', attributes: [], shadowRoot: 'none or closed', ownProperties: [] },
    ]);
    expect(afterCard.mutations).toEqual([`childList on HTML +${loads[0]!.tag!.toUpperCase()}`]);
    expect(afterCard.renderedText).toEqual([]);
    expect(afterCard.selectedText).toEqual([]);
  });

  it('sees other names on the next page load', async () => {
    const page = await openProbe('probe.html');
    const afterScan = await snapshot(page);
    await showCard(page);
    const afterCard = await snapshot(page);
    loads.push({ afterScan, afterCard, tag: await cardHostTag(page) });
    log.push(summary('page load 2, after a card was shown', afterCard));
    const [first, second] = loads as [(typeof loads)[0], (typeof loads)[0]];
    const names = (shot: Snapshot) => shot.highlights.map((h) => h.name);
    expect(names(second.afterCard)).toHaveLength(names(first.afterCard).length);
    for (const name of names(second.afterCard)) expect(names(first.afterCard)).not.toContain(name);
    expect(second.tag).not.toBe(first.tag);
    for (const sheet of second.afterCard.sheets) expect(first.afterCard.sheets).not.toContain(sheet);
    await page.close();
  });

  it('finds nothing at all on a page without health terms', async () => {
    const page = await openProbe('probe-quiet.html');
    const shot = await snapshot(page);
    log.push(summary('a page without health terms, after the scan', shot));
    expect(shot).toEqual({
      highlights: [],
      sheets: [],
      elements: [],
      globals: [],
      runtime: 'undefined',
      events: [],
      entries: [],
      fonts: [],
      styleChanges: [],
      renderedText: [],
      selectedText: [],
      mutations: [],
    });
    await page.close();
  });

  it('cannot make Plain Terms react: names planted in advance stay as the page left them', async () => {
    const page = await openProbe('probe.html', '&bait=1');
    await showCard(page);
    const bait = await page.evaluate(() =>
      (window as unknown as { __probe: { baitState(): unknown } }).__probe.baitState(),
    );
    log.push(`names planted in advance, after the scan and a card: ${JSON.stringify(bait)}`);
    expect(bait).toEqual({ element: true, sheet: true, highlights: [] });
    await page.close();
  });

  it('cannot stop Plain Terms with the event WXT uses to stop an older copy of a content script', async () => {
    const page = await openProbe('probe.html');
    const before = await highlightCount(page);
    const stop = await page.evaluate(() =>
      (window as unknown as { __probe: { sendStopEvent(): unknown } }).__probe.sendStopEvent(),
    );
    log.push(`WXT's stop event sent by the page, ranges underlined before and after: ${JSON.stringify(stop)}`);
    expect(stop).toEqual({ before, after: before });
    // Still working: a card opens.
    await showCard(page);
    await page.close();
  });

  it('cannot load any file of the extension, nor tell its address from one of an extension not installed', async () => {
    const page = await openProbe('probe.html');
    // The failed loads are the point: the console needn't report each one.
    page.removeAllListeners('console');
    const results = (await page.evaluate(
      (paths: string[]) =>
        (window as unknown as { __probe: { probeUrls(p: string[]): Promise<UrlProbe[]> } }).__probe.probeUrls(paths),
      PATHS,
    )) as UrlProbe[];
    log.push(
      `extension files tried from the page:\n${results.map((r) => `  ${r.url}: ${r.fetched}, ${r.image}, ${r.style} (${r.ms} ms)`).join('\n')}`,
    );
    for (const result of results) {
      expect(result.fetched, result.url).not.toMatch(/fetch \d/);
      expect(result.image, result.url).toBe('img error');
      expect(result.style, result.url).toBe('css error');
    }
    const outcome = ({ fetched, image, style }: UrlProbe) => [fetched, image, style];
    const [ours, absent] = [results.slice(0, PATHS.length), results.slice(PATHS.length)];
    expect(ours.map(outcome)).toEqual(absent.map(outcome));
    // Nor did those tries leave anything of ours the page could read.
    const shot = await snapshot(page);
    expect(shot.entries).toEqual([]);
    await page.close();
  });
});
