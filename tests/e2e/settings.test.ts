import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import terms from '../../glossary/terms.json';
import { seriousViolations, seriousViolationsInCard } from './axe';
import { useFixtureServer } from './fixture-server';
import {
  BROWSERS,
  cardHostTag,
  cardState,
  highlightCount,
  highlightedWords,
  inCard,
  launchWithExtension,
  openExtensionPage,
  openPage,
  POLL_MS,
  pointOf,
  sendToTab,
  tabIdOf,
  waitForCard,
  waitForHighlights,
  waitForNoHighlights,
  waitUntil,
} from './harness';

const origin = useFixtureServer();

/**
 * Clicks the element matching `selector` whose text includes `text`. The tab comes to the front
 * first: Chromium does not deliver input to a hidden tab.
 */
async function clickText(page: Page, selector: string, text: string): Promise<void> {
  await showTab(page);
  const handle = await page.waitForFunction(
    (sel: string, want: string) =>
      [...document.querySelectorAll(sel)].find((el) => el.textContent?.includes(want)) ?? null,
    { timeout: 10_000, polling: POLL_MS },
    selector,
    text,
  );
  await (handle.asElement() as unknown as { click: () => Promise<void> }).click();
}

/**
 * The tab that opened since `before` was taken. (Puppeteer reports Firefox's moz-extension tabs
 * as about:blank, so tabs are told apart by identity, not URL.)
 */
