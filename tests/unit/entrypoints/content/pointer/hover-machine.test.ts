import { describe, expect, it } from 'vitest';
import {
  type HoverCommand,
  HoverMachine,
  type HoverTimer,
  MAX_FRAME_WAIT_MS,
} from '@/entrypoints/content/pointer/hover-machine';
import { HIDE_GRACE_MS, HOVER_DRIFT_PX } from '@/entrypoints/content/support/timing';

const DWELL_MS = 200;

/**
 * The machine with a fake clock: runs the timers it asks for as time passes, and records what it
 * shows and hides, as the controller would. Terms are plain strings.
 */
function hover({ live = (_term: string): boolean => true } = {}) {
  const machine = new HoverMachine<string>({ dwellMs: () => DWELL_MS, isLive: live });
  let now = 0;
  const timers = new Map<HoverTimer, number>();
  /** What the reader sees: the card's term (or 'selection'), null when closed. */
  let card: string | null = null;
  let focused = false;
  let keyConsumed = false;
  const run = (commands: HoverCommand<string>[]) => {
    for (const command of commands) {
      if (command.kind === 'start-timer') timers.set(command.timer, now + command.ms);
      else if (command.kind === 'cancel-timer') timers.delete(command.timer);
      else if (command.kind === 'show') {
        card = command.term;
        focused = command.reason === 'keyboard';
      } else if (command.kind === 'hide') card = null;
      else if (command.kind === 'consume-key') keyConsumed = true;
    }
  };
  const api = {
    machine,
    get card() {
      return card;
    },
    get focused() {
      return focused;
    },
    get keyConsumed() {
      return keyConsumed;
    },
    /** Lets `ms` pass, firing due timers in order. */
    wait(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers].filter(([, at]) => at <= until).sort((a, b) => a[1] - b[1])[0];
        if (!due) break;
        now = due[1];
        timers.delete(due[0]);
        run(machine.timerFired(due[0]));
      }
      now = until;
    },
    /** The pointer moves to (x, y) over `term` (or nothing), hit-tested in the same instant. */
    moveTo(term: string | null, x = 100, y = 100) {
      machine.pointerMoved(x, y, now);
      run(machine.termUnderPointer(term, now));
    },
    /** The pointer moves at (x, y), and the hit-test comes a frame later. */
    moveThenFrame(term: string | null, frameMs: number, x = 100, y = 100) {
      machine.pointerMoved(x, y, now);
      api.wait(frameMs);
      run(machine.termUnderPointer(term, now));
    },
    enterCard: () => run(machine.pointerInCard(true)),
    leaveCard: () => run(machine.pointerInCard(false)),
    escape: () => run(machine.escape()),
    pointerDown: (inCard: boolean) => run(machine.pointerDown(inCard)),
    showPinned: (term: string) => run(machine.showPinned(term)),
  };
  return api;
}

