import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFixtureServer } from './fixture-server';
import {
  BROWSERS,
  launchWithExtension,
  openExtensionPage,
  openPage,
  pointOf,
  sendToTab,
  tabIdOf,
  waitForCard,
  waitForHighlights,
} from './harness';

const origin = useFixtureServer();

describe.each(BROWSERS)('in %s, a browsing session', (browserName) => {
  let browser: Browser;
  const requests: string[] = [];
  const watch = (page: Page) => page.on('request', (request) => void requests.push(request.url()));

  beforeAll(async () => {
    browser = await launchWithExtension(browserName);
    if (browserName === 'chromium') await watchServiceWorker();
  });

  /**
   * The background service worker's requests too (Chromium shows its network over CDP; Firefox's
   * automation shows none for a background script). It fetches one of its own files first, so a
   * watcher that sees nothing is caught.
   */
  async function watchServiceWorker(): Promise<void> {
    const worker = await browser.waitForTarget(
      (target) => target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'),
    );
    const session = await worker.createCDPSession();
    session.on('Network.requestWillBeSent', (event) => void requests.push(event.request.url));
    await session.send('Network.enable');
    await session.send('Runtime.evaluate', {
      expression: 'fetch(chrome.runtime.getURL("manifest.json")).then((r) => r.text())',
      awaitPromise: true,
    });
    expect(requests.some((url) => url.endsWith('/manifest.json'))).toBe(true);
  }
  afterAll(async () => {
    await browser?.close();
  });

  it('makes no network request: only the pages the user opened, and the extension’s own files', async () => {
    const article = await openPage(browser, 'about:blank');
    watch(article);
    await article.goto(`${origin()}/article.html`, { waitUntil: 'load' });
    await waitForHighlights(article, ['inflammation']);
    await article.bringToFront();
    const point = await pointOf(article, '#flow', 'lymphatic drainage');
    await article.mouse.move(point.x, point.y);
    await waitForCard(article, 'Lymphatic drainage');

    const options = await openExtensionPage(browser, browserName, 'options.html');
    watch(options);
    const tab = await tabIdOf(options, `${origin()}/article.html`);
    const popup = await openExtensionPage(browser, browserName, `popup.html?tab=${tab}`);
    watch(popup);
    await popup.type('input[type="search"]', 'lymph');
    await popup.waitForSelector('.results h3');
    await article.evaluate(() => {
      const text = document.querySelector('#tissue')!.firstChild as Text;
      getSelection()!.setBaseAndExtent(text, 0, text, 12);
    });
    await sendToTab(options, tab, { type: 'explain-selection' });
    await article.reload({ waitUntil: 'load' });
    await waitForHighlights(article, ['inflammation']);

    // The watchers see the pages' own requests, so a watcher that saw nothing would be caught.
    expect(requests).toContain(`${origin()}/article.html`);
    const outside = requests.filter((url) => {
      const { protocol, hostname } = new URL(url);
      if (
        protocol === 'chrome-extension:' ||
        protocol === 'moz-extension:' ||
        protocol === 'data:' ||
        protocol === 'about:'
      )
        return false;
      return hostname !== '127.0.0.1';
    });
    expect(outside).toEqual([]);
  });
});
