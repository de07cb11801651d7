/**
 * Reading text into runs (text-run.ts), two ways over one run builder: the whole page in one
 * pass for the first scan (`PageReader`), and one block again after it changed (`readBlock`).
 */
import { HAS_TEXT, isInline, isSkipped } from './elements';
import { RunBuilder, type TextRun } from './text-run';

/** The runs of text that belong to `block` itself, not to blocks nested in it. */
export function readBlock(block: Element, ownHost: Element | null): TextRun[] {
  const runs: TextRun[] = [];
  const builder = new RunBuilder();
  let lineBreak = false;
  const endRun = () => {
    const run = builder.end();
    if (run) runs.push(run);
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
    builder.add(block, text, text.data, lineBreak);
    lineBreak = false;
  }
  endRun();
  return runs.filter((run) => /[\p{L}\p{N}]/u.test(run.text));
}

/** How many text nodes a run may hold before it may end at a clause's end (see `PageReader`). */
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
  private readonly run = new RunBuilder();
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
        if (this.run.size > 0) this.blanks.push(node);
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
      if (info.block === this.run.currentBlock) {
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
    const run = this.run.end();
    if (run) onRun(run);
    return 'done';
  }

  /** Adds `node` to the run, ending the run first (true) if something between them breaks it. */
  private take(node: Text, data: string, info: ParentInfo, onRun: (run: TextRun) => void): boolean {
    const run = this.run;
    let gap = info.block === run.currentBlock ? gapBefore(node, info.block, this.ownHost) : 'break';
    // A very long run (a story of thousands of lines in one <p>) ends early where no term can
    // span: after punctuation. Its reader then gets to yield to the page in between.
    if (gap !== 'break' && run.size >= LONG_RUN_NODES && CLAUSE_END.test(run.lastData)) gap = 'break';
    const ended = gap === 'break' ? run.end() : null;
    if (ended) onRun(ended);
    run.add(info.block, node, data, gap === 'line');
    return ended !== null;
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
