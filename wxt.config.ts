import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import preact from '@preact/preset-vite';
import sharp from 'sharp';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { COMMANDS, type CommandName } from './common/commands';
import { glossaryFiles } from './glossary/combine';

const SUGGESTED_KEYS: Record<CommandName, string> = {
  'explain-selection': 'Alt+Shift+E',
  'next-term': 'Alt+N',
  // Alt+Shift+N would pair with next, but Chromium leaves Alt+Shift+N and Alt+Shift+P unassigned.
  'previous-term': 'Alt+P',
  'toggle-site': 'Alt+Shift+O',
};

// Firefox gets MV3 too (`wxt build -b firefox --mv3`), so both stores ship one shape.
/**
 * The glossary reaches the content script as packaged files the background reads, not inside its
 * bundle: 300 entries would triple the script every page loads. Its surface forms are split into
 * words here, once, instead of on every page. Two files, both read by the background alone: the
 * trie it finds the terms of a page's text with (background/term-finder.ts), and the entries, of
 * which a page asks only for the few a card shows.
 */
function glossaryForPages() {
  return glossaryFiles(JSON.parse(readFileSync('glossary/terms.json', 'utf8')));
}

/** Toolbar sizes of the "off on this site" icon. */
const OFF_ICON_SIZES = [16, 19, 32, 38];

/**
 * The toolbar icon where Plain Terms is switched off: the same SVG, grey, with a slash across,
 * so "off" reads at a glance even at 16 px.
 */
function offIcon(size: number) {
  const slash = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">` +
      '<line x1="14" y1="114" x2="114" y2="14" stroke="#ffffff" stroke-width="26" stroke-linecap="round"/>' +
      '<line x1="14" y1="114" x2="114" y2="14" stroke="#5b6166" stroke-width="12" stroke-linecap="round"/></svg>',
  );
  return sharp('assets/icon.svg')
    .resize(size)
    .grayscale()
    .composite([{ input: slash }])
    .png();
}

/**
 * webextension-polyfill ships as UMD, which a bundler reads as CommonJS, and importing CommonJS
 * copies every property of its exports onto a new object first: for `browser` that cost every
 * page about 1 ms of main thread in Chromium before our code ran. Read as an ES module instead,
 * its UMD wrapper fills in the `module` given here.
 *
 * It also runs on first use, not on import: it reads `chrome.runtime.id` straight away, and in
 * Firefox the first touch of the extension API sets it up for the frame (20–40 ms, measured in a
 * fresh tab). A frame without text (a blank ad frame) never needs it (see `whenFrameHasText`).
 */
function polyfillAsEsModule(): Plugin {
  return {
    name: 'plain-terms:polyfill-as-es-module',
    transform(code, id) {
      if (!id.endsWith('/webextension-polyfill/dist/browser-polyfill.js')) return null;
      return {
        code: [
          'let api;',
          'function polyfilled() {',
          '  if (api) return api;',
          '  const module = { exports: {} };',
          '  const exports = module.exports;',
          code,
          '  api = module.exports;',
          '  return api;',
          '}',
          'export default new Proxy({}, { get: (_, key) => polyfilled()[key], has: (_, key) => key in polyfilled() });',
        ].join('\n'),
        map: null,
      };
    },
  };
}

/**
 * WXT's content script context announces every start to the page: it dispatches
 * `<extension id>:content:wxt:content-script-started` on the document (the page's own listeners
 * hear it, with its detail in Chromium), and stops itself when it hears that event from a newer
 * copy. A page that knows our public id (the store's, or Firefox's add-on id) could listen for the
 * first to learn we are there, and send the second to switch us off. Neither is needed: an older
 * copy in Chromium stops itself once its extension is gone (`ctx.isInvalid`), and Firefox removes
 * an old copy's scripts itself. No option turns them off, so the two calls are taken out here; if
 * a WXT update changes them, the build fails rather than bring them back unseen.
 */
