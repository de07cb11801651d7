/**
 * When the content script's code began to run: imported first by index.ts, so this module is
 * evaluated before any other. Loading the rest (the browser API wrapper, tables, components)
 * costs the page too, and is counted in the `plain-terms:load` measure (benchmark build).
 */
export const SCRIPT_START = performance.now();
