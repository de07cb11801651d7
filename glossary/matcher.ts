import type { GlossaryEntry } from './schema';
import { isJoiningGap, type SurfaceKind, surfaceFormsOf, tokenize } from './tokenize';

/** One glossary term found in a text: `text.slice(start, end)` is the words as written. */
export interface TermMatch {
  start: number;
  end: number;
  entryId: string;
  /** How the words relate to the entry; the card names the entry when they are an alias. */
  kind: SurfaceKind;
}

interface Hit {
  entryId: string;
  kind: SurfaceKind;
}

interface TrieNode {
  next: Map<string, TrieNode> | null;
  /** A case-insensitive surface form ends here. */
  hit: Hit | null;
  /** Case-sensitive forms ending here, keyed by their exact words. */
  exact: Map<string, Hit> | null;
}

/**
 * A token trie over every surface form. Matching walks the text's words once and follows
 * the trie from each word, so its cost grows with the text, not with the glossary size
 * (the longest term, a handful of words, bounds the inner walk).
 */
export interface TermIndex {
  root: Map<string, TrieNode>;
  entries: ReadonlyMap<string, GlossaryEntry>;
}

export function buildIndex(entries: readonly GlossaryEntry[]): TermIndex {
  const root = new Map<string, TrieNode>();
  const byId = new Map<string, GlossaryEntry>();
  for (const entry of entries) {
    // Earlier entries win, for ids as for surface forms: callers list overrides first.
    if (byId.has(entry.id)) continue;
    byId.set(entry.id, entry);
    for (const { form, kind, caseSensitive } of surfaceFormsOf(entry)) {
      const lower = tokenize(form).keys;
      if (lower.length === 0) continue;
      let level = root;
      let end: TrieNode | undefined;
      lower.forEach((key, k) => {
        end = level.get(key);
        if (!end) {
          end = { next: null, hit: null, exact: null };
          level.set(key, end);
        }
        if (k < lower.length - 1) {
          end.next ??= new Map();
          level = end.next;
        }
      });
      if (!end) continue;
      const hit = { entryId: entry.id, kind };
      if (caseSensitive) {
        end.exact ??= new Map();
        const exactKey = tokenize(form, true).keys.join(' ');
        if (!end.exact.has(exactKey)) end.exact.set(exactKey, hit);
      } else if (!end.hit) {
        // First entry wins; validation reports the collision.
        end.hit = hit;
      }
    }
  }
  return { root, entries: byId };
}

/**
 * Finds glossary terms in `text`: whole words only, longest match first, never overlapping,
 * left to right.
 */
export function findTerms(index: TermIndex, text: string): TermMatch[] {
  const { starts, ends, keys } = tokenize(text);
  const matches: TermMatch[] = [];
  const count = keys.length;
  let i = 0;
  while (i < count) {
    let node = index.root.get(keys[i]!);
    if (!node) {
      i++;
      continue;
    }
    let best: Hit | null = null;
    let bestLast = i;
    let j = i;
    for (;;) {
      const hit = node.exact ? (exactHit(node.exact, text, starts, ends, i, j) ?? node.hit) : node.hit;
      if (hit) {
        best = hit;
        bestLast = j;
      }
      if (!node.next || j + 1 >= count) break;
      if (!isJoiningGap(text, ends[j]!, starts[j + 1]!)) break;
      const following: TrieNode | undefined = node.next.get(keys[j + 1]!);
      if (!following) break;
      node = following;
      j++;
    }
    if (best) {
      matches.push({ start: starts[i]!, end: ends[bestLast]!, entryId: best.entryId, kind: best.kind });
      i = bestLast + 1;
    } else {
      i++;
    }
  }
  return matches;
}

function exactHit(
  exact: Map<string, Hit>,
  text: string,
  starts: number[],
  ends: number[],
  first: number,
  last: number,
): Hit | undefined {
  const words: string[] = [];
  for (let k = first; k <= last; k++) words.push(text.slice(starts[k], ends[k]).replaceAll('\u2019', "'"));
  return exact.get(words.join(' '));
}
