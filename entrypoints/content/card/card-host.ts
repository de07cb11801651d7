import type { Settings } from '@/common/settings';
import type { CardContent } from '@/components/TermCard';
import { PAGE_NAMES } from '../support/page-names';
import type { CardEntries } from './card-entries';
import type { CardAnchor, CardView, ShowOptions } from './card-view-contract';
import { loadCardView } from './card-view-loader';

export type { CardAnchor } from './card-view-contract';

/**
 * What a card is asked to show: an entry, by id, with the page's words for it (the entry itself
 * may still have to be asked for: card-entries.ts), or selected words the glossary doesn't know.
 */
export type CardRequest =
  | { kind: 'entry'; entryId: string; words: string; asWritten?: string }
  | { kind: 'unknown'; words: string };

/** What the card needs from the rest of the content script. */
export interface CardDeps {
  doc: Document;
  /** The entries cards show, and their related ones, asked of the background as needed. */
  entries: CardEntries;
  /** The reader asked to add their own explanation of these words. */
  onAddOwn: (words: string) => void;
  /** A card opened by touch asks to close (its words left the screen, Back), or no card could be shown. */
  onCloseRequest: () => void;
}

/**
 * The card, as the rest of the content script sees it: what to show, where, and when to hide.
 * What is on screen is the card view (card-view.tsx: Preact, the card's components, place-card.ts),
 * a script of its own that is loaded into the page when its first card is about to show
 * (card-view-loader.ts), so the script every page runs carries none of it. Until the view is
 * there, and until the background has sent the card's entry (card-entries.ts), a card asked for
 * waits; one asked for after it, or a hide, takes its place.
 */
export class CardHost {
  private view: CardView | null = null;
  /** What the card was last asked to show, until it hides: it may wait for its entry and the view. */
  private request: CardRequest | null = null;
  /**
   * The entry the hidden card was last made ready for, until a card shows or hides: one object per
   * time, so a render still waiting for its task knows whether it is still the one wanted.
   */
  private prepared: { entryId: string } | null = null;
  private pointerListener: (inside: boolean) => void = () => {};
  private theme: Settings['theme'] = 'system';

  constructor(private readonly deps: CardDeps) {}

  /** Tells `listener` when the pointer enters (true) or leaves (false) the card: the hover's grace period. */
  onPointerInside(listener: (inside: boolean) => void): void {
    this.pointerListener = listener;
  }

  /** The card's host element, once a card was first about to show (the one element Plain Terms adds to a page). */
  get hostElement(): HTMLElement | null {
    return this.view?.hostElement ?? null;
  }

  get isOpen(): boolean {
    return this.request !== null;
  }

  /**
   * A term is under the pointer: its entry is asked for now, and the view loaded if it isn't yet,
   * so that both are here when the hover delay is over and the card opens.
   */
  prepare(entryId: string): void {
    // The hit-test finds the same term every frame the pointer moves over it: once is enough.
    if (this.prepared?.entryId === entryId) return;
    const prepared = { entryId };
    this.prepared = prepared;
    // The card's code starts loading at once, on the page's first term: its first card waits for
    // it (started a task later, Firefox's first card came 36 ms after the delay instead of 20,
    // median of 7 and 14). The rest runs in a task of its own, not in the frame whose hit-test
    // found the term, so that frame stays short: asking the background for the entry (in Firefox
    // a message is cloned across processes) and making the card (hover bench, hit-test frame,
    // median of 30 terms: Firefox 1.9-2.9 -> 0.7-0.8 ms, Chromium 0.9-1.3 -> 0.3-0.4 ms). A
    // prioritised task, not a timer: with setTimeout, Firefox's first card came 38 ms after the
    // delay (median of 8).
    if (!this.view) void this.loadView();
    inTaskOfItsOwn(() => {
      if (this.prepared !== prepared) return;
      const entryReady = this.entries.isReady(entryId) || this.entries.prepare(entryId);
      void Promise.all([entryReady, this.loadView()]).then(([, view]) => {
        const entry = this.entries.get(entryId);
        // Rendered hidden while the delay runs: in Firefox the page's first card took 29 ms to
        // show after the delay (median of 3), most of it making and first rendering the card.
        if (view && entry && this.request === null && this.prepared === prepared)
          view.prepare({ kind: 'entry', entry });
      });
    });
  }

  setTheme(theme: Settings['theme']): void {
    this.theme = theme;
    this.view?.setTheme(theme);
  }

  /**
   * Shows the card, at once when its entry and the view are here, or once they are (the card says
   * when its entry could not be loaded); with `focus`, moves keyboard focus into it (opened by a
   * shortcut).
   */
  show(request: CardRequest, anchor: CardAnchor, options: ShowOptions = {}): void {
    this.request = request;
    this.prepared = null;
    const entryReady = request.kind !== 'entry' || this.entries.isReady(request.entryId);
    if (entryReady && this.view) {
      this.open(this.view, request, anchor, options);
      return;
    }
    void Promise.all([entryReady || this.entries.prepare(request.entryId), this.loadView()]).then(([, view]) => {
      // Still wanted: not hidden, nor another card asked for meanwhile.
      if (this.request !== request) return;
      if (view) this.open(view, request, anchor, options);
      else this.deps.onCloseRequest();
    });
  }

  hide({ restoreFocus = false } = {}): void {
    this.request = null;
    this.prepared = null;
    this.view?.hide({ restoreFocus });
  }

  dispose(): void {
    this.request = null;
    this.prepared = null;
    this.view?.dispose();
    this.view = null;
  }

  private get entries(): CardEntries {
    return this.deps.entries;
  }

  private open(view: CardView, request: CardRequest, anchor: CardAnchor, options: ShowOptions): void {
    const entry = request.kind === 'entry' ? this.entries.get(request.entryId) : undefined;
    const content: CardContent =
      request.kind === 'unknown'
        ? request
        : entry
          ? { kind: 'entry', entry, asWritten: request.asWritten }
          : { kind: 'unavailable', words: request.words };
    view.show(content, anchor, options);
  }

  /** The view, made once it has loaded; null when it couldn't be (asked again next time). */
  private async loadView(): Promise<CardView | null> {
    if (this.view) return this.view;
    const createView = await loadCardView();
    if (!createView) return null;
    this.view ??= createView({
      doc: this.deps.doc,
      hostTag: PAGE_NAMES.cardHost,
      entries: this.entries,
      theme: this.theme,
      onAddOwn: this.deps.onAddOwn,
      onCloseRequest: this.deps.onCloseRequest,
      onPointerInside: (inside) => this.pointerListener(inside),
    });
    return this.view;
  }
}

/** Runs `task` in a prioritised task of its own (`scheduler.postTask`), or after a zero timer. */
function inTaskOfItsOwn(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: { postTask?: (task: () => void) => Promise<void> } }).scheduler;
  if (scheduler?.postTask) void scheduler.postTask(task);
  else setTimeout(task, 0);
}
