import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardAnchor, CardHost } from '../card/card-host';
import type { HighlightLayer } from '../highlight/highlight';
import type { TermRegistry } from '../match/found-terms';
import type { FoundTerm } from '../match/match-run';
import { afterDelay, type CancelTimer, inNextFrame } from '../support/context-timer';
import { liveRange, termAtPoint } from './hit-test';
import { type HoverCommand, HoverMachine, type HoverTimer } from './hover-machine';

/** What the hover needs from the rest of the content script. */
export interface HoverDeps {
  ctx: ContentScriptContext;
  doc: Document;
  card: CardHost;
  highlights: HighlightLayer | null;
  /** The found terms to hit-test against (null while Plain Terms is off here). */
  registry: () => TermRegistry | null;
  /** How long the pointer rests on a term before its card opens (a setting). */
  dwellMs: () => number;
  /** Open shadow roots, so the caret can land in their text. */
  shadowRoots: () => ShadowRoot[];
}

/**
 * The hover, wired to the page: feeds hover-machine.ts the pointer and key events (and the
 * hit-test's answer, once per frame), and carries out its commands: the card, the active
 * highlight, the timers.
 */
export class HoverController {
  private readonly machine: HoverMachine<FoundTerm>;
  private readonly timers: Record<HoverTimer, CancelTimer | null> = { dwell: null, hide: null };
  private frame: CancelTimer | null = null;
  private pointer = { x: 0, y: 0 };

  constructor(private readonly deps: HoverDeps) {
    this.machine = new HoverMachine<FoundTerm>({
      dwellMs: deps.dwellMs,
      isLive: (term) => term.run.block.isConnected,
    });
  }

  start(): void {
    const { ctx, doc, card } = this.deps;
    const win = doc.defaultView ?? window;
    ctx.addEventListener(win, 'pointermove', (event) => this.onPointerMove(event), { capture: true, passive: true });
    // A finger leaves the page after every tap: that is no pointer moving away.
    ctx.addEventListener(doc.documentElement, 'pointerleave', (event) => {
      if ((event as PointerEvent).pointerType !== 'touch')
        this.run(this.machine.termUnderPointer(null, performance.now()));
    });
    ctx.addEventListener(win, 'pointerdown', (event) => this.onPointerDown(event), { capture: true, passive: true });
    ctx.addEventListener(win, 'keydown', (event) => this.onKeyDown(event), { capture: true });
    card.onPointerInside((inside) => this.run(this.machine.pointerInCard(inside)));
  }

  /** The term whose card is showing, if a found term's. */
  get current(): FoundTerm | null {
    return this.machine.current;
  }

  /** Opens a term's card from the keyboard: pinned, focused, announced by screen readers. */
  showPinned(term: FoundTerm): void {
    this.run(this.machine.showPinned(term));
  }

  /** Opens a term's card for a tap: pinned, so no pointer closes it, but unfocused. Another tap, Escape or Back closes it. */
  showTapped(term: FoundTerm, at?: { x: number; y: number }): void {
    this.run(this.machine.showTapped(term, at));
  }

  /** Notes a card opened by someone else (explain selection) as pinned, so the pointer doesn't close it. */
  pinExternal(): void {
    this.run(this.machine.pinExternal());
  }

  close({ restoreFocus = false } = {}): void {
    this.run(this.machine.close({ restoreFocus }));
  }

  private onPointerMove(event: PointerEvent): void {
    if (event.pointerType === 'touch') return;
    this.pointer = { x: event.clientX, y: event.clientY };
    this.machine.pointerMoved(event.clientX, event.clientY, event.timeStamp);
    // Hit-testing asks for layout; once per frame is enough.
    if (this.frame !== null) return;
    this.frame = inNextFrame(this.deps.ctx, () => {
      this.frame = null;
      const registry = this.deps.registry();
      if (!this.machine.wantsHitTest || !registry) return;
      const { x, y } = this.pointer;
      const term = termAtPoint(this.deps.doc, registry, x, y, this.deps.shadowRoots());
      // Its entry is asked for now, while the hover delay runs, so the card can open on time.
      if (term) this.deps.card.prepare(term.entryId);
      this.run(this.machine.termUnderPointer(term, performance.now()));
    });
  }

  private onPointerDown(event: PointerEvent): void {
    // A finger that goes down may scroll, and a card opened by touch follows its words; a tap
    // elsewhere closes it (tap-controller.ts).
    if (event.pointerType === 'touch') return;
    const host = this.deps.card.hostElement;
    this.run(this.machine.pointerDown(!!host && event.composedPath().includes(host)));
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    this.run(this.machine.escape(), event);
  }

  private run(commands: HoverCommand<FoundTerm>[], event?: Event): void {
    const { card, highlights } = this.deps;
    for (const command of commands) {
      switch (command.kind) {
        case 'show':
          card.show(
            {
              kind: 'entry',
              entryId: command.term.entryId,
              words: command.term.words,
              asWritten: aliasWords(command.term),
            },
            anchorOf(command.term, command.at),
            { focus: command.reason === 'keyboard', touch: command.reason === 'tap' },
          );
          highlights?.setActive(command.term.range);
          break;
        case 'hide':
          card.hide({ restoreFocus: command.restoreFocus });
          highlights?.setActive(null);
          break;
        case 'clear-active':
          highlights?.setActive(null);
          break;
        case 'start-timer': {
          const timer = command.timer;
          this.timers[timer]?.();
          this.timers[timer] = afterDelay(this.deps.ctx, command.ms, () => {
            this.timers[timer] = null;
            this.run(this.machine.timerFired(timer));
          });
          break;
        }
        case 'cancel-timer':
          this.timers[command.timer]?.();
          this.timers[command.timer] = null;
          break;
        case 'consume-key':
          // The reader pressed Escape for our card; the page shouldn't also act on it.
          event?.stopPropagation();
          event?.preventDefault();
          break;
      }
    }
  }
}

/** The page's words, when they are another name for the entry ("blood flow" for Circulation). */
function aliasWords(term: FoundTerm): string | undefined {
  return term.kind === 'alias' || term.kind === 'abbreviation' ? term.words : undefined;
}

function anchorOf(term: FoundTerm, pointer?: { x: number; y: number }): CardAnchor {
  return { range: () => liveRange(term), element: term.run.block, pointer };
}
