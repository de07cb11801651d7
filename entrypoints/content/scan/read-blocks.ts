import { isInline, isSkipped } from './elements';

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
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, {
    acceptNode(node) {
      const element = node as Element;
      if (isSkipped(element, ownHost)) return NodeFilter.FILTER_REJECT;
      if (element.shadowRoot) onShadowHost(element);
      return isInline(element) ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) blocks.push(node as Element);
  return blocks;
}

/** Every block in a tree: the page's (from an element) or a web component's (a shadow root). */
export function blocksIn(root: Element | ShadowRoot, ownHost: Element | null): Element[] {
  return root instanceof ShadowRoot
    ? [...root.children].flatMap((element) => findBlocks(element, ownHost))
    : findBlocks(root, ownHost);
}
