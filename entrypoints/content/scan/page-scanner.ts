import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { TermRegistry } from '../match/found-terms';
import type { RunMatcher } from '../match/match-run';
import { markScanned, measure } from '../support/bench-timing';
import { afterDelay, type IdlePeriod, WAITS_FOR_IDLE, yieldToIdle } from '../support/context-timer';
import { IDLE_WAIT_MS, SCAN_SLICE_MS } from '../support/timing';
import { ChangeBatch } from './change-batch';
import { isInsideSkipped } from './elements';
import { changedParts, OBSERVE } from './follow-changes';
import { blocksIn, findBlocks } from './read-blocks';
import { PageReader, readBlock } from './read-runs';
import type { TextRun } from './text-run';
import { SliceClock } from './time-slices';

/** What the scanner needs from the rest of the content script. */
export interface PageScannerDeps {
  ctx: ContentScriptContext;
  doc: Document;
  /** The match step each run read goes through. */
  matcher: RunMatcher;
  /** Where the terms found go: kept per block. */
  registry: TermRegistry;
  /** Our card's host, which the scan must never read. */
  ownHost: () => Element | null;
  /** Called each time everything queued has been read: the page's terms changed. */
  onSettled: () => void;
  /** Called for each open shadow root found, so its text can be styled and hit-tested. */
  onShadowRoot: (root: ShadowRoot) => void;
  /** A frame the underlines need to themselves, if one is coming (highlight.ts, `restyled`). */
  restyled: () => Promise<void> | null;
}

/**
 * Drives the scan over time: reads the whole page once (read-runs.ts), in time slices that yield
 * to the page (time-slices.ts), then follows its changes (follow-changes.ts, batched by
 * change-batch.ts), re-reading only the blocks that changed. The runs of each read are matched
 * together (match/match-run.ts: one message to the background) and what they hold goes to the
 * registry of found terms. A read and its matching are one piece of work: changes that come
 * meanwhile wait for it, so what it keeps never lands after a change that undid it.
 */
export class PageScanner {
  private queue: Element[] = [];
  private next = 0;
  private readonly queued = new Set<Element>();
  private scanning = false;
  /** The read under way (the first scan, or a drain of the queue), with its matching: changes wait for it. */
  private work: Promise<void> | null = null;
  private observer: MutationObserver | null = null;
  private readonly changes: ChangeBatch<MutationRecord[]>;
  /** Time spent noting page changes and finding their blocks since the last scan measure, reported with the next one. */
  private notingMs = 0;
  private readonly ctx: ContentScriptContext;
  private readonly doc: Document;
  private readonly registry: TermRegistry;
  private readonly matcher: RunMatcher;

  /** Open shadow roots being read and watched. */
  readonly shadowRoots = new Set<ShadowRoot>();

  constructor(private readonly deps: PageScannerDeps) {
    ({ ctx: this.ctx, doc: this.doc, registry: this.registry, matcher: this.matcher } = deps);
    this.changes = new ChangeBatch(
      (ms, callback) => afterDelay(this.ctx, ms, callback),
      (batches) => this.rescanChanges(batches),
    );
  }

  start(): void {
    if (this.doc.designMode !== 'on') {
      this.scanning = true;
      this.work = Promise.resolve().then(() => this.firstScan());
    }
    this.observer = new MutationObserver((records) => this.changes.add(records));
    this.observer.observe(this.doc.documentElement, OBSERVE);
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.changes.clear();
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
    this.work = Promise.resolve().then(() => this.drain());
  }

  /**
   * Lets the page run before the next slice (in Firefox, until it is idle: `yieldToIdle`), and
   * resolves with the idle period the slice runs in, if any. Where the underlines wait for a frame
   * of their own (rules that restyle many elements), the slice waits until that frame has been
   * drawn too.
   */
  private async yieldBeforeSlice(): Promise<IdlePeriod | null> {
    const options = { timeoutMs: IDLE_WAIT_MS };
    let idle = await yieldToIdle(this.ctx, options);
    for (let restyle = this.deps.restyled(); restyle; restyle = this.deps.restyled()) {
      await restyle;
      idle = await yieldToIdle(this.ctx, options);
    }
    return idle;
  }

