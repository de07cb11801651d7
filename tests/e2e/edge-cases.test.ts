import type { Browser, Frame, Page } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFixtureServer } from './fixture-server';
import {
  BROWSERS,
  fromExtension,
  highlightCount,
  highlightedWords,
  inCard,
  launchWithExtension,
  openExtensionPage,
  openPage,
  POLL_MS,
  pointOf,
  tabIdOf,
  waitForCard,
  waitForHighlights,
  waitUntil,
} from './harness';

const origin = useFixtureServer();

/** The words underlined in one frame. */
function frameWords(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    [...([...CSS.highlights.values()].find((h) => h.priority === 0) ?? [])].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    }),
  );
}

/**
 * The box of `words` (in the first text under `selector` that holds them), shot with and without
 * our highlight (the page's world shares the highlight registry): the pixels that differ are the
 * underline's.
 */
async function shootWords(page: Page, selector: string, words: string): Promise<{ underlined: Buffer; plain: Buffer }> {
  // Unscrolled, viewport and document coordinates agree (screenshot clips differ on which they mean).
  const box = await page.evaluate(
    (sel: string, target: string) => {
      window.scrollTo(0, 0);
      const walker = document.createTreeWalker(document.querySelector(sel)!, NodeFilter.SHOW_TEXT);
      let text = walker.nextNode() as Text;
      while (!text.data.includes(target)) text = walker.nextNode() as Text;
      const range = document.createRange();
      range.setStart(text, text.data.indexOf(target));
      range.setEnd(text, text.data.indexOf(target) + target.length);
      const rect = range.getBoundingClientRect();
      return {
        x: Math.floor(rect.left),
        y: Math.floor(rect.top),
        width: Math.ceil(rect.width),
        height: Math.ceil(rect.height) + 6,
        fits: rect.bottom + 6 <= innerHeight,
      };
    },
    selector,
    words,
  );
  expect(box.fits).toBe(true);
  const shoot = async () =>
    sharp(await page.screenshot({ clip: { x: box.x, y: box.y, width: box.width, height: box.height }, type: 'png' }))
      .removeAlpha()
      .raw()
      .toBuffer();
  const underlined = await shoot();
  // Our highlight's name is this page load's own: found as the one with the default priority.
  const name = await page.evaluate(() => [...CSS.highlights].find(([, h]) => h.priority === 0)![0]);
  await page.evaluate((terms: string) => {
    const w = window as unknown as { __terms?: Highlight };
    w.__terms = CSS.highlights.get(terms);
    CSS.highlights.delete(terms);
  }, name);
  try {
    return { underlined, plain: await shoot() };
  } finally {
    await page.evaluate((terms: string) => {
      CSS.highlights.set(terms, (window as unknown as { __terms: Highlight }).__terms);
    }, name);
  }
}

/** Whether `words` show our underline: some pixel of their box differs without it. */
async function isUnderlined(page: Page, selector: string, words: string): Promise<boolean> {
  const { underlined, plain } = await shootWords(page, selector, words);
  return !underlined.equals(plain);
}

/**
 * Waits until `words` show our underline. A rule that names a tag restyles every element of that
 * tag, so it comes a frame after its term's range (highlight.ts): the range is found first.
 */
function waitForUnderline(page: Page, selector: string, words: string): Promise<void> {
  return waitUntil(() => isUnderlined(page, selector, words), `the underline under "${words}" in ${selector}`);
}

/** How well the underline under `words` stands out from `background` (WCAG contrast ratio). */
async function underlineContrast(page: Page, selector: string, words: string, background: number[]): Promise<number> {
  const { underlined, plain } = await shootWords(page, selector, words);
  const luminance = ([r, g, b]: number[]) => {
    const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
  };
  const ground = luminance(background);
  let best = 1;
  for (let i = 0; i < underlined.length; i += 3) {
    if (underlined[i] === plain[i] && underlined[i + 1] === plain[i + 1] && underlined[i + 2] === plain[i + 2])
      continue;
    const l = luminance([underlined[i]!, underlined[i + 1]!, underlined[i + 2]!]);
    best = Math.max(best, (Math.max(l, ground) + 0.05) / (Math.min(l, ground) + 0.05));
  }
  return best;
}

