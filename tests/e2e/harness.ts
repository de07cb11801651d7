import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type ConsoleMessage, type Page } from 'puppeteer-core';

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
/** Firefox's id for the add-on (the manifest's gecko id): public, the same for every user. */
export const GECKO_ID = 'plain-terms@plainterms.app';

/**
 * The built extension: the product build (`.output/`), or the benchmark build (`.output-bench/`,
 * `npm run build:bench`), which also records User Timing entries and names everything plainly.
 */
export function extensionDir(browser: BrowserName, build: 'product' | 'bench' = 'product'): string {
  // PLAIN_TERMS_OUTPUT: a copy of a build, so a long robustness run survives rebuilds meanwhile.
  const output =
    build === 'bench' ? join(ROOT, '.output-bench') : (process.env.PLAIN_TERMS_OUTPUT ?? join(ROOT, '.output'));
  const dir = join(output, browser === 'chromium' ? 'chrome-mv3' : 'firefox-mv3');
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
    /** More command-line switches (Chromium) or preferences (Firefox), for the benchmarks. */
    chromiumArgs = [],
    firefoxPrefs = {},
  }: {
    dir?: string;
    offline?: boolean;
    welcomes?: boolean;
    chromiumArgs?: string[];
    firefoxPrefs?: Record<string, unknown>;
  } = {},
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
        ...chromiumArgs,
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
      ...firefoxPrefs,
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

/**
 * Sends a tab's content script what the background sends it for a keyboard shortcut or the
 * context menu (browsers route real shortcuts outside the page, where tests can't press them):
 * which shortcut sends what is tested on the background's handlers (tests/unit/entrypoints/background).
 */
export async function sendToTab(
  extensionPage: Page,
  tabId: number,
  message: { type: 'explain-selection' } | { type: 'step-term'; direction: 1 | -1 },
): Promise<void> {
  await extensionPage.evaluate(
    async (id: number, sent: object, frameId: number | null) => {
      const api = ((globalThis as Record<string, unknown>).browser ??
        (globalThis as Record<string, unknown>).chrome) as ExtensionApi;
      await api.tabs.sendMessage(id, sent, frameId === null ? {} : { frameId });
    },
    tabId,
    message,
    // As the background does: next and previous term go to the top frame, a selection to every frame.
    message.type === 'step-term' ? 0 : null,
  );
}

/**
 * Plain Terms' highlights have names chosen afresh on every page load, so tests find them as any
 * page could: no fixture registers highlights of its own, and the one for terms has the default
 * priority (the one for the term whose card is open, priority 1). In the page's world:
 * `[...CSS.highlights.values()].find((h) => h.priority === 0)`.
 */
/** How many ranges Plain Terms has underlined on the page. */
export function highlightCount(page: Page): Promise<number> {
  return page.evaluate(() => [...CSS.highlights.values()].find((h) => h.priority === 0)?.size ?? 0);
}

/**
 * Whether a console message comes from the extension: our messages carry no name (the console is
 * the reader's, but nothing of ours should say "Plain Terms" on a page), so it is told by where
 * it was logged, or the extension's URLs in its stack.
 */
