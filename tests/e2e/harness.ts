import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, 'fixtures');
/** Firefox gives each add-on a random origin; fixing it lets tests open our pages by URL. */
export const FIREFOX_UUID = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
const GECKO_ID = 'plain-terms@plainterms.app';

export function extensionDir(browser: BrowserName): string {
  const dir = join(ROOT, '.output', browser === 'chromium' ? 'chrome-mv3' : 'firefox-mv3');
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`No built extension in ${dir}: run "npm run build" first.`);
  return dir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
};

/** Serves the fixture pages from 127.0.0.1 on a free port. */
export async function serveFixtures(): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(FIXTURES, path);
    if (!file.startsWith(FIXTURES) || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, server };
}

/** Launches one browser with the built extension installed, as a user would have it. */
export async function launchWithExtension(name: BrowserName): Promise<Browser> {
  const dir = extensionDir(name);
  if (name === 'chromium') {
    return puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      pipe: true,
      enableExtensions: [dir],
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--window-size=1200,900',
      ],
    });
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    args: ['--remote-allow-system-access', '--width=1200', '--height=900'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }) },
  });
  await browser.installExtension(dir);
  return browser;
}

export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('404'))
      console.log(`[${url}] console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => console.log(`[${url}] page error: ${error}`));
  await page.setViewport({ width: 1100, height: 800 });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** The text of every range Plain Terms has underlined, in registration order. */
export function highlightedWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('plain-terms');
    if (!highlight) return [];
    return [...highlight].map((r) => {
      const range = document.createRange();
      try {
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
      } catch {
        return '(stale range)';
      }
      return range.toString();
    });
  });
}

/** Waits until the page's underlined words include all of `words`. */
export async function waitForHighlights(page: Page, words: string[]): Promise<void> {
  await page.waitForFunction(
    (expected: string[]) => {
      const highlight = CSS.highlights.get('plain-terms');
      if (!highlight) return false;
      const seen = new Set(
        [...highlight].map((r) => {
          const range = document.createRange();
          try {
            range.setStart(r.startContainer, r.startOffset);
            range.setEnd(r.endContainer, r.endOffset);
          } catch {
            return '(stale range)';
          }
          return range.toString();
        }),
      );
      return expected.every((word) => seen.has(word));
    },
    { timeout: 10_000 },
    words,
  );
}

/** The centre of the first occurrence of `words` inside the element `selector`, in viewport pixels. */
export async function pointOf(page: Page, selector: string, words: string): Promise<{ x: number; y: number }> {
  return page.evaluate(
    (sel: string, target: string) => {
      const element = document.querySelector(sel);
      if (!element) throw new Error(`no element ${sel}`);
      element.scrollIntoView({ block: 'center' });
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(target);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + target.length);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      throw new Error(`"${target}" not found in ${sel}`);
    },
    selector,
    words,
  );
}

export interface CardState {
  open: boolean;
  title: string;
  asWritten: string;
  explanation: string;
  note: string;
  related: string[];
  role: string | null;
  label: string;
}

/** What the reader sees in the card, read from its (open) shadow root. */
export function cardState(page: Page): Promise<CardState | null> {
  return page.evaluate(() => {
    const card = document.querySelector('plain-terms-card')?.shadowRoot?.querySelector('.card');
    if (!card) return null;
    const text = (selector: string) => card.querySelector(selector)?.textContent ?? '';
    const labelledBy = card.getAttribute('aria-labelledby');
    return {
      open: card.matches(':popover-open'),
      title: text('h2'),
      asWritten: text('.as-written'),
      explanation: text('.explanation'),
      note: text('.note'),
      related: [...card.querySelectorAll('nav button')].map((b) => b.textContent ?? ''),
      role: card.getAttribute('role'),
      label: labelledBy ? ((card.getRootNode() as ShadowRoot).getElementById(labelledBy)?.textContent ?? '') : '',
    };
  });
}

/** Waits until the card is open on `title`, or closed when `title` is null. */
export async function waitForCard(page: Page, title: string | null): Promise<void> {
  await page.waitForFunction(
    (expected: string | null) => {
      const card = document.querySelector('plain-terms-card')?.shadowRoot?.querySelector('.card');
      const open = card?.matches(':popover-open') ?? false;
      return expected === null ? !open : open && card?.querySelector('h2')?.textContent === expected;
    },
    { timeout: 10_000 },
    title,
  );
}