  /** The first scan, then what changed meanwhile; then the page's terms have settled. */
  private async firstScan(): Promise<void> {
    let stopped = false;
    try {
      stopped = !(await this.readWholePage());
    } catch (error) {
      console.error('scan failed', error);
    }
    this.finish();
    if (stopped) return;
    this.scanning = this.queue.length > 0;
    if (this.scanning) this.work = this.drain();
    else if (!this.stopped) {
      markScanned();
      this.deps.onSettled();
    }
  }

  /**
   * The first read of the whole page, in one pass over its text nodes (see `PageReader`), sliced
   * so that no task is long; then the open shadow roots met on the way, and those met in them;
   * then all the runs read are matched at once. Resolves false when the scanner was stopped meanwhile.
   */
  private async readWholePage(): Promise<boolean> {
    const root = this.doc.body ?? this.doc.documentElement;
    // Open shadow roots (web components) are noted by the walk that reads the text, not looked
    // for by a second walk over every element; closed ones are private to their page.
    const hosts = new Set<Element>(root.shadowRoot ? [root] : []);
    const runs: TextRun[] = [];
    // Where slices wait for the page to be idle, the first does too, rather than running in the
    // task that read the settings.
    const idle = WAITS_FOR_IDLE ? await this.yieldBeforeSlice() : null;
    if (this.stopped || !(await this.readWhole(root, hosts, idle, runs))) return false;
    // A set's loop also visits what is added to it while it runs: the nested ones. Many small
    // trees are read in one task until it has run a slice's time, as one large one would be.
    let lastYield = Number.NEGATIVE_INFINITY;
    for (const host of hosts) {
      const shadow = host.shadowRoot;
      if (!shadow || this.shadowRoots.has(shadow)) continue;
      let idle: IdlePeriod | null = null;
      if (performance.now() - lastYield >= SCAN_SLICE_MS) {
        idle = await this.yieldBeforeSlice();
        if (this.stopped) return false;
        lastYield = performance.now();
      }
      this.watchShadowRoot(shadow);
      if (!(await this.readWhole(shadow, hosts, idle, runs))) return false;
    }
    const mapRun = await this.matcher.matchAll(runs);
    if (this.stopped) return false;
    return mapRun ? this.keepSliced(runs.length, (i) => this.registry.add(mapRun(i))) : true;
  }

  /**
   * Keeps what the background found, `keepOne` for each of `count` runs or blocks, in slices so that
   * no task is long (a page of thousands of terms maps each onto its nodes). Resolves false when the
   * scanner was stopped meanwhile.
   */
  private async keepSliced(count: number, keepOne: (i: number) => void): Promise<boolean> {
    const clock = new SliceClock();
    clock.begin();
    for (let i = 0; i < count; i++) {
      keepOne(i);
      if (clock.sliceOverAfterRun() && i + 1 < count) {
        this.measure(clock.started, { matched: clock.count });
        const idle = await this.yieldBeforeSlice();
        if (this.stopped) return false;
        clock.begin(idle);
      }
    }
    this.measure(clock.started, { matched: clock.count });
    return true;
  }

  /** Whether the scanner was stopped (or its page's script invalidated): nothing more is kept. */
  private get stopped(): boolean {
    return this.ctx.isInvalid || !this.observer;
  }

  /** The work under way is over: changes that waited for it go on. */
  private finish(): void {
    this.work = null;
  }

