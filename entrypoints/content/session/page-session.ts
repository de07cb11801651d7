import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { askBackground, type BackgroundMessage, contentListener, type PageInfo } from '@/common/messages';
import { DEFAULT_SETTINGS, type Settings } from '@/common/settings';
import { type SiteStatus, siteStatus } from '@/common/site-rules';
import { changeSettings } from '@/common/store';
import { CardEntries } from '../card/card-entries';
import { CardHost } from '../card/card-host';
import { explainSelection } from '../card/explain-selection';
import { createHighlightLayer, type HighlightLayer } from '../highlight/highlight';
import { TermRegistry } from '../match/found-terms';
import { type FindTerms, type FoundTerm, RunMatcher, termFinder } from '../match/match-run';
import { HoverController } from '../pointer/hover-controller';
import { TapController } from '../pointer/tap-controller';
import { PageScanner } from '../scan/page-scanner';
import { benchStopsAfter, measure } from '../support/bench-timing';
import { afterDelay, type CancelTimer } from '../support/context-timer';
import { BADGE_SETTLE_MS, REVEAL_EMPHASIS_MS } from '../support/timing';
import { onLocationChange } from './location-change';
import { bringIntoView, inViewOrBelow, nextOccurrence, stepFrom } from './navigate';
import { loadPageState } from './page-state';

/** Whether this script runs in the tab's top frame, the one the popup asks about the page. */
export const isTopFrame = window === window.top;

/**
 * Plain Terms on one page: follows the settings (on or off for this site, appearance, the
 * user's own terms) and runs or stops the flow, live, without a reload. It also answers the
 * popup and the keyboard shortcuts.
 */
