import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { TermRegistry } from '../match/found-terms';
import { markScanned, measure } from '../support/bench-timing';
import { afterDelay, type CancelTimer, yieldToPage } from '../support/context-timer';
import { MUTATION_MAX_WAIT_MS, MUTATION_SETTLE_MS, SCAN_SLICE_MS } from '../support/timing';
import {
  blockOf,
  findBlocks,
  isInsideSkipped,
  leavesOwnRunsAlone,
  PageReader,
  readBlock,
  type TextRun,
} from './read-runs';

/**
 * How many runs of text the first scan reads between looks at the clock, or sooner, how many text
 * nodes: most runs take a few microseconds, but a story's paragraph of 256 lines took 2 ms in
 * Firefox, and 8 of those made a 26 ms slice.
 */
const CLOCK_EVERY_RUNS = 8;
const CLOCK_EVERY_NODES = 64;

const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  // Attributes that can hide text from us or bring it back.
  attributeFilter: ['hidden', 'aria-hidden', 'contenteditable'],
};

/**
 * Drives steps 1–3 over time: reads the whole page once, in slices that yield to the page,
 * then follows its changes, re-reading only the blocks that changed.
 */
export class PageScanner {
  private queue: Element[] = [];
  private next = 0;
  private readonly queued = new Set<Element>();
  private scanning = false;
  private observer: MutationObserver | null = null;

