import { render } from 'preact';
import type { Settings } from '@/common/settings';
import { type CardContent, TermCard } from '@/components/TermCard';
import cardCss from '@/components/term-card.css?inline';
import type { GlossaryEntry } from '@/glossary/schema';
import { CARD_ROOT_MODE } from '../support/page-names';
import { CardTrail } from './card-trail';
import type { CardAnchor, CardView, CardViewDeps, ShowOptions } from './card-view-contract';
import { isOutOfSight, lineOf, placeCard, type Rect } from './place-card';

/**
 * The card on screen: Preact inside a closed shadow root so page styles can't reach it, shown as a
 * top-layer popover so no z-index or overflow can hide it, and placed by place-card.ts. Its own
 * script (card-view.js, entrypoints/card-view.ts), loaded into a page only when its first card is
 * about to show (card-view-loader.ts): most pages never show one, and this is two fifths of what
 * the content script was. The content script's side is card-host.ts.
 */

/**
 * Page rules like `html > * { display: none !important }` must not hide the card: an important
 * `:host` rule wins over the page's important rules (the inner context wins for those), and,
 * unlike a style attribute, the page can't read it.
 */
const HOST_CSS = ':host { display: block !important; position: static !important; }';

/** `CloseWatcher` (Chromium 126; Firefox ESR 153 has it too): Android's Back, and Escape, as one request to close. */
interface CloseWatcherLike {
  onclose: (() => void) | null;
  destroy(): void;
}
type CloseWatcherConstructor = new () => CloseWatcherLike;

const noop = () => {};

/** Makes the card view (what card-view.js registers). */
export function createCardView(deps: CardViewDeps): CardView {
  return new TermCardView(deps);
}

class TermCardView implements CardView {
  /**
   * The one element Plain Terms adds to a page, and only once a card is first about to show: a tag of this
   * page load's own (see page-names.ts), no attributes, and a closed shadow root.
   */
  private host: HTMLElement | null = null;
  private card: HTMLElement | null = null;
  private stopFollowing: (() => void) | null = null;
  private readonly trail = new CardTrail<GlossaryEntry>();
  private readonly doc: Document;
  private content: CardContent | null = null;
  /** Where focus was before a keyboard-opened card took it, to give it back on Escape. */
  private returnFocusTo: HTMLElement | null = null;
  private theme: Settings['theme'];
  private closeWatcher: CloseWatcherLike | null = null;
  /** The card's CSS zoom: 1 but on a zoomed-out page opened by touch. */
  private zoom = 1;

  constructor(private readonly deps: CardViewDeps) {
    this.doc = deps.doc;
    this.theme = deps.theme;
  }

  get hostElement(): HTMLElement | null {
    return this.host;
  }

  setTheme(theme: Settings['theme']): void {
    this.theme = theme;
    if (this.card) this.card.dataset.theme = theme;
  }

  prepare(content: CardContent): void {
    // Only while no card is open: an open one keeps what it shows.
    if (this.content) return;
    this.renderInto(this.ensureCard(), content, undefined, noop, noop);
  }

  /** Shows the card; with `focus`, moves keyboard focus into it (opened by a shortcut). */
  show(content: CardContent, anchor: CardAnchor, { focus = false, touch = false }: ShowOptions): void {
    const card = this.ensureCard();
    this.content = content;
    this.trail.start(content.kind === 'entry' ? content.entry : null);
    if (touch) card.dataset.input = 'touch';
    else delete card.dataset.input;
    // A page laid out wider than the phone (no mobile viewport) is shown zoomed out, and the card
    // with it: enlarged by the same factor, its text reads at the size it would on a phone page.
    const screen = this.doc.defaultView?.visualViewport;
    const zoomedOut = touch && screen ? screen.scale : 1;
    this.zoom = zoomedOut < 0.95 ? Math.min(1 / zoomedOut, 4) : 1;
    card.style.zoom = this.zoom === 1 ? '' : String(this.zoom);
    // Its own pixels are then the screen's: as wide as the screen less 8 px a side, at most.
    card.style.maxWidth = this.zoom === 1 || !screen ? '' : `${Math.min(352, screen.width * screen.scale - 16)}px`;
    this.renderCard();
    if (!card.matches(':popover-open')) card.showPopover();
    this.follow(anchor, touch);
    this.watchForClose(touch);
    if (focus) {
      const active = this.doc.activeElement;
      if (active instanceof HTMLElement && active !== this.host) this.returnFocusTo = active;
      card.focus({ preventScroll: true });
    }
  }