async function hoverAt(page: Page, point: { x: number; y: number }): Promise<void> {
  await page.mouse.move(point.x, point.y);
}

/** Rests the pointer on words inside the open shadow root of #open-host (pointOf can't reach there). */
async function hoverInShadow(page: Page, words: string): Promise<void> {
  const point = await page.evaluate((target: string) => {
    const text = document.getElementById('open-host')?.shadowRoot?.querySelector('p')?.firstChild as Text;
    const at = text.data.indexOf(target);
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + target.length);
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, words);
  await hoverAt(page, point);
}

describe.each(BROWSERS)('in %s, on a page of edge cases', (browserName) => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchWithExtension(browserName);
    page = await openPage(browser, `${origin()}/edge.html`);
    page.on('console', (message) => {
      if (message.type() === 'error' && fromExtension(message)) errors.push(message.text());
    });
    await waitForHighlights(page, ['fibromyalgia', 'arthritis']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('underlines terms in right-to-left and vertical text, <pre>, and open shadow roots; not in closed ones or SVG', async () => {
    const words = await highlightedWords(page);
    for (const word of ['inflammation', 'fibromyalgia', 'arthritis', 'migraine', 'whiplash'])
      expect(words).toContain(word);
    expect(words.filter((w) => w === 'inflammation')).toHaveLength(2);
    expect(words).not.toContain('sciatica');
  });

  it('explains a term inside an open shadow root', async () => {
    await hoverInShadow(page, 'fibromyalgia');
    await waitForCard(page, 'Fibromyalgia');
    // The underline reaches into the shadow tree through our sheet adopted there.
    expect(
      await page.evaluate(() => document.getElementById('open-host')?.shadowRoot?.adoptedStyleSheets.length ?? 0),
    ).toBe(1);
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
  });

  it('joins the page’s own adopted sheet, leaving it in place', async () => {
    const sheets = await page.evaluate(() => document.adoptedStyleSheets.map((s) => s.cssRules[0]?.cssText ?? ''));
    expect(sheets).toHaveLength(2);
    expect(sheets[0]).toContain('page-own');
  });

  it('shows the card on a page whose style hides whatever is added to its root', async () => {
    await hoverAt(page, await pointOf(page, '#plain', 'inflammation'));
    await waitForCard(page, 'Inflammation');
    const shown = await inCard(page, (root, host) => {
      const rect = root.querySelector('.card')!.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return { display: getComputedStyle(host).display, width: rect.width, onTop: hit === host };
    });
    expect(shown).toMatchObject({ display: 'block', onTop: true });
    expect(shown!.width).toBeGreaterThan(100);
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
  });

  it('explains a term in vertical writing', async () => {
    await hoverAt(page, await pointOf(page, '#vertical', 'arthritis'));
    await waitForCard(page, 'Arthritis');
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
  });

  it('underlines terms visibly on a very dark page and on a dark grey band (at least 3:1, as WCAG asks of UI)', async () => {
    expect(await underlineContrast(page, '#plain', 'inflammation', [0x11, 0x11, 0x11])).toBeGreaterThanOrEqual(3);
    expect(await underlineContrast(page, '#dim', 'arthritis', [0x33, 0x33, 0x33])).toBeGreaterThanOrEqual(3);
  });

  it('explains a term on a part of the page zoomed to 200%', async () => {
    await hoverAt(page, await pointOf(page, '#zoomed', 'bursitis'));
    await waitForCard(page, 'Bursitis');
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
  });

  it('explains a term with the browser itself zoomed to 200%, and keeps the card in view', async () => {
    const options = await openExtensionPage(browser, browserName, 'options.html');
    const api = async (zoom: number) => {
      const tab = await tabIdOf(options, await page.evaluate(() => location.href));
      await options.evaluate(
        (id: number, factor: number) =>
          (
            ((globalThis as Record<string, unknown>).browser ?? (globalThis as Record<string, unknown>).chrome) as {
              tabs: { setZoom: (id: number, factor: number) => Promise<void> };
            }
          ).tabs.setZoom(id, factor),
        tab,
        zoom,
      );
    };
    const ratio = await page.evaluate(() => devicePixelRatio);
    try {
      await api(2);
      await page.bringToFront();
      await page.waitForFunction((before: number) => devicePixelRatio >= before * 1.9, { polling: POLL_MS }, ratio);
      // Both browsers take pointer positions in the zoomed page's CSS pixels.
      await hoverAt(page, await pointOf(page, '#plain', 'inflammation'));
      await waitForCard(page, 'Inflammation');
      const inView = await inCard(page, (root) => {
        const rect = root.querySelector('.card')?.getBoundingClientRect();
        return !!rect && rect.left >= 0 && rect.top >= 0 && rect.right <= innerWidth && rect.bottom <= innerHeight;
      });
      expect(inView).toBe(true);
      await page.keyboard.press('Escape');
      await waitForCard(page, null);
    } finally {
      await api(1);
      await options.close();
      await page.bringToFront();
    }
  });

  it('shows the card over an element in fullscreen', async () => {
    await page.click('#go-fullscreen');
    await page.waitForFunction(() => document.fullscreenElement?.id === 'stage', { polling: POLL_MS, timeout: 10_000 });
    await hoverAt(page, await pointOf(page, '#in-fullscreen', 'tendinitis'));
    await waitForCard(page, 'Tendinitis');
    // The card is what the reader sees at its own centre: nothing of the fullscreen page covers it.
    const onTop = await inCard(page, (root, host) => {
      const card = root.querySelector('.card');
      if (!card) return false;
      const rect = card.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return hit === host;
    });
    await page.keyboard.press('Escape');
    await page.evaluate(() => document.fullscreenElement && document.exitFullscreen());
    expect(onTop).toBe(true);
    await page.waitForFunction(() => !document.fullscreenElement, { polling: POLL_MS, timeout: 10_000 });
  });

  it('works in srcdoc, same-origin and about:blank frames, and leaves sandboxed and data: frames alone', async () => {
    const byId = async (id: string) => {
      const handle = await page.$(`#${id}`);
      return (await handle?.contentFrame()) ?? null;
    };
    for (const [id, word] of [
      ['srcdoc', 'tendinitis'],
      ['same', 'whiplash'],
      ['blank', 'osteoarthritis'],
    ] as const) {
      const frame = await byId(id);
      expect(frame, id).toBeTruthy();
      await frame!.waitForFunction(
        (w: string) =>
          ([...CSS.highlights.values()].find((h) => h.priority === 0)?.size ?? 0) > 0 &&
          document.body.textContent?.includes(w),
        { polling: POLL_MS, timeout: 10_000 },
        word,
      );
      expect(await frameWords(frame!), id).toContain(word);
    }
    expect(errors).toEqual([]);
  });

  it('underlines a blank frame (an ad slot) once the page fills it', async () => {
    const slot = (await (await page.$('#slot'))?.contentFrame()) ?? null;
    expect(slot).toBeTruthy();
    expect(await frameWords(slot!)).toEqual([]);
    await slot!.evaluate(() => {
      document.body.innerHTML = '<p>An advert about <b>osteoarthritis</b>.</p>';
    });

    await slot!.waitForFunction(() => ([...CSS.highlights.values()].find((h) => h.priority === 0)?.size ?? 0) > 0, {
      polling: POLL_MS,
      timeout: 10_000,
    });
    expect(await frameWords(slot!)).toContain('osteoarthritis');
  });

  // How much is re-read is counted in rescan.test.ts, on the benchmark build, which records it.
  it('keeps the ranges of text a page does not touch while it rewrites other text 60 times a second', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { __plainRange?: AbstractRange; __ticksAtStart: number; __ticks: number };
      const terms = [...CSS.highlights.values()].find((h) => h.priority === 0)!;
      w.__plainRange = [...terms].find((r) => (r.startContainer.parentNode as Element).id === 'plain');
      w.__ticksAtStart = w.__ticks;
    });
    const highlightsBefore = await highlightCount(page);
    await page.waitForFunction(
      () =>
        (window as unknown as { __ticks: number; __ticksAtStart: number }).__ticks >=
        (window as unknown as { __ticksAtStart: number }).__ticksAtStart + 60,
      { polling: POLL_MS, timeout: 10_000 },
    );
    const sameRange = await page.evaluate(() => {
      const terms = [...CSS.highlights.values()].find((h) => h.priority === 0)!;
      return [...terms].includes((window as unknown as { __plainRange: AbstractRange }).__plainRange);
    });
    // Nothing piles up: the ticker's old ranges are dropped as new ones come.
    expect(await highlightCount(page)).toBe(highlightsBefore);
    // The paragraph about inflammation keeps the very range it had: it was not re-read.
    expect(sameRange).toBe(true);
  });

  it('follows a single-page app to its next view', async () => {
    await page.click('#navigate');
    await waitForHighlights(page, ['osteoporosis']);
    expect(await highlightedWords(page)).not.toContain('whiplash');
  });

  // Our content script runs in a world of its own: a page that patches Range, Highlight or
  // createElement for itself changes nothing for us. What a page can do is change the DOM we share.
  it('shows the card again after the page removed its host, as a page that tidies its root would', async () => {
    await hoverAt(page, await pointOf(page, '#plain', 'inflammation'));
    await waitForCard(page, 'Inflammation');
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
    // The page removes whatever it didn't put in <html>: our card's host.
    const removed = await page.evaluate(() => {
      const strangers = [...document.documentElement.children].filter(
        (element) => element !== document.head && element !== document.body,
      );
      for (const element of strangers) element.remove();
      return strangers.length;
    });
    expect(removed).toBe(1);
    await hoverAt(page, await pointOf(page, '#dim', 'arthritis'));
    await waitForCard(page, 'Arthritis');
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
    expect(errors).toEqual([]);
  });

  it('works under a strict Content-Security-Policy (default-src none)', async () => {
    const strict = await openPage(browser, `${origin()}/csp.html`);
    await waitForHighlights(strict, ['inflammation']);
    await hoverAt(strict, await pointOf(strict, '#text', 'inflammation'));
    await waitForCard(strict, 'Inflammation');
    // The card's own styles applied (a constructed sheet is not blocked by the page's CSP).
    const background = await inCard(strict, (root) => {
      const card = root.querySelector('.card');
      return card ? getComputedStyle(card).backgroundColor : '';
    });
    expect(background).not.toMatch(/^$|rgba\(0, 0, 0, 0\)|transparent/);
    await strict.close();
  });

  it('underlines every part of a term wherever its words sit, and one added later, with rules for those elements only', async () => {
    const scopes = await openPage(browser, `${origin()}/scopes.html`);
    await waitForHighlights(scopes, [
      'lymphatic drainage',
      'plantar fasciitis',
      'shin splints',
      'Gout',
      'Sciatica',
      'Whiplash',
    ]);
    // Firefox styles a text by its own parent's rule only: both parts of a term split by <em>.
    await waitForUnderline(scopes, '#split', 'lymphatic');
    await waitForUnderline(scopes, '#split em', 'drainage');
    await waitForUnderline(scopes, '.notes b', 'plantar fasciitis');
    await waitForUnderline(scopes, '.lead', 'shin splints');
    await waitForUnderline(scopes, 'li', 'Gout');
    await waitForUnderline(scopes, '[class^="md:"]', 'Sciatica');
    await waitForUnderline(scopes, '#intake', 'Whiplash');
    await scopes.evaluate(() =>
      document.body.insertAdjacentHTML(
        'afterbegin',
        '<section class="late"><p>Later: <i>tennis elbow</i>.</p></section>',
      ),
    );
    await waitForHighlights(scopes, ['tennis elbow']);
    await waitForUnderline(scopes, '.late i', 'tennis elbow');
    // No rule names every element: added after the page was styled, such a rule restyles all of them.
    const selectors = await scopes.evaluate(() =>
      [...document.adoptedStyleSheets.at(-1)!.cssRules].map((rule) => (rule as CSSStyleRule).selectorText),
    );
    // Two rules (terms, the open card's term) for the first elements, two more for the later one.
    expect(selectors).toHaveLength(4);
    expect(selectors[2]).toMatch(/^i::highlight/);
    for (const part of selectors.flatMap((selector) => selector.split(',')))
      expect(part.trim()).toMatch(/^[#.a-z].*::highlight\(/);
    await scopes.close();
  });
});
