/**
 * mark.js, the usual way to mark words on a page, as the reference the issue wants Plain Terms to
 * beat a hundredfold: it wraps each hit in a `<mark>` element (rewriting the page's DOM, which Plain
 * Terms never does) and walks the page once per keyword. It marks the glossary's surface forms, the
 * same job our matcher does, with the options below. Used in the page's world by pages.ts and, as
 * a throwaway extension built like the least content script, by whole-cost.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bundledGlossary } from '../../glossary/bundled';
import { surfaceFormsOf } from '../../glossary/tokenize';
import type { BrowserName } from '../e2e/harness';
import { writeContentScriptExtension } from './bare-extension';

export const MARKJS_PATH = createRequire(import.meta.url).resolve('mark.js/dist/mark.min.js');

/** Every surface form of the bundled glossary, once. */
export const GLOSSARY_FORMS = [
  ...new Set(bundledGlossary.flatMap((entry) => surfaceFormsOf(entry).map((s) => s.form))),
];

/** Whole words, case-insensitive, across inline elements, each form as one keyword. */
export const MARKJS_OPTIONS = {
  acrossElements: true,
  separateWordSearch: false,
  caseSensitive: false,
  diacritics: false,
  accuracy: { value: 'exactly', limiters: [...',.;:!?()[]{}"\'“”‘’«»/–—'] },
};

/**
 * mark.js walks the page once per keyword, handing each to the next from a callback: with a thousand
 * keywords in one call that nests too deep for Firefox ("too much recursion") and for V8 on larger
 * pages. So the keywords go in batches of 100, one call each, which is the same work.
 */
export const MARKJS_BATCH = 100;

/**
 * A throwaway extension whose content script bundles mark.js and the glossary's forms, asks its
 * background as the least content script does, then marks the forms in the page. It records
 * `markjs:load`, `:ask`, `:mark` (with the count of marks) and the mark `markjs:done`.
 *
 * With `share` = n it searches every n-th form only. mark.js walks the whole page once per form, so
 * its cost grows with the number of forms (88 s in Chromium on a saved WebMD page with all 5,613,
 * measured in the page's world), which no benchmark run on a shared machine can repeat on many pages;
 * what it costs minus what the page pays without it, times n, is then mark.js's estimated cost for all.
 */
export function writeMarkJsExtension(browser: BrowserName, share = 1): string {
  return writeContentScriptExtension(browser, {
    title: 'Plain Terms mark.js reference (benchmark)',
    geckoId: 'markjs@plainterms.app',
    prefix: 'markjs',
    library: `${readFileSync(MARKJS_PATH, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/, '')}
const FORMS = ${JSON.stringify(GLOSSARY_FORMS.filter((_, i) => i % share === 0))};
const OPTIONS = ${JSON.stringify(MARKJS_OPTIONS)};`,
    // Each batch waits on a promise, so the next starts on an unwound stack.
    onAnswer: `void (async () => {
    const start = performance.now();
    const marker = new Mark(document.body ?? document.documentElement);
    let count = 0;
    for (let from = 0; from < FORMS.length; from += ${MARKJS_BATCH})
      count += await new Promise((resolve) => marker.mark(FORMS.slice(from, from + ${MARKJS_BATCH}), { ...OPTIONS, done: resolve }));
    performance.measure('markjs:mark', { start, end: performance.now(), detail: { count } });
    done();
  })();`,
  });
}
