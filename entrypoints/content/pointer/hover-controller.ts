import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardAnchor, CardHost } from '../card/card-host';
import type { HighlightLayer } from '../highlight/highlight';
import type { TermRegistry } from '../match/found-terms';
import type { FoundTerm } from '../match/match-run';
import { afterDelay, type CancelTimer, inNextFrame } from '../support/context-timer';
import { HIDE_GRACE_MS, HOVER_DRIFT_PX } from '../support/timing';
import { liveRange, termAtPoint } from './hit-test';

/** The longest wait for a frame after a pointer move that still counts towards the dwell. */
const MAX_FRAME_WAIT_MS = 50;

/**
 * When the card opens and closes, following WCAG 2.1 SC 1.4.13:
 * it opens after the pointer rests on a term, stays while the pointer is on the term or the
 * card (hoverable), stays until the pointer leaves or Escape is pressed (persistent), and
 * Escape closes it without moving the pointer (dismissible). A card opened from the keyboard
 * is pinned: it ignores the pointer and closes on Escape or a click elsewhere.
 */
export class HoverController {
  private shown: FoundTerm | null = null;
  private pinned = false;
  private pending: { term: FoundTerm; x: number; y: number; cancel: CancelTimer } | null = null;
  private hideTimer: CancelTimer | null = null;
  /** Closed with Escape: stays closed until the pointer leaves this term. */
  private dismissed: FoundTerm | null = null;
  private pointerInCard = false;
  private frame: CancelTimer | null = null;
  private pointer = { x: 0, y: 0 };
  /** When the pointer last moved (event time): the dwell counts from there, not from the next frame. */
  private movedAt = 0;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly doc: Document,
    private readonly card: CardHost,
    private readonly highlights: HighlightLayer | null,
    private readonly registry: () => TermRegistry | null,
    private readonly dwellMs: () => number,
    private readonly shadowRoots: () => ShadowRoot[] = () => [],
  ) {}

  start(): void {
    const win = this.doc.defaultView ?? window;
    this.ctx.addEventListener(win, 'pointermove', (event) => this.onPointerMove(event), {
      capture: true,
      passive: true,
    });
    // A finger leaves the page after every tap: that is no pointer moving away.
    this.ctx.addEventListener(this.doc.documentElement, 'pointerleave', (event) => {
      if ((event as PointerEvent).pointerType !== 'touch') this.onTermUnderPointer(null);
    });
    this.ctx.addEventListener(win, 'pointerdown', (event) => this.onPointerDown(event), {
      capture: true,
      passive: true,
    });
    this.ctx.addEventListener(win, 'keydown', (event) => this.onKeyDown(event), { capture: true });
  }

  /** Called by the card when the pointer enters or leaves it. */
  pointerInsideCard(inside: boolean): void {
    this.pointerInCard = inside;
    if (inside) this.cancelHide();
    else this.scheduleHide();
  }

  /** Opens a term's card from the keyboard: pinned, focused, announced by screen readers. */
  showPinned(term: FoundTerm): void {
    this.cancelPending();
    this.cancelHide();
    this.shown = term;
    this.pinned = true;
    this.card.show({ kind: 'entry', entry: term.entry, asWritten: aliasWords(term) }, anchorOf(term), { focus: true });
    this.highlights?.setActive(term.range);
  }

  /**
   * Opens a term's card for a tap (tap.ts): pinned, so no pointer closes it, but unfocused, so the
   * page keeps its focus and the reader their place. Another tap, Escape or Back closes it.
   */
  showTapped(term: FoundTerm, at?: { x: number; y: number }): void {
    this.cancelPending();
    this.cancelHide();
    this.dismissed = null;
    this.shown = term;
    this.pinned = true;
    this.card.show({ kind: 'entry', entry: term.entry, asWritten: aliasWords(term) }, anchorOf(term, at), {
      touch: true,
    });
    this.highlights?.setActive(term.range);
  }

  /** Notes a card opened by someone else (explain selection) as pinned, so the pointer doesn't close it. */
  pinExternal(): void {
    this.cancelPending();
    this.cancelHide();
    this.shown = null;
    this.pinned = true;
    this.highlights?.setActive(null);
  }

  get current(): FoundTerm | null {
    return this.shown;
  }

  close({ restoreFocus = false } = {}): void {
    this.cancelPending();
    this.cancelHide();
    this.shown = null;
    this.pinned = false;
    this.card.hide({ restoreFocus });
    this.highlights?.setActive(null);
  }

  private onPointerMove(event: PointerEvent): void {
    if (event.pointerType === 'touch') return;
    this.pointer = { x: event.clientX, y: event.clientY };
    this.movedAt = event.timeStamp;
    // Hit-testing asks for layout; once per frame is enough.
    if (this.frame === null) {
      this.frame = inNextFrame(this.ctx, () => {
        this.frame = null;
        const registry = this.registry();
        if (this.pointerInCard || !registry) return;
        this.onTermUnderPointer(termAtPoint(this.doc, registry, this.pointer.x, this.pointer.y, this.shadowRoots()));
      });
    }
  }

  private onTermUnderPointer(term: FoundTerm | null): void {
    if (this.dismissed && term !== this.dismissed) this.dismissed = null;
    if (term && term === this.dismissed) return;
    if (this.pinned) return;

    if (this.shown) {
      if (term === this.shown) {
        this.cancelPending();
        this.cancelHide();
        return;
      }
      this.scheduleHide();
    }
    if (!term) {
      this.cancelPending();
      return;
    }
    const { x, y } = this.pointer;
    const pending = this.pending;
    if (pending && pending.term === term && Math.hypot(x - pending.x, y - pending.y) <= HOVER_DRIFT_PX) return;
    // A new term, or the pointer is still travelling: the dwell starts again.
    this.cancelPending();
    // The hit-test ran a frame after the move; that frame counts towards the dwell. (Bounded, in
    // case a browser stamps events on another clock.)
    const rested = Math.min(Math.max(0, performance.now() - this.movedAt), MAX_FRAME_WAIT_MS);
    const cancel = afterDelay(this.ctx, Math.max(0, this.dwellMs() - rested), () => this.open(term));
    this.pending = { term, x, y, cancel };
  }

  private open(term: FoundTerm): void {
    this.pending = null;
    this.cancelHide();
    if (!term.run.block.isConnected) return;
    this.shown = term;
    this.card.show({ kind: 'entry', entry: term.entry, asWritten: aliasWords(term) }, anchorOf(term, this.pointer));
    this.highlights?.setActive(term.range);
  }

  private onPointerDown(event: PointerEvent): void {
    // A finger that goes down may scroll, and a card opened by touch follows its words; a tap
    // elsewhere closes it (tap-controller.ts).
    if (event.pointerType === 'touch') return;
    if (!this.pinned || !this.card.isOpen) return;
    if (this.card.hostElement && event.composedPath().includes(this.card.hostElement)) return;
    this.close();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.card.isOpen) return;
    this.dismissed = this.shown;
    this.close({ restoreFocus: true });
    // The reader pressed Escape for our card; the page shouldn't also act on it.
    event.stopPropagation();
    event.preventDefault();
  }

  private scheduleHide(): void {
    if (this.hideTimer !== null || !this.shown || this.pointerInCard || this.pinned) return;
    this.hideTimer = afterDelay(this.ctx, HIDE_GRACE_MS, () => {
      this.hideTimer = null;
      this.close();
    });
  }

  private cancelHide(): void {
    this.hideTimer?.();
    this.hideTimer = null;
  }

  private cancelPending(): void {
    this.pending?.cancel();
    this.pending = null;
  }
}

/** The page's words, when they are another name for the entry ("blood flow" for Circulation). */
function aliasWords(term: FoundTerm): string | undefined {
  return term.kind === 'alias' || term.kind === 'abbreviation' ? term.words : undefined;
}

function anchorOf(term: FoundTerm, pointer?: { x: number; y: number }): CardAnchor {
  return { range: () => liveRange(term), element: term.run.block, pointer };
}
