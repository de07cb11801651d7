import { hasText, isSkipped } from '../scan/elements';

/**
 * Calls `start` once this frame has text a term could be in: at once, or when the page adds some.
 * The top frame always starts (the popup asks it about the page). Until then a frame costs the
 * page one mutation observer: an ad slot or a blank frame a script fills later never touches the
 * extension API, which in Firefox alone costs a frame 20–40 ms the first time, nor reads the
 * page's text.
 */
export function whenFrameHasText(doc: Document, isTopFrame: boolean, start: (atOnce: boolean) => void): void {
  const root = doc.body ?? doc.documentElement;
  if (isTopFrame || (root && holdsText(root))) {
    start(true);
    return;
  }
  const observer = new MutationObserver((records) => {
    if (!records.some(broughtText)) return;
    observer.disconnect();
    start(false);
  });
  observer.observe(doc, { childList: true, characterData: true, subtree: true });
}

/** Only what changed is looked at, so a frame that keeps adding empty elements stays cheap. */
function broughtText(record: MutationRecord): boolean {
  if (record.type === 'characterData') return holdsText(record.target);
  for (const node of record.addedNodes) if (holdsText(node)) return true;
  return false;
}

/** Whether `node` is, or holds, text that isn't blank and isn't code (a script's or a style's). */
function holdsText(node: Node): boolean {
  if (node.nodeType === Node.TEXT_NODE) return readable(node as Text);
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const walker = node.ownerDocument!.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) if (readable(text as Text)) return true;
  return false;
}

function readable(text: Text): boolean {
  const parent = text.parentElement;
  return hasText(text.data) && !(parent && isSkipped(parent, null));
}