  /**
   * Reads one tree (the page, or a shadow root) in one pass over its text nodes, sliced so that
   * no task is long. If the page removes the node the pass stopped at while it yields, the pass
   * starts again; if that keeps happening, the tree is queued block by block instead.
   * The runs to match go to `runs`. Resolves false when the scanner was stopped meanwhile.
   * `idle`: the idle period its first slice runs in.
   */
  private async readWhole(
    root: Element | ShadowRoot,
    shadowHosts: Set<Element>,
    idle: IdlePeriod | null,
    runs: TextRun[],
  ): Promise<boolean> {
    const onShadowHost = (host: Element) => shadowHosts.add(host);
    const clock = new SliceClock();
    const before = runs.length;
    const onRun = (run: TextRun) => {
      clock.noteRun(run.nodes.length);
      // The language is asked now, while the walk knows whether the whole document is read.
      if (this.matcher.reads(run)) runs.push(run);
    };
    const pause = () => clock.sliceOverAfterRun();
    const wholeDocument = root === this.doc.body || root === this.doc.documentElement;
    let complete = false;
    try {
      for (let attempt = 0; attempt < 2 && !complete; attempt++) {
        runs.length = before;
        const reader = new PageReader(root, this.deps.ownHost(), { onShadowHost });
        clock.begin(attempt === 0 ? idle : null);
        if (wholeDocument) this.matcher.readingDocument(this.doc);
        let outcome = reader.read(onRun, pause);
        while (outcome === 'paused') {
          this.measure(clock.started, { runs: clock.count });
          const idle = await this.yieldBeforeSlice();
          if (this.stopped) return false;
          clock.begin(idle);
          outcome = reader.read(onRun, pause);
        }
        this.measure(clock.started, { runs: clock.count });
        complete = outcome === 'done';
      }
    } finally {
      this.matcher.doneReadingDocument();
    }
    if (!complete) {
      runs.length = before;
      for (const block of blocksIn(root, this.deps.ownHost(), onShadowHost)) this.queueBlock(block);
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
    this.deps.onShadowRoot(shadow);
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
      this.finish();
    }
    if (!this.stopped) this.deps.onSettled();
  }

  /** Re-reads the queued blocks, one by one, in time slices; then matches their runs at once. */
  private async readQueue(): Promise<void> {
    const host = this.deps.ownHost();
    const clock = new SliceClock();
    const read: { block: Element; runs: TextRun[] }[] = [];
    let idle: IdlePeriod | null = null;
    while (this.next < this.queue.length && !this.stopped) {
      clock.begin(idle);
      while (this.next < this.queue.length && !clock.sliceOver()) {
        const block = this.queue[this.next++]!;
        this.queued.delete(block);
        clock.count++;
        if (block.isConnected)
          read.push({ block, runs: readBlock(block, host).filter((run) => this.matcher.reads(run)) });
        else this.registry.forgetBlock(block);
      }
      this.measure(clock.started, { blocks: clock.count });
      if (this.next < this.queue.length) idle = await this.yieldBeforeSlice();
    }
    const mapRun = await this.matcher.matchAll(read.flatMap(({ runs }) => runs));
    // No answer from the background: the blocks keep the terms they had.
    if (!mapRun || this.stopped) return;
    let at = 0;
    await this.keepSliced(read.length, (i) => {
      const { block, runs } = read[i]!;
      const first = at;
      at += runs.length;
      if (block.isConnected)
        this.registry.replaceBlock(
          block,
          runs.map((_, k) => mapRun(first + k)),
        );
      else this.registry.forgetBlock(block);
    });
  }

  /**
   * What one slice cost the page (a `plain-terms:scan` measure in the benchmark build): the runs or
   * blocks it read, or those whose terms it kept once the background had found them (`matched`).
   */
  private measure(start: number, detail: { runs?: number; blocks?: number; matched?: number }): void {
    measure('scan', start, { ...detail, notingMs: this.notingMs });
    this.notingMs = 0;
  }

  /**
   * A batch of changes settled: queues what they ask to be read again, and forgets what left.
   * While a read is under way it waits for it, so the terms that read finds are kept first.
   */
  private rescanChanges(batches: MutationRecord[][]): void {
    if (this.stopped) return;
    if (this.work) {
      void this.work.then(() => this.rescanChanges(batches));
      return;
    }
    const started = performance.now();
    const host = this.deps.ownHost();
    const changes = changedParts(batches, host);
    if (changes.removed) this.registry.forgetDetached();
    // Added paragraphs often share their ancestors: each is asked about once per batch.
    const skipped = new Map<Element, boolean>();
    for (const root of changes.roots) {
      if (!root.isConnected || root === host) continue;
      if (isInsideSkipped(root, host, skipped)) {
        this.registry.forgetWithin(root);
        continue;
      }
      this.queueBlocksUnder(root, host);
    }
    for (const block of changes.blocks) {
      if (!block.isConnected) continue;
      if (isInsideSkipped(block, host, skipped)) this.registry.forgetBlock(block);
      else this.enqueue(block);
    }
    this.notingMs += performance.now() - started;
  }
}
