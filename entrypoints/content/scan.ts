/**
 * Step 1 of the flow: walk the page's text without touching it.
 *
 * Text is read in *runs*: the text nodes of one block that sit next to each other with only
 * inline elements between them, so "connective <em>tissue</em>" is read as one string.
 * A nested block, a skipped element or the end of the block ends a run.
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

/** A stretch of a block's text, read from consecutive text nodes. */
export interface TextRun {
  block: Element;
  nodes: Text[];
  /** Where each node's text starts in `text`. */
  starts: number[];
  text: string;
}

function isInline(element: Element): boolean {
  return INLINE_TAGS.has(element.tagName);
}

/** Whether the text inside this element must never be read. */
function isSkipped(element: Element, ownHost: Element | null): boolean {
  if (SKIPPED_TAGS.has(element.tagName) || element === ownHost) return true;
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
 * Whether a change to a block's children leaves the block's own runs of text as they were: only
 * whole blocks were added, and nothing that reads as text sits next to them. Then only the new
 * blocks need reading, not their parent (in a feed, a parent of thousands). Removals always
 * re-read the parent: the text on either side of what left may now join.
 */
export function leavesOwnRunsAlone(change: MutationRecord, ownHost: Element | null): boolean {
  const parent = change.target;
  if (parent.nodeType !== Node.ELEMENT_NODE || isInline(parent as Element)) return false;
  if (change.removedNodes.length > 0) return false;
  for (const node of change.addedNodes) {
    if (node.nodeType !== Node.ELEMENT_NODE) return false;
    const element = node as Element;
    if (!isSkipped(element, ownHost) && isInline(element)) return false;
    // Where it stands now, which is what the parent's next read would see.
    if (element.parentNode !== parent) continue;
    if (!breaksRunAt(element.previousSibling, 'previousSibling', ownHost)) return false;
    if (!breaksRunAt(element.nextSibling, 'nextSibling', ownHost)) return false;
  }
  return true;
}

/** Whether a run of text ends at `node` going this way: at a block, a skipped element or the end, past blank text and comments. */
function breaksRunAt(node: Node | null, way: 'previousSibling' | 'nextSibling', ownHost: Element | null): boolean {
  for (let current = node; current; current = current[way]) {
    if (current.nodeType === Node.COMMENT_NODE) continue;
    if (current.nodeType === Node.TEXT_NODE) {
      if (/\S/.test((current as Text).data)) return false;
      continue;
    }
    if (current.nodeType !== Node.ELEMENT_NODE) return false;
    return isSkipped(current as Element, ownHost) || !isInline(current as Element);
  }
  return true;
}

/**
 * Every block element in `root`'s subtree (with `root` itself), in document order, leaving out
 * skipped subtrees. Each block's own text is then read by `readBlock`, so a scan can stop
 * between blocks and resume without holding a walker across page changes.
 */
export function findBlocks(
  root: Element,
  ownHost: Element | null,
  /** Told of each element on the way that hosts an open shadow root (a web component). */
  onShadowHost: (element: Element) => void = () => {},
): Element[] {
  const blocks: Element[] = isInline(root) ? [] : [root];
  if (root.shadowRoot) onShadowHost(root);
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, {
    acceptNode(node) {
      const element = node as Element;
      if (isSkipped(element, ownHost)) return NodeFilter.FILTER_REJECT;
      if (element.shadowRoot) onShadowHost(element);
      return isInline(element) ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) blocks.push(node as Element);
  return blocks;
}

/** The runs of text that belong to `block` itself, not to blocks nested in it. */
export function readBlock(block: Element, ownHost: Element | null): TextRun[] {
  const runs: TextRun[] = [];
  let nodes: Text[] = [];
  let starts: number[] = [];
  let parts: string[] = [];
  let length = 0;
  let lineBreak = false;

  const endRun = () => {
    if (nodes.length > 0) runs.push({ block, nodes, starts, text: parts.join('') });
    nodes = [];
    starts = [];
    parts = [];
    length = 0;
    lineBreak = false;
  };

  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
      const element = node as Element;
      if (isSkipped(element, ownHost) || !isInline(element)) {
        endRun();
        return NodeFilter.FILTER_REJECT;
      }
      // A <br> is a line break inside the run: "range<br>of motion" still reads as one term.
      if (element.tagName === 'BR') lineBreak = true;
      return NodeFilter.FILTER_SKIP;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    if (lineBreak && nodes.length > 0) {
      parts.push('\n');
      length += 1;
    }
    lineBreak = false;
    nodes.push(text);
    starts.push(length);
    parts.push(text.data);
    length += text.data.length;
  }
  endRun();
  return runs.filter((run) => /[\p{L}\p{N}]/u.test(run.text));
}

/** The node and offset in it for a position in a run's text. */
export function locate(run: TextRun, position: number): { node: Text; offset: number } {
  let low = 0;
  let high = run.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (run.starts[middle]! <= position) low = middle;
    else high = middle - 1;
  }
  return { node: run.nodes[low]!, offset: position - run.starts[low]! };
}

