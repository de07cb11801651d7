import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFixtureServer } from './fixture-server';
import {
  BROWSERS,
  cardState,
  highlightedWords,
  launchWithExtension,
  openExtensionPage,
  openPage,
  sendToTab,
  tabIdOf,
  waitForCard,
  waitForHighlights,
} from './harness';

const origin = useFixtureServer();

/**
 * A page that is not about health: words with an everyday sense are not underlined there, text
 * declared in another language is not read, and explain-selection follows the same rule.
 */
describe.each(BROWSERS)('in %s, a page not about health', (browserName) => {
  let browser: Browser;
  let page: Page;
  let options: Page;
  let tab: number;

  beforeAll(async () => {
    browser = await launchWithExtension(browserName);
    page = await openPage(browser, `${origin()}/senses.html`);
    await waitForHighlights(page, ['sciatica']);
    options = await openExtensionPage(browser, browserName, 'options.html');
    tab = await tabIdOf(options, `${origin()}/senses.html`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('underlines only the word in its health sense, and nothing in the German sentence', async () => {
    expect(await highlightedWords(page)).toEqual(['sciatica']);
  });

  it('explains a selected everyday word as not a term, and a health term as itself', async () => {
    await page.bringToFront();
    const select = (id: string, words: string) =>
      page.evaluate(
        (id: string, words: string) => {
          const text = document.getElementById(id)!.firstChild as Text;
          const at = text.data.indexOf(words);
          getSelection()!.setBaseAndExtent(text, at, text, at + words.length);
        },
        id,
        words,
      );
    await select('finance', 'circulation');
    await sendToTab(options, tab, { type: 'explain-selection' });
    await waitForCard(page, '“circulation”');
    expect((await cardState(page))?.explanation).toBe('This isn’t in the Plain Terms glossary yet.');
    await page.keyboard.press('Escape');
    await waitForCard(page, null);

    await select('health', 'sciatica');
    await sendToTab(options, tab, { type: 'explain-selection' });
    await waitForCard(page, 'Sciatica');
    await page.keyboard.press('Escape');
    await waitForCard(page, null);
  });
});
