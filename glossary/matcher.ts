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

type Hit = [entryId: string, kind: SurfaceKind];

/**
 * A node of the token trie, as plain JSON-able objects: the bundled glossary's trie is built
 * at build time and arrives through `JSON.parse`, which is native and far cheaper on every page
 * than building the trie in (cold) script.
 */
export interface TrieNode {
  /** Children, keyed by the next word (lowercased). */
  n?: Record<string, TrieNode>;
  /** A case-insensitive surface form ends here. */
  h?: Hit;
  /** Case-sensitive forms ending here, keyed by their exact words joined by spaces. */
  x?: Record<string, Hit>;
}

/**
 * A token trie over every surface form. Matching walks the text's words once and follows
 * the trie from each word, so its cost grows with the text, not with the glossary size
 * (the longest term, a handful of words, bounds the inner walk).
 */
export interface TermIndex {
  root: TrieNode;
  entries: ReadonlyMap<string, GlossaryEntry>;
}

/**
 * Own properties only: text words like "constructor" or "__proto__" must not find what every
 * object inherits. (JSON.parse makes "__proto__" an own property, which shadows the inherited one.)
 */
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  if (!record) return undefined;
  const value = record[key];
  return typeof value === 'object' && value !== null && value !== Object.prototype ? value : undefined;
}

function addForm(root: TrieNode, words: string[], hit: Hit, exactWords?: string): void {
  let node = root;
  for (const word of words) {
    node.n ??= {};
    let child = own(node.n, word);
    if (!child) {
      child = {};
      // defineProperty: a word "__proto__" must become an own key, not set the prototype.
      Object.defineProperty(node.n, word, { value: child, enumerable: true, writable: true, configurable: true });
    }
    node = child;
  }
  if (exactWords !== undefined) {
    node.x ??= {};
    if (!own(node.x, exactWords))
      Object.defineProperty(node.x, exactWords, { value: hit, enumerable: true, writable: true, configurable: true });
  } else {
    // First claimant wins; validation reports collisions within one glossary.
    node.h ??= hit;
  }
}

/** Removes the hits of `entryId` along the paths of its forms (an entry overridden by the user). */
function removeForms(root: TrieNode, entry: GlossaryEntry): void {
  for (const { form, caseSensitive } of surfaceFormsOf(entry)) {
    let node: TrieNode | undefined = root;
    for (const word of tokenize(form).keys) node = own(node?.n, word);
    if (!node) continue;
    if (node.h?.[0] === entry.id) delete node.h;
    if (caseSensitive && node.x) {
      const exact = tokenize(form, true).keys.join(' ');
      if (own(node.x, exact)?.[0] === entry.id) delete node.x[exact];
    }
  }
}

/** Builds the trie of a glossary's surface forms (at build time for the bundled glossary). */
export function buildTrie(entries: readonly GlossaryEntry[]): TrieNode {
  const root: TrieNode = {};
  for (const entry of entries) {
    for (const { form, kind, caseSensitive } of surfaceFormsOf(entry)) {
      const words = tokenize(form).keys;
      if (words.length === 0) continue;
      addForm(root, words, [entry.id, kind], caseSensitive ? tokenize(form, true).keys.join(' ') : undefined);
    }
  }
  return root;
}

export function buildIndex(entries: readonly GlossaryEntry[]): TermIndex {
  return { root: buildTrie(entries), entries: entriesById(entries) };
}

/** A glossary whose trie was built ahead of time: what the build writes to glossary.json for pages. */
export interface PreparedGlossary {
  entries: readonly GlossaryEntry[];
  trie: TrieNode;
}

/**
 * The index a page matches against: the user's own terms over a prepared glossary. Where both
 * claim a surface form the user's entry wins; a user entry that reuses a bundled id replaces that
 * entry whole. `prepared.trie` is taken over (the caller parsed it fresh), not copied.
 */
export function indexWithOwnTerms(prepared: PreparedGlossary, ownTerms: readonly GlossaryEntry[]): TermIndex {
  const root = prepared.trie;
  const bundled = entriesById(prepared.entries);
  for (const entry of ownTerms) {
    const replaced = bundled.get(entry.id);
    if (replaced) removeForms(root, replaced);
  }
  for (const entry of ownTerms) {
    for (const { form, kind, caseSensitive } of surfaceFormsOf(entry)) {
      const words = tokenize(form).keys;
      if (words.length === 0) continue;
      let node: TrieNode | undefined = root;
      for (const word of words) node = own(node?.n, word);
      // The user's entry takes the form over from a bundled one.
      if (node?.h && !caseSensitive) delete node.h;
      addForm(root, words, [entry.id, kind], caseSensitive ? tokenize(form, true).keys.join(' ') : undefined);
    }
  }
  return { root, entries: new Map([...bundled, ...entriesById(ownTerms)]) };
}

function entriesById(entries: readonly GlossaryEntry[]): Map<string, GlossaryEntry> {
  const byId = new Map<string, GlossaryEntry>();
  for (const entry of entries) if (!byId.has(entry.id)) byId.set(entry.id, entry);
  return byId;
}

/**
 * Finds glossary terms in `text`: whole words only, longest match first, never overlapping,
 * left to right.
 */
export function findTerms(index: TermIndex, text: string): TermMatch[] {
  const { starts, ends, keys } = tokenize(text);
  const matches: TermMatch[] = [];
  const count = keys.length;
  const first = index.root.n;
  let i = 0;
  while (i < count) {
    let node = own(first, keys[i]!);
    if (!node) {
      i++;
      continue;
    }
    let best: Hit | undefined;
    let bestLast = i;
    let j = i;
    for (;;) {
      const hit = (node.x && exactHit(node.x, text, starts, ends, i, j)) || node.h;
      if (hit) {
        best = hit;
        bestLast = j;
      }
      if (!node.n || j + 1 >= count) break;
      if (!isJoiningGap(text, ends[j]!, starts[j + 1]!)) break;
      const following: TrieNode | undefined = own(node.n, keys[j + 1]!);
      if (!following) break;
      node = following;
      j++;
    }
    if (best) {
      matches.push({ start: starts[i]!, end: ends[bestLast]!, entryId: best[0], kind: best[1] });
      i = bestLast + 1;
    } else {
      i++;
    }
  }
  return matches;
}

function exactHit(
  exact: Record<string, Hit>,
  text: string,
  starts: number[],
  ends: number[],
  first: number,
  last: number,
): Hit | undefined {
  const words: string[] = [];
  for (let k = first; k <= last; k++) words.push(text.slice(starts[k], ends[k]).replaceAll('\u2019', "'"));
  return own(exact, words.join(' '));
}
