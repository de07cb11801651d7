import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/settings';
import terms from '../../glossary/terms.json';
import { useFixtureServer } from './fixture-server';
import {
  BROWSERS,
  cardHostTag,
  cardState,
  highlightedWords,
  inCard,
  launchWithExtension,
  openPage,
  pointOf,
  waitForCard,
  waitForHighlights,
} from './harness';

const explanationOf = (id: string) => terms.find((entry) => entry.id === id)!.explanation;

/** Every term in the article fixture outside form fields, scripts and editable or hidden regions. */
const EXPECTED = [
  'massage', // heading
  'chronic pain',
  'Massage therapy',
  'chronic pain', // "<em>chronic</em> pain": across an inline element
  'tense muscles',
  'blood flow',
  'lymphatic drainage',
  'connective tissue', // "connective <em>tissue</em>"
  'range-of-motion',
  'inflammation',
];

const origin = useFixtureServer();

describe.each(BROWSERS)('in %s, with the built extension', (browserName) => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchWithExtension(browserName);
    page = await openPage(browser, `${origin()}/article.html`);
    await waitForHighlights(page, ['inflammation', 'connective tissue']);
  });
  afterAll(async () => {
    await browser?.close();
  });
  // Each test starts with the pointer away from text and no card open.
  beforeEach(async () => {
    await page.mouse.move(1, 1);
    await waitForCard(page, null);
  });

  it('underlines the terms in the text, and only there', async () => {
    expect((await highlightedWords(page)).sort()).toEqual([...EXPECTED].sort());
  });

  it('shows a card with the plain explanation after the pointer rests on a term', async () => {
    const point = await pointOf(page, '#flow', 'lymphatic drainage');
    await page.mouse.move(point.x, point.y);
    await waitForCard(page, 'Lymphatic drainage');
    const card = await cardState(page);
    expect(card).toMatchObject({
      open: true,
      role: 'dialog',
      label: 'Lymphatic drainage',
      explanation: explanationOf('lymphatic-drainage'),
      asWritten: '',
    });
    // The doubtful "detox" claim comes with its honest note.
    expect(card?.note).toContain('no good proof');
  });

  it('names the entry when the page uses another name for it', async () => {
    const point = await pointOf(page, '#flow', 'blood flow');
    await page.mouse.move(point.x, point.y);
    await waitForCard(page, 'Circulation');
    expect(await cardState(page)).toMatchObject({
      asWritten: 'as in “blood flow”',
      explanation: explanationOf('circulation'),
    });
  });

  it('explains a term split across inline elements', async () => {
    const point = await pointOf(page, '#tissue', 'tissue');
    await page.mouse.move(point.x, point.y);
    await waitForCard(page, 'Connective tissue');
  });

  it('closes on Escape without the pointer moving (WCAG 1.4.13)', async () => {
    const point = await pointOf(page, '#lines', 'inflammation');
    await page.mouse.move(point.x, point.y);
    await waitForCard(page, 'Inflammation');
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
  });

  it('stays open while the pointer moves into the card, whose related terms open in place', async () => {
    const point = await pointOf(page, '#flow', 'lymphatic drainage');
    await page.mouse.move(point.x, point.y);
    await waitForCard(page, 'Lymphatic drainage');
    const box = await inCard(page, (root) => {
      const button = [...root.querySelectorAll('.card nav button')].find((b) => b.textContent === 'Lymph');
      const rect = button?.getBoundingClientRect();
      return rect ? { x: rect.left, y: rect.top, width: rect.width, height: rect.height } : null;
    });
    expect(box).toBeTruthy();
    // Travel from the term to the button in steps, as a hand would; the card must not close.
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2, { steps: 8 });
    await page.mouse.down();
    await page.mouse.up();
    await waitForCard(page, 'Lymph');
    expect(await cardState(page)).toMatchObject({ explanation: explanationOf('lymph') });
  });

  it('hides the card once the pointer leaves both the term and the card', async () => {
    const point = await pointOf(page, '#flow', 'lymphatic drainage');
    await page.mouse.move(point.x, point.y);
    await waitForCard(page, 'Lymphatic drainage');
    await page.mouse.move(5, 5);
    await waitForCard(page, null);
  });

  it('shows no card for words that are not terms', async () => {
    const point = await pointOf(page, '#last', 'painting');
    await page.mouse.move(point.x, point.y);
    // Rest there well past the dwell (the default hover delay) and two frames more: a term would have
    // opened its card by then.
    const rested = await page.evaluate(() => performance.now());
    await page.waitForFunction(
      (since: number, dwell: number) =>
        performance.now() > since + dwell &&
        new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))),
      { polling: 50, timeout: 10_000 },
      rested,
      DEFAULT_SETTINGS.hoverDelayMs + 100,
    );
    expect((await cardState(page))?.open ?? false).toBe(false);
    // Then rest on a real term: the card that opens must be that term's, never "painting".
    const term = await pointOf(page, '#intro', 'tense muscles');
    await page.mouse.move(term.x, term.y);
    await waitForCard(page, 'Muscle tension');
  });

  // How much is re-read is counted in rescan.test.ts, on the benchmark build, which records it.
  it('underlines a paragraph added after the page loaded', async () => {
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'added';
      p.textContent = 'Later, fibromyalgia was mentioned.';
      document.body.append(p);
    });
    await waitForHighlights(page, ['fibromyalgia']);
  });

  it('follows a block whose text changed', async () => {
    await page.evaluate(() => {
      const em = document.querySelector('#lines')?.firstChild as Text;
      em.data = 'Less swelling';
    });
    await waitForHighlights(page, ['swelling']);
    expect(await highlightedWords(page)).not.toContain('inflammation');
  });

  it('leaves the page DOM byte-for-byte as it was, apart from the one card host', async () => {
    const tag = await cardHostTag(page);
    expect(tag).toMatch(/^[a-z]+-[a-z]+$/);
    const result = await page.evaluate((hostTag: string) => {
      document.getElementById('added')?.remove();
      (document.querySelector('#lines')?.firstChild as Text).data = 'Reduced inflammation';
      const clone = document.documentElement.cloneNode(true) as HTMLElement;
      const hosts = clone.querySelectorAll(hostTag);
      for (const host of hosts) host.remove();
      const mutations = (
        window as unknown as {
          __mutations: Array<{ type: string; target: string; added: string[]; removed: string[] }>;
        }
      ).__mutations;
      return {
        hosts: hosts.length,
        same: clone.outerHTML === (window as unknown as { __initialHtml: string }).__initialHtml,
        // Mutations other than ours (the host) and the test's own paragraph.
        foreign: mutations.filter(
          (m) =>
            !(m.added.length === 1 && [hostTag.toUpperCase(), 'P'].includes(m.added[0]!) && m.removed.length === 0) &&
            !(m.removed.length === 1 && m.removed[0] === 'P' && m.added.length === 0) &&
            !(m.type === 'characterData' && m.target === '#text'),
        ),
      };
    }, tag!);
    expect(result).toEqual({ hosts: 1, same: true, foreign: [] });
    // Nor does it talk to the page: no postMessage the page (or a tracker on it) could listen for.
    expect(await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages)).toEqual([]);
  });
});
