/**
 * For the whole-cost benchmark: "the least glossary highlighter", the floor of any extension that
 * finds a glossary's terms in the page and underlines them with the CSS Custom Highlight API (and,
 * below, the same with the finding done in its background, `writeLeastOffPageHighlighter`). The least highlighter
 * (least-highlighter.ts) is told the very strings to underline; this one has to find them, as
 * Plain Terms does, and does nothing else. Built like the least content script (bare-extension.ts:
 * the polyfill, one question to its background), its answer carries the glossary: every surface
 * form of `glossary/terms.json`, keyed as Plain Terms keys them (lowercase words joined by one
 * space), one per line. In the same task it makes a `Set` of the forms and one of their first
 * words, walks the page's text nodes once, cuts each into Latin words with one regular expression,
 * and at each word a form starts with tries the longest run of words (joined by spaces or one
 * hyphen) that is a form; it underlines each with a `StaticRange`, one `Highlight` and one adopted
 * sheet naming the hits' parents as the least highlighter's does.
 *
 * It skips what Plain Terms does beyond that: no senses (a word that needs its health sense settled
 * is underlined anyway), no terms across elements ("lymphatic <em>drainage</em>"), no shadow roots,
 * languages or hidden text, no settings, no slicing (one task, however large the page), no
 * following changes, no hover. It records `least-gl:load`, `:ask`, `:walk` (detail: the index's
 * build apart) and the mark `least-gl:done`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GlossaryEntry } from '../../glossary/schema';
import { surfaceFormsOf, tokenKey } from '../../glossary/tokenize';
import type { BrowserName } from '../e2e/harness';
import { writeContentScriptExtension } from './bare-extension';
import { underlineHits } from './least-highlighter';

/** Every surface form of the bundled glossary, keyed as the matcher keys them, one per line. */
export function glossaryForms(): string {
  const entries = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../glossary/terms.json'), 'utf8'),
  ) as GlossaryEntry[];
  const forms = new Set<string>();
  for (const entry of entries)
    for (const surface of surfaceFormsOf(entry)) {
      const key = tokenKey(surface.form, false);
      if (key) forms.add(key);
    }
  return [...forms].join('\n');
}

/**
 * The index the least glossary highlighters build from `answer.forms`-like `formsText` (one form a
 * line): `forms`, the first words of forms `firstWords`, and the most words in a form `longest`.
 */
const buildIndex = (formsText: string) => `const forms = new Set(${formsText}.split('\\n'));
  const firstWords = new Set();
  let longest = 1;
  for (const form of forms) {
    const words = form.split(' ');
    firstWords.add(words[0]);
    if (words.length > longest) longest = words.length;
  }`;

/**
 * Code that finds the forms in the string `data` (the index of `buildIndex` in scope): cuts it into
 * Latin words with one regular expression and, at each word a form starts with, tries the longest
 * run of words (joined by spaces or one hyphen) that is a form; `onHit` runs for each with the
 * hit's first word `starts[i]` and last word's end `ends[last]`.
 */
const findForms = (onHit: string) => `const starts = [];
    const ends = [];
    const keys = [];
    WORD.lastIndex = 0;
    for (let m = WORD.exec(data); m; m = WORD.exec(data)) {
      starts.push(m.index);
      ends.push(m.index + m[0].length);
      keys.push(m[0].toLowerCase().replace('\\u2019', "'"));
    }
    for (let i = 0; i < keys.length; i++) {
      if (!firstWords.has(keys[i])) continue;
      let key = keys[i];
      let last = forms.has(key) ? i : -1;
      for (let j = i + 1; j < keys.length && j - i < longest; j++) {
        if (!JOINING.test(data.slice(ends[j - 1], starts[j]))) break;
        key += ' ' + keys[j];
        if (forms.has(key)) last = j;
      }
      if (last === -1) continue;
      ${onHit}
      i = last;
    }`;

const WORD_PATTERNS = `const WORD = /[0-9A-Za-z\\u00c0-\\u024f]+(?:['\\u2019][0-9A-Za-z\\u00c0-\\u024f]+)*/g;
  const JOINING = /^\\s*-?\\s*$/;`;

export function writeLeastGlossaryHighlighter(browser: BrowserName): string {
  return writeContentScriptExtension(browser, {
    title: 'Plain Terms least glossary highlighter (benchmark)',
    geckoId: 'least-glossary-highlighter@plainterms.app',
    prefix: 'least-gl',
    background: `const FORMS = ${JSON.stringify(glossaryForms())};
const reply = () => ({ forms: FORMS });`,
    onAnswer: `const start = performance.now();
  ${buildIndex('answer.forms')}
  const indexed = performance.now();
  ${WORD_PATTERNS}
  const highlight = new Highlight();
  const parents = new Set();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = node.data;
    ${findForms(`highlight.add(new StaticRange({ startContainer: node, startOffset: starts[i], endContainer: node, endOffset: ends[last] }));
      parents.add(node.parentElement);`)}
  }
  ${underlineHits('least-gl')}
  performance.measure('least-gl:walk', { start, end: performance.now(), detail: { ranges: highlight.size, indexMs: indexed - start } });
  done();`,
  });
}

/**
 * The background of the least off-page glossary highlighter: the index, built once as it starts,
 * and `findHits(texts)`, which finds the forms in each text: for each hit, the text's number, its
 * start and its end, in one flat list.
 */
export const findTermsBackground = () => `const FORMS = ${JSON.stringify(glossaryForms())};
${buildIndex('FORMS')}
${WORD_PATTERNS}
const findHits = (texts) => {
  const hits = [];
  for (let t = 0; t < texts.length; t++) {
    const data = texts[t];
    ${findForms('hits.push(t, starts[i], ends[last]);')}
  }
  return hits;
};`;

/**
 * "The least off-page glossary highlighter": the least glossary highlighter with its finding done
 * in its background, as Plain Terms finds terms (the floor of that design). Its background builds
 * the index once, as it starts; the content script, once told "on", walks the page's text nodes
 * once, sends all their texts in a second message, and underlines what comes back (for each hit:
 * the text's number, start, end) as the least highlighter does, in the answer's task. Nothing else:
 * no senses, runs across elements, shadow roots, slices or changes. It records `least-bg:load`,
 * `:ask`, `:walk` (the walk and the message sent), `:underline` and the mark `least-bg:done`.
 */
export function writeLeastOffPageHighlighter(browser: BrowserName): string {
  return writeContentScriptExtension(browser, {
    title: 'Plain Terms least off-page glossary highlighter (benchmark)',
    geckoId: 'least-off-page-highlighter@plainterms.app',
    prefix: 'least-bg',
    background: `${findTermsBackground()}
const reply = (message) => (message.texts ? { hits: findHits(message.texts) } : {});`,
    onAnswer: `const start = performance.now();
  const nodes = [];
  const texts = [];
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push(node);
    texts.push(node.data);
  }
  const found = browser.runtime.sendMessage({ texts });
  performance.measure('least-bg:walk', { start, end: performance.now(), detail: { texts: texts.length } });
  found.then(({ hits }) => {
    const start = performance.now();
    const highlight = new Highlight();
    const parents = new Set();
    for (let k = 0; k < hits.length; k += 3) {
      const node = nodes[hits[k]];
      highlight.add(new StaticRange({ startContainer: node, startOffset: hits[k + 1], endContainer: node, endOffset: hits[k + 2] }));
      parents.add(node.parentElement);
    }
    ${underlineHits('least-bg')}
    performance.measure('least-bg:underline', { start, end: performance.now(), detail: { ranges: highlight.size } });
    done();
  });`,
  });
}
