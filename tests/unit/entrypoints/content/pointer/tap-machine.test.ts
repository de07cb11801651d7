import { describe, expect, it } from 'vitest';
import { type InputKind, TapMachine, type TapTarget } from '@/entrypoints/content/pointer/tap-machine';
import { CLICK_AFTER_TAP_MS, TAP_MAX_MS, TAP_SLOP_PX } from '@/entrypoints/content/support/timing';

const TERM: TapTarget<string> = { kind: 'term', term: 'inflammation' };
const OTHER: TapTarget<string> = { kind: 'other' };
const CONTROL: TapTarget<string> = { kind: 'control' };
const CARD: TapTarget<string> = { kind: 'card' };
const START = { x: 100, y: 200 };

/**
 * Plays one input's gesture into the machine as a browser delivers it: pointerdown, moves,
 * pointerup (or cancel), then the click the browser makes of it, if it makes one.
 */
function gesture(
  machine: TapMachine<string>,
  kind: InputKind,
  {
    at = START,
    to = at,
    t = 1000,
    heldMs = 80,
    cancelled = false,
    click = true,
    clickAfterMs = 5,
    target = TERM,
    cardOpen = false,
    id = 1,
  }: {
    at?: { x: number; y: number };
    to?: { x: number; y: number };
    t?: number;
    heldMs?: number;
    cancelled?: boolean;
    click?: boolean;
    clickAfterMs?: number;
    target?: TapTarget<string>;
    cardOpen?: boolean;
    id?: number;
  } = {},
) {
  const commands = [machine.pointerDown({ id, kind, ...at, t })];
  commands.push(machine.pointerMove({ id, kind, ...to, t: t + heldMs / 2 }));
  const up = t + heldMs;
  commands.push(cancelled ? machine.pointerCancel({ id }) : machine.pointerUp({ id, kind, ...to, t: up }));
  if (click) commands.push(machine.click({ kind, ...to, t: up + clickAfterMs }, target, cardOpen));
  return commands.filter((command) => command.kind !== 'nothing');
}

