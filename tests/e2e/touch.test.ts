import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seriousViolations, seriousViolationsInCard } from './axe';
import { useFixtureServer } from './fixture-server';
import {
  BROWSERS,
  cardHostTag,
  inCard,
  launchWithExtension,
  openExtensionPage,
  POLL_MS,
  pointOf,
  waitForCard,
  waitForHighlights,
  waitUntil,
  wordsBox,
} from './harness';

/**
 * A phone, held upright: 360 × 740 CSS px at 3 device pixels each, with a touch screen.
 * Chromium emulates it (touch events, `pointer: coarse`) and puppeteer's touchscreen sends real
 * touches over the DevTools Protocol (`Input.dispatchTouchEvent`); Firefox gets the size, and
 * its touchscreen sends WebDriver BiDi pointer actions of type "touch".
 */
const PHONE = { width: 360, height: 740, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

/** The smallest target WCAG 2.2 SC 2.5.8 (AA) allows, in CSS px. */
const MIN_TARGET = 24;

const origin = useFixtureServer();

type Point = { x: number; y: number };

async function openPhonePage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.log(`[${url}] page error: ${error}`));
  await page.setViewport(PHONE);
  await page.goto(url, { waitUntil: 'load' });
  await page.bringToFront();
  await page.waitForFunction(() => document.visibilityState === 'visible', { timeout: 10_000, polling: POLL_MS });
  return page;
}

/** One finger, down and up where it went down. */
async function tap(page: Page, { x, y }: Point): Promise<void> {
  await page.touchscreen.tap(x, y);
}

/** One finger, down at `from` and dragged `dy` px up the screen in steps, as a reader scrolls. */
async function swipeUp(page: Page, from: Point, dy: number): Promise<void> {
  const touch = await page.touchscreen.touchStart(from.x, from.y);
  for (let step = 1; step <= 8; step++) await touch.move(from.x, from.y - (dy * step) / 8);
  await touch.end();
}

/**
 * A pen touching the screen at `point` and lifting, as real pen input: the DevTools Protocol's
 * mouse events of pointer type "pen" (Chromium; Firefox's WebDriver has no pen pointers yet).
 */
async function penTap(page: Page, { x, y }: Point): Promise<void> {
  const session = await page.createCDPSession();
  for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased'] as const)
    await session.send('Input.dispatchMouseEvent', {
      type,
      x,
      y,
      button: type === 'mouseMoved' ? 'none' : 'left',
      clickCount: type === 'mouseMoved' ? 0 : 1,
      pointerType: 'pen',
    });
  await session.detach();
}

/**
 * Taps the sentence that is no term and waits for the page to see the click: input is handled
 * in order, so whatever an earlier gesture was going to do has been done by then.
 */
async function tapPlainAndSettle(page: Page): Promise<void> {
  const count = await page.evaluate(() => (window as unknown as { __clicks: string[] }).__clicks.length);
  await tap(page, await pointOf(page, '#plain', 'painting'));
  await page.waitForFunction(
    (before: number) => (window as unknown as { __clicks: string[] }).__clicks.length > before,
    { timeout: 10_000, polling: POLL_MS },
    count,
  );
}

/**
 * Records each time the card opens or closes (the popover's toggle events), from inside its
 * closed root through the automation protocol, into `window.__cardToggles` for the test to read.
 */
async function recordCardToggles(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __cardToggles: string[] }).__cardToggles = [];
  });
  await inCard(page, (root) => {
    const card = root.querySelector('.card') as HTMLElement & { __recording?: boolean };
    if (card.__recording) return;
    card.__recording = true;
    card.addEventListener('toggle', (event) =>
      (window as unknown as { __cardToggles: string[] }).__cardToggles.push((event as ToggleEvent).newState),
    );
  });
}

const cardToggles = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cardToggles: string[] }).__cardToggles);

