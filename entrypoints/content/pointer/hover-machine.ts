import { HIDE_GRACE_MS, HOVER_DRIFT_PX } from '../support/timing';

/** The longest wait for a frame after a pointer move that still counts towards the dwell. */
export const MAX_FRAME_WAIT_MS = 50;

/** The two timers the hover needs: the dwell before a card opens, the grace before it closes. */
export type HoverTimer = 'dwell' | 'hide';

/** How a card was opened: by resting the pointer, from the keyboard (focused), or by a tap (unfocused). */
export type ShowReason = 'hover' | 'keyboard' | 'tap';

/** What the controller is told to do. */
export type HoverCommand<T> =
  /** Show `term`'s card (placed near `at`, the pointer, when given) and mark its words as active. */
  | { kind: 'show'; term: T; reason: ShowReason; at?: { x: number; y: number } }
  /** Hide the card and unmark the active words; with `restoreFocus`, focus goes back where it was. */
  | { kind: 'hide'; restoreFocus: boolean }
  /** Unmark the active words (a card opened for a selection explains no found term). */
  | { kind: 'clear-active' }
  /** (Re)start a timer: call `timerFired` after `ms`. Starting a running timer replaces it. */
  | { kind: 'start-timer'; timer: HoverTimer; ms: number }
  | { kind: 'cancel-timer'; timer: HoverTimer }
  /** The key was ours (Escape closed our card): the page must not act on it too. */
  | { kind: 'consume-key' };

export interface HoverOptions<T> {
  /** How long the pointer rests on a term before its card opens (a setting). */
  dwellMs: () => number;
  /** Whether a term is still on the page when its dwell is over (its block may have left meanwhile). */
  isLive: (term: T) => boolean;
}

/**
 * When the card opens and closes for a mouse or pen, following WCAG 2.1 SC 1.4.13, as a pure
 * state machine: events and their times in, commands out; no DOM, no timers (the controller,
 * hover-controller.ts, runs the timers it asks for and calls `timerFired`).
 * - It opens after the pointer rests on a term for the dwell, counted from the pointer's last
 *   move; drifting more than `HOVER_DRIFT_PX` or onto other words starts the dwell again.
 * - Hoverable: it stays while the pointer is on the term or the card; leaving both closes it after
 *   `HIDE_GRACE_MS`, time enough to travel from the term into the card.
 * - Dismissible: Escape closes it without moving the pointer, and it stays closed until the
 *   pointer leaves that term.
 * - A card opened from the keyboard or by a tap is pinned: the pointer doesn't close it; Escape or
 *   a click elsewhere does.
 */
export class HoverMachine<T> {
  private shown: T | null = null;
  private open = false;
  private pinned = false;
  private pending: { term: T; x: number; y: number } | null = null;
  private hiding = false;
  /** Closed with Escape: stays closed until the pointer leaves this term. */
  private dismissed: T | null = null;
  private inCard = false;
  private pointer = { x: 0, y: 0 };
  /** When the pointer last moved (event time): the dwell counts from there, not from the next frame. */
  private movedAt = 0;

  constructor(private readonly options: HoverOptions<T>) {}

  /** The term whose card is showing, if a found term's. */
  get current(): T | null {
    return this.shown;
  }

  /** While the pointer is inside the card, what lies under it on the page doesn't matter: no hit-test needed. */
  get wantsHitTest(): boolean {
    return !this.inCard;
  }

  /** The pointer (mouse or pen) moved, at event time `t`. */
  pointerMoved(x: number, y: number, t: number): void {
    this.pointer = { x, y };
    this.movedAt = t;
  }

