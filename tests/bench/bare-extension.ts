/**
 * For the page benchmark: the least a content script that honours a per-site switch can pay
 * before it reads a word, as a throwaway extension. Its content script holds only the
 * webextension-polyfill Plain Terms uses and one question to its background ("on for this
 * site?"); once answered, it walks the page's text once, like the floor. It records `bare:load`
 * (the polyfill evaluated; in Firefox, where a fresh tab's extension API is set up), `bare:ask`
 * (sending the question) and `bare:walk`, then the mark `bare:done`. The answer's delivery is not
 * counted (no clock sees it), so load + ask is a lower bound.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserName } from '../e2e/harness';

/** The name its content script's realm has in Firefox's about:memory. */
export const BARE_TITLE = 'Plain Terms bare start (benchmark)';

/**
 * The throwaway extension, in a fresh temporary folder, for `browser`. `allFrames`: its script runs
 * in every frame, blank ones too, as ours does (the memory benchmark's 10 frames).
 */
export function writeBareExtension(browser: BrowserName, { allFrames = false } = {}): string {
  return writeContentScriptExtension(browser, {
    title: BARE_TITLE,
    geckoId: 'bare-start@plainterms.app',
    prefix: 'bare',
    allFrames,
    onAnswer: `const start = performance.now();
  let chars = 0;
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += node.data.length;
  performance.measure('bare:walk', { start, end: performance.now(), detail: { chars } });
  done();`,
  });
}

export interface ContentScriptExtension {
  /** The extension's name, and Firefox's id for it. */
  title: string;
  geckoId: string;
  /** The prefix of its User Timing entries: `<prefix>:load`, `:ask`, and the mark `:done`. */
  prefix: string;
  /** Code evaluated with the polyfill, before the question (a library bundled with the script). */
  library?: string;
  /** The content script's work once the background says "on": `answer` is the reply; it calls `done()`. */
  onAnswer: string;
  /** The background's code before its listener: it defines `reply(message)`, more fields for the answer. */
  background?: string;
  /** Whether the content script runs in every frame (blank ones too), as ours does; else the top frame only. */
  allFrames?: boolean;
}

/**
 * A throwaway MV3 extension built like the least content script: its content script is the
 * polyfill (and `library`), then one question to its background ("on for this site?"), then
 * `onAnswer`. Written to a fresh temporary folder, for `browser`.
 */
export function writeContentScriptExtension(browser: BrowserName, extension: ContentScriptExtension): string {
  const {
    title,
    geckoId,
    prefix,
    library = '',
    onAnswer,
    background = 'const reply = () => ({});',
    allFrames = false,
  } = extension;
  const dir = mkdtempSync(join(tmpdir(), `plain-terms-${prefix}-`));
  const polyfill = createRequire(import.meta.url).resolve('webextension-polyfill/dist/browser-polyfill.min.js');
  const polyfillCode = readFileSync(polyfill, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/, '');
  writeFileSync(join(dir, 'polyfill.js'), polyfillCode);
  // One file, as a bundler would make it: in Firefox the gap between two files of a content
  // script can hold the page's own work.
  writeFileSync(
    join(dir, 'content.js'),
    `const bareStart = performance.now();
${polyfillCode}
${library}
const loaded = performance.now();
performance.measure('${prefix}:load', { start: bareStart, end: loaded });
const done = () => performance.mark('${prefix}:done');
browser.runtime.sendMessage({ site: location.hostname, path: location.pathname }).then((answer) => {
  if (!answer || !answer.on) return;
  ${onAnswer}
});
performance.measure('${prefix}:ask', { start: loaded, end: performance.now() });
`,
  );
  writeFileSync(
    join(dir, 'background.js'),
    `${background}\nbrowser.runtime.onMessage.addListener((message) => Promise.resolve({ on: true, ...reply(message) }));\n`,
  );
  const manifest = {
    manifest_version: 3,
    name: title,
    version: '1.0',
    background: browser === 'firefox' ? { scripts: ['polyfill.js', 'background.js'] } : { service_worker: 'sw.js' },
    content_scripts: [
      {
        matches: ['http://*/*'],
        js: ['content.js'],
        run_at: 'document_idle',
        all_frames: allFrames,
        ...(allFrames && { match_about_blank: true }),
      },
    ],
    host_permissions: ['http://*/*'],
    ...(browser === 'firefox' && { browser_specific_settings: { gecko: { id: geckoId } } }),
  };
  // A service worker takes one script: the polyfill's wrapper, then the listener.
  if (browser === 'chromium') writeFileSync(join(dir, 'sw.js'), "importScripts('polyfill.js', 'background.js');\n");
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * The "without" of the whole-cost benchmark: an extension with a background and no content
 * script, so the browser is set up as in the other two runs (an extension installed, its worker
 * or background page running) and the page pays nothing for it.
 */
export function writeNoScriptExtension(browser: BrowserName): string {
  const dir = mkdtempSync(join(tmpdir(), 'plain-terms-none-'));
  writeFileSync(join(dir, 'background.js'), 'void 0;\n');
  const manifest = {
    manifest_version: 3,
    name: 'Plain Terms no content script (benchmark)',
    version: '1.0',
    background: browser === 'firefox' ? { scripts: ['background.js'] } : { service_worker: 'background.js' },
    host_permissions: ['http://*/*'],
    ...(browser === 'firefox' && { browser_specific_settings: { gecko: { id: 'no-script@plainterms.app' } } }),
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