export function fromExtension(message: ConsoleMessage): boolean {
  const where = [message.location()?.url ?? '', ...message.stackTrace().map((frame) => frame.url ?? '')];
  return [...where, message.text()].some((text) => /(chrome|moz)-extension:\/\//.test(text));
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
    const highlight = [...CSS.highlights.values()].find((h) => h.priority === 0);
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

/** Waits until nothing on the page is underlined (Plain Terms switched off for it). */
export async function waitForNoHighlights(page: Page): Promise<void> {
  await page.waitForFunction(() => ([...CSS.highlights.values()].find((h) => h.priority === 0)?.size ?? 0) === 0, {
    timeout: 10_000,
    polling: POLL_MS,
  });
}

/** Waits until the page's underlined words include all of `words`. */
export async function waitForHighlights(page: Page, words: string[]): Promise<void> {
  await page.waitForFunction(
    (expected: string[]) => {
      const highlight = [...CSS.highlights.values()].find((h) => h.priority === 0);
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

/**
 * The box of the first line of the first occurrence of `words` inside the element `selector`, in
 * viewport pixels, after scrolling it to the middle of the screen if asked. The first line, not the
 * whole range: on a narrow screen a term may wrap, and the middle of its box is then between lines.
 */
export function wordsBox(
  page: Page,
  selector: string,
  words: string,
  { scroll = false } = {},
): Promise<{ top: number; bottom: number; left: number; right: number }> {
  return page.evaluate(
    (sel: string, target: string, scrollTo: boolean) => {
      const element = document.querySelector(sel);
      if (!element) throw new Error(`no element ${sel}`);
      if (scrollTo) element.scrollIntoView({ block: 'center' });
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(target);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + target.length);
        const { top, bottom, left, right } = range.getClientRects()[0]!;
        return { top, bottom, left, right };
      }
      throw new Error(`"${target}" not found in ${sel}`);
    },
    selector,
    words,
    scroll,
  );
}

/** The centre of the first line of `words` inside `selector` (scrolled into the middle of the screen unless told not to). */
export async function pointOf(
  page: Page,
  selector: string,
  words: string,
  { scroll = true } = {},
): Promise<{ x: number; y: number }> {
  const { top, bottom, left, right } = await wordsBox(page, selector, words, { scroll });
  return { x: (left + right) / 2, y: (top + bottom) / 2 };
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

/**
 * Finds Plain Terms' card host as a page could: its tag is chosen afresh on every page load, and
 * it is the one element with a custom element's name (no fixture has one) added to the root, or
 * to the element in fullscreen while there is one.
 */
const FIND_CARD_HOST = `(() => {
  for (const parent of [document.fullscreenElement, document.documentElement])
    for (const element of parent?.children ?? []) if (element.localName.includes('-')) return element;
  return null;
})()`;

/** The Chromium DevTools session of each page, made once. */
const cdpSessions = new WeakMap<Page, Promise<CDPSession>>();

/**
 * Runs `fn(root, host, arg)` in the page on the card's shadow root, and returns its result
 * (through JSON); null while there is no card host. The root is closed, so no script of the page
 * can reach it: tests reach it through the browser's automation protocol, which can (DevTools
 * Protocol in Chromium, WebDriver BiDi in Firefox).
 */
export async function inCard<T, A = undefined>(
  page: Page,
  fn: (root: ShadowRoot, host: HTMLElement, arg: A) => T,
  arg?: A,
): Promise<Awaited<T> | null> {
  const call = `async (root, host) => JSON.stringify(await (${fn.toString()})(root, host, ${JSON.stringify(arg) ?? 'undefined'}))`;
  let json: string | undefined;
  // puppeteer's own (internal) name for the protocol it speaks to this browser.
  if ((page.browser() as unknown as { protocol: string }).protocol === 'cdp') {
    if (!cdpSessions.has(page)) cdpSessions.set(page, page.createCDPSession());
    const session = await cdpSessions.get(page)!;
    const objectGroup = 'plain-terms-card';
    try {
      const { result: host } = await session.send('Runtime.evaluate', { expression: FIND_CARD_HOST, objectGroup });
      if (!host.objectId) return null;
      const { node } = await session.send('DOM.describeNode', { objectId: host.objectId, depth: 1, pierce: true });
      const shadow = node.shadowRoots?.[0];
      if (!shadow) return null;
      const { object: root } = await session.send('DOM.resolveNode', {
        backendNodeId: shadow.backendNodeId,
        objectGroup,
      });
      const { result, exceptionDetails } = await session.send('Runtime.callFunctionOn', {
        objectId: root.objectId!,
        functionDeclaration: `function (host) { return (${call})(this, host); }`,
        arguments: [{ objectId: host.objectId }],
        awaitPromise: true,
        returnByValue: true,
        objectGroup,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      json = result.value as string | undefined;
    } finally {
      await session.send('Runtime.releaseObjectGroup', { objectGroup }).catch(() => undefined);
    }
  } else {
    const connection = (page.browser() as unknown as { connection: BidiSend }).connection;
    const target = { context: (page.mainFrame() as unknown as { _id: string })._id };
    const found = await connection.send('script.evaluate', {
      expression: FIND_CARD_HOST,
      target,
      awaitPromise: false,
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
    });
    const host = found.result.result as {
      type: string;
      sharedId?: string;
      value?: { shadowRoot?: { sharedId: string } };
    };
    const rootId = host.value?.shadowRoot?.sharedId;
    if (host.type !== 'node' || !rootId) return null;
    const { result } = await connection.send('script.callFunction', {
      functionDeclaration: call,
      arguments: [{ sharedId: rootId }, { sharedId: host.sharedId }],
      target,
      awaitPromise: true,
    });
    if (result.type === 'exception') throw new Error(JSON.stringify(result.exceptionDetails));
    json = (result.result as { value?: string }).value;
  }
  return json === undefined ? null : (JSON.parse(json) as Awaited<T>);
}

interface BidiSend {
  send(
    method: string,
    params: object,
  ): Promise<{ result: { type?: string; result: unknown; exceptionDetails?: unknown } }>;
}

/** Polls `check` every POLL_MS until it returns true; fails after `timeout` ms saying `what`. */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The card host's tag name on this page load, or null before a card was first shown. */
export function cardHostTag(page: Page): Promise<string | null> {
  return page.evaluate(`${FIND_CARD_HOST}?.localName ?? null`) as Promise<string | null>;
}

/** What the reader sees in the card. */
export function cardState(page: Page): Promise<CardState | null> {
  return inCard(page, (root) => {
    const card = root.querySelector('.card');
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
      label: labelledBy ? (root.getElementById(labelledBy)?.textContent ?? '') : '',
    };
  });
}

/** Waits until the card is open on `title`, or closed when `title` is null. */
export async function waitForCard(page: Page, title: string | null): Promise<void> {
  await waitUntil(
    async () => {
      const state = await inCard(page, (root) => {
        const card = root.querySelector('.card');
        return { open: card?.matches(':popover-open') ?? false, title: card?.querySelector('h2')?.textContent ?? '' };
      });
      return title === null ? !state?.open : !!state?.open && state.title === title;
    },
    title === null ? 'the card to close' : `the card on "${title}"`,
  );
}
