import type { Settings } from '@/common/settings';
import { measure } from '../support/bench-timing';
import { PAGE_NAMES, randomInt } from '../support/page-names';
import { UNDERLINE_EVERY_MS } from '../support/timing';
import { MAX_SCOPES, namesATag, scopeOf, textParentsOf } from './rule-scope';

/**
 * Step 3 of the flow: underline found terms with the CSS Custom Highlight API. The browser
 * paints the ranges; the page's DOM is never touched, which keeps React and similar pages safe.
 * The page can see the highlights and the sheet that styles them (the API has no private ones):
 * their names are this page load's own (see page-names.ts), and so are the colours' last digits.
 */
const TERMS = PAGE_NAMES.terms;
/** The term whose card is open, tinted so the reader sees what the card explains. */
const ACTIVE = PAGE_NAMES.active;

type Rgb = readonly [number, number, number];

/**
 * The underline's colour, by how dark the page is: each stays at least 3:1 against the
 * backgrounds it is used on (WCAG's contrast for UI), from white to #ddd for the dark teal and
 * from black to #555 for the light one, nudged by up to `MAX_NUDGE` per channel either way.
 */
export const UNDERLINE_COLOURS: Record<'light' | 'dark', Rgb> = { light: [0, 110, 140], dark: [100, 205, 230] };
export const MAX_NUDGE = 8;

/**
 * This page load's nudge to every colour: a sheet's text must not be the same on every page,
 * or a page could recognise it (as it could the highlights' names), and ±8 of 255 is not a
 * difference a reader sees.
 */
const NUDGE: Rgb = import.meta.env.WXT_BENCH
  ? [0, 0, 0]
  : [randomInt(-MAX_NUDGE, MAX_NUDGE), randomInt(-MAX_NUDGE, MAX_NUDGE), randomInt(-MAX_NUDGE, MAX_NUDGE)];

export function nudged(colour: Rgb, nudge: Rgb = NUDGE, alpha?: number): string {
  const [r, g, b] = colour.map((c, i) => Math.min(255, Math.max(0, c + nudge[i]!)));
  return `rgb(${r} ${g} ${b}${alpha === undefined ? '' : ` / ${alpha}`})`;
}

/**
 * Whether the page is dark: its body's (or root's) background colour, as the browser computed
 * it. A transparent page shows the canvas, which is dark only under a dark-only colour scheme.
 */
function pageIsDark(doc: Document): boolean {
  const view = doc.defaultView;
  if (!view) return false;
  for (const element of [doc.body, doc.documentElement]) {
    if (!element) continue;
    const channels = view
      .getComputedStyle(element)
      .backgroundColor.match(/[\d.]+/g)
      ?.map(Number);
    if (!channels || channels.length < 3 || channels[3] === 0) continue;
    const [r, g, b] = channels.map((c) => c / 255) as [number, number, number];
    // Relative luminance, near enough: dark below the middle grey's.
    return 0.2126 * r ** 2.2 + 0.7152 * g ** 2.2 + 0.0722 * b ** 2.2 < 0.18;
  }
  return view.getComputedStyle(doc.documentElement).colorScheme.trim() === 'dark';
}

/** How terms are marked, per the "Underline style" setting. */
const TERM_STYLES: Record<UnderlineStyle, (colour: string) => string> = {
  dotted: (colour) => `text-decoration: underline dotted ${colour}; text-decoration-thickness: 1.5px;`,
  background: () => `background-color: ${nudged([0, 150, 190], NUDGE, 0.14)};`,
  none: () => '',
};

/**
 * The sheet's rules for the elements `scopes` name (rule-scope.ts), or for every element (null):
 * one for the terms, one for the term whose card is open.
 */
function highlightRules(style: UnderlineStyle, dark: boolean, scopes: readonly string[] | null): string[] {
  if (scopes?.length === 0) return [];
  const colour = nudged(UNDERLINE_COLOURS[dark ? 'dark' : 'light']);
  const on = (name: string) =>
    scopes ? scopes.map((scope) => `${scope}::highlight(${name})`).join(', ') : `::highlight(${name})`;
  return [
    `${on(TERMS)} { ${TERM_STYLES[style](colour)} }`,
    `${on(ACTIVE)} {
  background-color: ${nudged([0, 140, 180], NUDGE, 0.22)};
  text-decoration: underline solid ${colour};
}`,
  ];
}

