import { measure } from './bench-timing';

/**
 * For the page benchmark only (`WXT_BENCH=1` builds, never the product): the least a content
 * script can pay to read a page — one TreeWalker pass over its text nodes from this script's own
 * world, where Firefox reaches every node through a security wrapper. Recorded as the
 * `plain-terms:floor` measure, in a page load of its own so that neither pass warms the other.
 */
export function measureFloor(doc: Document): void {
  const start = performance.now();
  let chars = 0;
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += (node as Text).data.length;
  measure('floor', start, { chars });
}
