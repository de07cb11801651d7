import { createCardView } from './content/card/card-view';
import { CARD_VIEW_GLOBAL } from './content/card/card-view-contract';

/**
 * The card view's own script (card-view.js): not in the manifest, nor web-accessible; the
 * background runs it in a frame, in the content script's isolated world, when the content script
 * first needs a card there (entrypoints/content/card/card-view-loader.ts). It only registers the
 * view; the content script makes and drives it (card-host.ts).
 */
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[CARD_VIEW_GLOBAL] = createCardView;
});
