/**
 * `npm run demo`: builds the extension (npm runs `build` first) and shows it working on
 * demo/article.html. With a display, it opens a real Chromium window with Plain Terms loaded;
 * without one, it runs headless and saves screenshots of the underlined article, an open card, the
 * popup, and a card opened by a tap on a phone-sized screen.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

/** The extension API as the service worker has it (the demo only calls it from there). */
declare const chrome: {
  tabs: {
    query(query: object): Promise<Array<{ id?: number }>>;
    sendMessage(tabId: number, message: unknown, options: object): Promise<unknown>;
  };
};

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION = join(ROOT, '.output', 'chrome-mv3');
const OUTPUT = join(ROOT, 'demo-output');
const headless = !process.env.DISPLAY;

const server = createServer(async (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(await readFile(join(ROOT, 'demo', 'article.html')));
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless,
  pipe: true,
  enableExtensions: [EXTENSION],
  defaultViewport: headless ? { width: 1000, height: 900 } : null,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
// First install: the welcome page opens in front when Chromium gets to it; let it, then read the article.
await browser.waitForTarget((target) => target.url().endsWith('/welcome.html'), { timeout: 15_000 });
const page = await browser.newPage();
await page.goto(url, { waitUntil: 'load' });
// The welcome page opens in front on install; the demo is about the article.
await page.bringToFront();
// Plain Terms' highlight names are new on every page load: its terms' is the one with the default priority.
await page.waitForFunction(() => ([...CSS.highlights.values()].find((h) => h.priority === 0)?.size ?? 0) > 20, {
  timeout: 60_000,
});

const found = await page.evaluate(() => {
  const words = [...([...CSS.highlights.values()].find((h) => h.priority === 0) ?? [])].map((r) => {
    const range = document.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    return range.toString().toLowerCase();
  });
  return { occurrences: words.length, distinct: [...new Set(words)] };
});
console.log(`${found.distinct.length} terms explained on the demo article (${found.occurrences} underlined words):`);
console.log(`  ${found.distinct.join(', ')}`);

if (!headless) {
  console.log(
    `\nChromium is open with Plain Terms on ${url}. Rest the pointer on an underlined word. Close the window to finish.`,
  );
  await new Promise((done) => browser.on('disconnected', done));
  server.close();
  process.exit(0);
}

mkdirSync(OUTPUT, { recursive: true });
await page.screenshot({ path: join(OUTPUT, 'article.png') });
const point = await page.evaluate(() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node as Text).data.indexOf('lymphatic drainage');
    if (at < 0 && !(node as Text).data.includes('Lymphatic drainage')) continue;
    const start = at >= 0 ? at : (node as Text).data.indexOf('Lymphatic drainage');
    (node.parentElement as Element).scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + 18);
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }
  throw new Error('demo term not found');
});
await page.mouse.move(point.x, point.y);
// The card's shadow root is closed to the page; the accessibility tree, which DevTools reads, has it.
await page.waitForSelector('::-p-aria([name="Lymphatic drainage"][role="dialog"])', { timeout: 5_000 });
await page.screenshot({ path: join(OUTPUT, 'hover-card.png') });

// The popup, opened as a page for the article's tab (headless Chromium has no toolbar to click).
const worker = await browser.waitForTarget((target) => target.type() === 'service_worker');
const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
// Tab URLs need the "tabs" permission, which Plain Terms does without: ask each tab's content script.
const tabId = await (await worker.worker())!.evaluate(async (articleUrl: string) => {
  for (const tab of await chrome.tabs.query({})) {
    const info = await chrome.tabs.sendMessage(tab.id!, { type: 'get-page-info' }, { frameId: 0 }).catch(() => null);
    if ((info as { url?: string } | null)?.url === articleUrl) return tab.id;
  }
  return undefined;
}, url);
const popup = await browser.newPage();
await popup.setViewport({ width: 360, height: 640 });
await popup.goto(`${extensionOrigin}/popup.html?tab=${tabId}`, { waitUntil: 'load' });
await popup.waitForSelector('.page-terms li', { timeout: 10_000 });
await popup.screenshot({ path: join(OUTPUT, 'popup.png') });

// On a phone: 360 × 740 CSS px with a touch screen; one tap on a term opens its card.
const phone = await browser.newPage();
await phone.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
await phone.goto(url, { waitUntil: 'load' });
await phone.bringToFront();
await phone.waitForFunction(() => ([...CSS.highlights.values()].find((h) => h.priority === 0)?.size ?? 0) > 20, {
  timeout: 60_000,
});
const tapAt = await phone.evaluate(() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node as Text).data.indexOf('Lymphatic drainage');
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 'Lymphatic drainage'.length);
    // Two lines of text above the term, and room under it for the card.
    window.scrollBy(0, range.getClientRects()[0]!.top - 100);
    // The first line: on a narrow screen the term may wrap, and its box's middle is between lines.
    const line = range.getClientRects()[0]!;
    return { x: line.left + line.width / 2, y: line.top + line.height / 2 };
  }
  throw new Error('demo term not found');
});
await phone.touchscreen.tap(tapAt.x, tapAt.y);
await phone.waitForSelector('::-p-aria([name="Lymphatic drainage"][role="dialog"])', { timeout: 5_000 });
await phone.screenshot({ path: join(OUTPUT, 'phone-card.png') });
console.log(
  `\nNo display, so ran headless. Screenshots in ${OUTPUT}: article.png, hover-card.png, popup.png, phone-card.png`,
);
await browser.close();
server.close();
