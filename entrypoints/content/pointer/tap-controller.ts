import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardAnchor, CardHost, CardRequest } from '../card/card-host';
import type { TermRegistry } from '../match/found-terms';
import type { FoundTerm } from '../match/match-run';
import { afterDelay, type CancelTimer } from '../support/context-timer';
import { SELECTION_SETTLE_MS } from '../support/timing';
import { termAtPoint, termHolding } from './hit-test';
import type { HoverController } from './hover-controller';
import { type PointerSample, type TapCommand, TapMachine, type TapTarget } from './tap-machine';

/**
 * What a tap keeps for the page: links and controls. A term inside a link is still a link to
 * tap; selecting its words explains it instead.
 */
const CONTROLS = [
  'a[href]',
  'area[href]',
  'button',
  'input',
  'select',
  'textarea',
  'label',
  'summary',
  '[onclick]',
  '[contenteditable]:not([contenteditable="false"])',
  ...['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'option'].map((role) => `[role="${role}"]`),
].join(', ');

/** How far (CSS px) outside a term's words a fingertip still taps it. */
const FINGER_SLOP_PX = 4;

/** What the tap needs from the rest of the content script. */
export interface TapDeps {
  ctx: ContentScriptContext;
  doc: Document;
  card: CardHost;
  /** Opens and closes cards (and keeps the hover from closing one a tap opened). */
  hover: HoverController;
  /** The found terms to hit-test against (null while Plain Terms is off here). */
  registry: () => TermRegistry | null;
  /** Open shadow roots, so the caret can land in their text. */
  shadowRoots: () => ShadowRoot[];
  /** The card for the selected words when they are a term, whole (see explain-selection.ts), or null. */
  selectionCard: () => Promise<{ request: CardRequest; anchor: CardAnchor } | null>;
}

/**
 * Touch and pen, wired to the page: feeds tap-machine.ts the pointer events, clicks and selection
 * changes, and carries out what it decides. Every listener is passive but the click's, so
 * scrolling and zooming never wait on us; a click is stopped only when it opened a card.
 */
export class TapController {
  private readonly machine = new TapMachine<FoundTerm>();
  /** What opened the card showing now, if this controller did. */
  private openedBy: 'tap' | 'selection' | null = null;
  /** The selection the card shows, so a selection explained twice (finger up, then settled) opens once. */
  private explained: Range | null = null;
  private settle: CancelTimer | null = null;

  private readonly ctx: ContentScriptContext;
  private readonly doc: Document;
  private readonly card: CardHost;
  private readonly hover: HoverController;

  constructor(private readonly deps: TapDeps) {
    ({ ctx: this.ctx, doc: this.doc, card: this.card, hover: this.hover } = deps);
  }

  start(): void {
    const win = this.doc.defaultView ?? window;
    const passive = { capture: true, passive: true };
    this.ctx.addEventListener(
      win,
      'pointerdown',
      (event) => this.run(this.machine.pointerDown(sample(event))),
      passive,
    );
    this.ctx.addEventListener(win, 'pointermove', (event) => this.machine.pointerMove(sample(event)), passive);
    this.ctx.addEventListener(win, 'pointerup', (event) => this.run(this.machine.pointerUp(sample(event))), passive);
    this.ctx.addEventListener(win, 'pointercancel', (event) => this.machine.pointerCancel(sample(event)), passive);
    this.ctx.addEventListener(win, 'keydown', () => this.machine.keyDown(), passive);
    this.ctx.addEventListener(win, 'click', (event) => this.onClick(event), { capture: true });
    this.ctx.addEventListener(this.doc, 'selectionchange', () => {
      this.settle?.();
      this.settle = afterDelay(this.ctx, SELECTION_SETTLE_MS, () => {
        this.settle = null;
        this.run(this.machine.selectionSettled());
      });
    });
  }

  /** The card closed for another reason (Escape, Back, its words scrolled away, a new page). */
  forget(): void {
    this.openedBy = null;
    this.explained = null;
  }

  private onClick(event: MouseEvent): void {
    if (!event.isTrusted) return;
    // A click is a PointerEvent in Chromium and Firefox; older engines' have no pointerType.
    const kind = (event as Partial<PointerEvent>).pointerType ?? '';
    const at = { x: event.clientX, y: event.clientY };
    const target: TapTarget<FoundTerm> =
      kind === 'touch' || kind === 'pen' ? this.targetOf(event, at) : { kind: 'other' };
    const command = this.machine.click({ kind, ...at, t: event.timeStamp }, target, this.card.isOpen);
    if (command.kind === 'open') {
      // This tap was for the card: what lies under the term must not also get it.
      event.preventDefault();
      event.stopImmediatePropagation();
    }
    this.run(command, at);
  }

  private targetOf(event: MouseEvent, at: { x: number; y: number }): TapTarget<FoundTerm> {
    const path = event.composedPath();
    const host = this.card.hostElement;
    if (host && path.includes(host)) return { kind: 'card' };
    for (const node of path) {
      if ((node as Node).nodeType === Node.ELEMENT_NODE && (node as Element).matches(CONTROLS))
        return { kind: 'control' };
    }
    const registry = this.deps.registry();
    const term = registry && termAtPoint(this.doc, registry, at.x, at.y, this.deps.shadowRoots(), FINGER_SLOP_PX);
    return term ? { kind: 'term', term } : { kind: 'other' };
  }

  private run(command: TapCommand<FoundTerm>, at?: { x: number; y: number }): void {
    switch (command.kind) {
      case 'open':
        this.hover.showTapped(command.term, at);
        this.openedBy = 'tap';
        this.explained = null;
        return;
      case 'close':
        this.hover.close();
        this.forget();
        return;
      case 'explain-selection':
        this.explainSelection();
        return;
      case 'nothing':
        return;
    }
  }

  /**
   * The reader selected words by touch (a long press, the handles): when they are a term, its
   * card opens under them, unfocused, so the browser's own selection menu stays as it is.
   */
  private explainSelection(): void {
    const range = this.selectedRange();
    if (range && this.card.isOpen && this.explained && sameRange(range, this.explained)) return;
    if (!range || this.inEditableOrCard(range)) {
      this.closeSelectionCard();
      return;
    }
    const registry = this.deps.registry();
    const term = registry && termHolding(registry, range);
    if (term) {
      const rect = range.getBoundingClientRect();
      this.hover.showTapped(term, { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      this.openedBy = 'selection';
      this.explained = range.cloneRange();
      return;
    }
    // Words not underlined here (a term split by the selection's edges, or in text not read):
    // the background looks them up.
    const asked = range.cloneRange();
    void this.deps.selectionCard().then((explained) => {
      const now = this.selectedRange();
      // The selection changed while its words were looked up: that change explains the new one.
      if (this.ctx.isInvalid || !now || !sameRange(now, asked)) return;
      if (!explained) {
        this.closeSelectionCard();
        return;
      }
      this.hover.close();
      this.hover.pinExternal();
      this.card.show(explained.request, explained.anchor, { touch: true });
      this.openedBy = 'selection';
      this.explained = asked;
    });
  }

  private selectedRange(): Range | null {
    const selection = this.doc.getSelection();
    return selection && !selection.isCollapsed && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  }

  /** The selection went, or is no term any more: so does the card it opened. */
  private closeSelectionCard(): void {
    if (this.openedBy !== 'selection' || !this.card.isOpen) return;
    this.hover.close();
    this.forget();
  }

  /** A selection for editing (a form field, an editor) or inside the card is the reader's business. */
  private inEditableOrCard(range: Range): boolean {
    const container = range.commonAncestorContainer;
    const element = container.nodeType === Node.ELEMENT_NODE ? (container as Element) : container.parentElement;
    if (!element) return true;
    const host = this.card.hostElement;
    return (element as HTMLElement).isContentEditable || !!host?.contains(element);
  }
}

function sample(event: PointerEvent): PointerSample {
  return { id: event.pointerId, kind: event.pointerType, x: event.clientX, y: event.clientY, t: event.timeStamp };
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.startContainer === b.startContainer &&
    a.startOffset === b.startOffset &&
    a.endContainer === b.endContainer &&
    a.endOffset === b.endOffset
  );
}
