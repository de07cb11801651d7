/**
 * Following the page's changes: which parts of the page a batch of mutation records asks to be
 * read again. The records come from a MutationObserver (`OBSERVE`), batched by change-batch.ts.
 */
import { blockOf, hasText, isInline, isSkipped } from './elements';

export const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  // Attributes that can hide text from us or bring it back.
  attributeFilter: ['hidden', 'aria-hidden', 'contenteditable'],
};

/** What a batch of changes asks to be read again. */
export interface PageChanges {
  /** Blocks whose own runs of text may have changed: each is read again. */
  blocks: Set<Element>;
  /** Elements added, or shown or hidden: every block under each is read again (or forgotten). */
  roots: Set<Element>;
  /** Whether anything left the page: what was found in it must be forgotten. */
  removed: boolean;
}

/** The parts of the page to read again after `batches` of mutation records, leaving out our card's host. */
export function changedParts(batches: MutationRecord[][], host: Element | null): PageChanges {
  const changes: PageChanges = { blocks: new Set(), roots: new Set(), removed: false };
  for (const records of batches) for (const record of records) noteRecord(record, host, changes);
  return changes;
}

function noteRecord(record: MutationRecord, host: Element | null, changes: PageChanges): void {
  const target = record.target;
  if (host && (target === host || host.contains(target))) return;
  if (record.type === 'characterData') {
    const block = blockOf(target);
    if (block) changes.blocks.add(block);
  } else if (record.type === 'childList') {
    // Our card's host coming or going (it moves into a fullscreen element and back) changes
    // no text of the page.
    if (host && isOnly(record.addedNodes, host) && isOnly(record.removedNodes, host)) return;
    for (const node of record.addedNodes) {
      if (node !== host && node.nodeType === Node.ELEMENT_NODE) changes.roots.add(node as Element);
    }
    if (record.removedNodes.length > 0) changes.removed = true;
    if (leavesOwnRunsAlone(record, host)) return;
    const block = blockOf(target);
    if (block) changes.blocks.add(block);
  } else {
    // hidden / aria-hidden / contenteditable changed: the element's whole subtree may
    // have appeared or gone, and so may inline text around it.
    changes.roots.add(target as Element);
    const block = blockOf(target);
    if (block) changes.blocks.add(block);
  }
}

/**
 * Whether a change to a block's children leaves the block's own runs of text as they were: only
 * whole blocks were added, and nothing that reads as text sits next to them. Then only the new
 * blocks need reading, not their parent (in a feed, a parent of thousands). Removals always
 * re-read the parent: the text on either side of what left may now join.
 */
export function leavesOwnRunsAlone(change: MutationRecord, ownHost: Element | null): boolean {
  const parent = change.target;
  if (parent.nodeType !== Node.ELEMENT_NODE || isInline(parent as Element)) return false;
  if (change.removedNodes.length > 0) return false;
  for (const node of change.addedNodes) {
    if (node.nodeType !== Node.ELEMENT_NODE) return false;
    const element = node as Element;
    if (!isSkipped(element, ownHost) && isInline(element)) return false;
    // Where it stands now, which is what the parent's next read would see.
    if (element.parentNode !== parent) continue;
    if (!breaksRunAt(element.previousSibling, 'previousSibling', ownHost)) return false;
    if (!breaksRunAt(element.nextSibling, 'nextSibling', ownHost)) return false;
  }
  return true;
}

/** Whether a run of text ends at `node` going this way: at a block, a skipped element or the end, past blank text and comments. */
function breaksRunAt(node: Node | null, way: 'previousSibling' | 'nextSibling', ownHost: Element | null): boolean {
  for (let current = node; current; current = current[way]) {
    if (current.nodeType === Node.COMMENT_NODE) continue;
    if (current.nodeType === Node.TEXT_NODE) {
      if (hasText((current as Text).data)) return false;
      continue;
    }
    if (current.nodeType !== Node.ELEMENT_NODE) return false;
    return isSkipped(current as Element, ownHost) || !isInline(current as Element);
  }
  return true;
}

/** Whether every node in the list (if any) is `node`. */
function isOnly(nodes: NodeList, node: Node): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i] !== node) return false;
  return true;
}
