/** Every delay the reader can feel, in one place. */

/** How long the pointer must rest on a term before its card opens: long enough that sweeping across text opens nothing. */
export const HOVER_DWELL_MS = 200;

/** How far (px) the pointer may drift while resting before the dwell starts again. */
export const HOVER_DRIFT_PX = 6;

/** How long a card stays after the pointer leaves the term and the card, so the pointer can travel into it (WCAG 1.4.13 hoverable). */
export const HIDE_GRACE_MS = 300;

/** How long page changes are gathered before the changed parts are re-read. */
export const MUTATION_SETTLE_MS = 100;

/** Main-thread time one scan step may take before it yields to the page. */
export const SCAN_SLICE_MS = 8;
