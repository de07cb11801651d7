import { askBackground } from '@/common/messages';
import { measure } from '../support/bench-timing';
import { CARD_VIEW_GLOBAL, type CardViewFactory } from './card-view-contract';

let loading: Promise<CardViewFactory | null> | null = null;

/**
 * The card view (card-view.js), loaded into this frame's isolated world the first time a card is
 * about to show. Only the background can run an extension file in a page (`scripting`), so it is
 * asked, once per frame; the script then registers itself under `CARD_VIEW_GLOBAL`, which is
 * read once the background says it ran. Null when it could not be loaded (the background didn't
 * answer, or the frame went away): the next card asks again.
 */
export function loadCardView(): Promise<CardViewFactory | null> {
  const registered = registeredView();
  if (registered) return Promise.resolve(registered);
  const started = performance.now();
  loading ??= askBackground({ type: 'load-card-view' }).then(() => {
    const view = registeredView();
    // In the benchmark build: what loading the view cost, and that it was loaded (lazy-card.test.ts).
    if (view) measure('card-view', started);
    else loading = null;
    return view;
  });
  return loading;
}

function registeredView(): CardViewFactory | null {
  const view = (globalThis as Record<string, unknown>)[CARD_VIEW_GLOBAL];
  return typeof view === 'function' ? (view as CardViewFactory) : null;
}
