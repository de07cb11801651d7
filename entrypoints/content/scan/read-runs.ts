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
      if (HAS_TEXT.test((current as Text).data)) return false;
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

/** Why `PageReader.read` returned. */
export type ReadOutcome = 'done' | 'paused' | 'lost';

/**
 * The whole page in one pass, for the first scan: a plain text-node walk (the cheapest pass the
 * browser offers, no filter callback per node), with each parent's block and skip status worked
 * out once and cached. It reads in steps so its caller can let the page run in between; a step
 * that finds the node it stopped at gone from the page gives up ('lost').
 *
 * A class holding the walk's place, not a generator: resuming a generator after every run cost
 * as much as reading the run on a typical page, with the code still cold.
 */
export class PageReader {
  private readonly walker: TreeWalker;
  private readonly cache = new Map<Element, ParentInfo>();
  private block: Element | null = null;
  private nodes: Text[] = [];
  private starts: number[] = [];
  private text = '';
  /** The text of the run's last node, where a long run may end (see `take`). */
  private lastData = '';
  /**
   * Whitespace-only nodes met since the run's last text: most sit between blocks (a page's
   * indentation) and are dropped unread when the next text starts a new run; only whitespace
   * inside a run (between inline elements: "connective</em> <em>tissue") is looked at.
   */
  private blanks: Text[] = [];
  /** The node the last step stopped after, which must still be in the page when the next starts. */
  private last: Text | null = null;

  constructor(
    private readonly root: Element | ShadowRoot,
    private readonly ownHost: Element | null,
  ) {
    this.walker = (root.ownerDocument ?? document).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  }

  /**
   * Reads on, handing each run to `onRun` as it ends, until the page is read ('done') or
   * `pause()`, asked after each run, says to stop ('paused'). Call again to go on.
   */
  read(onRun: (run: TextRun) => void, pause: () => boolean): ReadOutcome {
    if (this.last && !this.last.isConnected) return 'lost';
    const walker = this.walker;
    let lastParent: Element | null = null;
    let lastInfo: ParentInfo | null = null;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const data = node.data;
      if (!HAS_TEXT.test(data)) {
        if (this.nodes.length > 0) this.blanks.push(node);
        continue;
      }
      const parent = node.parentElement;
      if (!parent) continue;
      // Text nodes side by side often share their parent ("a <b>b</b> c"): asked once.
      if (parent !== lastParent) {
        lastParent = parent;
        lastInfo = this.infoOf(parent);
      }
      const info = lastInfo!;
      if (info.skippedRoot) {
        // On past the whole skipped element at once: a <select> of a thousand options is one step.
        let last: Node = info.skippedRoot;
        while (last.lastChild) last = last.lastChild;
        walker.currentNode = last;
        continue;
      }
      let ended = false;
      if (info.block === this.block) {
        for (const blank of this.blanks) {
          const blankParent = blank.parentElement;
          const blankInfo = blankParent && this.infoOf(blankParent);
          if (blankInfo && !blankInfo.skippedRoot) ended = this.take(blank, blank.data, blankInfo, onRun) || ended;
        }
      }
      this.blanks = [];
      ended = this.take(node, data, info, onRun) || ended;
      if (ended && pause()) {
        this.last = node;
        return 'paused';
      }
    }
    if (this.nodes.length > 0) onRun(this.endRun());
    this.nodes = [];
    return 'done';
  }

  /** Adds `node` to the run, ending the run first (true) if something between them breaks it. */
  private take(node: Text, data: string, info: ParentInfo, onRun: (run: TextRun) => void): boolean {
    let gap = info.block === this.block ? gapBefore(node, info.block, this.ownHost) : 'break';
    // A very long run (a story of thousands of lines in one <p>) ends early where no term can
    // span: after punctuation. Its reader then gets to yield to the page in between.
    if (gap !== 'break' && this.nodes.length >= LONG_RUN_NODES && CLAUSE_END.test(this.lastData)) gap = 'break';
    const ended = gap === 'break' && this.nodes.length > 0;
    if (ended) onRun(this.endRun());
    if (gap === 'line') this.text += '\n';
    this.block = info.block;
    this.nodes.push(node);
    this.starts.push(this.text.length);
    this.text += data;
    this.lastData = data;
    return ended;
  }

  private endRun(): TextRun {
    const run: TextRun = { block: this.block!, nodes: this.nodes, starts: this.starts, text: this.text };
    this.nodes = [];
    this.starts = [];
    this.text = '';
    return run;
  }

  private infoOf(element: Element): ParentInfo {
    const known = this.cache.get(element);
    if (known) return known;
    // At the top of the tree (or of a shadow root), an element is its own block.
    const parentElement = element === this.root ? null : element.parentElement;
    const parent = parentElement ? this.infoOf(parentElement) : null;
    let info: ParentInfo;
    if (parent?.skippedRoot) info = parent;
    else if (isSkipped(element, this.ownHost)) info = { block: element, skippedRoot: element };
    else if (!parent || !isInline(element)) info = { block: element, skippedRoot: null };
    else info = parent;
    this.cache.set(element, info);
    return info;
  }
}

/** Any character that isn't whitespace: a text node without one can't hold a term. */
const HAS_TEXT = /\S/;

/**
 * What lies between a text node and the text before it in the same block: nothing that matters,
 * a <br> (a line break inside the run), or a nested block or skipped element (the run ends),
 * looking back in document order, into inline elements too ("<em>a<p>…</p></em>b" is two runs).
 */
function gapBefore(node: Text, block: Element, ownHost: Element | null): 'none' | 'line' | 'break' {
  let lineBreak = false;
  let current: Node = node;
  for (;;) {
    let previous = current.previousSibling;
    if (!previous) {
      const parent = current.parentNode;
      if (!parent) return 'break';
      if (parent === block) return lineBreak ? 'line' : 'none';
      current = parent;
      continue;
    }
    // Down into the previous sibling's last children, to the nearest thing that decides.
    for (;;) {
      if (previous.nodeType === Node.COMMENT_NODE) break;
      if (previous.nodeType !== Node.ELEMENT_NODE) return lineBreak ? 'line' : 'none';
      const element = previous as Element;
      // A <br> is a line inside the run, unless a block before it ends the run anyway.
      if (element.tagName === 'BR') {
        lineBreak = true;
        break;
      }
      if (isSkipped(element, ownHost) || !isInline(element)) return 'break';
      if (!element.lastChild) break;
      previous = element.lastChild;
    }
    current = previous;
  }
}