describe('the input state machine: touch and mouse side by side', () => {
  it('a tap on a term opens its card; the same click from a mouse does nothing (the mouse has hover)', () => {
    expect(gesture(new TapMachine(), 'touch')).toEqual([{ kind: 'open', term: 'inflammation' }]);
    expect(gesture(new TapMachine(), 'pen')).toEqual([{ kind: 'open', term: 'inflammation' }]);
    expect(gesture(new TapMachine(), 'mouse')).toEqual([]);
  });

  it('a tap elsewhere closes an open card and leaves the click to the page; with no card, nothing', () => {
    expect(gesture(new TapMachine(), 'touch', { target: OTHER, cardOpen: true })).toEqual([{ kind: 'close' }]);
    expect(gesture(new TapMachine(), 'touch', { target: OTHER, cardOpen: false })).toEqual([]);
    // A mouse click elsewhere is hover.ts's to handle (it closes pinned cards on pointerdown).
    expect(gesture(new TapMachine(), 'mouse', { target: OTHER, cardOpen: true })).toEqual([]);
  });

  it('a tap on a link or control is the page’s: it closes the card at most', () => {
    expect(gesture(new TapMachine(), 'touch', { target: CONTROL })).toEqual([]);
    expect(gesture(new TapMachine(), 'touch', { target: CONTROL, cardOpen: true })).toEqual([{ kind: 'close' }]);
  });

  it('a tap inside the card is the card’s (its related terms, its source)', () => {
    expect(gesture(new TapMachine(), 'touch', { target: CARD, cardOpen: true })).toEqual([]);
  });

  it('a tap on another term moves the card there', () => {
    const machine = new TapMachine<string>();
    expect(gesture(machine, 'touch')).toEqual([{ kind: 'open', term: 'inflammation' }]);
    expect(gesture(machine, 'touch', { t: 3000, target: { kind: 'term', term: 'swelling' }, cardOpen: true })).toEqual([
      { kind: 'open', term: 'swelling' },
    ]);
  });

  it('a swipe starting on a term opens nothing, whether the browser cancels the pointer or not', () => {
    // Chromium cancels the pointer when it starts scrolling, and sends no click.
    expect(gesture(new TapMachine(), 'touch', { to: { x: 100, y: 80 }, cancelled: true, click: false })).toEqual([]);
    // Were a click to come after a finger travelled, it is still no tap.
    const moved = gesture(new TapMachine(), 'touch', { to: { x: 100, y: 200 - TAP_SLOP_PX - 1 } });
    expect(moved.filter((command) => command.kind === 'open')).toEqual([]);
  });

  it('a long press is the browser’s (its selection and menu), even if a click follows', () => {
    const commands = gesture(new TapMachine(), 'touch', { heldMs: TAP_MAX_MS + 1 });
    expect(commands.filter((command) => command.kind === 'open')).toEqual([]);
  });

  it('a pinch (a second finger) is never a tap', () => {
    const machine = new TapMachine<string>();
    machine.pointerDown({ id: 1, kind: 'touch', x: 100, y: 200, t: 0 });
    machine.pointerDown({ id: 2, kind: 'touch', x: 160, y: 260, t: 10 });
    machine.pointerUp({ id: 2, kind: 'touch', x: 160, y: 260, t: 60 });
    machine.pointerUp({ id: 1, kind: 'touch', x: 100, y: 200, t: 70 });
    expect(machine.click({ kind: 'touch', x: 100, y: 200, t: 75 }, TERM, false)).toEqual({ kind: 'nothing' });
  });

  it('a click long after the finger lifted, or far from it, is not that tap’s', () => {
    expect(gesture(new TapMachine(), 'touch', { clickAfterMs: CLICK_AFTER_TAP_MS + 1 })).toEqual([]);
    const machine = new TapMachine<string>();
    machine.pointerDown({ id: 1, kind: 'touch', x: 100, y: 200, t: 0 });
    machine.pointerUp({ id: 1, kind: 'touch', x: 100, y: 200, t: 50 });
    expect(machine.click({ kind: 'touch', x: 300, y: 200, t: 60 }, TERM, false).kind).toBe('nothing');
  });

  it('a double tap that zooms sends no click, so opens nothing; a click from the keyboard or a script neither', () => {
    const machine = new TapMachine<string>();
    gesture(machine, 'touch', { click: false });
    gesture(machine, 'touch', { t: 1200, click: false });
    expect(machine.click({ kind: '', x: 100, y: 200, t: 1300 }, TERM, false)).toEqual({ kind: 'nothing' });
  });

  it('one click per tap: a second click without a new touch does nothing', () => {
    const machine = new TapMachine<string>();
    expect(gesture(machine, 'touch')).toHaveLength(1);
    expect(machine.click({ kind: 'touch', x: 100, y: 200, t: 1090 }, TERM, true)).toEqual({ kind: 'nothing' });
  });

  it('a selection made by touch is explained once it settles, never while a finger still adjusts it', () => {
    const machine = new TapMachine<string>();
    machine.pointerDown({ id: 1, kind: 'touch', x: 100, y: 200, t: 0 });
    expect(machine.selectionSettled()).toEqual({ kind: 'nothing' });
    // The long press ends: the finger lifting settles the selection it made.
    expect(machine.pointerUp({ id: 1, kind: 'touch', x: 100, y: 200, t: 900 })).toEqual({ kind: 'explain-selection' });
    expect(machine.selectionSettled()).toEqual({ kind: 'explain-selection' });
  });

  it('a selection made with the mouse or the keyboard is not explained unasked (desktop: the shortcut or menu)', () => {
    const machine = new TapMachine<string>();
    gesture(machine, 'mouse', { click: false });
    expect(machine.selectionSettled()).toEqual({ kind: 'nothing' });
    gesture(machine, 'touch', { click: false });
    machine.keyDown();
    expect(machine.selectionSettled()).toEqual({ kind: 'nothing' });
  });

  it('mouse, pen and touch together: each gesture is judged by the input that made it', () => {
    const machine = new TapMachine<string>();
    expect(gesture(machine, 'touch', { t: 0 })).toEqual([{ kind: 'open', term: 'inflammation' }]);
    expect(gesture(machine, 'mouse', { t: 1000, target: OTHER, cardOpen: true })).toEqual([]);
    expect(gesture(machine, 'pen', { t: 2000, id: 7, target: OTHER, cardOpen: true })).toEqual([{ kind: 'close' }]);
    // A mouse press while a finger is down does not make the finger's touch a pinch.
    machine.pointerDown({ id: 1, kind: 'touch', x: 100, y: 200, t: 3000 });
    machine.pointerDown({ id: 2, kind: 'mouse', x: 500, y: 500, t: 3010 });
    machine.pointerUp({ id: 1, kind: 'touch', x: 100, y: 200, t: 3050 });
    expect(machine.click({ kind: 'touch', x: 100, y: 200, t: 3055 }, TERM, false).kind).toBe('open');
  });
});
