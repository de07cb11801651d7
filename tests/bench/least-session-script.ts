/**
 * For the memory benchmark's session: "the least session script", the reference for how much any
 * content script's heap grows over the session (paragraphs added and removed, hover cards, views
 * of a single-page app) when it does the session's work at all. It is the least off-page glossary
 * highlighter (least-glossary-highlighter.ts: one walk of the text nodes, their texts sent to the
 * background in one message, the hits underlined in one `Highlight`), which then also
 * - follows the page's changes: 100 ms after the last one, it reads the whole page again the
 *   same way and underlines what it finds afresh (no blocks, no keeping what didn't change);
 * - shows a card: 300 ms after the pointer rests on an underlined term (`caretPositionFromPoint`),
 *   it asks its background for the term's explanation and shows it in a popover, in an open
 *   shadow root of one host element, placed under the term in pixels; Escape hides it.
 * Nothing else: no senses, runs across elements, shadow roots, slices, settings, tap or keyboard.
 * It makes the mark `least-ss:scanned` after each read, as Plain Terms makes `plain-terms:scanned`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GlossaryEntry } from '../../glossary/schema';
import { surfaceFormsOf, tokenKey } from '../../glossary/tokenize';
import type { BrowserName } from '../e2e/harness';
import { writeContentScriptExtension } from './bare-extension';
import { findTermsBackground } from './least-glossary-highlighter';
import type { SessionScript } from './memory-session';

/** Its name in Firefox's about:memory, and the names the session looks for in the page. */
export const LEAST_SESSION: SessionScript & { title: string } = {
  title: 'Plain Terms least session script (benchmark)',
  highlight: 'least-ss',
  scanned: 'least-ss:scanned',
  card: 'least-ss-card',
};

/** Every surface form's key (as the matcher keys them) → its entry's explanation. */
function explanations(): Record<string, string> {
  const entries = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../glossary/terms.json'), 'utf8'),
  ) as GlossaryEntry[];
  const byKey: Record<string, string> = {};
  for (const entry of entries)
    for (const surface of surfaceFormsOf(entry)) {
      const key = tokenKey(surface.form, false);
      if (key) byKey[key] = entry.explanation;
    }
  return byKey;
}

export function writeLeastSessionScript(browser: BrowserName): string {
  const { highlight: name, scanned, card } = LEAST_SESSION;
  return writeContentScriptExtension(browser, {
    title: LEAST_SESSION.title,
    geckoId: 'least-session@plainterms.app',
    prefix: 'least-ss',
    background: `${findTermsBackground()}
const EXPLANATIONS = ${JSON.stringify(explanations())};
const reply = (message) => {
  if (message.texts) return { hits: findHits(message.texts) };
  if (!message.entry) return {};
  const key = (message.entry.toLowerCase().match(WORD) ?? []).join(' ');
  return { text: EXPLANATIONS[key] ?? '' };
};`,
    onAnswer: `const highlight = new Highlight();
  CSS.highlights.set('${name}', highlight);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('::highlight(${name}) { text-decoration: underline dotted rgb(0 110 140); }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const root = document.body ?? document.documentElement;
  // The ranges underlined, kept beside the Highlight: Firefox's wrappers let a content script add
  // to a Highlight but not go through it.
  let terms = [];
  const scan = async () => {
    const nodes = [];
    const texts = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push(node);
      texts.push(node.data);
    }
    const { hits } = await browser.runtime.sendMessage({ texts });
    highlight.clear();
    terms = [];
    for (let k = 0; k < hits.length; k += 3) {
      const node = nodes[hits[k]];
      const term = new StaticRange({ startContainer: node, startOffset: hits[k + 1], endContainer: node, endOffset: hits[k + 2] });
      highlight.add(term);
      terms.push(term);
    }
    performance.mark('${scanned}');
  };
  let changed = 0;
  new MutationObserver(() => {
    clearTimeout(changed);
    changed = setTimeout(scan, 100);
  }).observe(root, { childList: true, subtree: true, characterData: true });
  let popover = null;
  const cardElement = () => {
    if (popover) return popover;
    const host = document.createElement('${card}');
    const shadow = host.attachShadow({ mode: 'open' });
    popover = document.createElement('div');
    popover.className = 'card';
    popover.popover = 'manual';
    popover.style.cssText = 'position: fixed; margin: 0; max-width: 20em; padding: 8px; background: white; border: 1px solid gray;';
    shadow.append(popover);
    document.documentElement.append(host);
    return popover;
  };
  let dwell = 0;
  document.addEventListener('pointermove', (event) => {
    clearTimeout(dwell);
    const x = event.clientX;
    const y = event.clientY;
    dwell = setTimeout(async () => {
      const caret = document.caretPositionFromPoint(x, y);
      if (!caret) return;
      const term = terms.find((range) => range.startContainer === caret.offsetNode && range.startOffset <= caret.offset && caret.offset <= range.endOffset);
      if (!term) return;
      const words = term.startContainer.data.slice(term.startOffset, term.endOffset);
      const { text } = await browser.runtime.sendMessage({ entry: words });
      const range = document.createRange();
      range.setStart(term.startContainer, term.startOffset);
      range.setEnd(term.endContainer, term.endOffset);
      const rect = range.getBoundingClientRect();
      const shown = cardElement();
      shown.textContent = text;
      shown.style.left = rect.left + 'px';
      shown.style.top = rect.bottom + 4 + 'px';
      shown.showPopover();
    }, 300);
  }, { passive: true });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && popover?.matches(':popover-open')) popover.hidePopover();
  });
  scan().then(done);`,
  });
}