  private readonly changedBlocks = new Set<Element>();
  private readonly changedRoots = new Set<Element>();
  private nodesRemoved = false;
  private settleTimer: CancelTimer | null = null;
  /** Changes seen since the settle timer was last set, and how long the oldest has waited. */
  private changesSinceTimer = 0;
  private waited = 0;
  /** Time spent noting page changes and finding their blocks since the last scan measure, reported with the next one. */
  private notingMs = 0;
  /** Changes seen since the last settle, looked at together when it comes. */
  private pendingRecords: MutationRecord[][] = [];

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly doc: Document,
    private readonly registry: TermRegistry,
    /** Our card's host, which the scan must never read. */
    private readonly ownHost: () => Element | null,
    /** Called each time everything queued has been read: the page's terms changed. */
    private readonly onSettled: () => void = () => {},
    /** Called for each open shadow root found, so its text can be styled and hit-tested. */
    private readonly onShadowRoot: (root: ShadowRoot) => void = () => {},
  ) {}

  /** Open shadow roots being read and watched. */
  readonly shadowRoots = new Set<ShadowRoot>();

  start(): void {
    if (this.doc.designMode !== 'on') {
      this.scanning = true;
      queueMicrotask(() => void this.firstScan());
    }
    this.observer = new MutationObserver((records) => this.noteChanges(records));
    this.observer.observe(this.doc.documentElement, OBSERVE);
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.settleTimer?.();
    this.settleTimer = null;
    this.pendingRecords = [];
    this.queue = [];
    this.queued.clear();
  }

  private queueBlock(block: Element): void {
    if (this.queued.has(block)) return;
    this.queued.add(block);
    this.queue.push(block);
  }

  private enqueue(block: Element): void {
    this.queueBlock(block);
    if (this.scanning) return;
    // Start on a microtask, so everything queued by the same caller is read in sliced runs.
    this.scanning = true;
    queueMicrotask(() => void this.drain());
  }

  /**
   * The first read of the whole page, in one pass over its text nodes (see `PageReader`), sliced
   * so that no task is long. If the page removes the node the pass stopped at while it yields,
   * the pass starts again; if that keeps happening, the page is read block by block instead.
   */
  private async firstScan(): Promise<void> {
    const root = this.doc.body ?? this.doc.documentElement;
    try {
      if (!(await this.readWhole(root))) return;
      // Then the open shadow roots (web components): closed ones are private to their page.
      // Finding them takes a walk over every element, so it gets a task and a measure of its own.
      await yieldToPage(this.ctx);
      if (this.ctx.isInvalid || !this.observer) return;
      const searchStart = performance.now();
      const shadowRoots = this.newShadowRoots(root);
      this.measure(searchStart, { shadowRoots: shadowRoots.length });
      for (const shadow of shadowRoots) if (!(await this.readWhole(shadow))) return;
    } catch (error) {
      console.error('scan failed', error);
    }
    this.scanning = this.queue.length > 0;
    if (this.scanning) void this.drain();
    else if (!this.ctx.isInvalid && this.observer) {
      markScanned();
      this.onSettled();
    }
  }

  /**
   * Reads one tree (the page, or a shadow root) in one pass over its text nodes, sliced so that
   * no task is long. If the page removes the node the pass stopped at while it yields, the pass
   * starts again; if that keeps happening, the tree is queued block by block instead.
   * Resolves false when the scanner was stopped meanwhile.
   */
  private async readWhole(root: Element | ShadowRoot): Promise<boolean> {
    let complete = false;
    for (let attempt = 0; attempt < 2 && !complete; attempt++) {
      this.registry.forgetWithin(root);
      const reader = new PageReader(root, this.ownHost());
      let sliceStart = performance.now();
      let runs = 0;
      let nodesSinceClock = 0;
      const onRun = (run: TextRun) => {
        nodesSinceClock += run.nodes.length;
        this.registry.addRun(run);
      };
      // The clock is read every few runs: in Firefox each read from a content script is a call
      // through a security wrapper, and most runs take a few microseconds.
      const pause = () => {
        if (++runs % CLOCK_EVERY_RUNS !== 0 && nodesSinceClock < CLOCK_EVERY_NODES) return false;
        nodesSinceClock = 0;
        return performance.now() - sliceStart >= SCAN_SLICE_MS;
      };
      let outcome = reader.read(onRun, pause);
      while (outcome === 'paused') {
        this.measure(sliceStart, { runs });
        await yieldToPage(this.ctx);
        if (this.ctx.isInvalid || !this.observer) return false;
        sliceStart = performance.now();
        runs = 0;
        outcome = reader.read(onRun, pause);
      }
      this.measure(sliceStart, { runs });
      complete = outcome === 'done';
    }
    if (!complete) {
      this.registry.forgetWithin(root);
      const blocks =
        root instanceof ShadowRoot
          ? [...root.children].flatMap((el) => findBlocks(el, this.ownHost()))
          : findBlocks(root, this.ownHost());
      for (const block of blocks) this.queueBlock(block);
    }
    return true;
  }

  /**
   * Queues every block under a changed element, and those of shadow roots met on the way that
   * weren't known (web components added later bring theirs with them), in the same walk.
   */
  private queueBlocksUnder(root: Element, host: Element | null): void {
    const shadowHosts: Element[] = [];
    for (const block of findBlocks(root, host, (element) => shadowHosts.push(element))) this.enqueue(block);
    for (const shadowHost of shadowHosts) {
      const shadow = shadowHost.shadowRoot!;
      if (this.shadowRoots.has(shadow)) continue;
      this.watchShadowRoot(shadow);
      for (const element of shadow.children) this.queueBlocksUnder(element, host);
    }
  }

  private watchShadowRoot(shadow: ShadowRoot): void {
    this.shadowRoots.add(shadow);
    this.observer?.observe(shadow, OBSERVE);
    this.onShadowRoot(shadow);
  }

  /** Open shadow roots under `root` (nested ones too) not seen before; each is watched from now on. */
  private newShadowRoots(root: Node): ShadowRoot[] {
    const found: ShadowRoot[] = [];
    const walker = this.doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.currentNode as Node | null; node; node = walker.nextNode()) {
      const shadow = (node as Element).shadowRoot;
      if (!shadow || this.shadowRoots.has(shadow) || node === this.ownHost()) continue;
      this.watchShadowRoot(shadow);
      found.push(shadow, ...this.newShadowRoots(shadow));
    }
    return found;
  }

  private async drain(): Promise<void> {
    try {
      await this.readQueue();
      markScanned();
    } catch (error) {
      console.error('scan failed', error);
    } finally {
      this.queue = [];
      this.next = 0;
      this.queued.clear();
      this.scanning = false;
    }
    if (!this.ctx.isInvalid && this.observer) this.onSettled();
  }

  private async readQueue(): Promise<void> {
    const host = this.ownHost();
    while (this.next < this.queue.length && !this.ctx.isInvalid) {
      const sliceStart = performance.now();
      let blocks = 0;
      while (this.next < this.queue.length && performance.now() - sliceStart < SCAN_SLICE_MS) {
        const block = this.queue[this.next++]!;
        this.queued.delete(block);
        blocks++;
        if (block.isConnected) this.registry.replaceBlock(block, readBlock(block, host));
        else this.registry.forgetBlock(block);
      }
      this.measure(sliceStart, { blocks });
      if (this.next < this.queue.length) await yieldToPage(this.ctx);
    }
  }

  /** What one slice cost the page (a `plain-terms:scan` measure in the benchmark build). */
  private measure(start: number, detail: { runs?: number; blocks?: number; shadowRoots?: number }): void {
    measure('scan', start, { ...detail, notingMs: this.notingMs });
    this.notingMs = 0;
  }

  /**
   * Keeps the page's changes for the next settle: a page that changes in many small steps (a feed
   * appending one paragraph at a time) pays for one look at all of them, not one per step.
   */
  private noteChanges(records: MutationRecord[]): void {
    this.pendingRecords.push(records);
    this.changesSinceTimer++;
    if (this.settleTimer === null) {
      this.waited = 0;
      this.armSettle();
    }
  }

  private armSettle(): void {
    this.changesSinceTimer = 0;
    this.settleTimer = afterDelay(this.ctx, MUTATION_SETTLE_MS, () => this.settle());
  }

  /**
   * Waits for the page to pause changing for `MUTATION_SETTLE_MS`, or at most
   * `MUTATION_MAX_WAIT_MS` from the first change: a page that streams in content (a feed, a chat)
   * is read a few times a second, not after each of its steps. No clock is read per change: a
   * feed makes a thousand.
   */
  private settle(): void {
    this.waited += MUTATION_SETTLE_MS;
    if (this.changesSinceTimer > 0 && this.waited < MUTATION_MAX_WAIT_MS) {
      this.armSettle();
      return;
    }
    this.rescanChanges();
  }

  private noteRecords(records: MutationRecord[]): void {
    const host = this.ownHost();
    for (const record of records) {
      const target = record.target;
      if (host && (target === host || host.contains(target))) continue;
      if (record.type === 'characterData') {
        const block = blockOf(target);
        if (block) this.changedBlocks.add(block);
      } else if (record.type === 'childList') {
        // Our card's host coming or going (it moves into a fullscreen element and back) changes
        // no text of the page.
        if (host && isOnly(record.addedNodes, host) && isOnly(record.removedNodes, host)) continue;
        for (const node of record.addedNodes) {
          if (node !== host && node.nodeType === Node.ELEMENT_NODE) this.changedRoots.add(node as Element);
        }
        if (record.removedNodes.length > 0) this.nodesRemoved = true;
        if (leavesOwnRunsAlone(record, host)) continue;
        const block = blockOf(target);
        if (block) this.changedBlocks.add(block);
      } else {
        // hidden / aria-hidden / contenteditable changed: the element's whole subtree may
        // have appeared or gone, and so may inline text around it.
        this.changedRoots.add(target as Element);
        const block = blockOf(target);
        if (block) this.changedBlocks.add(block);
      }
    }
  }

  private rescanChanges(): void {
    const started = performance.now();
    this.settleTimer = null;
    for (const records of this.pendingRecords) this.noteRecords(records);
    this.pendingRecords = [];
    this.queueChanges();
    this.notingMs += performance.now() - started;
  }

  private queueChanges(): void {
    const host = this.ownHost();
    if (this.nodesRemoved) this.registry.forgetDetached();
    this.nodesRemoved = false;
    // Added paragraphs often share their ancestors: each is asked about once per batch.
    const skipped = new Map<Element, boolean>();
    for (const root of this.changedRoots) {
      if (!root.isConnected || root === host) continue;
      if (isInsideSkipped(root, host, skipped)) {
        this.registry.forgetWithin(root);
        continue;
      }
      this.queueBlocksUnder(root, host);
    }
    for (const block of this.changedBlocks) {
      if (!block.isConnected) continue;
      if (isInsideSkipped(block, host, skipped)) this.registry.forgetBlock(block);
      else this.enqueue(block);
    }
    this.changedRoots.clear();
    this.changedBlocks.clear();
  }
}

/** Whether every node in the list (if any) is `node`. */
function isOnly(nodes: NodeList, node: Node): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i] !== node) return false;
  return true;
}
