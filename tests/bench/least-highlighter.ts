/**
 * For the whole-cost benchmark: "the least highlighter", the floor any underliner that keeps the
 * page's DOM as it is (the CSS Custom Highlight API) pays, restyle included. A throwaway extension
 * built like the least content script (bare-extension.ts: the polyfill, one question to its
 * background), whose answer carries the words to underline on that page: the very strings Plain
 * Terms underlined there, found by the benchmark beforehand. It needs no glossary, no matcher and no
 * word boundaries: in the one text walk the least content script makes anyway, it looks for each
 * word in each text node with `indexOf`, makes a `StaticRange` of every hit, then registers one
 * `Highlight` and adopts one style sheet with its `::highlight()` rule, naming the hits' parents as
 * Plain Terms' rules do (`rule-scope.ts`), all in the same task. It
 * records `least-hl:load`, `:ask`, `:walk` and the mark `least-hl:done`.
 */
import type { Browser } from 'puppeteer-core';
import { MAX_SCOPES, scopeOf } from '../../entrypoints/content/highlight/rule-scope';
import type { BrowserName } from '../e2e/harness';
import { writeContentScriptExtension } from './bare-extension';
import { openAndWaitFor } from './browser-run';

/** `wordsByPath`: for each page's path on the benchmark's server, the words to underline. */
export function writeLeastHighlighter(browser: BrowserName, wordsByPath: Record<string, string[]>): string {
  return writeContentScriptExtension(browser, {
    title: 'Plain Terms least highlighter (benchmark)',
    geckoId: 'least-highlighter@plainterms.app',
    prefix: 'least-hl',
    background: `const WORDS = ${JSON.stringify(wordsByPath)};
const reply = (message) => ({ words: WORDS[message.path] ?? [] });`,
    onAnswer: `const start = performance.now();
  const words = answer.words;
  const highlight = new Highlight();
  const parents = new Set();
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = node.data;
    for (const word of words)
      for (let at = data.indexOf(word); at !== -1; at = data.indexOf(word, at + word.length)) {
        highlight.add(new StaticRange({ startContainer: node, startOffset: at, endContainer: node, endOffset: at + word.length }));
        parents.add(node.parentElement);
      }
  }
  ${underlineHits('least-hl')}
  performance.measure('least-hl:walk', { start, end: performance.now(), detail: { ranges: highlight.size } });
  done();`,
  });
}

/**
 * Content-script code that underlines the ranges in `highlight` (a `Highlight`) as Plain Terms
 * does, with one sheet whose rule names the hits' `parents` (a `Set` of elements) by Plain Terms'
 * own `scopeOf`, so it restyles those elements only; past MAX_SCOPES names, every element.
 */
export function underlineHits(name: string): string {
  return `if (highlight.size) {
    CSS.highlights.set('${name}', highlight);
    const scopeOf = ${scopeOf.toString()};
    const scopes = new Set();
    for (const parent of parents) if (parent) scopes.add(scopeOf(parent));
    const selector = scopes.size > ${MAX_SCOPES} ? '::highlight(${name})' : [...scopes].map((s) => s + '::highlight(${name})').join(', ');
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(selector + ' { text-decoration: underline dotted rgb(0 110 140); text-decoration-thickness: 1.5px; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }`;
}

/** The strings Plain Terms underlines on `url`, once each, for the least highlighter. */
export async function underlinedWords(browser: Browser, url: string): Promise<string[]> {
  const page = await browser.newPage();
  try {
    await openAndWaitFor(page, url).catch(() => undefined);
    return await page.evaluate(() => {
      const highlight = CSS.highlights.get('plain-terms');
      if (!highlight) return [];
      const words = new Set<string>();
      for (const r of highlight as unknown as Iterable<AbstractRange>) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        words.add(range.toString());
      }
      return [...words];
    });
  } finally {
    await page.close();
  }
}
