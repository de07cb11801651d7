/**
 * Reading text into runs (text-run.ts) with one reader, `PageReader`, two ways: the whole page in
 * one pass for the first scan, and one block again after it changed (`readBlock`).
 */
import {
  hasText,
  INLINE_TAG,
  isInlineTag,
  isSkipped,
  LINE_BREAK_TAG,
  lastDescendant,
  openShadowRoot,
  skipTestUnder,
  tagKind,
} from './elements';
import { RunBuilder, type TextRun } from './text-run';

/** The runs of text that belong to `block` itself, not to blocks nested in it (each is read as a block of its own). */
export function readBlock(block: Element, ownHost: Element | null): TextRun[] {
  const runs: TextRun[] = [];
  new PageReader(block, ownHost, { nestedBlocks: 'pass over' }).read(
    (run) => runs.push(run),
    () => false,
  );
  return runs.filter((run) => /[\p{L}\p{N}]/u.test(run.text));
}

/** How many text nodes a run may hold before it may end at a clause's end (see `PageReader`). */
const LONG_RUN_NODES = 256;
/** Text that ends a clause: terms join words only across spaces and a hyphen, never across these. */
const CLAUSE_END = /[.,;:!?)\]}"”»…]\s*$/;

/** What lies between the run's last text and the next: nothing that matters, a <br>, or a run's end. */
type Gap = 'none' | 'line' | 'break';

/** Why `PageReader.read` returned. */
export type ReadOutcome = 'done' | 'paused' | 'lost';

/**
 * A tree in one pass (the whole page for the first scan, or one block): one walk over its
 * elements and text nodes in document order, so what lies between two texts (a <br>, a nested block, a skipped element) is
 * met on the way rather than looked for afterwards. In Firefox every DOM read from a content
 * script crosses a security wrapper (about a microsecond each, more than the matching costs), so
 * the walk reads as little as it can: an element's tag name, a text's data and parent, and which
 * elements are hidden by their attributes, asked of the page once in one selector.
 * It reads in steps so its caller can let the page run in between; a step that finds the node it
 * stopped at gone from the page gives up ('lost').
 *
 * A class holding the walk's place, not a generator: resuming a generator after every run cost
 * as much as reading the run on a typical page, with the code still cold.
 */
export class PageReader {
  private readonly walker: TreeWalker;
  /** Each text's parent element -> the block its text belongs to, worked out once. */
  private readonly blocks = new Map<Element, Element>();
  /** Whether an element met on the walk is never read (elements.ts). */
  private readonly skips: (element: Element, kind: number) => boolean;
  private readonly run = new RunBuilder();
  /** What the walk has met since the run's last text. */
  private gap: Gap = 'break';
  /**
   * Whitespace-only texts met since the run's last text (the first `blankCount` of these lists),
   * and whether a <br> came before each: most sit between blocks (a page's indentation) and are
   * dropped unread when the next text starts a new run; only whitespace inside a run
   * ("connective</em> <em>tissue") is kept. Lists kept from run to run, as RunBuilder's are.
   */
  private readonly blankNodes: Text[] = [];
  private readonly blankData: string[] = [];
  private readonly blankLines: boolean[] = [];
  private blankCount = 0;
  /** The node the last step stopped after, which must still be in the page when the next starts. */
  private last: Text | null = null;
  /** Reading one block: the blocks nested in it are read on their own. */
  private readonly passOverBlocks: boolean;
  private readonly onShadowHost: ((element: Element) => void) | undefined;

  constructor(
    private readonly root: Element | ShadowRoot,
    ownHost: Element | null,
    {
      nestedBlocks = 'read',
      onShadowHost,
    }: {
      /** Whether blocks inside `root` are read ('read': the whole page) or left to be read on their own. */
      nestedBlocks?: 'read' | 'pass over';
      /** Told of each element read that hosts an open shadow root (a web component). */
      onShadowHost?: (element: Element) => void;
    } = {},
  ) {
    this.passOverBlocks = nestedBlocks === 'pass over';
    this.onShadowHost = onShadowHost;
    this.walker = (root.ownerDocument ?? document).createTreeWalker(
      root,
      NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
    );
    this.skips = skipTestUnder(root, ownHost);
    if (root.nodeType === Node.ELEMENT_NODE && isSkipped(root as Element, ownHost))
      this.walker.currentNode = lastDescendant(root);
  }

