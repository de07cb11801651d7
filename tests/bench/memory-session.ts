/**
 * The memory benchmark's long session, driven from the page's own world as a page's scripts would
 * do it: paragraphs added and removed, hover cards opened and closed with the pointer, single-page-app
 * views, then the page put back as it was first. With a content script that follows the page
 * (Plain Terms, or the least session script), each change waits until it has read it (its mark is
 * made again), and cards are opened on its underlines.
 */
import type { Page } from 'puppeteer-core';

export interface SessionCounts {
  /** Paragraphs added and removed, 100 at a time. */
  paragraphs: number;
  /** Hover cards opened and closed. */
  cards: number;
  /** Views of a single-page app, each a `history.pushState` and new content. */
  views: number;
}

type Change = 'add' | 'remove' | 'view' | 'restore';

/** The names by which the session finds a content script's work in the page. */
export interface SessionScript {
  /** Its `CSS.highlights` name. */
  highlight: string;
  /** The mark it makes each time it has read the page's changes. */
  scanned: string;
  /** The element hosting its card, whose shadow root (open to the session) holds the card, `.card`, a popover. */
  card: string;
}

/** Plain Terms' names in the benchmark build. */
export const PLAIN_TERMS: SessionScript = {
  highlight: 'plain-terms',
  scanned: 'plain-terms:scanned',
  card: 'plain-terms-card',
};

/** The page's own helpers, set up once: what its scripts would do. */
function install(page: Page, highlight: string): Promise<void> {
  return page.evaluate((highlight: string) => {
    const main = document.getElementById('main')!;
    const first = { html: main.innerHTML, url: location.href };
    const added: HTMLElement[] = [];
    let views = 0;
    const w = window as unknown as { __session: Record<Change, () => void>; __underlinedBeforeAdd: number };
    w.__session = {
      add() {
        w.__underlinedBeforeAdd = CSS.highlights.get(highlight)?.size ?? 0;
        for (let i = 0; i < 100; i++) {
          const p = document.createElement('p');
          p.textContent = `Note ${added.length}: physical therapy and gentle stretching can ease chronic back pain, muscle tension and joint stiffness.`;
          main.append(p);
          added.push(p);
        }
      },
      remove() {
        for (const p of added.splice(0)) p.remove();
      },
      view() {
        views++;
        main.innerHTML = `<h1>View ${views}</h1>${first.html.slice(0, first.html.length / 3)}`;
        history.pushState(null, '', `?view=${views}`);
      },
      restore() {
        main.innerHTML = first.html;
        history.pushState(null, '', first.url);
        scrollTo(0, 0);
      },
    };
  }, highlight);
}

/**
 * Makes one change in the page; with a content script that follows it (`script`), waits until it
 * has read it: until its mark is made again, or, where paragraphs only left (nothing to read), until
 * their underlines are gone.
 */
async function change(page: Page, kind: Change, script: SessionScript | null): Promise<void> {
  const at = await page.evaluate((k: Change) => {
    const now = performance.now();
    (window as unknown as { __session: Record<Change, () => void> }).__session[k]();
    return now;
  }, kind);
  if (!script) {
    // The same wait, on a condition already met: the harness's own code, compiled in the page's
    // world as it polls, then counts on both sides of ours − none.
    await page.waitForFunction((since: number) => performance.now() >= since, { polling: 50, timeout: 10_000 }, at);
    return;
  }
  if (kind === 'remove')
    await page.waitForFunction(
      (highlight: string) =>
        (CSS.highlights.get(highlight)?.size ?? 0) ===
        (window as unknown as { __underlinedBeforeAdd: number }).__underlinedBeforeAdd,
      { polling: 50, timeout: 10_000 },
      script.highlight,
    );
  else
    await page.waitForFunction(
      (since: number, mark: string) => performance.getEntriesByName(mark).some((e) => e.startTime > since),
      { polling: 50, timeout: 10_000 },
      at,
      script.scanned,
    );
}

/** Opens and closes `count` cards, on the underlined terms in view in turn; returns how many failed to open. */
async function hoverCards(page: Page, script: SessionScript, count: number): Promise<number> {
  const CARD_OPEN = `document.querySelector('${script.card}')?.shadowRoot?.querySelector('.card')?.matches(':popover-open') ?? false`;
  const points = await page.evaluate((highlight: string) => {
    const ranges = [...((CSS.highlights.get(highlight) ?? []) as Iterable<AbstractRange>)];
    return ranges
      .map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        const rect = range.getClientRects()[0];
        return rect && { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      })
      .filter((p): p is { x: number; y: number } => !!p && p.y > 10 && p.y < innerHeight - 10)
      .slice(0, 20);
  }, script.highlight);
  if (!points.length) throw new Error('no underlined term in view');
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const point = points[i % points.length]!;
    await page.mouse.move(point.x, point.y);
    const opened = await page
      .waitForFunction(CARD_OPEN, { polling: 50, timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (!opened) failed++;
    await page.keyboard.press('Escape');
    await page.waitForFunction(`!(${CARD_OPEN})`, { polling: 50, timeout: 5_000 });
    await page.mouse.move(2, 2);
  }
  return failed;
}

/**
 * Runs the session (with `script`, the content script that follows the page: changes wait for it
 * and cards are opened; null: none does) and puts the page back as it was. Call `installSession`
 * once first.
 */
export async function runSession(
  page: Page,
  script: SessionScript | null,
  counts: SessionCounts,
): Promise<{ failedCards: number }> {
  for (let done = 0; done < counts.paragraphs; done += 100) {
    await change(page, 'add', script);
    await change(page, 'remove', script);
  }
  const failedCards = script ? await hoverCards(page, script, counts.cards) : 0;
  for (let i = 0; i < counts.views; i++) await change(page, 'view', script);
  await change(page, 'restore', script);
  return { failedCards };
}

/** Sets up the page's helpers; then one of each step, so what is made once on first use (a card, its explanations) is in place. */
export async function installSession(page: Page, script: SessionScript | null): Promise<void> {
  await install(page, script?.highlight ?? PLAIN_TERMS.highlight);
  await runSession(page, script, { paragraphs: 100, cards: 1, views: 1 });
}
