import { autoUpdate, computePosition, flip, inline, offset, shift } from '@floating-ui/dom';
import { render } from 'preact';
import { TermCard } from '@/components/TermCard';
import cardCss from '@/components/term-card.css?inline';
import type { GlossaryEntry } from '@/glossary/schema';
import { liveRange } from './hit-test';
import type { FoundTerm } from './term-registry';

/** The one element Plain Terms adds to a page, and only once a card is first shown. */
export const HOST_TAG = 'plain-terms-card';

/**
 * Step 5 of the flow: the card, rendered with Preact inside a shadow root so page styles
 * can't reach it, and shown as a top-layer popover so no z-index or overflow can hide it.
 */
export class CardHost {
  private host: HTMLElement | null = null;
  private card: HTMLElement | null = null;
  private stopFollowing: (() => void) | null = null;
  /** Entries opened from related links, newest last; the first is the hovered term's. */
  private trail: GlossaryEntry[] = [];
  private term: FoundTerm | null = null;

  constructor(
    private readonly doc: Document,
    private readonly entries: ReadonlyMap<string, GlossaryEntry>,
    private readonly onPointerInside: (inside: boolean) => void,
  ) {}

  get hostElement(): HTMLElement | null {
    return this.host;
  }

  get isOpen(): boolean {
    return this.term !== null;
  }

  show(term: FoundTerm, pointer: { x: number; y: number }): void {
    const card = this.ensureCard();
    this.term = term;
    this.trail = [term.entry];
    this.renderCard();
    if (!card.matches(':popover-open')) card.showPopover();
    this.follow(term, pointer);
  }

  hide(): void {
    this.stopFollowing?.();
    this.stopFollowing = null;
    this.term = null;
    this.trail = [];
    if (this.card?.matches(':popover-open')) this.card.hidePopover();
    if (this.card) render(null, this.card);
  }

  dispose(): void {
    this.hide();
    this.host?.remove();
    this.host = null;
    this.card = null;
  }

  private renderCard(): void {
    const term = this.term;
    const entry = this.trail.at(-1);
    if (!term || !entry || !this.card) return;
    const hovered = this.trail.length === 1;
    render(
      <TermCard
        entry={entry}
        asWritten={hovered && (term.kind === 'alias' || term.kind === 'abbreviation') ? term.words : undefined}
        previous={this.trail.at(-2)}
        relatedEntries={(entry.related ?? []).flatMap((id) => this.entries.get(id) ?? [])}
        onOpenRelated={(id) => {
          const related = this.entries.get(id);
          if (!related) return;
          this.trail.push(related);
          this.renderCard();
        }}
        onBack={() => {
          this.trail.pop();
          this.renderCard();
        }}
      />,
      this.card,
    );
  }

  private ensureCard(): HTMLElement {
    if (this.host && this.card) {
      // A page that rebuilds its markup may have dropped our host; put it back.
      if (!this.host.isConnected) this.doc.documentElement.append(this.host);
      return this.card;
    }
    const host = this.doc.createElement(HOST_TAG);
    // Page rules like `html > * { display: none }` must not hide the card.
    host.setAttribute('style', 'display: block !important; position: static !important;');
    const shadow = host.attachShadow({ mode: 'open' });
    adoptStyles(shadow, cardCss);
    const card = this.doc.createElement('div');
    card.className = 'card';
    card.setAttribute('popover', 'manual');
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-labelledby', 'plain-terms-title');
    card.addEventListener('pointerenter', () => this.onPointerInside(true));
    card.addEventListener('pointerleave', () => this.onPointerInside(false));
    shadow.append(card);
    this.doc.documentElement.append(host);
    this.host = host;
    this.card = card;
    return card;
  }

  /** Places the card below the term (above if there's no room), and keeps it there on scroll and resize. */
  private follow(term: FoundTerm, pointer: { x: number; y: number }): void {
    this.stopFollowing?.();
    const card = this.card;
    if (!card) return;
    const range = liveRange(term);
    if (!range) return;
    const reference = {
      getBoundingClientRect: () => range.getBoundingClientRect(),
      getClientRects: () => range.getClientRects(),
      contextElement: term.run.block,
    };
    const place = () =>
      computePosition(reference, card, {
        strategy: 'fixed',
        placement: 'bottom-start',
        // inline(): a term broken over two lines gets the card at the line under the pointer.
        middleware: [inline(pointer), offset(6), flip({ padding: 8 }), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        card.style.left = `${x}px`;
        card.style.top = `${y}px`;
      });
    this.stopFollowing = autoUpdate(reference, card, () => void place());
  }
}

/** Constructed sheets are not subject to the page's style-src CSP; a <style> is the fallback. */
function adoptStyles(shadow: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = shadow.ownerDocument.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
}
