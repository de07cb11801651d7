import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Conditions are polled on a timer, not puppeteer's default requestAnimationFrame: a tab in the
 * background paints no frames, so a frame-polled wait there would never check again.
 */
export const POLL_MS = 50;

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = process.env.E2E_BROWSERS
  ? (process.env.E2E_BROWSERS.split(',') as BrowserName[])
  : ['chromium', 'firefox'];

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, 'fixtures');
/** Firefox gives each add-on a random origin; fixing it lets tests open our pages by URL. */
export const FIREFOX_UUID = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
const GECKO_ID = 'plain-terms@plainterms.app';

export function extensionDir(browser: BrowserName): string {
  // PLAIN_TERMS_OUTPUT: a copy of .output, so a long robustness run survives rebuilds meanwhile.
  const dir = join(
    process.env.PLAIN_TERMS_OUTPUT ?? join(ROOT, '.output'),
    browser === 'chromium' ? 'chrome-mv3' : 'firefox-mv3',
  );
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(
      `No built extension in ${dir}: run "npm run build" (for the benchmarks "npm run build:bench") first.`,
    );
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

/**
 * Launches one browser with the extension installed, as a user would have it: the built one, or
 * `dir` (an unpacked store zip). `offline` refuses every request that isn't to 127.0.0.1, for
 * runs over saved real pages that still reference the web.
 */
export async function launchWithExtension(
  name: BrowserName,
  {
    dir = extensionDir(name),
    offline = false,
    /** Whether the extension opens a welcome page on install (ours does), to wait for. */
    welcomes = true,
  }: { dir?: string; offline?: boolean; welcomes?: boolean } = {},
): Promise<Browser> {
  // Real pages can be slow to load under a full run; fixtures never are.
  const protocolTimeout = offline ? 120_000 : undefined;
  if (name === 'chromium') {
    const browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      pipe: true,
      enableExtensions: [dir],
      protocolTimeout,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--window-size=1200,900',
        ...(offline ? ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] : []),
      ],
    });
    // A fresh profile is a first install: Chromium opens the welcome page in front, at a moment of
    // its own choosing. Wait for it, so no test's page is pushed to the background later.
    if (welcomes) await browser.waitForTarget((target) => target.url().endsWith('/welcome.html'), { timeout: 15_000 });
    return browser;
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    protocolTimeout,
    args: ['--remote-allow-system-access', '--width=1200', '--height=900'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // Offline: every request goes to a proxy on a closed local port, except loopback ones.
      ...(offline && {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': 9,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': 9,
        'network.proxy.no_proxies_on': '127.0.0.1',
        'network.proxy.allow_hijacking_localhost': false,
        'network.dns.disableIPv6': true,
      }),
    },
  });
  await browser.installExtension(dir);
  return browser;
}

/** The few extension APIs tests call from an extension page (`chrome` in Chromium, `browser` in Firefox). */
interface ExtensionApi {
  tabs: {
    query(query: object): Promise<Array<{ id?: number }>>;
    sendMessage(tabId: number, message: unknown, options?: object): Promise<unknown>;
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** The origin of the extension's own pages (popup, options). */
export async function extensionOrigin(browser: Browser, name: BrowserName): Promise<string> {
  if (name === 'firefox') return `moz-extension://${FIREFOX_UUID}`;
  const worker = await browser.waitForTarget((target) => target.type() === 'service_worker', {
    timeout: 10_000,
  });
  // Node gives non-web schemes an origin of "null"; build it from the host.
  return `chrome-extension://${new URL(worker.url()).host}`;
}

/**
 * Opens one of the extension's pages in a tab. Firefox sends no load event for moz-extension
 * pages that puppeteer can wait on, so there the page is navigated with raw WebDriver BiDi.
 */
export async function openExtensionPage(browser: Browser, name: BrowserName, path: string): Promise<Page> {
  const url = `${await extensionOrigin(browser, name)}/${path}`;
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 800 });
  page.on('pageerror', (error) => console.log(`[${path}] page error: ${error}`));
  if (name === 'chromium') {
    await page.goto(url, { waitUntil: 'load' });
  } else {
    const frameId = (page.mainFrame() as unknown as { _id: string })._id;
    const connection = (
      browser as unknown as { connection: { send: (method: string, params: object) => Promise<unknown> } }
    ).connection;
    await connection.send('browsingContext.navigate', { context: frameId, url, wait: 'complete' });
  }
  await page.waitForSelector('main:not([aria-busy])', { timeout: 10_000 });
  return page;
}

/** The browser's id for the tab showing `url`, found from an extension page by asking each tab's content script. */
export async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  return extensionPage.evaluate(async (target: string) => {
    const api = ((globalThis as Record<string, unknown>).browser ??
      (globalThis as Record<string, unknown>).chrome) as ExtensionApi;
    for (const tab of await api.tabs.query({})) {
      if (tab.id === undefined) continue;
      try {
        const info = (await api.tabs.sendMessage(tab.id, { type: 'get-page-info' }, { frameId: 0 })) as {
          url?: string;
        };
        if (info?.url === target) return tab.id;
      } catch {
        // Not one of ours.
      }
    }
    throw new Error(`no tab shows ${target}`);
  }, url);
}

/** Sends the background the message a keyboard shortcut produces (browsers route real shortcuts outside the page). */
export async function runCommand(extensionPage: Page, command: string, tabId: number): Promise<void> {
  await extensionPage.evaluate(
    async (name: string, id: number) => {
      const api = ((globalThis as Record<string, unknown>).browser ??
        (globalThis as Record<string, unknown>).chrome) as ExtensionApi;
      await api.runtime.sendMessage({ type: 'run-command', command: name, tabId: id });
    },
    command,
    tabId,
  );
}

/** How many ranges Plain Terms has underlined on the page. */
export function highlightCount(page: Page): Promise<number> {
  return page.evaluate(() => CSS.highlights.get('plain-terms')?.size ?? 0);
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
  // In front, like a page being read: a background tab gets no input and paints no frames
  // (and Chromium opens the welcome page in front on install).
  await page.bringToFront();
  await page.waitForFunction(() => document.visibilityState === 'visible', { timeout: 10_000, polling: POLL_MS });
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
/** Waits until nothing on the page is underlined (Plain Terms switched off for it). */
export async function waitForNoHighlights(page: Page): Promise<void> {
  await page.waitForFunction(() => (CSS.highlights.get('plain-terms')?.size ?? 0) === 0, {
    timeout: 10_000,
    polling: POLL_MS,
  });
}

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
    { timeout: 10_000, polling: POLL_MS },
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
    { timeout: 10_000, polling: POLL_MS },
    title,
  );
}