type UnderlineStyle = Settings['underline'];

export interface HighlightLayer {
  setStyle(style: UnderlineStyle): void;
  /** ::highlight() rules only reach a shadow tree from its own style sheets. */
  adoptInto(root: ShadowRoot): void;
  add(range: AbstractRange): void;
  delete(range: AbstractRange): void;
  setActive(range: AbstractRange | null): void;
  /**
   * While rules that restyle many elements wait for a frame of their own, a promise of that frame
   * (the scan waits for it, so none of its slices lands in the same frame); else null.
   */
  restyled(): Promise<void> | null;
  /** Removes our highlights and style from the page (extension disabled or reloaded). */
  dispose(): void;
}

/** Null where the browser has no Highlight API: terms are still explained on hover. */
export function createHighlightLayer(doc: Document, style: UnderlineStyle = 'dotted'): HighlightLayer | null {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight === 'undefined') return null;
  const terms = new Highlight();
  const active = new Highlight();
  active.priority = 1;
  // Each highlight is registered with its first range, and the sheet made with the first term:
  // on a page without terms, or where Plain Terms is off, the page finds nothing of ours.
  // (Nor is anything an earlier copy left looked for by name: a page could plant that name and
  // watch it go. Firefox gives an updated add-on's old scripts no chance to clean up; their
  // underlines stay until the page reloads.)
  const registered = new Set<Highlight>();
  const register = (name: string, highlight: Highlight) => {
    if (registered.has(highlight)) return;
    registered.add(highlight);
    CSS.highlights.set(name, highlight);
  };
  let shown = style;
  const shadowRoots = new Set<ShadowRoot>();
  // The elements the rules name (rule-scope.ts), and those not in the sheet yet; null once
  // there are too many: every element.
  let scopes: Set<string> | null = new Set<string>();
  let newScopes: string[] = [];
  const parentsNamed = new WeakSet<Element>();
  const nameParentsOf = (range: AbstractRange) => {
    if (!scopes) return;
    for (const parent of textParentsOf(range)) {
      if (parentsNamed.has(parent)) continue;
      parentsNamed.add(parent);
      const scope = scopeOf(parent);
      if (scopes.has(scope)) continue;
      scopes.add(scope);
      newScopes.push(scope);
      if (scopes.size > MAX_SCOPES) {
        scopes = null;
        return;
      }
    }
  };
  const sheetText = (dark: boolean) => highlightRules(shown, dark, scopes && [...scopes]).join('\n');
  // The sheet, and whether the page is dark, wait for the first term: most pages have none.
  let styled: { sheet: CSSStyleSheet; dark: boolean } | null = null;
  /**
   * Makes the sheet, or adds rules for elements that hold terms now and didn't: added, not
   * rewritten, so that the browser restyles only what the new rules name.
   */
  const updateSheet = (): void => {
    const added = newScopes;
    newScopes = [];
    if (styled) {
      if (added.length === 0) return;
      if (!scopes) styled.sheet.replaceSync(sheetText(styled.dark));
      else
        for (const rule of highlightRules(shown, styled.dark, added))
          styled.sheet.insertRule(rule, styled.sheet.cssRules.length);
      return;
    }
    // An adopted sheet is not a DOM node, so the page's markup stays byte-for-byte the same.
    const sheet = new CSSStyleSheet();
    const dark = pageIsDark(doc);
    sheet.replaceSync(sheetText(dark));
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    for (const root of shadowRoots) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    styled = { sheet, dark };
  };

  // A rule that names a tag, or every element, restyles every element it can match: the thousands
  // of classless links on a wiki page took 46 ms of style in Chromium, and a slice of the scan in
  // the same frame made it 52. Such rules get a frame of their own: the ranges go in this frame,
  // the rules in the next, and the scan waits until then (`restyled`). A hidden tab draws no
  // frames, so there the scan stops waiting: there is no frame for a slice to share.
  let broadRestyle: { frame: number; release: () => void } | null = null;
  let scanHold: Promise<void> | null = null;
  const restylesBroadly = () => newScopes.length > 0 && (!scopes || newScopes.some(namesATag));
  const restyleInFrameOfItsOwn = () => {
    if (broadRestyle) return;
    let release = () => {};
    scanHold = new Promise<void>((resolve) => {
      release = () => {
        scanHold = null;
        doc.removeEventListener('visibilitychange', release);
        resolve();
      };
    });
    doc.addEventListener('visibilitychange', release);
    const frame = requestAnimationFrame(() => {
      broadRestyle = null;
      const started = performance.now();
      updateSheet();
      measure('underline', started);
      release();
    });
    broadRestyle = { frame, release };
  };

  // Ranges found, and the sheet, are handed to the browser just before the next frame. Firefox
  // brings the page's style and layout up to date on the first range added after the page (or
  // our new sheet) changed them: 22 ms in one step on a saved news page. Before a frame it was
  // about to do that anyway. A hidden page paints no frames: there ranges are added at once, and
  // the sheet waits until it shows.
  //
  // And at most once every `UNDERLINE_EVERY_MS`: each handover costs the page a style pass and a
  // repaint over the underlines, and in Firefox, where the scan's slices wait for idle periods,
  // a frame came between every two slices. Gathering the later slices' ranges took 9 ms of
  // renderer CPU off Firefox's median page in one run with and without it (8 pages × 3 runs,
  // 63.6 → 54.2 ms); waiting for idle still costs 7–9 ms more than not waiting (docs/performance.md).
  const pending = new Set<AbstractRange>();
  let frame: number | null = null;
  /** The wait before the next handover's frame is asked for, while one came less than `UNDERLINE_EVERY_MS` ago. */
  let gathering: ReturnType<typeof setTimeout> | null = null;
  let lastHandover = Number.NEGATIVE_INFINITY;
  let sheetFrame: number | null = null;
  const underlineInFrame = () => {
    frame = null;
    const started = performance.now();
    lastHandover = started;
    for (const range of pending) {
      terms.add(range);
      nameParentsOf(range);
    }
    pending.clear();
    register(TERMS, terms);
    if (restylesBroadly()) restyleInFrameOfItsOwn();
    else updateSheet();
    measure('underline', started);
  };

  return {
    setStyle(next) {
      if (next === shown) return;
      shown = next;
      styled?.sheet.replaceSync(sheetText(styled.dark));
    },
    adoptInto(root) {
      if (styled && !root.adoptedStyleSheets.includes(styled.sheet))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, styled.sheet];
      shadowRoots.add(root);
    },
    add(range) {
      if (frame === null && gathering === null) {
        if (doc.visibilityState === 'hidden') {
          terms.add(range);
          nameParentsOf(range);
          register(TERMS, terms);
          sheetFrame ??= requestAnimationFrame(() => {
            sheetFrame = null;
            updateSheet();
          });
          return;
        }
        const wait = lastHandover + UNDERLINE_EVERY_MS - performance.now();
        if (wait <= 0) frame = requestAnimationFrame(underlineInFrame);
        else
          gathering = setTimeout(() => {
            gathering = null;
            frame = requestAnimationFrame(underlineInFrame);
          }, wait);
      }
      pending.add(range);
    },
    delete(range) {
      if (!pending.delete(range)) terms.delete(range);
    },
    setActive(range) {
      active.clear();
      if (!range) return;
      nameParentsOf(range);
      updateSheet();
      active.add(range);
      register(ACTIVE, active);
    },
    restyled() {
      return scanHold;
    },
    dispose() {
      if (frame !== null) cancelAnimationFrame(frame);
      if (gathering !== null) clearTimeout(gathering);
      if (broadRestyle) {
        cancelAnimationFrame(broadRestyle.frame);
        broadRestyle.release();
        broadRestyle = null;
      }
      if (sheetFrame !== null) cancelAnimationFrame(sheetFrame);
      pending.clear();
      if (CSS.highlights.get(TERMS) === terms) CSS.highlights.delete(TERMS);
      if (CSS.highlights.get(ACTIVE) === active) CSS.highlights.delete(ACTIVE);
      if (!styled) return;
      const { sheet } = styled;
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      for (const root of shadowRoots) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    },
  };
}