  /** The hit-test after the pointer moved, at time `now`: the term under the pointer, or null (also when it left the page). */
  termUnderPointer(term: T | null, now: number): HoverCommand<T>[] {
    if (this.dismissed && term !== this.dismissed) this.dismissed = null;
    if (term && term === this.dismissed) return [];
    if (this.pinned) return [];
    const commands: HoverCommand<T>[] = [];
    if (this.shown) {
      if (term === this.shown) {
        this.cancelPending(commands);
        this.cancelHide(commands);
        return commands;
      }
      this.scheduleHide(commands);
    }
    if (!term) {
      this.cancelPending(commands);
      return commands;
    }
    const { x, y } = this.pointer;
    const pending = this.pending;
    if (pending && pending.term === term && Math.hypot(x - pending.x, y - pending.y) <= HOVER_DRIFT_PX) return commands;
    // A new term, or the pointer is still travelling: the dwell starts again. The hit-test ran a
    // frame after the move; that frame counts towards the dwell. (Bounded, in case a browser
    // stamps events on another clock.)
    const rested = Math.min(Math.max(0, now - this.movedAt), MAX_FRAME_WAIT_MS);
    this.pending = { term, x, y };
    commands.push({ kind: 'start-timer', timer: 'dwell', ms: Math.max(0, this.options.dwellMs() - rested) });
    return commands;
  }

  /** The pointer entered (true) or left (false) the card. */
  pointerInCard(inside: boolean): HoverCommand<T>[] {
    this.inCard = inside;
    const commands: HoverCommand<T>[] = [];
    if (inside) this.cancelHide(commands);
    else this.scheduleHide(commands);
    return commands;
  }

  /** A mouse or pen button went down, in the card or elsewhere: a click elsewhere closes a pinned card. */
  pointerDown(inCard: boolean): HoverCommand<T>[] {
    if (!this.pinned || !this.open || inCard) return [];
    return this.close();
  }

  /** Escape was pressed. */
  escape(): HoverCommand<T>[] {
    if (!this.open) return [];
    this.dismissed = this.shown;
    return [...this.close({ restoreFocus: true }), { kind: 'consume-key' }];
  }

  /** A timer asked for earlier ran out. */
  timerFired(timer: HoverTimer): HoverCommand<T>[] {
    if (timer === 'hide') {
      if (!this.hiding) return [];
      this.hiding = false;
      return this.close();
    }
    const pending = this.pending;
    if (!pending) return [];
    this.pending = null;
    const commands: HoverCommand<T>[] = [];
    this.cancelHide(commands);
    if (!this.options.isLive(pending.term)) return commands;
    this.shown = pending.term;
    this.open = true;
    commands.push({ kind: 'show', term: pending.term, reason: 'hover', at: { ...this.pointer } });
    return commands;
  }

  /** Opens a term's card from the keyboard: pinned and focused. */
  showPinned(term: T): HoverCommand<T>[] {
    return this.pin(term, { kind: 'show', term, reason: 'keyboard' });
  }

  /** Opens a term's card for a tap (tap-machine.ts): pinned, but unfocused, so the page keeps its focus. */
  showTapped(term: T, at?: { x: number; y: number }): HoverCommand<T>[] {
    this.dismissed = null;
    return this.pin(term, { kind: 'show', term, reason: 'tap', at });
  }

  /** Notes a card opened by someone else (explain selection) as pinned, so the pointer doesn't close it. */
  pinExternal(): HoverCommand<T>[] {
    return this.pin(null, { kind: 'clear-active' });
  }

  close({ restoreFocus = false } = {}): HoverCommand<T>[] {
    const commands: HoverCommand<T>[] = [];
    this.cancelPending(commands);
    this.cancelHide(commands);
    this.shown = null;
    this.open = false;
    this.pinned = false;
    commands.push({ kind: 'hide', restoreFocus });
    return commands;
  }

  private pin(term: T | null, command: HoverCommand<T>): HoverCommand<T>[] {
    const commands: HoverCommand<T>[] = [];
    this.cancelPending(commands);
    this.cancelHide(commands);
    this.shown = term;
    this.open = true;
    this.pinned = true;
    commands.push(command);
    return commands;
  }

  private scheduleHide(commands: HoverCommand<T>[]): void {
    if (this.hiding || !this.shown || this.inCard || this.pinned) return;
    this.hiding = true;
    commands.push({ kind: 'start-timer', timer: 'hide', ms: HIDE_GRACE_MS });
  }

  private cancelHide(commands: HoverCommand<T>[]): void {
    if (!this.hiding) return;
    this.hiding = false;
    commands.push({ kind: 'cancel-timer', timer: 'hide' });
  }

  private cancelPending(commands: HoverCommand<T>[]): void {
    if (!this.pending) return;
    this.pending = null;
    commands.push({ kind: 'cancel-timer', timer: 'dwell' });
  }
}
