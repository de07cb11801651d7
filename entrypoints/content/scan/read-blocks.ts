import { INLINE_TAG, isInline, lastDescendant, openShadowRoot, skipTestUnder, tagKind } from './elements';

/**
 * Every block element in `root`'s subtree (with `root` itself), in document order, leaving out
 * skipped subtrees. Each block's own text is then read by `readBlock`, so a scan can stop
 * between blocks and resume without holding a walker across page changes.
 */
export function findBlocks(
  root: Element,
  ownHost: Element | null,
  /** Told of each element on the way that hosts an open shadow root (a web component). */
  onShadowHost: (element: Element) => void = () => {},
): Element[] {
  const blocks: Element[] = isInline(root) ? [] : [root];
  if (root.shadowRoot) onShadowHost(root);
  // No filter callback and no attribute reads per element: in Firefox each is a call across a
  // security wrapper (see PageReader).
  const isSkipped = skipTestUnder(root, ownHost);
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node as Element;
    const kind = tagKind(element.tagName);
    if (isSkipped(element, kind)) {
      walker.currentNode = lastDescendant(element);
      continue;
    }
    if (openShadowRoot(element, kind)) onShadowHost(element);
    if ((kind & INLINE_TAG) === 0) blocks.push(element);
  }
  return blocks;
}

/** Every block in a tree: the page's (from an element) or a web component's (a shadow root). */
export function blocksIn(
  root: Element | ShadowRoot,
  ownHost: Element | null,
  onShadowHost?: (element: Element) => void,
): Element[] {
  return root instanceof ShadowRoot
    ? [...root.children].flatMap((element) => findBlocks(element, ownHost, onShadowHost))
    : findBlocks(root, ownHost, onShadowHost);
}