export class PageSession {
  private settings: Settings = DEFAULT_SETTINGS;
  /** Whether the settings and own terms have been read once. */
  private loaded = false;
  private status: SiteStatus = { kind: 'unsupported' };
  private registry: TermRegistry | null = null;
  private scanner: PageScanner | null = null;
  private readonly highlights: HighlightLayer | null;
  private readonly card: CardHost;
  /** The entries cards show: own terms, and the bundled ones asked of the background as needed. */
  private readonly entries = new CardEntries((ids, withRelated) =>
    askBackground({ type: 'get-entries', ids, withRelated }),
  );
  private readonly hover: HoverController;
  private readonly tap: TapController;
  /** Finds terms in the page's text: asks the background, until the extension goes (match-run.ts). */
  private readonly findTerms: FindTerms;
  /** The term last reached from the keyboard or the popup, where the next step starts. */
  private lastVisited: FoundTerm | null = null;
  private badgeTimer: CancelTimer | null = null;
  /**
   * Settles once settings are loaded, so the popup never sees a page that hasn't decided yet.
   * Never rejects: when storage or the background fails, the page stays as it was, and the next
   * change tries again (a rejected `ready` once failed every later message).
   */
  private ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly doc: Document,
  ) {
    this.highlights = createHighlightLayer(doc);
    this.findTerms = termFinder(ctx);
    this.card = new CardHost({
      doc,
      entries: this.entries,
      onAddOwn: (words) => void send({ type: 'open-options', addTerm: words }),
      onCloseRequest: () => this.closeCard(),
    });
    const registry = () => this.registry;
    const shadowRoots = () => [...(this.scanner?.shadowRoots ?? [])];
    this.hover = new HoverController({
      ctx,
      doc,
      card: this.card,
      highlights: this.highlights,
      registry,
      dwellMs: () => this.settings.hoverDelayMs,
      shadowRoots,
    });
    this.tap = new TapController({
      ctx,
      doc,
      card: this.card,
      hover: this.hover,
      registry,
      shadowRoots,
      selectionCard: () =>
        this.status.kind === 'on'
          ? explainSelection(this.doc, this.findTerms, this.registry?.healthSettledOnPage ?? false, {
              wholeTermOnly: true,
            })
          : Promise.resolve(null),
    });
  }

  private closeCard(): void {
    this.hover.close();
    this.tap.forget();
  }

  async start(): Promise<void> {
    this.hover.start();
    this.tap.start();
    const onMessage = this.messageListener();
    browser.runtime.onMessage.addListener(onMessage);
    this.ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      this.halt();
      this.card.dispose();
      this.highlights?.dispose();
    });
    // A single-page app's next view: its card goes, with the entries cards kept (card-entries.ts),
    // and the per-site switch is asked again.
    onLocationChange(this.ctx, () => {
      this.closeCard();
      this.entries.releaseBundled();
      this.apply();
    });
    await this.reload(true);
  }

  /** Reads the settings and own terms again, and follows them. */
  private reload(userTermsChanged: boolean): Promise<void> {
    this.ready = this.load(userTermsChanged).catch(() => {
      // Storage or the background failed this time: nothing changes until the next change.
    });
    return this.ready;
  }

  private async load(userTermsChanged: boolean): Promise<void> {
    const previous = this.settings;
    const state = await loadPageState((userTerms) => void this.reload(userTerms));
    // Once the await is over, the rest runs in one go: the settings, then the scanner's start.
    const started = performance.now();
    const first = !this.loaded;
    this.loaded = true;
    this.settings = state.settings;
    if (first || userTermsChanged) this.entries.setOwnTerms(state.userTerms);
    if (this.ctx.isInvalid) return;
    const restart =
      userTermsChanged ||
      previous.firstOnly !== this.settings.firstOnly ||
      previous.allLanguages !== this.settings.allLanguages;
    this.apply(restart);
    if (first) measure('ready', started);
  }

  /** Runs or stops the flow for the current settings and URL. */
  private apply(restart = false): void {
    this.status = siteStatus(topLevelUrl(), this.settings);
    this.highlights?.setStyle(this.settings.underline);
    this.card.setTheme(this.settings.theme);
    if (this.status.kind !== 'on') {
      this.halt();
      this.reportTerms();
      return;
    }
    if (this.scanner && !restart) return;
    this.halt();
    if (benchStopsAfter('ready')) return;
    this.registry = new TermRegistry(this.highlights, this.settings.firstOnly);
    this.scanner = new PageScanner({
      ctx: this.ctx,
      doc: this.doc,
      matcher: new RunMatcher(this.findTerms, this.settings.allLanguages),
      registry: this.registry,
      ownHost: () => this.card.hostElement,
      onSettled: () => this.scheduleBadge(),
      onShadowRoot: (root) => this.highlights?.adoptInto(root),
      restyled: () => this.highlights?.restyled() ?? null,
    });
    this.scanner.start();
  }

  private halt(): void {
    this.scanner?.stop();
    this.registry?.forgetAll();
    this.scanner = null;
    this.registry = null;
    this.lastVisited = null;
    this.closeCard();
  }

  /** What the popup and the background ask of the page, each answered once settings are loaded. */
  private messageListener() {
    const isOn = () => this.status.kind !== 'unsupported';
    return contentListener({
      'get-page-info': async () => {
        await this.ready;
        return isTopFrame ? this.pageInfo() : undefined;
      },
      'reveal-term': async ({ entryId }) => {
        await this.ready;
        if (isTopFrame) this.reveal(entryId);
        return undefined;
      },
      'step-term': async ({ direction }) => {
        await this.ready;
        if (isTopFrame) this.step(direction);
        return undefined;
      },
      'explain-selection': async () => {
        await this.ready;
        await this.explainSelection();
        return undefined;
      },
      'state-changed': async ({ userTerms }) => {
        await this.ready;
        await this.reload(userTerms);
        return undefined;
      },
      'toggle-site': async () => {
        await this.ready;
        if (isTopFrame && isOn()) {
          await changeSettings({ change: 'switch-site', url: topLevelUrl(), on: this.status.kind !== 'on' });
        }
        return undefined;
      },
    });
  }

  /** The popup names the terms and orders them (it has every entry's name; the page has ids). */
  private pageInfo(): PageInfo {
    const counts = this.registry?.countsByEntry() ?? new Map<string, number>();
    const terms = [...counts].map(([entryId, count]) => ({ entryId, count }));
    return { url: topLevelUrl(), status: this.status, terms };
  }

  private reveal(entryId: string): void {
    const term = nextOccurrence(this.registry?.allTerms() ?? [], entryId, this.lastVisited);
    if (!term) return;
    this.lastVisited = term;
    this.hover.close();
    bringIntoView(term);
    this.highlights?.setActive(term.range);
    afterDelay(this.ctx, REVEAL_EMPHASIS_MS, () => {
      if (!this.card.isOpen) this.highlights?.setActive(null);
    });
  }

  private step(direction: 1 | -1): void {
    const terms = this.registry?.allTerms() ?? [];
    const from = this.hover.current ?? this.lastVisited;
    const term = stepFrom(terms, from && terms.includes(from) ? from : null, direction, inViewOrBelow);
    if (!term) return;
    this.lastVisited = term;
    bringIntoView(term);
    this.hover.showPinned(term);
  }

  private async explainSelection(): Promise<void> {
    const explained = await explainSelection(this.doc, this.findTerms, this.registry?.healthSettledOnPage ?? false);
    if (!explained || this.ctx.isInvalid) return;
    this.hover.close();
    this.hover.pinExternal();
    this.card.show(explained.request, explained.anchor, { focus: true });
  }

  private scheduleBadge(): void {
    if (!isTopFrame || this.badgeTimer !== null) return;
    this.badgeTimer = afterDelay(this.ctx, BADGE_SETTLE_MS, () => {
      this.badgeTimer = null;
      this.reportTerms();
    });
  }

  private reportTerms(): void {
    if (!isTopFrame) return;
    const distinct = this.registry?.countsByEntry().size ?? 0;
    void send({ type: 'page-terms', distinct, off: this.status.kind !== 'on' });
  }
}

/** The site a frame belongs to is its tab's: a frame inside a switched-off site stays off. */
function topLevelUrl(): string {
  try {
    if (window.top?.location.href) return window.top.location.href;
  } catch {
    // A cross-origin parent: its URL is hidden from us.
  }
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return `${ancestors[ancestors.length - 1]}/`;
  return document.referrer || location.href;
}

function send(message: BackgroundMessage): Promise<unknown> {
  // The background may be restarting (extension reloaded); a lost badge update is harmless.
  return browser.runtime.sendMessage(message).catch(() => undefined);
}