interface Box {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

/** The card's box, its text size and the page's width. */
function cardLayout(page: Page) {
  return inCard(page, (root) => {
    const card = root.querySelector('.card')!;
    const { left, top, right, bottom, width } = card.getBoundingClientRect();
    const fontSize = Number.parseFloat(getComputedStyle(root.querySelector('.explanation')!).fontSize);
    return { left, top, right, bottom, width, fontSize, viewport: document.documentElement.clientWidth };
  });
}

/** Every button and link the card shows, with its box. */
function cardTargets(page: Page) {
  return inCard(page, (root) =>
    [...root.querySelectorAll('.card button, .card a')].map((element) => {
      const { left, top, right, bottom, width, height } = element.getBoundingClientRect();
      return { text: element.textContent?.trim() ?? '', left, top, right, bottom, width, height };
    }),
  ) as Promise<Box[]>;
}

describe.each(BROWSERS)('in %s, on a phone, by touch', (browserName) => {
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    browser = await launchWithExtension(browserName);
    url = `${origin()}/touch.html`;
    page = await openPhonePage(browser, url);
    await waitForHighlights(page, ['lymphatic drainage', 'inflammation', 'chronic pain']);
  });
  afterAll(async () => {
    await browser?.close();
  });
  // Each test starts at the top, with no card open.
  beforeEach(async () => {
    if (page.url() !== url) {
      await page.goto(url, { waitUntil: 'load' });
      await waitForHighlights(page, ['lymphatic drainage', 'inflammation']);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    if ((await inCard(page, (root) => root.querySelector('.card')?.matches(':popover-open'))) === true) {
      await page.keyboard.press('Escape');
      await waitForCard(page, null);
    }
  });

  it('a tap on a term opens its card under it, sized for the screen, and reaches nothing under the term', async () => {
    await tap(page, await pointOf(page, '#row', 'lymphatic drainage'));
    await waitForCard(page, 'Lymphatic drainage');
    const card = (await cardLayout(page))!;
    const words = await wordsBox(page, '#row', 'lymphatic drainage');
    // Never wider than the screen less 8 px each side, and on it.
    expect(card.width).toBeLessThanOrEqual(card.viewport - 16);
    expect(card.left).toBeGreaterThanOrEqual(8 - 0.5);
    expect(card.right).toBeLessThanOrEqual(card.viewport - 8 + 0.5);
    // Anchored to the term: just under its line (or just over it where there is no room).
    const below = card.top >= words.bottom && card.top - words.bottom < 20;
    const above = card.bottom <= words.top && words.top - card.bottom < 20;
    expect(below || above).toBe(true);
    expect(card.fontSize).toBeGreaterThanOrEqual(16);
    // The story card's own click handler, under the term, never heard of the tap.
    expect(await page.evaluate(() => (window as unknown as { __rowClicks: number }).__rowClicks)).toBe(0);
  });

  it('a tap outside closes the card, and reaches the page as always; another tap on plain text does nothing', async () => {
    await tap(page, await pointOf(page, '#intro', 'chronic pain'));
    await waitForCard(page, 'Chronic pain');
    await tapPlainAndSettle(page);
    await waitForCard(page, null);
    expect(await page.evaluate(() => (window as unknown as { __clicks: string[] }).__clicks.at(-1))).toBe('plain');
    // With no card open, a tap on text that is no term opens none. (The toggle events come a
    // task after the change, so the close may still be among them.)
    await recordCardToggles(page);
    await tapPlainAndSettle(page);
    expect(await cardToggles(page)).not.toContain('open');
  });

  it('a tap on another term moves the card there', async () => {
    await tap(page, await pointOf(page, '#row', 'lymphatic drainage'));
    await waitForCard(page, 'Lymphatic drainage');
    // A term the card doesn't cover, where the screen is now (the card sits over what is under
    // or over its term, whichever has room).
    const first = (await cardLayout(page))!;
    const candidates = [
      { selector: '#intro', words: 'chronic pain', title: 'Chronic pain' },
      { selector: '#swell', words: 'inflammation', title: 'Inflammation' },
    ];
    let next: (typeof candidates)[number] | undefined;
    let point: Point | undefined;
    for (const candidate of candidates) {
      point = await pointOf(page, candidate.selector, candidate.words, { scroll: false });
      const covered = point.y >= first.top - 4 && point.y <= first.bottom + 4;
      if (!covered && point.y > 0 && point.y < PHONE.height) {
        next = candidate;
        break;
      }
    }
    expect(next, 'a term on screen beside the card').toBeDefined();
    await tap(page, point!);
    await waitForCard(page, next!.title);
    const card = (await cardLayout(page))!;
    const words = await wordsBox(page, next!.selector, next!.words);
    expect(card.top >= words.bottom - 0.5 || card.bottom <= words.top + 0.5).toBe(true);
    expect(Math.min(Math.abs(card.top - words.bottom), Math.abs(words.top - card.bottom))).toBeLessThan(20);
  });

  it('the card’s related terms and source are targets of 24 × 24 px or more, and a tap on one opens it', async () => {
    await tap(page, await pointOf(page, '#row', 'lymphatic drainage'));
    await waitForCard(page, 'Lymphatic drainage');
    const targets = (await cardTargets(page))!;
    expect(targets.map((target) => target.text)).toEqual(expect.arrayContaining(['Lymph']));
    expect(targets.some((target) => target.text.startsWith('MedlinePlus') || target.text.length > 0)).toBe(true);
    for (const target of targets) {
      expect(
        { text: target.text, big: target.width >= MIN_TARGET && target.height >= MIN_TARGET },
        `${target.text}: ${target.width} × ${target.height}`,
      ).toEqual({ text: target.text, big: true });
    }
    const lymph = targets.find((target) => target.text === 'Lymph')!;
    await tap(page, { x: (lymph.left + lymph.right) / 2, y: (lymph.top + lymph.bottom) / 2 });
    await waitForCard(page, 'Lymph');
  });

  it('axe finds no serious or critical problems in a card opened by touch, at phone width', async () => {
    await tap(page, await pointOf(page, '#swell', 'inflammation'));
    await waitForCard(page, 'Inflammation');
    expect(await seriousViolationsInCard(page)).toEqual([]);
  });

  it('Escape (Back on a phone) closes a card opened by a tap', async () => {
    await tap(page, await pointOf(page, '#intro', 'chronic pain'));
    await waitForCard(page, 'Chronic pain');
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
  });

  it('a swipe that starts on a term scrolls the page and opens nothing; nothing prevents the browser’s scrolling', async () => {
    await tap(page, await pointOf(page, '#intro', 'chronic pain'));
    await waitForCard(page, 'Chronic pain');
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
    await page.evaluate(() => window.scrollTo(0, 0));
    await recordCardToggles(page);
    const start = await pointOf(page, '#row', 'lymphatic drainage');
    await swipeUp(page, start, 300);
    if (browserName === 'chromium') {
      // Scrolled, and done gliding: a tap during the glide only stops it (the browser sends no click).
      await page.waitForFunction(
        () => (window as unknown as { __scrollEnds: number[] }).__scrollEnds.some((y) => y > 100),
        { timeout: 10_000, polling: POLL_MS },
      );
    }
    // Headless Firefox moves the finger through the page but does not pan (no async scrolling
    // without a compositor window): there the check is that the gesture reached the page whole
    // and nothing of ours stood in the browser's way.
    await page.evaluate(() => window.scrollTo(0, 0));
    await tapPlainAndSettle(page);
    expect(await cardToggles(page)).not.toContain('open');
    expect(await page.evaluate(() => (window as unknown as { __prevented: string[] }).__prevented)).toEqual([]);
  });

  it('a tap on a link with a term in it follows the link, and opens no card', async () => {
    const navigated = page.waitForNavigation({ waitUntil: 'load' });
    await tap(page, await pointOf(page, '#link', 'inflammation'));
    await navigated;
    expect(page.url()).toBe(`${origin()}/second.html`);
  });

  it('selecting a term inside a link, as a phone does on a long press, opens its card and keeps the selection', async () => {
    // A long press on a phone selects the words under the finger and sends no click. Headless
    // browsers do neither for a touch, so the test plays the phone's part: it makes the selection
    // while the finger is down, and the page drops the click that Chromium and Firefox then send.
    await page.evaluate(() =>
      document.getElementById('link')!.addEventListener('click', (event) => event.preventDefault(), { once: true }),
    );
    const words = await pointOf(page, '#link', 'inflammation');
    const finger = await page.touchscreen.touchStart(words.x, words.y);
    await page.evaluate(() => {
      const text = document.getElementById('link')!.firstChild as Text;
      const at = text.data.indexOf('inflammation');
      getSelection()!.setBaseAndExtent(text, at, text, at + 'inflammation'.length);
    });
    await finger.end();
    await waitForCard(page, 'Inflammation');
    expect(page.url()).toBe(url);
    // The browser's selection (and its menu) is left as it was: still selected, focus not taken.
    const host = await cardHostTag(page);
    expect(await page.evaluate(() => [String(getSelection()), document.activeElement?.localName])).not.toContain(host);
    expect(await page.evaluate(() => String(getSelection()))).toBe('inflammation');
    await tapPlainAndSettle(page);
    await waitForCard(page, null);
  });

  it('the card follows its term as the page scrolls, and closes once the term leaves the screen', async () => {
    await tap(page, await pointOf(page, '#swell', 'inflammation'));
    await waitForCard(page, 'Inflammation');
    const before = (await cardLayout(page))!;
    await page.evaluate(() => window.scrollBy(0, 40));
    await waitUntil(
      async () => Math.abs((await cardLayout(page))!.top - (before.top - 40)) < 1,
      'the card to move up with its term',
    );
    await page.evaluate(() => window.scrollBy(0, 2000));
    await waitForCard(page, null);
  });

  it('a card on words in a scrolling panel moves as the panel scrolls, and closes once they are scrolled out of it', async () => {
    await tap(page, await pointOf(page, '#inpanel', 'inflammation'));
    await waitForCard(page, 'Inflammation');
    const before = (await cardLayout(page))!;
    await page.evaluate(() => {
      document.querySelector('#panel')!.scrollTop = 10;
    });
    await waitUntil(
      async () => Math.abs(((await cardLayout(page))?.top ?? Number.NaN) - (before.top - 10)) < 1,
      'the card to move up with its words',
    );
    try {
      await page.evaluate(() => {
        document.querySelector('#panel')!.scrollTop = 200;
      });
      await waitForCard(page, null);
    } finally {
      await page.evaluate(() => {
        document.querySelector('#panel')!.scrollTop = 0;
      });
    }
  });

  it('the card moves with its term when the page above it grows, as when an image loads there', async () => {
    // Where the words are, and how far the card sits below them (or above: negative).
    const layout = async () => {
      const words = await page.evaluate(() => {
        const text = document.querySelector('#swell')!.firstChild as Text;
        const range = document.createRange();
        range.setStart(text, text.data.indexOf('inflammation'));
        range.setEnd(text, text.data.indexOf('inflammation') + 'inflammation'.length);
        const { top, bottom } = range.getBoundingClientRect();
        return { top, bottom };
      });
      const card = (await cardLayout(page))!;
      return { words, gap: card.top >= words.bottom ? card.top - words.bottom : card.bottom - words.top };
    };
    await tap(page, await pointOf(page, '#swell', 'inflammation'));
    await waitForCard(page, 'Inflammation');
    const before = await layout();
    expect(before.gap).toBeGreaterThan(0);
    await page.evaluate(() => {
      const grown = document.createElement('div');
      grown.id = 'grown';
      grown.style.height = '30px';
      document.querySelector('#swell')!.before(grown);
    });
    try {
      // Below its words as before, or above them if they moved too low: the same distance away.
      await waitUntil(async () => {
        const after = await layout();
        return after.words.top > before.words.top + 29 && Math.abs(Math.abs(after.gap) - before.gap) < 1;
      }, 'the card to move down with its term');
    } finally {
      await page.evaluate(() => document.querySelector('#grown')?.remove());
    }
  });

  it('on a page laid out for desktops, shown zoomed out, a tapped card still reads at a phone’s size and fits the screen', async () => {
    // Chromium lays it out 980 px wide and zooms out to fit 360 (as phones do); Firefox can't
    // emulate that, so there the page is simply 360 px wide, and the check the same.
    await page.goto(`${origin()}/desktop-site.html`, { waitUntil: 'load' });
    await waitForHighlights(page, ['chronic pain']);
    await tap(page, await pointOf(page, '#p', 'chronic pain'));
    await waitForCard(page, 'Chronic pain');
    // Everything in screen (device-independent) pixels: page pixels times the zoom.
    const onScreen = (await inCard(page, (root) => {
      const screen = visualViewport!;
      const text = root.querySelector('.explanation')!.firstChild as Text;
      const letter = document.createRange();
      letter.setStart(text, 0);
      letter.setEnd(text, 1);
      const card = root.querySelector('.card')!.getBoundingClientRect();
      return {
        scale: screen.scale,
        letterHeight: letter.getBoundingClientRect().height * screen.scale,
        left: (card.left - screen.offsetLeft) * screen.scale,
        right: (card.right - screen.offsetLeft) * screen.scale,
        screenWidth: screen.width * screen.scale,
      };
    }))!;
    if (browserName === 'chromium') expect(onScreen.scale).toBeLessThan(0.5);
    // A 16 px font's letters are about 18 px tall; on the zoomed-out page, without the card's own
    // zoom, they would be under 7.
    expect(onScreen.letterHeight).toBeGreaterThanOrEqual(16);
    expect(onScreen.left).toBeGreaterThanOrEqual(8 - 0.5);
    expect(onScreen.right).toBeLessThanOrEqual(onScreen.screenWidth - 8 + 0.5);
  });

  // Firefox's WebDriver answers "Unimplemented pointerMove for pointerType pen".
  it.runIf(browserName === 'chromium')(
    'a pen taps as a finger does: on a term opens its card, elsewhere closes it',
    async () => {
      await penTap(page, await pointOf(page, '#intro', 'chronic pain'));
      await waitForCard(page, 'Chronic pain');
      await penTap(page, await pointOf(page, '#plain', 'painting'));
      await waitForCard(page, null);
    },
  );

  it('a mouse on the same screen still hovers: its card opens after the rest and closes when it leaves', async () => {
    const point = await pointOf(page, '#intro', 'tense muscles');
    await page.mouse.move(point.x, point.y);
    await waitForCard(page, 'Muscle tension');
    await page.mouse.move(2, 2);
    await waitForCard(page, null);
  });
});

