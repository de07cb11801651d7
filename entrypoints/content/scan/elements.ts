/**
 * What the scan must know of an element: whether its text is never read (skipped), and whether
 * it stays inside the line of text around it (inline) or starts a block of its own.
 */

/** Elements whose text is never read: code, form fields, embedded content, our own UI. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'HEAD',
  'TITLE',
  // SVG and MathML text does not lay out like prose; leave it alone.
  'svg',
  'math',
]);

/** Elements that stay inside the line of text around them. Anything else starts a new run. */
const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'ACRONYM',
  'B',
  'BDI',
  'BDO',
  'BIG',
  'BR',
  'CITE',
  'CODE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'KBD',
  'LABEL',
  'MARK',
  'NOBR',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
]);

export function isInline(element: Element): boolean {
  return INLINE_TAGS.has(element.tagName);
}

/** Whether an element of this tag name stays inside the line of text around it. */
export function isInlineTag(tagName: string): boolean {
  return INLINE_TAGS.has(tagName);
}

/** The elements `isSkipped` skips for their attributes, as one selector (the same three tests). */
const SKIPPED_BY_ATTRIBUTE = '[hidden], [aria-hidden="true"], [contenteditable]:not([contenteditable="false"])';

/**
 * `isSkipped` for a walk over many elements under `root`, given each one's tag name (which the walk
 * reads anyway): the hiding attributes are asked of the page once, in one selector, not three
 * times per element (in Firefox every such read crosses a security wrapper). An element that gains
 * one of them later is read again as a change (follow-changes.ts).
 */
export function skipTestUnder(
  root: Element | ShadowRoot,
  ownHost: Element | null,
): (element: Element, kind: number) => boolean {
  const skippedByAttribute = new Set(root.querySelectorAll(SKIPPED_BY_ATTRIBUTE));
  return (element, kind) => (kind & SKIPPED_TAG) !== 0 || element === ownHost || skippedByAttribute.has(element);
}

/** Whether the text inside this element must never be read. */
export function isSkipped(element: Element, ownHost: Element | null): boolean {
  if (SKIPPED_TAGS.has(element.tagName) || element === ownHost) return true;
  // Keep in step with SKIPPED_BY_ATTRIBUTE.
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

/** The block a node's text belongs to: its nearest ancestor that is not inline. */
export function blockOf(node: Node): Element | null {
  let element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (element && isInline(element)) element = element.parentElement;
  return element;
}

/**
 * Whether any ancestor of `node` (or `node` itself) would be skipped by a walk from the document.
 * `known` keeps the answers for elements already asked about, for many questions in a row.
 */
export function isInsideSkipped(node: Node, ownHost: Element | null, known = new Map<Element, boolean>()): boolean {
  if (node.ownerDocument?.designMode === 'on') return true;
  // Up to the first element known (or the top), then the answer is filled in on the way back.
  const unknown: Element[] = [];
  let skipped = false;
  for (
    let element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    element;
    element = element.parentElement
  ) {
    const answer = known.get(element);
    if (answer !== undefined) {
      skipped = answer;
      break;
    }
    unknown.push(element);
  }
  for (let i = unknown.length - 1; i >= 0; i--) {
    skipped = skipped || isSkipped(unknown[i]!, ownHost);
    known.set(unknown[i]!, skipped);
  }
  return skipped;
}

/**
 * The elements the DOM lets host a shadow root (`attachShadow` throws on any other), besides
 * custom elements, whose names hold a hyphen: only these are asked for one, and in Firefox each
 * question crosses a security wrapper. Both cases: an XHTML page's tag names are lowercase.
 */
// Written out, not made with flatMap: its first call at load cost about 2 ms in Firefox's profiler.
// biome-ignore format: two lines, one for each case
const SHADOW_HOST_TAGS = new Set([
  'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DIV', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'MAIN', 'NAV', 'P', 'SECTION', 'SPAN',
  'article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span',
]);

/** What a walk must know of an element from its tag name alone: the bits of `tagKind`. */
export const SKIPPED_TAG = 1;
export const INLINE_TAG = 2;
export const SHADOW_HOST_TAG = 4;
export const LINE_BREAK_TAG = 8;

/** The sets above as one map: a walk asks it once per element, where it asked up to three sets. */
const TAG_KINDS = new Map<string, number>();
for (const tag of SKIPPED_TAGS) TAG_KINDS.set(tag, SKIPPED_TAG);
for (const tag of INLINE_TAGS) TAG_KINDS.set(tag, INLINE_TAG);
TAG_KINDS.set('BR', INLINE_TAG | LINE_BREAK_TAG);
for (const tag of SHADOW_HOST_TAGS) TAG_KINDS.set(tag, (TAG_KINDS.get(tag) ?? 0) | SHADOW_HOST_TAG);

/** The bits of an element of this tag name: a custom element's (a hyphen in its name) may host a shadow root. */
export function tagKind(tagName: string): number {
  return TAG_KINDS.get(tagName) ?? (tagName.includes('-') ? SHADOW_HOST_TAG : 0);
}

/** The element's open shadow root, asked only of elements that may host one (`kind`: its `tagKind`). */
export function openShadowRoot(element: Element, kind: number): ShadowRoot | null {
  return (kind & SHADOW_HOST_TAG) !== 0 ? element.shadowRoot : null;
}

/** Any character that isn't whitespace: a text node without one can't hold a term. */
export const HAS_TEXT = /\S/;

/**
 * `HAS_TEXT.test(data)`, answered without the regular expression when the text starts with a
 * printable ASCII character (most texts that have words): the first scan asks it of every text
 * node, and in Firefox's profiler the call cost more than the answer.
 */
export function hasText(data: string): boolean {
  const first = data.charCodeAt(0);
  return (first > 0x20 && first < 0x7f) || HAS_TEXT.test(data);
}

/** The last node inside `node` in document order (itself if it is empty): a walk set there goes on past it. */
export function lastDescendant(node: Node): Node {
  let last = node;
  while (last.lastChild) last = last.lastChild;
  return last;
}