  /**
   * Reads on, handing each run to `onRun` as it ends, until the page is read ('done') or
   * `pause()`, asked after each run, says to stop ('paused'). Call again to go on.
   */
  read(onRun: (run: TextRun) => void, pause: () => boolean): ReadOutcome {
    if (this.last && !this.last.isConnected) return 'lost';
    const walker = this.walker;
    const run = this.run;
    let lastParent: Element | null = null;
    let lastBlock: Element | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // A text node has no tag name: one read tells an element from a text.
      const tagName = (node as Element).tagName;
      if (tagName !== undefined) {
        this.meetElement(node as Element, tagName);
        continue;
      }
      const text = node as Text;
      const data = text.data;
      if (!hasText(data)) {
        if (run.size > 0 && this.gap !== 'break') {
          const blank = this.blankCount++;
          this.blankNodes[blank] = text;
          this.blankData[blank] = data;
          this.blankLines[blank] = this.gap === 'line';
          this.gap = 'none';
        }
        continue;
      }
      const parent = text.parentElement;
      if (!parent) continue;
      // Text nodes side by side often share their parent ("a <b>b</b> c"): asked once.
      if (parent !== lastParent) {
        lastParent = parent;
        lastBlock = this.blockOf(parent);
      }
      const block = lastBlock!;
      let ended = false;
      if (block !== run.currentBlock) this.gap = 'break';
      else
        for (let blank = 0; blank < this.blankCount; blank++) {
          const gap = this.blankLines[blank] ? 'line' : 'none';
          ended = this.take(block, this.blankNodes[blank]!, this.blankData[blank]!, gap, onRun) || ended;
        }
      this.blankCount = 0;
      ended = this.take(block, text, data, this.gap, onRun) || ended;
      this.gap = 'none';
      if (ended && pause()) {
        this.last = text;
        return 'paused';
      }
    }
    const ended = run.end();
    if (ended) onRun(ended);
    return 'done';
  }

  /**
   * An element on the walk: a skipped one is passed over whole, a block ends the run (and is passed
   * over when reading one block), a <br> breaks its line.
   */
  private meetElement(element: Element, tagName: string): void {
    const kind = tagKind(tagName);
    if (this.skips(element, kind)) {
      // On past the whole element at once: a <select> of a thousand options is one step.
      this.walker.currentNode = lastDescendant(element);
      this.endRunAhead();
      return;
    }
    if (this.onShadowHost !== undefined && openShadowRoot(element, kind)) this.onShadowHost(element);
    if ((kind & LINE_BREAK_TAG) !== 0) {
      if (this.gap === 'none') this.gap = 'line';
    } else if ((kind & INLINE_TAG) === 0) {
      if (this.passOverBlocks) this.walker.currentNode = lastDescendant(element);
      this.endRunAhead();
    }
  }

  /** The run ends before the next text, and whitespace met since its last text is not part of it. */
  private endRunAhead(): void {
    this.gap = 'break';
    this.blankCount = 0;
  }

  /** Adds `node` to the run, ending the run first (true) if `gap` breaks it. */
  private take(block: Element, node: Text, data: string, gap: Gap, onRun: (run: TextRun) => void): boolean {
    const run = this.run;
    // A very long run (a story of thousands of lines in one <p>) ends early where no term can
    // span: after punctuation. Its reader then gets to yield to the page in between.
    if (gap !== 'break' && run.size >= LONG_RUN_NODES && CLAUSE_END.test(run.lastData)) gap = 'break';
    const ended = gap === 'break' ? run.end() : null;
    if (ended) onRun(ended);
    run.add(block, node, data, gap === 'line');
    return ended !== null;
  }

  /** The block an element's text belongs to: the nearest of it and its ancestors that isn't inline. */
  private blockOf(element: Element): Element {
    const known = this.blocks.get(element);
    if (known) return known;
    // At the top of the tree (or of a shadow root), an element is its own block.
    const parent = element === this.root ? null : element.parentElement;
    const block = parent && isInlineTag(element.tagName) ? this.blockOf(parent) : element;
    this.blocks.set(element, block);
    return block;
  }
}