function quietContentScriptContext(): Plugin {
  const calls: [RegExp, string] = [/this\.stopOldScripts\(\);\s*this\.listenForNewerScripts\(\);/, ''];
  // Two event names WXT makes from our extension id as its classes are defined; asked for when
  // used instead, so loading the script touches no extension API (see polyfillAsEsModule).
  const eventName: [RegExp, string] = [
    /static (SCRIPT_STARTED_MESSAGE_TYPE|EVENT_NAME) = (getUniqueEventName\("wxt:[a-z-]+"\));/,
    'static get $1() { return $2; }',
  ];
  const patches: Record<string, [RegExp, string][]> = {
    '/wxt/dist/utils/content-script-context.mjs': [calls, eventName],
    '/wxt/dist/utils/internal/custom-events.mjs': [eventName],
  };
  return {
    name: 'plain-terms:quiet-content-script-context',
    transform(code, id) {
      const file = Object.keys(patches).find((name) => id.endsWith(name));
      if (!file) return null;
      let patched = code;
      for (const [pattern, replacement] of patches[file]!) {
        if (!pattern.test(patched))
          throw new Error(`${id}: WXT's content script context changed; see quietContentScriptContext()`);
        patched = patched.replace(pattern, replacement);
      }
      return { code: patched, map: null };
    },
  };
}

export default defineConfig({
  // The benchmark's build (WXT_BENCH=1) can also measure the floor from a content script, and
  // goes elsewhere so the product build is never the instrumented one.
  outDir: process.env.WXT_BENCH ? '.output-bench' : '.output',
  // The sources zip for Firefox reviewers: the repository, without local run output.
  zip: { excludeSources: ['bench-output/**', 'demo-output/**', 'docs/**', '.output-bench/**'] },
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      const glossary = glossaryForPages();
      files.push({ relativeDest: 'glossary-trie.json', contents: glossary.trie });
      files.push({ relativeDest: 'glossary-entries.json', contents: glossary.entries });
    },
    'build:done': async (wxt, output) => {
      mkdirSync(join(wxt.config.outDir, 'icons'), { recursive: true });
      for (const size of OFF_ICON_SIZES) {
        await offIcon(size).toFile(join(wxt.config.outDir, `icons/off-${size}.png`));
        output.publicAssets.push({ type: 'asset', fileName: `icons/off-${size}.png` });
      }
    },
  },
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/auto-icons'],
  // One SVG source for every icon size the stores and toolbars need.
  autoIcons: { baseIconPath: 'assets/icon.svg', sizes: [16, 19, 32, 38, 48, 96, 128], developmentIndicator: false },
  // No modulepreload polyfill: it would fetch() our own chunks, and pages need no fetch but the glossary's files.
  vite: () => ({
    plugins: [preact(), polyfillAsEsModule(), quietContentScriptContext()],
    build: { modulePreload: { polyfill: false } },
  }),
  manifest: ({ browser }) => ({
    // Every string users see comes from public/_locales (English first); see common/i18n.ts.
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    // storage: settings and your own terms. contextMenus: "Explain “…”" on a selection.
    // scripting: the card view (card-view.js) is run in a page when its first card is about to
    // show, not with the content script on every page (docs/adr/0002-the-card-loads-on-first-use.md).
    // README lists why.
    permissions: ['storage', 'contextMenus', 'scripting'],
    // The content script's own match patterns (entrypoints/content/index.ts), and no more:
    // `scripting.executeScript` needs them as host permissions in MV3. Chromium warns at install
    // exactly as for the content script alone ("Read and change all your data on all websites").
    host_permissions: ['http://*/*', 'https://*/*', 'file:///*'],
    action: { default_title: '__MSG_extensionName__' },
    // No web_accessible_resources: no file of the package can be loaded by a page, whatever
    // address it tries (a page that could load one would know Plain Terms is installed). The
    // background reads the glossary files, finds the terms in the texts pages send it
    // (term-finder.ts) and hands a card the entries it asks for (card-entries.ts).
    // Changeable in the browser's shortcut settings; the popup lists the current ones.
    commands: Object.fromEntries(
      Object.entries(COMMANDS).map(([name, message]) => [
        name,
        { suggested_key: { default: SUGGESTED_KEYS[name as CommandName] }, description: `__MSG_${message}__` },
      ]),
    ),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'plain-terms@plainterms.app',
          // The CSS Custom Highlight API shipped in Firefox 140.
          strict_min_version: '140.0',
          // Nothing is collected: Firefox shows this at install.
          data_collection_permissions: { required: ['none'] },
        },
        // Firefox for Android: the Highlight API and caretPositionFromPoint came with 140 there
        // too, but the data_collection_permissions above only with 142 (addons-linter checks it).
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