  hide({ restoreFocus = false }: { restoreFocus?: boolean }): void {
    this.stopFollowing?.();
    this.stopFollowing = null;
    this.watchForClose(false);
    const hadFocus = this.host !== null && this.doc.activeElement === this.host;
    this.content = null;
    this.trail.start(null);
    if (this.card?.matches(':popover-open')) this.card.hidePopover();
    if (this.card) render(null, this.card);
    if ((restoreFocus || hadFocus) && this.returnFocusTo?.isConnected)
      this.returnFocusTo.focus({ preventScroll: true });
    this.returnFocusTo = null;
  }

  dispose(): void {
    this.hide({});
    this.host?.remove();
    this.host = null;
    this.card = null;
  }

  private renderCard(): void {
    const content = this.content;
    if (!content || !this.card) return;
    const related = this.trail.shown;
    const shown: CardContent = content.kind === 'entry' && related ? { kind: 'entry', entry: related } : content;
    this.renderInto(
      this.card,
      shown,
      this.trail.previous,
      (id) => {
        const related = this.deps.entries.get(id);
        if (!related) return;
        this.trail.open(related);
        this.renderCard();
        // Its own related terms' names may still have to be asked for: shown once they come.
        if (!this.deps.entries.isReady(id))
          void this.deps.entries.prepare(id).then(() => {
            if (this.trail.shown === related) this.renderCard();
          });
      },
      () => {
        this.trail.back();
        this.renderCard();
        // Its related terms' names may have been let go meanwhile (the page keeps the last few
        // cards' entries: card-entries.ts): shown once they are back.
        const back = this.trail.shown ?? (content.kind === 'entry' ? content.entry : null);
        if (back && !this.deps.entries.isReady(back.id))
          void this.deps.entries.prepare(back.id).then(() => {
            if (this.content === content) this.renderCard();
          });
      },
    );
  }

  /** Renders `shown` into the card, with the names of its related entries the page has. */
  private renderInto(
    card: HTMLElement,
    shown: CardContent,
    previous: GlossaryEntry | undefined,
    onOpenRelated: (id: string) => void,
    onBack: () => void,
  ): void {
    const relatedIds = shown.kind === 'entry' ? (shown.entry.related ?? []) : [];
    render(
      <TermCard
        content={shown}
        previous={previous}
        relatedEntries={relatedIds.flatMap((id) => this.deps.entries.get(id) ?? [])}
        onOpenRelated={onOpenRelated}
        onBack={onBack}
        onAddOwn={this.deps.onAddOwn}
      />,
      card,
    );
  }

  private ensureCard(): HTMLElement {
    if (this.host && this.card) {
      // Put the host back if the page dropped it, and inside a fullscreen element while there
      // is one: the browser paints nothing outside it, popovers included.
      const parent = this.doc.fullscreenElement ?? this.doc.documentElement;
      if (this.host.parentNode !== parent) parent.append(this.host);
      return this.card;
    }
    const host = this.doc.createElement(this.deps.hostTag);
    const shadow = host.attachShadow({ mode: CARD_ROOT_MODE });
    adoptStyles(shadow, `${cardCss}\n${HOST_CSS}`);
    const card = this.doc.createElement('div');
    card.className = 'card';
    card.dataset.theme = this.theme;
    card.tabIndex = -1;
    card.setAttribute('popover', 'manual');
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-labelledby', 'plain-terms-title');
    card.setAttribute('aria-describedby', 'plain-terms-description');
    card.addEventListener('pointerenter', () => this.deps.onPointerInside(true));
    card.addEventListener('pointerleave', () => this.deps.onPointerInside(false));
    shadow.append(card);
    (this.doc.fullscreenElement ?? this.doc.documentElement).append(host);
    this.host = host;
    this.card = card;
    return card;
  }

  /**
   * Android's Back (and Escape) closes a card opened by touch, through a CloseWatcher where the
   * browser has one. Never through the page's history: an entry pushed there is the page's to see.
   */
  private watchForClose(on: boolean): void {
    this.closeWatcher?.destroy();
    this.closeWatcher = null;
    const Watcher = (globalThis as { CloseWatcher?: CloseWatcherConstructor }).CloseWatcher;
    if (!on || !Watcher) return;
    try {
      const watcher = new Watcher();
      watcher.onclose = () => {
        if (this.closeWatcher === watcher) this.closeWatcher = null;
        this.deps.onCloseRequest();
      };
      this.closeWatcher = watcher;
    } catch {
      // Refused (a frame not shown, say): Escape and a tap outside still close the card.
    }
  }

