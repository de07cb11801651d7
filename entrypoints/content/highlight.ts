import type { Settings } from '@/common/settings';

/**
 * Step 3 of the flow: underline found terms with the CSS Custom Highlight API. The browser
 * paints the ranges; the page's DOM is never touched, which keeps React and similar pages safe.
 */
const TERMS = 'plain-terms';
/** The term whose card is open, tinted so the reader sees what the card explains. */
const ACTIVE = 'plain-terms-active';

/**
 * The underline's colour, by how dark the page is: each stays at least 3:1 against the
 * backgrounds it is used on (WCAG's contrast for UI), from white to #ddd for the dark teal and
 * from black to #555 for the light one.
 */
const UNDERLINE_COLOURS = { light: 'rgb(0 110 140)', dark: 'rgb(100 205 230)' };

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
  background: () => 'background-color: rgb(0 150 190 / 0.14);',
  none: () => '',
};

function highlightCss(style: UnderlineStyle, dark: boolean): string {
  const colour = UNDERLINE_COLOURS[dark ? 'dark' : 'light'];
  return `
::highlight(${TERMS}) { ${TERM_STYLES[style](colour)} }
::highlight(${ACTIVE}) {
  background-color: rgb(0 140 180 / 0.22);
  text-decoration: underline solid ${colour};
}
`;
}

type UnderlineStyle = Settings['underline'];

export interface HighlightLayer {
  setStyle(style: UnderlineStyle): void;
  /** ::highlight() rules only reach a shadow tree from its own style sheets. */
  adoptInto(root: ShadowRoot): void;
  add(range: AbstractRange): void;
  delete(range: AbstractRange): void;
  setActive(range: AbstractRange | null): void;
  /** Removes our highlights and style from the page (extension disabled or reloaded). */
  dispose(): void;
}

function isOurSheet(sheet: CSSStyleSheet): boolean {
  try {
    return (sheet.cssRules[0] as CSSStyleRule | undefined)?.selectorText === `::highlight(${TERMS})`;
  } catch {
    return false;
  }
}

/** Null where the browser has no Highlight API: terms are still explained on hover. */
export function createHighlightLayer(doc: Document, style: UnderlineStyle = 'dotted'): HighlightLayer | null {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight === 'undefined') return null;
  const terms = new Highlight();
  const active = new Highlight();
  active.priority = 1;
  CSS.highlights.set(TERMS, terms);
  CSS.highlights.set(ACTIVE, active);

  // Without the sheet of an earlier version of Plain Terms, if one is left (see card-host.tsx).
  if (doc.adoptedStyleSheets.some(isOurSheet))
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => !isOurSheet(s));
  let shown = style;
  const shadowRoots = new Set<ShadowRoot>();
  // The sheet, and whether the page is dark, wait for the first term: most pages have none.
  let styled: { sheet: CSSStyleSheet; dark: boolean } | null = null;
  const ensureSheet = (): CSSStyleSheet => {
    if (styled) return styled.sheet;
    // An adopted sheet is not a DOM node, so the page's markup stays byte-for-byte the same.
    const sheet = new CSSStyleSheet();
    const dark = pageIsDark(doc);
    sheet.replaceSync(highlightCss(shown, dark));
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    for (const root of shadowRoots) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    styled = { sheet, dark };
    return sheet;
  };

  // Ranges found, and the sheet, are handed to the browser just before the next frame. Firefox
  // brings the page's style and layout up to date on the first range added after the page (or
  // our new sheet) changed them: 22 ms in one step on a saved news page. Before a frame it was
  // about to do that anyway. A hidden page paints no frames: there ranges are added at once, and
  // the sheet waits until it shows.
  const pending = new Set<AbstractRange>();
  let frame: number | null = null;
  let sheetFrame: number | null = null;
  const underlineInFrame = () => {
    frame = null;
    const started = performance.now();
    for (const range of pending) terms.add(range);
    pending.clear();
    ensureSheet();
    performance.measure('plain-terms:underline', { start: started, end: performance.now() });
  };

  return {
    setStyle(next) {
      if (next === shown) return;
      shown = next;
      styled?.sheet.replaceSync(highlightCss(next, styled.dark));
    },
    adoptInto(root) {
      if (styled && !root.adoptedStyleSheets.includes(styled.sheet))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, styled.sheet];
      shadowRoots.add(root);
    },
    add(range) {
      if (frame === null) {
        if (doc.visibilityState === 'hidden') {
          terms.add(range);
          sheetFrame ??= styled
            ? null
            : requestAnimationFrame(() => {
                sheetFrame = null;
                ensureSheet();
              });
          return;
        }
        frame = requestAnimationFrame(underlineInFrame);
      }
      pending.add(range);
    },
    delete(range) {
      if (!pending.delete(range)) terms.delete(range);
    },
    setActive(range) {
      active.clear();
      if (!range) return;
      ensureSheet();
      active.add(range);
    },
    dispose() {
      if (frame !== null) cancelAnimationFrame(frame);
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