describe.each(BROWSERS)('in %s, the popup and options at phone width', (browserName) => {
  let browser: Browser;
  let article: Page;

  beforeAll(async () => {
    browser = await launchWithExtension(browserName);
    article = await openPhonePage(browser, `${origin()}/touch.html`);
    await waitForHighlights(article, ['inflammation']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** At 360 px: nothing scrolls sideways, and every control is on screen and 24 × 24 px or more. */
  async function fitsAPhone(page: Page) {
    // Firefox's touch emulation reloads the page, and an extension page never reports loading
    // again: there it gets the phone's size alone.
    const { isMobile, hasTouch, ...size } = PHONE;
    await page.setViewport(browserName === 'chromium' ? PHONE : size);
    return page.evaluate((min: number) => {
      const width = document.documentElement.clientWidth;
      const problems: string[] = [];
      if (document.documentElement.scrollWidth > width)
        problems.push(`scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
      for (const control of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
        // A checkbox is tapped through its label.
        const target =
          (control.matches('input[type="checkbox"], input[type="radio"]') && control.closest('label')) || control;
        const box = target.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        const name = `${control.localName} "${(target.textContent || (control as HTMLInputElement).value || control.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
        if (box.width < min || box.height < min)
          problems.push(`${name} is ${Math.round(box.width)} × ${Math.round(box.height)}`);
        if (box.left < 0 || box.right > width)
          problems.push(`${name} is off screen (${Math.round(box.left)}–${Math.round(box.right)})`);
      }
      return problems;
    }, MIN_TARGET);
  }

  it('the popup, opened as a page as Firefox for Android does, finds the tab it is about and fits 360 px', async () => {
    // The article was the tab in front; the popup opens in a tab of its own, with no ?tab= to help.
    await article.bringToFront();
    const popup = await openExtensionPage(browser, browserName, 'popup.html');
    await popup.waitForFunction(
      () => [...document.querySelectorAll('.site-switch')].some((el) => el.textContent?.includes('127.0.0.1')),
      { timeout: 10_000, polling: POLL_MS },
    );
    await popup.waitForFunction(
      () => [...document.querySelectorAll('.page-terms li')].some((el) => el.textContent?.includes('Inflammation')),
      { timeout: 10_000, polling: POLL_MS },
    );
    expect(await fitsAPhone(popup)).toEqual([]);
    expect(await seriousViolations(popup)).toEqual([]);
  });

  it('the options page fits 360 px, every control reachable and large enough to tap', async () => {
    const options = await openExtensionPage(browser, browserName, 'options.html');
    expect(await fitsAPhone(options)).toEqual([]);
    expect(await seriousViolations(options)).toEqual([]);
  });
});
