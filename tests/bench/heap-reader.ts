/**
 * A page's heap after garbage collection, for the memory benchmark.
 * - Chromium, through the DevTools protocol on the page's target: `HeapProfiler.collectGarbage`
 *   (three times), then `Runtime.getHeapUsage`, the whole V8 isolate of the page's renderer: the
 *   page's own world and every extension's isolated world share it (V8 can't tell them apart there),
 *   so what a content script keeps is the page's heap with it − without it. `usedSize` is the JS heap,
 *   `embedderHeapUsedSize` Blink's garbage-collected heap (DOM objects, ranges, highlights); and
 *   `Memory.getDOMCounters` counts nodes and event listeners.
 * - Firefox, from its privileged (chrome) scope through WebDriver BiDi (`browsingContext.getTree`
 *   with `"moz:scope": "chrome"`, allowed by `--remote-allow-system-access`): what about:memory shows.
 *   `nsIMemoryReporterManager.minimizeMemoryUsage` (garbage and cycle collection in every process),
 *   then `getReports`: every "explicit" report of the page's origin (the benchmark serves one page at a
 *   time from it) is the tab's, split into JS (zones and realms) and the rest (DOM, layout, styles).
 *   Firefox also names each content script's realm, so what our script's own realm holds is read
 *   exactly (`Content Script "Plain Terms"`); strings are kept per zone, which a page and the
 *   content scripts in it share, so they count in the tab's JS but not in that realm.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { BrowserName } from '../e2e/harness';

export interface Heap {
  /** Bytes of JavaScript heap in use. */
  js: number;
  /** Bytes of the engine's own garbage-collected heap (Chromium: Blink's), where readable. */
  native: number;
  nodes: number;
  listeners: number;
  /**
   * Firefox: bytes held by the measured content script's realms themselves (objects, scripts; not
   * strings): ours, or the least content script's.
   */
  ourRealms: number;
}

export const HEAP_SOURCE: Record<BrowserName, string> = {
  chromium: 'DevTools protocol: Runtime.getHeapUsage after HeapProfiler.collectGarbage, the whole renderer isolate',
  firefox:
    "about:memory reports of the page's origin after minimizeMemoryUsage, JS = zones and realms, Firefox = DOM, layout, styles",
};

async function chromiumHeap(page: Page): Promise<Heap> {
  const cdp = await page.createCDPSession();
  try {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
    const counters = await cdp.send('Memory.getDOMCounters');
    return {
      js: usage.usedSize,
      native: usage.embedderHeapUsedSize ?? Number.NaN,
      nodes: counters.nodes,
      listeners: counters.jsEventListeners,
      ourRealms: Number.NaN,
    };
  } finally {
    await cdp.detach();
  }
}

/** Runs in Firefox's parent process, with system privileges: resolves the tab's reports as JSON. */
const FIREFOX_REPORTS = (host: string, script: string) => `new Promise((resolve) => {
  const manager = Cc['@mozilla.org/memory-reporter-manager;1'].getService(Ci.nsIMemoryReporterManager);
  manager.minimizeMemoryUsage(() => {
    const heap = { js: 0, native: 0, ourRealms: 0 };
    manager.getReports(
      (process, path, kind, units, amount) => {
        if (units !== Ci.nsIMemoryReporter.UNITS_BYTES || !path.startsWith('explicit/')) return;
        if (path.includes(${JSON.stringify(`Content Script "${script}"`)})) heap.ourRealms += amount;
        if (!path.includes(${JSON.stringify(host)})) return;
        if (/js-zone\\(|js-realm\\(|\\/realm\\(/.test(path)) heap.js += amount;
        else heap.native += amount;
      },
      null,
      () => resolve(JSON.stringify(heap)),
      null,
      false,
    );
  });
})`;

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

async function firefoxHeap(page: Page, script: string): Promise<Heap> {
  return firefoxReports(page.browser(), new URL(page.url()).host, script);
}

/** What about:memory reports for `host` (after collecting), and for the realms of `script`'s content scripts. */
async function firefoxReports(browser: Browser, host: string, script: string): Promise<Heap> {
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const context = (tree.result.contexts as { context: string }[])[0]!.context;
  const reply = await connection.send('script.evaluate', {
    expression: FIREFOX_REPORTS(host, script),
    target: { context },
    awaitPromise: true,
  });
  const heap = JSON.parse((reply.result.result as { value: string }).value) as Pick<
    Heap,
    'js' | 'native' | 'ourRealms'
  >;
  return { ...heap, nodes: Number.NaN, listeners: Number.NaN };
}

/** `script`: the extension whose content script's realms are `ourRealms` (Firefox). */
export function readHeap(page: Page, name: BrowserName, script = 'Plain Terms'): Promise<Heap> {
  return name === 'chromium' ? chromiumHeap(page) : firefoxHeap(page, script);
}

/**
 * The heap an extension's background holds, after garbage collection: in Chromium its service
 * worker's V8 isolate (`js`; null when the worker is not running, as after 30 s without events),
 * in Firefox every about:memory report of the extension's own origin, `uuid` (its background
 * page: JS in `js`, its DOM and the rest in `native`).
 */
export async function readBackgroundHeap(browser: Browser, name: BrowserName, uuid: string): Promise<Heap | null> {
  if (name === 'firefox') return firefoxReports(browser, uuid, '');
  const worker = browser.targets().find((target) => target.type() === 'service_worker');
  if (!worker) return null;
  const cdp = await worker.createCDPSession();
  try {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return { js: usage.usedSize, native: Number.NaN, nodes: Number.NaN, listeners: Number.NaN, ourRealms: Number.NaN };
  } finally {
    await cdp.detach();
  }
}
