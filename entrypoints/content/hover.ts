import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardHost } from './card-host';
import type { HighlightLayer } from './highlight';
import { termAtPoint } from './hit-test';
import type { FoundTerm, TermRegistry } from './term-registry';
import { HIDE_GRACE_MS, HOVER_DRIFT_PX, HOVER_DWELL_MS } from './timing';

/**
 * When the card opens and closes, following WCAG 2.1 SC 1.4.13:
 * it opens after the pointer rests on a term, stays while the pointer is on the term or the
 * card (hoverable), stays until the pointer leaves or Escape is pressed (persistent), and
 * Escape closes it without moving the pointer (dismissible).
 */
export class HoverController {
  private shown: FoundTerm | null = null;
  private pending: { term: FoundTerm; x: number; y: number; timer: number } | null = null;
  private hideTimer: number | null = null;
  /** Closed with Escape: stays closed until the pointer leaves this term. */
  private dismissed: FoundTerm | null = null;
  private pointerInCard = false;
  private frame: number | null = null;
  private pointer = { x: 0, y: 0 };

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly doc: Document,
    private readonly registry: TermRegistry,
    private readonly card: CardHost,
    private readonly highlights: HighlightLayer | null,
  ) {}

  start(): void {
    const win = this.doc.defaultView ?? window;
    this.ctx.addEventListener(win, 'pointermove', (event) => this.onPointerMove(event), {
      capture: true,
      passive: true,
    });
    this.ctx.addEventListener(this.doc.documentElement, 'pointerleave', () => this.onTermUnderPointer(null));
    this.ctx.addEventListener(win, 'keydown', (event) => this.onKeyDown(event), { capture: true });
    this.ctx.addEventListener(win, 'wxt:locationchange', () => this.close());
  }

  /** Called by the card when the pointer enters or leaves it. */
  pointerInsideCard(inside: boolean): void {
    this.pointerInCard = inside;
    if (inside) this.cancelHide();
    else this.scheduleHide();
  }

  close(): void {
    this.cancelPending();
    this.cancelHide();
    this.shown = null;
    this.card.hide();
    this.highlights?.setActive(null);
  }

  private onPointerMove(event: PointerEvent): void {
    if (event.pointerType === 'touch') return;
    this.pointer = { x: event.clientX, y: event.clientY };
    // Hit-testing asks for layout; once per frame is enough.
    if (this.frame === null) {
      this.frame = this.ctx.requestAnimationFrame(() => {
        this.frame = null;
        if (this.pointerInCard) return;
        this.onTermUnderPointer(termAtPoint(this.doc, this.registry, this.pointer.x, this.pointer.y));
      });
    }
  }

  private onTermUnderPointer(term: FoundTerm | null): void {
    if (this.dismissed && term !== this.dismissed) this.dismissed = null;
    if (term && term === this.dismissed) return;

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
    const timer = this.ctx.setTimeout(() => this.open(term), HOVER_DWELL_MS);
    this.pending = { term, x, y, timer };
  }

  private open(term: FoundTerm): void {
    this.pending = null;
    this.cancelHide();
    if (!term.run.block.isConnected) return;
    this.shown = term;
    this.card.show(term, this.pointer);
    this.highlights?.setActive(term.range);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.card.isOpen) return;
    this.dismissed = this.shown;
    this.close();
    // The reader pressed Escape for our card; the page shouldn't also act on it.
    event.stopPropagation();
    event.preventDefault();
  }

  private scheduleHide(): void {
    if (this.hideTimer !== null || !this.shown || this.pointerInCard) return;
    this.hideTimer = this.ctx.setTimeout(() => {
      this.hideTimer = null;
      this.close();
    }, HIDE_GRACE_MS);
  }

  private cancelHide(): void {
    if (this.hideTimer !== null) clearTimeout(this.hideTimer);
    this.hideTimer = null;
  }

  private cancelPending(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
  }
}
