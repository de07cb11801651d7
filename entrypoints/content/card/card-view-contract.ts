import type { Settings } from '@/common/settings';
import type { CardContent } from '@/components/TermCard';
import type { CardEntries } from './card-entries';

/**
 * What the content script (card-host.ts) and the card view (card-view.tsx, its own script,
 * card-view.js, injected on first need: card-view-loader.ts) agree on. Types and one name only:
 * both scripts import this file, and nothing of either may come with it.
 */

/**
 * Where the card view registers itself, in the content scripts' isolated world: a global there is
 * not the page's (Chromium's isolated world, Firefox's content-script sandbox), so no page sees it.
 */
export const CARD_VIEW_GLOBAL = '__plainTermsCardView';

/** What the card is placed against: a term's words or a selection. */
export interface CardAnchor {
  range: () => Range | null;
  /** For scroll listeners: the element the anchor's scroll containers are found from. */
  element: Element;
  /** The line of a multi-line anchor the card goes next to. */
  pointer?: { x: number; y: number };
}

export interface ShowOptions {
  /** Opened by a shortcut: keyboard focus moves into the card. */
  focus?: boolean;
  /**
   * Opened by touch: roomier tap targets, Back closes it, and it closes once its words leave the
   * screen (no pointer rests on them to say the reader is still there).
   */
  touch?: boolean;
}

/** What the view needs from the content script. */
export interface CardViewDeps {
  doc: Document;
  /** The card host's tag: this page load's (support/page-names.ts), which only the content script knows. */
  hostTag: string;
  /** The entries of related terms, asked of the background as needed. */
  entries: Pick<CardEntries, 'get' | 'isReady' | 'prepare'>;
  theme: Settings['theme'];
  /** The reader asked to add their own explanation of these words. */
  onAddOwn: (words: string) => void;
  /** A card opened by touch asks to close: its words left the screen, or the reader pressed Back. */
  onCloseRequest: () => void;
  /** The pointer entered (true) or left (false) the card: the hover's grace period. */
  onPointerInside: (inside: boolean) => void;
}

/** The card on screen: the view's side of card-host.ts. */
export interface CardView {
  readonly hostElement: HTMLElement | null;
  show(content: CardContent, anchor: CardAnchor, options: ShowOptions): void;
  hide(options: { restoreFocus?: boolean }): void;
  setTheme(theme: Settings['theme']): void;
  dispose(): void;
}

export type CardViewFactory = (deps: CardViewDeps) => CardView;
