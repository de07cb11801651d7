// First, on its own: modules are evaluated in import order, and the clock starts before the others.
import './support/script-start';
import { whenFrameHasText } from './session/frame-text';
import { isTopFrame, PageSession } from './session/page-session';
import { measureFloor } from './support/bench-floor';
import { benchStopsAfter, measure } from './support/bench-timing';
import { yieldToIdle } from './support/context-timer';
import { SCRIPT_START } from './support/script-start';
import { IDLE_WAIT_MS } from './support/timing';

/**
 * The content script is wiring only. The flow, one folder per stage (see the README):
 * scan/ (read the page's text in runs, follow its changes) → match/ (the terms in each run, kept
 * per block) → highlight/ (underline them) … pointer/ (hover and tap: which term, and when) →
 * card/ (the explanation). session/page-session.ts runs or stops that flow as the settings say.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  // WXT would otherwise postMessage every page "a content script started": a tell-tale for
  // fingerprinting and noise for pages' own message listeners (its event: see wxt.config.ts).
  noScriptStartedPostMessage: true,
  main(ctx) {
    if (import.meta.env.WXT_BENCH && location.hash === '#plain-terms-floor') {
      measureFloor(document);
      return;
    }
    // A frame without text (an ad slot) waits until it has some: see frame-text.ts.
    whenFrameHasText(document, isTopFrame, (atOnce) => {
      const started = atOnce ? SCRIPT_START : performance.now();
      // The first touch of the extension API, where Firefox sets it up for this frame.
      if (ctx.isInvalid) return;
      // What loading our code (and the API) cost the page, for the benchmark.
      measure('load', started);
      if (benchStopsAfter('load')) return;
      // Starting waits for the page's next turn (in Firefox, for it to be idle: `yieldToIdle`): in
      // a fresh Firefox tab, setting up the extension API can take 40 ms, and starting up in the
      // same task would add 15 more.
      void yieldToIdle(ctx, { timeoutMs: IDLE_WAIT_MS }).then(() => {
        if (ctx.isInvalid) return;
        const started = performance.now();
        void new PageSession(ctx, document).start();
        measure('start', started);
      });
    });
  },
});
