/**
 * Shared by the page benchmark and the robustness run: serves saved pages from 127.0.0.1 with
 * their scripts stripped, and launches each browser with the built extension and every
 * non-loopback request refused.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { type BrowserName, launchWithExtension } from '../e2e/harness';

export const DEFAULT_PAGES = join(import.meta.dirname, '../../../shared/pages');

export function findPages(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`No pages folder at ${dir}. Give one: npm run bench -- /path/to/pages`);
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? walk(path) : /\.html?$/i.test(name) ? [path] : [];
    });
  return walk(dir)
    .map((path) => relative(dir, path))
    .sort();
}

/**
 * Scripts are removed byte-for-byte (the file is handled as latin1, so pages in Shift_JIS or
 * GB2312 keep their bytes and their <meta charset>), as are inline event handlers and refresh
 * redirects, so that any change to the DOM comes from the extension.
 */
export function stripScripts(html: Buffer): Buffer {
  let text = html
    .toString('latin1')
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/>/gi, '')
    .replace(/<meta[^>]+http-equiv=["']?refresh[^>]*>/gi, '');
  // Inline handlers are scripts too (onload="…" can add elements or swap an image's src).
  const handler = /(<[a-z][^>]*?)\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(handler, '$1');
  }
  return Buffer.from(text, 'latin1');
}

export async function servePages(
  dir: string,
  extra: Record<string, string> = {},
): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (extra[path]) {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(readFileSync(extra[path]));
      return;
    }
    const file = join(dir, path.replace(/^\/page\//, ''));
    if (!path.startsWith('/page/') || !file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    // No charset in the header: the browser reads the page's own <meta charset>, as when it was saved.
    // Cross-origin isolated, so performance.now() ticks in microseconds, not in 0.1 ms (Chromium)
    // or whole milliseconds (Firefox): a text walk over a small page takes less than that.
    response.writeHead(200, {
      'content-type': 'text/html',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    response.end(stripScripts(readFileSync(file)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The built extension in a browser that can reach 127.0.0.1 and nothing else. */
export function launchOffline(name: BrowserName, dir?: string): Promise<Browser> {
  return dir
    ? launchWithExtension(name, { offline: true, dir, welcomes: false }) // not ours: no welcome page
    : launchWithExtension(name, { offline: true });
}

/**
 * Opens `url` in `page` and waits until the content script leaves the User Timing entry `entry`
 * (by default the mark at the end of its first scan), and one frame more. A page that never finishes loading (it
 * waits on the web, which is refused) is read as it is.
 */
export async function openAndWaitFor(page: Page, url: string, entry = 'plain-terms:scanned'): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => undefined);
  // tsx keeps function names with a __name() helper that evaluated functions then call in the page.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  await page.waitForFunction(
    (name: string) => performance.getEntriesByName(name).length > 0,
    { polling: 50, timeout: 60_000 },
    entry,
  );
  // Found terms are handed to the browser just before the next frame: let one pass.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
}