describe('the hover state machine', () => {
  it('opens a term’s card once the pointer has rested on it for the dwell, not before', () => {
    const h = hover();
    h.moveTo('inflammation');
    h.wait(DWELL_MS - 1);
    expect(h.card).toBeNull();
    h.wait(1);
    expect(h.card).toBe('inflammation');
    expect(h.focused).toBe(false);
  });

  it('counts the dwell from the pointer’s move, not from the frame that hit-tested it', () => {
    const h = hover();
    h.moveThenFrame('inflammation', 16);
    h.wait(DWELL_MS - 16 - 1);
    expect(h.card).toBeNull();
    h.wait(1);
    expect(h.card).toBe('inflammation');
  });

  it('never counts more than a bounded frame wait towards the dwell (another clock, a stalled frame)', () => {
    const h = hover();
    h.moveThenFrame('inflammation', 1000);
    h.wait(DWELL_MS - MAX_FRAME_WAIT_MS - 1);
    expect(h.card).toBeNull();
    h.wait(1);
    expect(h.card).toBe('inflammation');
  });

  it('opens nothing when the pointer drifts off the term before the dwell is over', () => {
    const h = hover();
    h.moveTo('inflammation');
    h.wait(DWELL_MS - 50);
    h.moveTo(null, 300, 100);
    h.wait(DWELL_MS * 3);
    expect(h.card).toBeNull();
  });

  it('starts the dwell again when the pointer travels along the term, but not for a small drift', () => {
    const h = hover();
    h.moveTo('connective tissue', 100, 100);
    h.wait(150);
    // A tremor within HOVER_DRIFT_PX: still resting.
    h.moveTo('connective tissue', 100 + HOVER_DRIFT_PX, 100);
    h.wait(DWELL_MS - 150);
    expect(h.card).toBe('connective tissue');

    const travelling = hover();
    travelling.moveTo('connective tissue', 100, 100);
    travelling.wait(150);
    travelling.moveTo('connective tissue', 100 + HOVER_DRIFT_PX + 1, 100);
    travelling.wait(DWELL_MS - 150);
    expect(travelling.card).toBeNull();
    travelling.wait(150);
    expect(travelling.card).toBe('connective tissue');
  });

  it('opens nothing for a term whose words left the page during the dwell', () => {
    const h = hover({ live: () => false });
    h.moveTo('inflammation');
    h.wait(DWELL_MS);
    expect(h.card).toBeNull();
  });

  it('keeps the card through the grace period while the pointer travels into it, and as long as it stays there', () => {
    const h = hover();
    h.moveTo('inflammation');
    h.wait(DWELL_MS);
    h.moveTo(null, 100, 130);
    h.wait(HIDE_GRACE_MS - 100);
    h.enterCard();
    h.wait(HIDE_GRACE_MS * 10);
    expect(h.card).toBe('inflammation');
    // Leaving the card (not onto the term) closes it after the grace period.
    h.leaveCard();
    h.wait(HIDE_GRACE_MS - 1);
    expect(h.card).toBe('inflammation');
    h.wait(1);
    expect(h.card).toBeNull();
  });

  it('closes the card the grace period after the pointer leaves the term for elsewhere, and keeps it if the pointer comes back', () => {
    const h = hover();
    h.moveTo('inflammation');
    h.wait(DWELL_MS);
    h.moveTo(null, 400, 400);
    h.wait(HIDE_GRACE_MS - 1);
    expect(h.card).toBe('inflammation');
    h.moveTo('inflammation');
    h.wait(HIDE_GRACE_MS * 2);
    expect(h.card).toBe('inflammation');
    h.moveTo(null, 400, 400);
    h.wait(HIDE_GRACE_MS);
    expect(h.card).toBeNull();
  });

  it('closes on Escape without the pointer moving, takes the key from the page, and stays closed while the pointer stays on that term', () => {
    const h = hover();
    h.moveTo('inflammation');
    h.wait(DWELL_MS);
    h.escape();
    expect(h.card).toBeNull();
    expect(h.keyConsumed).toBe(true);
    // Still resting on the same words: it does not come back.
    h.moveTo('inflammation', 101, 100);
    h.wait(DWELL_MS * 3);
    expect(h.card).toBeNull();
    // Off the term and back: the reader asks again.
    h.moveTo(null, 400, 400);
    h.moveTo('inflammation');
    h.wait(DWELL_MS);
    expect(h.card).toBe('inflammation');
  });

  it('leaves Escape to the page when no card is open', () => {
    const h = hover();
    h.escape();
    expect(h.keyConsumed).toBe(false);
  });

  it('pins a card opened from the keyboard: focused, kept when the pointer moves away, closed by Escape or a click elsewhere', () => {
    const h = hover();
    h.showPinned('sciatica');
    expect(h.card).toBe('sciatica');
    expect(h.focused).toBe(true);
    h.moveTo(null, 400, 400);
    h.moveTo('inflammation');
    h.wait(HIDE_GRACE_MS + DWELL_MS * 3);
    expect(h.card).toBe('sciatica');
    // A click in the card keeps it; one elsewhere closes it.
    h.pointerDown(true);
    expect(h.card).toBe('sciatica');
    h.pointerDown(false);
    expect(h.card).toBeNull();

    h.showPinned('sciatica');
    h.escape();
    expect(h.card).toBeNull();
    expect(h.keyConsumed).toBe(true);
  });

  it('a click elsewhere leaves a card opened by resting the pointer to the pointer', () => {
    const h = hover();
    h.moveTo('inflammation');
    h.wait(DWELL_MS);
    h.pointerDown(false);
    expect(h.card).toBe('inflammation');
  });
});
