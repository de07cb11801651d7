/** Every delay the reader can feel, in one place. */

// How long the pointer rests on a term before its card opens is a setting ("Hover delay",
// default 200 ms in common/settings.ts): long enough that sweeping across text opens nothing.

/** How far (px) the pointer may drift while resting before the dwell starts again. */
export const HOVER_DRIFT_PX = 6;

/** How long a card stays after the pointer leaves the term and the card, so the pointer can travel into it (WCAG 1.4.13 hoverable). */
export const HIDE_GRACE_MS = 300;

/** How long the page must pause changing before the changed parts are re-read. */
export const MUTATION_SETTLE_MS = 100;

/** The longest a change waits to be read while the page keeps changing (a feed streaming in). */
export const MUTATION_MAX_WAIT_MS = 400;

/** Main-thread time one scan step may take before it yields to the page. */
export const SCAN_SLICE_MS = 8;

/**
 * The shortest slice the scan reads in an idle period that ends sooner than `SCAN_SLICE_MS`
 * (see `yieldToIdle`): a reader's few runs, so the scan always moves on.
 */
export const SCAN_IDLE_SLICE_MIN_MS = 2;

/** How long our start and each scan slice wait for the page to be idle before they run anyway (Firefox; `yieldToIdle`). */
export const IDLE_WAIT_MS = 200;

/** The least time between two handovers of found terms' underlines to the browser (highlight.ts). */
export const UNDERLINE_EVERY_MS = 100;

/** How long a term chosen in the popup stays emphasised after the page scrolls to it. */
export const REVEAL_EMPHASIS_MS = 1500;

/**
 * After the background could not answer for a card's entry (it is restarting), how long the page
 * waits before asking again: the hit-test finds a term every frame the pointer moves over it.
 */
export const ENTRIES_RETRY_MS = 1000;

/**
 * After the background could not find a read's terms (it is starting or restarting), the waits
 * before each of the page's next asks; after the last, the read keeps no terms until a change.
 */
export const FIND_RETRY_MS = [250, 1000, 4000];

/** How long after the page's terms change the toolbar badge is updated. */
export const BADGE_SETTLE_MS = 300;

// Touch (tap.ts). A tap is the browser's `click` after a short, still touch; these only confirm it.

/** How far (CSS px) a finger may stray and still tap: beyond it, the touch is a swipe. */
export const TAP_SLOP_PX = 10;

/** The longest touch that is still a tap: longer is a long press, the browser's (selection, menu). */
export const TAP_MAX_MS = 500;

/** The longest a tap's click may follow the finger lifting (browsers wait ~300 ms to rule out a double tap). */
export const CLICK_AFTER_TAP_MS = 800;

/** How long a selection made by touch must stop changing before it is explained (the reader may still drag its handles). */
export const SELECTION_SETTLE_MS = 400;