/** How many text nodes a run may hold before it may end at a clause's end (see readPage). */
const LONG_RUN_NODES = 256;
/** Text that ends a clause: terms join words only across spaces and a hyphen, never across these. */
const CLAUSE_END = /[.,;:!?)\]}"”»…]\s*$/;

interface ParentInfo {
  block: Element;
  /** The outermost skipped element this one lies in (or is), if any. */
  skippedRoot: Element | null;
}

/**
 * The whole page in one pass, for the first scan: a plain text-node walk (the cheapest pass the
 * browser offers, no filter callback per node), with each parent's block and skip status worked
 * out once and cached. Yields each run as it ends; `next(true)` after the caller has let the
 * page run says "check the walk is still in the page", and the reader gives up if not: it
 * returns true when it read the whole page, false when it gave up.
 */
export function* readPage(
  root: Element | ShadowRoot,
  ownHost: Element | null,
): Generator<TextRun, boolean, boolean | undefined> {
  const cache = new Map<Element, ParentInfo>();
  const infoOf = (element: Element): ParentInfo => {
    const known = cache.get(element);
    if (known) return known;
    // At the top of the tree (or of a shadow root), an element is its own block.
    const top = element === root || !element.parentElement;
    const parent = top ? null : infoOf(element.parentElement!);
    let info: ParentInfo;
    if (parent?.skippedRoot) info = parent;
    else if (isSkipped(element, ownHost)) info = { block: element, skippedRoot: element };
    else if (!parent || !isInline(element)) info = { block: element, skippedRoot: null };
    else info = parent;
    cache.set(element, info);
    return info;
  };

  const walker = (root.ownerDocument ?? document).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let block: Element | null = null;
  let nodes: Text[] = [];
  let starts: number[] = [];
  let parts: string[] = [];
  let length = 0;

  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    if (!parent) continue;
    const info = infoOf(parent);
    if (info.skippedRoot) {
      // On past the whole skipped element at once: a <select> of a thousand options is one step.
      let last: Node = info.skippedRoot;
      while (last.lastChild) last = last.lastChild;
      walker.currentNode = last;
      continue;
    }
    let gap = info.block === block ? gapBefore(node, info.block, ownHost) : 'break';
    // A very long run (a story of thousands of lines in one <p>) ends early where no term can
    // span: after punctuation. Its reader then gets to yield to the page in between.
    if (gap !== 'break' && nodes.length >= LONG_RUN_NODES && CLAUSE_END.test(parts[parts.length - 1]!)) gap = 'break';
    if (gap === 'break' && nodes.length > 0) {
      const run: TextRun = { block: block!, nodes, starts, text: parts.join('') };
      nodes = [];
      starts = [];
      parts = [];
      length = 0;
      const resumed = yield run;
      if (resumed && !node.isConnected) return false;
    }
    if (gap === 'line') {
      parts.push('\n');
      length += 1;
    }
    block = info.block;
    nodes.push(node);
    starts.push(length);
    parts.push(node.data);
    length += node.data.length;
  }
  if (nodes.length > 0) yield { block: block!, nodes, starts, text: parts.join('') };
  return true;
}

/**
 * What lies between a text node and the text before it in the same block: nothing that matters,
 * a <br> (a line break inside the run), or a nested block or skipped element (the run ends).
 */
function gapBefore(node: Text, block: Element, ownHost: Element | null): 'none' | 'line' | 'break' {
  for (let current: Node = node; current !== block; ) {
    let previous = current.previousSibling;
    while (previous && previous.nodeType === Node.COMMENT_NODE) previous = previous.previousSibling;
    if (previous) {
      if (previous.nodeType !== Node.ELEMENT_NODE) return 'none';
      const element = previous as Element;
      if (element.tagName === 'BR') return 'line';
      return isSkipped(element, ownHost) || !isInline(element) ? 'break' : 'none';
    }
    const parent = current.parentNode;
    if (!parent) return 'break';
    current = parent;
  }
  return 'none';
}