  /** Places the card next to its anchor (place-card.ts), and again whenever either may have moved (`watchLayout`). */
  private follow(anchor: CardAnchor, closeWhenHidden = false): void {
    this.stopFollowing?.();
    const card = this.card;
    const win = this.doc.defaultView;
    if (!card || !win || !anchor.range()) return;
    // A touch card closes once its words are out of sight, scrolled out of a panel too.
    const clips = closeWhenHidden ? clippingAncestors(anchor.element) : [];
    const place = () => {
      const range = anchor.range();
      const words = range && (lineOf([...range.getClientRects()], anchor.pointer) ?? range.getBoundingClientRect());
      if (!words) return;
      const visible = visibleArea(win);
      // Scrolled off the screen: a card opened by touch goes with its words.
      if (closeWhenHidden) {
        const clipped = clips.map((clip) => clip.getBoundingClientRect());
        if (isOutOfSight(words, visible, clipped)) {
          this.deps.onCloseRequest();
          return;
        }
      }
      const box = card.getBoundingClientRect();
      // Its whole height, on screen, with what a height limit set before cuts off (the card's own
      // lengths, converted by its zoom).
      const cutOff =
        card.offsetHeight > 0 ? ((card.scrollHeight - card.clientHeight) * box.height) / card.offsetHeight : 0;
      const placed = placeCard(words, { width: box.width, height: box.height + cutOff }, visible, this.zoom);
      // A zoomed element's own lengths are zoomed too.
      setPixels(card, 'max-height', Math.floor(placed.maxHeight / this.zoom));
      setPixels(card, 'left', placed.x / this.zoom);
      setPixels(card, 'top', placed.y / this.zoom);
    };
    place();
    this.stopFollowing = watchLayout(win, [card, anchor.element], place);
  }
}

/**
 * Calls `onChange` (at most once a frame) after anything that may have moved or resized `elements`:
 * a scroll anywhere, the window or its visible part resized, or `elements` or the page resized (most
 * layout shifts, an image loading above the words, say, resize the page). Returns the stop.
 */
function watchLayout(win: Window, elements: Element[], onChange: () => void): () => void {
  let frame = 0;
  const soon = () => {
    frame ||= win.requestAnimationFrame(() => {
      frame = 0;
      onChange();
    });
  };
  const listening = { capture: true, passive: true };
  const screen = win.visualViewport;
  win.document.addEventListener('scroll', soon, listening);
  win.addEventListener('resize', soon, listening);
  screen?.addEventListener('resize', soon, listening);
  screen?.addEventListener('scroll', soon, listening);
  const resized = new ResizeObserver(soon);
  for (const element of [...elements, win.document.documentElement]) resized.observe(element);
  return () => {
    if (frame) win.cancelAnimationFrame(frame);
    frame = 0;
    win.document.removeEventListener('scroll', soon, listening);
    win.removeEventListener('resize', soon, listening);
    screen?.removeEventListener('resize', soon, listening);
    screen?.removeEventListener('scroll', soon, listening);
    resized.disconnect();
  };
}

/** The elements around `element` that cut off what overflows them (scrolling panels, clipped boxes), out through shadow roots. */
function clippingAncestors(element: Element): Element[] {
  const clips: Element[] = [];
  const root = element.ownerDocument.documentElement;
  const view = element.ownerDocument.defaultView;
  const clipsItself = (style: CSSStyleDeclaration | undefined) =>
    style !== undefined &&
    style.display !== 'contents' &&
    (style.overflowX !== 'visible' || style.overflowY !== 'visible');
  // The body's overflow is the window's when the root's is visible: it then clips nothing itself.
  const bodyIsWindow = !clipsItself(view?.getComputedStyle(root));
  for (let at = element.parentElement ?? hostOf(element); at && at !== root; at = at.parentElement ?? hostOf(at)) {
    if (at === element.ownerDocument.body && bodyIsWindow) continue;
    if (clipsItself(view?.getComputedStyle(at))) clips.push(at);
  }
  return clips;
}

function hostOf(element: Element): Element | null {
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The part of the window on screen, in client coordinates: a pinch-zoomed phone shows less than the layout. */
function visibleArea(win: Window): Rect {
  const screen = win.visualViewport;
  if (screen) return { left: screen.offsetLeft, top: screen.offsetTop, width: screen.width, height: screen.height };
  const root = win.document.documentElement;
  return { left: 0, top: 0, width: root.clientWidth, height: root.clientHeight };
}

/**
 * Sets a length in pixels. Where the browser has typed CSS values (Chromium), as a number: turning
 * a few hundred different numbers into text grows V8's number-to-text caches to their full size,
 * 0.1 MB kept for the whole tab (docs/performance.md, "Memory in every tab").
 */
function setPixels(element: HTMLElement, property: 'left' | 'top' | 'max-height', value: number): void {
  const typed = (element as { attributeStyleMap?: { set(property: string, value: unknown): void } }).attributeStyleMap;
  const px = (globalThis.CSS as { px?: (value: number) => unknown } | undefined)?.px;
  if (typed && px) typed.set(property, px(value));
  else element.style.setProperty(property, `${value}px`);
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