async function newPage(browser: Browser, before: Set<Page>): Promise<Page> {
  for (;;) {
    const fresh = (await browser.pages()).find((page) => !before.has(page));
    if (fresh) {
      await fresh.waitForFunction(() => location.protocol.endsWith('-extension:'), {
        timeout: 10_000,
        polling: POLL_MS,
      });
      return fresh;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Waits until a tab's toolbar badge reads `text`, polled from an extension page. */
async function waitForBadge(extensionPage: Page, tabId: number, text: string): Promise<void> {
  await extensionPage.waitForFunction(
    async (id: number, expected: string) => {
      const api = ((globalThis as Record<string, unknown>).browser ??
        (globalThis as Record<string, unknown>).chrome) as {
        action: { getBadgeText(details: object): Promise<string> };
      };
      return (await api.action.getBadgeText({ tabId: id })) === expected;
    },
    { timeout: 10_000, polling: POLL_MS },
    tabId,
    text,
  );
}

/** Brings a tab to the front and waits until it is visible, so input reaches it. */
async function showTab(page: Page): Promise<void> {
  await page.bringToFront();
  await page.waitForFunction(() => document.visibilityState === 'visible' && document.hasFocus(), {
    timeout: 10_000,
    polling: POLL_MS,
  });
}

async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    (sel: string, want: string) => [...document.querySelectorAll(sel)].some((el) => el.textContent?.includes(want)),
    { timeout: 10_000, polling: POLL_MS },
    selector,
    text,
  );
}

describe.each(BROWSERS)('in %s: popup, options and keyboard', (browserName) => {
  let browser: Browser;
  let article: Page;
  let second: Page;
  let popup: Page;
  let options: Page;
  let secondTab: number;
  const host = '127.0.0.1';

  beforeAll(async () => {
    browser = await launchWithExtension(browserName);
    // Each page underlined while it is in front: ranges found just as a tab goes to the background
    // wait for its next frame, which a hidden tab doesn't draw (highlight.ts), until it shows again.
    article = await openPage(browser, `${origin()}/article.html`);
    await waitForHighlights(article, ['inflammation']);
    second = await openPage(browser, `${origin()}/second.html`);
    await waitForHighlights(second, ['fibromyalgia']);
    options = await openExtensionPage(browser, browserName, 'options.html');
    secondTab = await tabIdOf(options, `${origin()}/second.html`);
    popup = await openExtensionPage(browser, browserName, `popup.html?tab=${secondTab}`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the popup shows the page’s terms with their counts, and a switch named after the site', async () => {
    await waitForText(popup, '.site-switch', `On for ${host}`);
    await waitForText(popup, '.page-terms li', 'Fatigue');
    const rows = await popup.$$eval('.page-terms li', (items) =>
      items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toContain('Fatigue 2 times');
    expect(rows).toContain('Fibromyalgia once');
    // The badge follows a moment after the page settles (the tab reports, the background sets it).
    await waitForBadge(popup, secondTab, String(rows.length));
  });

  it('speaks from its messages: page titles and language, the badge’s tooltip, the shortcuts’ descriptions', async () => {
    expect(await options.evaluate(() => [document.title, document.documentElement.lang])).toEqual([
      'Plain Terms options',
      'en',
    ]);
    expect(await popup.evaluate(() => document.title)).toBe('Plain Terms');
    // The manifest's __MSG_ names, as the browser resolves them.
    const commands = await options.evaluate(async () => {
      const api = ((globalThis as Record<string, unknown>).browser ??
        (globalThis as Record<string, unknown>).chrome) as {
        commands: { getAll(): Promise<Array<{ name?: string; description?: string }>> };
      };
      return Object.fromEntries((await api.commands.getAll()).map((c) => [c.name, c.description]));
    });
    expect(commands['toggle-site']).toBe('Switch Plain Terms off or on for this site');
    // Set by the background, right after the badge.
    await options.waitForFunction(
      async (id: number) => {
        const api = ((globalThis as Record<string, unknown>).browser ??
          (globalThis as Record<string, unknown>).chrome) as {
          action: { getTitle(details: object): Promise<string> };
        };
        return /^Plain Terms: \d+ terms? on this page$/.test(await api.action.getTitle({ tabId: id }));
      },
      { timeout: 10_000, polling: POLL_MS },
      secondTab,
    );
  });

  it('the popup lists a working shortcut for every command (the browser may refuse a suggested key)', async () => {
    await popup.waitForSelector('.shortcuts kbd');
    const keys = await popup.$$eval('.shortcuts kbd', (items) => items.map((kbd) => kbd.textContent));
    expect(keys).toHaveLength(4);
    expect(keys).not.toContain('not set');
  });

  it('choosing a term in the popup scrolls the page to it and emphasises it, without touching the DOM', async () => {
    await clickText(popup, '.page-terms button', 'Fibromyalgia');
    await second.waitForFunction(
      () => {
        // The highlight of the term being shown: the one with priority 1 (see harness.ts).
        const [range] = [...([...CSS.highlights.values()].find((h) => h.priority === 1) ?? [])];
        if (!range) return false;
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        const rect = live.getBoundingClientRect();
        return live.toString() === 'fibromyalgia' && rect.top >= 0 && rect.bottom <= innerHeight;
      },
      { timeout: 10_000, polling: POLL_MS },
    );
  });

  it('the glossary search finds terms despite a typo, and related terms open within the popup', async () => {
    await showTab(popup);
    await popup.type('input[type="search"]', 'inflamation');
    await waitForText(popup, '.results h3', 'Inflammation');
    await clickText(popup, '.results button', 'Swelling');
    await popup.waitForFunction(
      () => (document.querySelector('input[type="search"]') as HTMLInputElement).value === 'Swelling',
      { polling: POLL_MS },
    );
    await waitForText(popup, '.results h3', 'Swelling');
  });

  it('switching the site off applies live to every open tab of the site, survives a reload, and comes back', async () => {
    await clickText(popup, '.site-switch', `On for ${host}`);
    await waitForText(popup, '.site-switch', `Off for ${host}`);
    await waitForNoHighlights(article);
    await waitForNoHighlights(second);

    await second.reload({ waitUntil: 'load' });
    // The content script answers only once it has read the settings: then nothing may be underlined.
    const status = await options.evaluate(async (tabId: number) => {
      const api = ((globalThis as Record<string, unknown>).browser ??
        (globalThis as Record<string, unknown>).chrome) as {
        tabs: { sendMessage(id: number, m: unknown, o: object): Promise<{ status: { kind: string } }> };
      };
      for (;;) {
        try {
          return (await api.tabs.sendMessage(tabId, { type: 'get-page-info' }, { frameId: 0 })).status.kind;
        } catch {
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
      }
    }, secondTab);
    expect(status).toBe('off-here');
    expect(await highlightCount(second)).toBe(0);
    await waitForBadge(popup, secondTab, 'off');

    await clickText(popup, '.site-switch', `Off for ${host}`);
    await waitForText(popup, '.site-switch', `On for ${host}`);
    await waitForHighlights(article, ['inflammation']);
    await waitForHighlights(second, ['fibromyalgia']);
  });

  it('the popup works from the keyboard: Tab reaches the switches, Space flips them', async () => {
    await showTab(popup);
    await popup.focus('input[role="switch"]');
    // From the global switch, Tab moves on to this site's switch.
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.closest('label')?.textContent)).toBe(`On for ${host}`);
    await popup.keyboard.press(' ');
    await waitForText(popup, '.site-switch', `Off for ${host}`);
    await waitForNoHighlights(article);
    await popup.keyboard.press(' ');
    await waitForText(popup, '.site-switch', `On for ${host}`);
    await waitForHighlights(article, ['inflammation']);
  });

  it('the global switch turns Plain Terms off everywhere, and back on', async () => {
    await clickText(popup, '.popup-header label', 'everywhere');
    await waitForText(popup, '.popup-header label', 'Off everywhere');
    await waitForNoHighlights(article);
    await waitForNoHighlights(second);
    await clickText(popup, '.popup-header label', 'Off everywhere');
    await waitForHighlights(article, ['inflammation']);
    await waitForHighlights(second, ['fibromyalgia']);
  });

  it('a term added in the options page is underlined and explained on an open page', async () => {
    await showTab(options);
    await clickText(options, 'button', 'Add a term');
    await options.waitForSelector('.term-form');
    const fields = await options.$$('.term-form input[type="text"], .term-form textarea');
    await fields[0]!.type('Foam roller');
    await fields[1]!.type('A firm foam tube you lie on and roll to press on sore muscles.');
    await options.select('.term-form select', 'treatment');
    await clickText(options, '.term-form button', 'Save term');
    await waitForText(options, '.own-terms li', 'Foam roller');

    await waitForHighlights(second, ['foam roller']);
    // The open popup's list of the page's terms follows too.
    await waitForText(popup, '.page-terms li', 'Foam roller');
    await showTab(second);
    const point = await pointOf(second, '#roller', 'foam roller');
    await second.mouse.move(point.x, point.y);
    await waitForCard(second, 'Foam roller');
    expect((await cardState(second))?.explanation).toBe(
      'A firm foam tube you lie on and roll to press on sore muscles.',
    );
    await second.mouse.move(1, 1);
    await waitForCard(second, null);
  });

  it('"only the first of each term" leaves one underline per term, live', async () => {
    const before = await highlightedWords(second);
    expect(before.filter((word) => word === 'Fatigue')).toHaveLength(2);
    await clickText(options, 'label', 'Mark only the first of each term');
    await second.waitForFunction(
      () => {
        const words = [...([...CSS.highlights.values()].find((h) => h.priority === 0) ?? [])].map((r) => {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          return range.toString().toLowerCase();
        });
        return words.length > 0 && words.filter((word) => word === 'fatigue').length === 1;
      },
      { timeout: 10_000, polling: POLL_MS },
    );
    await clickText(options, 'label', 'Mark only the first of each term');
    await waitForHighlights(second, ['Fatigue', 'fibromyalgia']);
    await waitUntil(async () => (await highlightCount(second)) >= 8, 'eight underlines again');
  });

  it('a site added to the options page’s list is switched off, and back on when removed', async () => {
    await showTab(options);
    await options.type('.inline-form input', 'https://127.0.0.1/anything');
    await clickText(options, '.inline-form button', 'Add');
    await waitForText(options, '.site-list li', '127.0.0.1');
    await waitForNoHighlights(article);
    await clickText(options, '.site-list button', 'Remove');
    await waitForHighlights(article, ['inflammation']);
  });

  it('an import with errors is rejected whole, naming each bad row and field, and nothing saved is lost', async () => {
    const file = join(tmpdir(), `plain-terms-bad-${browserName}.csv`);
    writeFileSync(file, 'term,explanation,category\nCupping,Cups on the skin.,treatment\nKnot,,symptom\n');
    await showTab(options);
    const input = await options.$('input[type="file"]');
    await input!.uploadFile(file);
    await waitForText(options, '.import-result', 'was not imported');
    const message = await options.$eval('.import-result', (el) => el.textContent ?? '');
    expect(message).toContain('Row 3 ("knot"): field "explanation" is missing');
    const saved = await options.$$eval('.own-terms li strong', (items) => items.map((el) => el.textContent));
    expect(saved).toEqual(['Foam roller']);
  });

  it('explains the selected text from the keyboard: focus moves into the card and back on Escape', async () => {
    await showTab(second);
    await second.evaluate(() => {
      (document.getElementById('start') as HTMLButtonElement).focus();
      const text = document.getElementById('select-me')!.firstChild as Text;
      const at = text.data.indexOf('wobbly stride');
      getSelection()!.setBaseAndExtent(text, at, text, at + 'wobbly stride'.length);
    });
    await sendToTab(options, secondTab, { type: 'explain-selection' });
    await waitForCard(second, '“wobbly stride”');
    expect(await second.evaluate(() => document.activeElement?.localName)).toBe(await cardHostTag(second));
    const card = await cardState(second);
    expect(card?.explanation).toBe('This isn’t in the Plain Terms glossary yet.');

    await second.keyboard.press('Escape');
    await waitForCard(second, null);
    expect(await second.evaluate(() => document.activeElement?.id)).toBe('start');
  });

  it('offers to add an unknown selection as your own term, opening the options page with it filled in', async () => {
    await second.evaluate(() => {
      const text = document.getElementById('select-me')!.firstChild as Text;
      const at = text.data.indexOf('wobbly stride');
      getSelection()!.setBaseAndExtent(text, at, text, at + 'wobbly stride'.length);
    });
    await sendToTab(options, secondTab, { type: 'explain-selection' });
    await waitForCard(second, '“wobbly stride”');
    // The card takes focus as it opens: Tab must start from it.
    const tag = await cardHostTag(second);
    await second.waitForFunction((tag) => document.activeElement?.localName === tag, {}, tag);
    const pagesBefore = new Set(await browser.pages());
    // Keyboard only: the card has focus, Tab reaches its button, Space presses it. (Enter works
    // for people, but puppeteer's WebDriver BiDi keys don't activate buttons with Enter in Firefox.)
    await second.keyboard.press('Tab');
    await second.keyboard.press(' ');
    const optionsForTerm = await newPage(browser, pagesBefore);
    expect(await optionsForTerm.evaluate(() => location.pathname + location.hash)).toBe(
      '/options.html#add=wobbly%20stride',
    );
    await optionsForTerm.waitForSelector('.term-form', { timeout: 10_000 });
    expect(
      await optionsForTerm.$eval('.term-form input[type="text"]', (input) => (input as HTMLInputElement).value),
    ).toBe('wobbly stride');
    await optionsForTerm.close();
  });

  it('steps to the next and previous term from the keyboard, showing each one’s card', async () => {
    // From the top of the page, the first term in view is the heading's "Muscle recovery" (Recovery).
    await second.evaluate(() => {
      getSelection()?.removeAllRanges();
      window.scrollTo(0, 0);
    });
    await sendToTab(options, secondTab, { type: 'step-term', direction: 1 });
    await waitForCard(second, 'Recovery');
    await sendToTab(options, secondTab, { type: 'step-term', direction: 1 });
    await waitForCard(second, 'Foam roller');
    await sendToTab(options, secondTab, { type: 'step-term', direction: -1 });
    await waitForCard(second, 'Recovery');
    expect(await second.evaluate(() => document.activeElement?.localName)).toBe(await cardHostTag(second));
    await second.keyboard.press('Escape');
    await waitForCard(second, null);
  });

  it('opens a card’s “More” from the keyboard, and names the entry’s source as a link to a new tab', async () => {
    const acupuncture = terms.find((entry) => entry.id === 'acupuncture')!;
    await showTab(second);
    await second.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'acupuncture';
      p.textContent = 'Some runners try acupuncture.';
      document.body.append(p);
    });
    await waitForHighlights(second, ['acupuncture']);
    await second.evaluate(() => {
      const text = document.getElementById('acupuncture')!.firstChild as Text;
      const at = text.data.indexOf('acupuncture');
      getSelection()!.setBaseAndExtent(text, at, text, at + 'acupuncture'.length);
    });
    await sendToTab(options, secondTab, { type: 'explain-selection' });
    await waitForCard(second, 'Acupuncture');
    // The card's shadow root is closed to the page; the harness reads it through the automation protocol.
    const more = () =>
      inCard(second, (root) => {
        const button = root.querySelector('button[aria-controls]');
        const text = root.getElementById(button?.getAttribute('aria-controls') ?? '');
        return {
          focused: root.activeElement === button && button !== null,
          expanded: button?.getAttribute('aria-expanded'),
          shown: text !== null && !(text as HTMLElement).hidden && text.getClientRects().length > 0,
          text: text?.textContent,
        };
      });
    const expanded = (value: string) =>
      waitUntil(async () => (await more())?.expanded === value, `"More" to be aria-expanded=${value}`);
    // Keyboard only: the card has focus; Tab reaches "More", Space opens it and closes it again.
    await second.keyboard.press('Tab');
    expect(await more()).toEqual({ focused: true, expanded: 'false', shown: false, text: acupuncture.more });
    await second.keyboard.press(' ');
    await expanded('true');
    expect(await more()).toEqual({ focused: true, expanded: 'true', shown: true, text: acupuncture.more });
    await second.keyboard.press(' ');
    await expanded('false');

    const link = await inCard(second, (root) => {
      const a = root.querySelector<HTMLAnchorElement>('.source a');
      return a && { href: a.href, target: a.target, rel: a.rel.split(' '), name: a.firstChild?.textContent };
    });
    expect(link).toMatchObject({ href: acupuncture.source.url, target: '_blank', name: acupuncture.source.name });
    expect(link?.rel).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));

    await second.keyboard.press('Escape');
    await waitForCard(second, null);
    await second.evaluate(() => {
      getSelection()?.removeAllRanges();
      document.getElementById('acupuncture')?.remove();
    });
  });

  it('axe finds no serious or critical problems in the popup, the options page or the card', async () => {
    // Each page is audited in front: axe works through timers, which a background tab's browser
    // slows to one a second (Firefox took 16 s for the popup behind another tab, 0.5 s in front).
    await showTab(popup);
    expect(await seriousViolations(popup)).toEqual([]);
    await showTab(options);
    expect(await seriousViolations(options)).toEqual([]);
    await showTab(second);
    await sendToTab(options, secondTab, { type: 'step-term', direction: 1 });
    await waitUntil(
      async () => (await inCard(second, (root) => root.querySelector('.card')?.matches(':popover-open'))) === true,
      'the card to open',
    );
    expect(await seriousViolationsInCard(second)).toEqual([]);
    await second.keyboard.press('Escape');
  });

  it.runIf(browserName === 'chromium')(
    'the real toolbar popup opens on the active tab with its site switch',
    async () => {
      await showTab(article);
      const worker = await (await browser.waitForTarget((t) => t.type() === 'service_worker')).worker();
      await worker!.evaluate('chrome.action.openPopup()');
      const target = await browser.waitForTarget((t) => t.url().endsWith('popup.html'), { timeout: 10_000 });
      const realPopup = await target.asPage();
      await waitForText(realPopup, '.site-switch', `On for ${host}`);
      await waitForText(realPopup, '.page-terms li', 'Lymphatic drainage');
    },
  );
});
