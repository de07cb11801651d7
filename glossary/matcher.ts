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

/**
 * A surface form already split into the words the index keys it by: `[entryId, kind, words,
 * exactWords?]`, words joined by spaces (lowercased; `exactWords` keeps the case of an
 * abbreviation). The bundled glossary's forms are prepared at build time, so a page pays
 * only for putting them in the trie.
 */
export type PreparedForm = [entryId: string, kind: SurfaceKind, words: string, exactWords?: string];

export function prepareForms(entries: readonly GlossaryEntry[]): PreparedForm[] {
  return entries.flatMap((entry) =>
    surfaceFormsOf(entry).flatMap(({ form, kind, caseSensitive }): PreparedForm[] => {
      const words = tokenize(form).keys.join(' ');
      if (!words) return [];
      return caseSensitive ? [[entry.id, kind, words, tokenize(form, true).keys.join(' ')]] : [[entry.id, kind, words]];
    }),
  );
}

export function buildIndex(entries: readonly GlossaryEntry[]): TermIndex {
  return indexFromPrepared([{ entries, forms: prepareForms(entries) }]);
}

/** Entries with their prepared forms: one source of terms (the user's own, the bundled glossary). */
export interface PreparedGlossary {
  entries: readonly GlossaryEntry[];
  forms: readonly PreparedForm[];
}

/**
 * The trie for several glossaries from their prepared forms. Earlier glossaries win: an entry
 * whose id an earlier one took is overridden whole, and a surface form goes to its first
 * claimant (callers list the user's own terms first; validation reports collisions within one).
 */
export function indexFromPrepared(glossaries: readonly PreparedGlossary[]): TermIndex {
  const root = new Map<string, TrieNode>();
  const byId = new Map<string, GlossaryEntry>();
  for (const { entries, forms } of glossaries) {
    const taken = new Set<string>();
    for (const entry of entries) {
      if (byId.has(entry.id)) taken.add(entry.id);
      else byId.set(entry.id, entry);
    }
    for (const [entryId, kind, words, exactWords] of forms) {
      if (taken.has(entryId) || !byId.has(entryId)) continue;
      const keys = words.split(' ');
      let level = root;
      let end: TrieNode | undefined;
      for (let k = 0; k < keys.length; k++) {
        end = level.get(keys[k]!);
        if (!end) {
          end = { next: null, hit: null, exact: null };
          level.set(keys[k]!, end);
        }
        if (k < keys.length - 1) {
          end.next ??= new Map();
          level = end.next;
        }
      }
      if (!end) continue;
      const hit = { entryId, kind };
      if (exactWords !== undefined) {
        end.exact ??= new Map();
        if (!end.exact.has(exactWords)) end.exact.set(exactWords, hit);
      } else {
        end.hit ??= hit;
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
