import { CLICK_AFTER_TAP_MS, TAP_MAX_MS, TAP_SLOP_PX } from '../support/timing';

/**
 * Which input a pointer event came from (Pointer Events' `pointerType`): '' for a click the
 * keyboard or a script made.
 */
export type InputKind = 'mouse' | 'pen' | 'touch' | '';

/** One pointer event, as the decision needs it: which pointer, where (CSS px) and when (ms, event time). */
export interface PointerSample {
  id: number;
  kind: InputKind | string;
  x: number;
  y: number;
  t: number;
}

/** What lies under a click, as the controller found it. */
export type TapTarget<T> =
  | { kind: 'card' }
  /** A link or a control: the tap is the page's, as always. */
  | { kind: 'control' }
  | { kind: 'term'; term: T }
  /** Anything else: text that is not a term, an image, the page's margin. */
  | { kind: 'other' };

/** What the controller is told to do. */
export type TapCommand<T> =
  /** Open the card on this term (or move it there); the click that did it stops here. */
  | { kind: 'open'; term: T }
  /** Close the card; the click goes on to the page as it always would. */
  | { kind: 'close' }
  /** The reader selected words by touch: explain them if they name a term. */
  | { kind: 'explain-selection' }
  | { kind: 'nothing' };

const NOTHING = { kind: 'nothing' } as const;

interface Contact {
  kind: string;
  x: number;
  y: number;
  t: number;
  /** The farthest it strayed from where it went down. */
  travelled: number;
  /** Another finger came down meanwhile (a pinch): never a tap. */
  multi: boolean;
}

/** A finished touch that could be a tap, waiting for the browser's click. */
interface Tap {
  x: number;
  y: number;
  /** When the finger lifted. */
  t: number;
  clean: boolean;
}

/**
 * The touch (and pen) side of input, as a pure state machine: pointer events and clicks with
 * their times go in, commands come out. The mouse is hover.ts's, and gets nothing here.
 *
 * A tap opens a card on the browser's own word for it: the `click` that follows a touch. The
 * browser sends none for a swipe (it scrolls and cancels the pointer), a pinch, a long press
 * (its selection and menu) or a double tap that zooms, so those stay the browser's, and nothing
 * is ever prevented but the one click that opened a card. The pointer events only confirm the
 * click was a short, still, one-finger touch, in case a browser makes clicks of more.
 */
export class TapMachine<T> {
  private readonly contacts = new Map<number, Contact>();
  private lastTap: Tap | null = null;
  /** The input that last went down (or the keyboard): a selection made by touch is explained. */
  private lastInput: InputKind | 'keyboard' = '';

  pointerDown({ id, kind, x, y, t }: PointerSample): TapCommand<T> {
    this.lastInput = kind === 'touch' || kind === 'pen' ? kind : 'mouse';
    if (!isTouchLike(kind)) return NOTHING;
    const multi = this.contacts.size > 0;
    for (const other of this.contacts.values()) other.multi = true;
    this.contacts.set(id, { kind, x, y, t, travelled: 0, multi });
    this.lastTap = null;
    return NOTHING;
  }

  pointerMove({ id, x, y }: PointerSample): TapCommand<T> {
    const contact = this.contacts.get(id);
    if (contact) contact.travelled = Math.max(contact.travelled, Math.hypot(x - contact.x, y - contact.y));
    return NOTHING;
  }

  pointerUp(sample: PointerSample): TapCommand<T> {
    const contact = this.contacts.get(sample.id);
    if (!contact) return NOTHING;
    this.pointerMove(sample);
    this.contacts.delete(sample.id);
    const clean = !contact.multi && contact.travelled <= TAP_SLOP_PX && sample.t - contact.t <= TAP_MAX_MS;
    this.lastTap = { x: sample.x, y: sample.y, t: sample.t, clean };
    // A finger lifted after a selection by touch: the selection is settled now.
    return this.contacts.size === 0 && !clean ? { kind: 'explain-selection' } : NOTHING;
  }

  /** The browser took the touch over (a scroll, a zoom, its own menu). */
  pointerCancel({ id }: Pick<PointerSample, 'id'>): TapCommand<T> {
    this.contacts.delete(id);
    this.lastTap = null;
    return NOTHING;
  }

  /** A key went down: a selection made from now on is the keyboard's, not explained unasked. */
  keyDown(): TapCommand<T> {
    this.lastInput = 'keyboard';
    return NOTHING;
  }

  /**
   * A trusted click. `cardOpen`: whether a card is showing now (whatever opened it).
   */
  click({ kind, x, y, t }: Omit<PointerSample, 'id'>, target: TapTarget<T>, cardOpen: boolean): TapCommand<T> {
    const tap = this.lastTap;
    this.lastTap = null;
    // The mouse has hover; a click from the keyboard or a script is no tap.
    if (!isTouchLike(kind)) return NOTHING;
    const fromTap = !!tap?.clean && t - tap.t <= CLICK_AFTER_TAP_MS && Math.hypot(x - tap.x, y - tap.y) <= TAP_SLOP_PX;
    if (!fromTap) return NOTHING;
    switch (target.kind) {
      case 'card':
        return NOTHING;
      case 'term':
        return { kind: 'open', term: target.term };
      case 'control':
      case 'other':
        return cardOpen ? { kind: 'close' } : NOTHING;
    }
  }

  /**
   * The page's selection stopped changing. Explained when touch made it and no finger is still
   * adjusting it (the controller asks again when the finger lifts).
   */
  selectionSettled(): TapCommand<T> {
    if (!isTouchLike(this.lastInput) || this.contacts.size > 0) return NOTHING;
    return { kind: 'explain-selection' };
  }
}

function isTouchLike(kind: string): boolean {
  return kind === 'touch' || kind === 'pen';
}
