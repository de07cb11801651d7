import type { GlossaryEntry } from './schema';
import {
  hashKey,
  isJoiningGap,
  type SurfaceForm,
  type SurfaceKind,
  surfaceFormsOf,
  tokenize,
  WordScanner,
} from './tokenize';

/** One glossary term found in a text: `text.slice(start, end)` is the words as written. */
export interface TermMatch {
  start: number;
  end: number;
  entryId: string;
  /** How the words relate to the entry; the card names the entry when they are an alias. */
  kind: SurfaceKind;
  /** The words have an everyday sense too: underlined only where the health sense is settled (senses.ts). */
  needsContext: boolean;
}

/**
 * Which entry a surface form belongs to, and how: `entry * 8 + context * 4 + kind`, with `entry`
 * its place in the index's `ids`, `context` 1 when the form needs context and `kind` its place in
 * `KINDS`. A number, not an [id, kind] pair: a page parses the trie's thousand hits in half the
 * time (0.38 vs 0.78 ms in Node, measured). `OTHER_SENSE` marks a phrase that claims the words
 * for an everyday sense ("cell phone"): it wins as the longest match and is not reported.
 */
type Hit = number;
const OTHER_SENSE: Hit = -1;
const NEEDS_CONTEXT = 4;

const KINDS: readonly SurfaceKind[] = ['term', 'form', 'alias', 'abbreviation'];

/** The ids of the entries a trie's hits point to, and where each is (for adding more). */
class EntryIds {
  private readonly places = new Map<string, number>();
  constructor(readonly ids: string[] = []) {
    for (const [place, id] of ids.entries()) this.places.set(id, place);
  }
  hit(entryId: string, { kind, needsContext }: Pick<SurfaceForm, 'kind' | 'needsContext'>): Hit {
    let place = this.places.get(entryId);
    if (place === undefined) {
      place = this.ids.push(entryId) - 1;
      this.places.set(entryId, place);
    }
    return place * 8 + (needsContext ? NEEDS_CONTEXT : 0) + KINDS.indexOf(kind);
  }
}

const entryOf = (ids: readonly string[], hit: Hit): string => ids[hit >> 3]!;

/**
 * A node of the token trie, as plain JSON-able values: the bundled glossary's trie is built at
 * build time and arrives through `JSON.parse`, which is native and far cheaper on every page than
 * building the trie in (cold) script. Most nodes end a form and start no longer one: such a node
 * is just its hit, a number. Any other node is a `Branch`.
 */
type TrieNode = Hit | Branch;

/**
 * A branch as one array: `[hit, exact, ...words, ...nodes]`. `hit` is the hit of a
 * case-insensitive form ending here (or null); `exact` the case-sensitive ones, as
 * `[words joined by spaces, hit, …]` (or null); then the next words, lowercased and sorted,
 * and the node each leads to, in the same order. An array, not an object keyed by word: a fresh
 * Chromium page parses the 1,468-entry trie in 3.0 ms instead of 9.7 (median of 12 pages), as
 * JSON.parse gives each object of distinct keys its own shape. A word is found by binary search.
 */
type Branch = readonly (Hit | string | null | ExactHits | TrieNode)[];
type ExactHits = readonly (string | Hit)[];
const WORDS = 2;

const wordCount = (branch: Branch): number => (branch.length - WORDS) >> 1;

function childOf(node: TrieNode | undefined, word: string): TrieNode | undefined {
  if (node === undefined || typeof node === 'number') return undefined;
  const count = wordCount(node);
  let low = WORDS;
  let high = WORDS + count;
  while (low < high) {
    const middle = (low + high) >> 1;
    const key = node[middle] as string;
    if (key === word) return node[middle + count] as TrieNode;
    if (key < word) low = middle + 1;
    else high = middle;
  }
  return undefined;
}

function hitOf(node: TrieNode): Hit | undefined {
  if (typeof node === 'number') return node;
  return (node[0] as Hit | null) ?? undefined;
}

function exactHitsOf(node: TrieNode): ExactHits | undefined {
  if (typeof node === 'number') return undefined;
  return (node[1] as ExactHits | null) ?? undefined;
}

/** A node while its trie is built (at build time, or on the page for the user's own terms). */
interface GrowingNode {
  hit?: Hit;
  exact?: Map<string, Hit>;
  next: Map<string, GrowingNode>;
}

const growingNode = (): GrowingNode => ({ next: new Map() });

/** The trie as pages read it: a node that holds nothing but a hit becomes that hit. */
function frozen(node: GrowingNode): TrieNode {
  if (node.next.size === 0 && node.exact === undefined && node.hit !== undefined) return node.hit;
  const words = [...node.next.keys()].sort();
  return [
    node.hit ?? null,
    node.exact ? [...node.exact].flat() : null,
    ...words,
    ...words.map((word) => frozen(node.next.get(word)!)),
  ];
}

/**
 * A token trie over every surface form. Matching walks the text's words once and follows
 * the trie from each word, so its cost grows with the text, not with the glossary size
 * (the longest term, a handful of words, bounds the inner walk). It names entries by id only:
 * what a card shows is asked for when a card needs it (entrypoints/content/card/card-entries.ts).
 */
export interface TermIndex {
  root: Branch;
  /** Entry ids, by the place a hit names. */
  ids: readonly string[];
  /** Which words may start a term: most words of a page start none and are passed over unread. */
  firstWords: FirstWords;
  /** The user's own terms, matched over this index without changing it (`withOwnTerms`). */
  own?: OwnTermsLayer;
}

/** The user's own terms as a trie of their own, over a bundled index that stays as it was parsed. */
interface OwnTermsLayer {
  root: Branch;
  ids: readonly string[];
  firstWords: FirstWords;
  /** Bundled entries that own terms replace (same id): their hits are passed over. */
  replaced: ReadonlySet<string>;
}

/**
 * A bit per word fingerprint (`WordScanner.hash`) of every word a term starts with. A clear bit
 * means no term starts with the word; a set bit means one may (the trie then decides). About 16
 * bits per first word keep false alarms near 6% whatever the glossary's size.
 */
interface FirstWords {
  bits: Uint32Array;
  mask: number;
}

function firstWordsOf(root: Branch): FirstWords {
  const keys = root.slice(WORDS, WORDS + wordCount(root)) as string[];
  let size = 1 << 12;
  while (size < keys.length * 16) size <<= 1;
  const words = { bits: new Uint32Array(size >>> 5), mask: size - 1 };
  for (const key of keys) addFirstWord(words, key);
  return words;
}

function addFirstWord({ bits, mask }: FirstWords, key: string): void {
  const bit = hashKey(key) & mask;
  bits[bit >>> 5]! |= 1 << (bit & 31);
}

function mayStartTerm({ bits, mask }: FirstWords, hash: number): boolean {
  const bit = hash & mask;
  return (bits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
}

function addForm(root: GrowingNode, words: string[], hit: Hit, exactWords?: string): void {
  let node = root;
  for (const word of words) {
    let child = node.next.get(word);
    if (child === undefined) {
      child = growingNode();
      node.next.set(word, child);
    }
    node = child;
  }
  if (exactWords !== undefined) {
    node.exact ??= new Map();
    if (!node.exact.has(exactWords)) node.exact.set(exactWords, hit);
  } else {
    // First claimant wins; validation reports collisions within one glossary.
    node.hit ??= hit;
  }
}

/** Adds every surface form of `entries` to the trie, then their other-sense phrases. */
function addEntries(root: GrowingNode, ids: EntryIds, entries: readonly GlossaryEntry[]): void {
  for (const entry of entries) {
    for (const surface of surfaceFormsOf(entry)) {
      const words = tokenize(surface.form).keys;
      if (words.length === 0) continue;
      const exact = surface.caseSensitive ? tokenize(surface.form, true).keys.join(' ') : undefined;
      addForm(root, words, ids.hit(entry.id, surface), exact);
    }
  }
  for (const entry of entries) {
    for (const phrase of entry.otherSenses ?? []) {
      const words = tokenize(phrase).keys;
      if (words.length > 0) addForm(root, words, OTHER_SENSE);
    }
  }
}

/** Builds the trie of a glossary's surface forms (at build time for the bundled glossary). */
function buildTrie(entries: readonly GlossaryEntry[]): GlossaryTrie {
  const root = growingNode();
  const ids = new EntryIds();
  addEntries(root, ids, entries);
  const trie = frozen(root);
  // The root is a branch even when empty or a single word's hit, so every trie can be searched.
  return { trie: typeof trie === 'number' ? [null, null] : trie, ids: ids.ids };
}

export function buildIndex(entries: readonly GlossaryEntry[]): TermIndex {
  return indexOfTrie(buildTrie(entries));
}

/** What matching needs of a glossary: its trie, and the ids its hits name. */
export interface GlossaryTrie {
  trie: Branch;
  /** Entry ids, by the place a hit names. */
  ids: string[];
}

/** A glossary whose trie was built ahead of time (at build time for the bundled one). */
export interface PreparedGlossary extends GlossaryTrie {
  entries: readonly GlossaryEntry[];
}

/** What the build writes: the glossary with its trie worked out. */
export function prepareGlossary(entries: readonly GlossaryEntry[]): PreparedGlossary {
  return { entries, ...buildTrie(entries) };
}

/**
 * The trie file every page parses as it starts (glossary-trie.json): the trie and its ids, and
 * nothing a card shows. The entries are a file of their own (glossary-entries.json) that only the
 * background and the extension's pages read; a page asks for the few a card needs.
 */
export function packTrie({ trie, ids }: GlossaryTrie): string {
  return JSON.stringify({ trie, ids });
}

/** The bundled glossary's index, from its trie file: parsed once per page and never changed (see `withOwnTerms`). */
export function indexOfTrieFile(text: string): TermIndex {
  return indexOfTrie(JSON.parse(text) as GlossaryTrie);
}

function indexOfTrie({ trie, ids }: GlossaryTrie): TermIndex {
  return {
    root: trie,
    ids: ids ?? [],
    // Worked out here, not shipped: hashing the trie's few thousand first words takes a fraction
    // of a millisecond, and their bits, random by design, were an eighth of the file after gzip.
    firstWords: firstWordsOf(trie),
  };
}

/**
 * The index a page matches against: the user's own terms over the bundled index (one without
 * own terms of its own), which is left as it is (so a change of own terms re-reads neither the
 * glossary file nor its trie). The one merge rule, as for every list a reader sees
 * (`mergedEntries`): where both claim the same words the user's entry wins, and a user entry with
 * a bundled entry's id replaces that entry whole.
 */
export function withOwnTerms(bundled: TermIndex, ownTerms: readonly GlossaryEntry[]): TermIndex {
  const { root, ids, firstWords } = bundled;
  if (ownTerms.length === 0) return { root, ids, firstWords };
  const own = buildTrie(ownTerms);
  const ownIds = new Set(ownTerms.map((entry) => entry.id));
  const replaced = new Set(ids.filter((id) => ownIds.has(id)));
  return {
    root,
    ids,
    firstWords,
    own: { root: own.trie, ids: own.ids, firstWords: firstWordsOf(own.trie), replaced },
  };
}

/**
 * Finds glossary terms in `text`: whole words only, longest match first, never overlapping,
 * left to right.
 */
export function findTerms(index: TermIndex, text: string): TermMatch[] {
  if (index.own) return findWithOwnTerms(index, index.own, text);
  const matches: TermMatch[] = [];
  const first = index.root;
  const words = new WordScanner(text);
  while (words.next()) {
    if (!mayStartTerm(index.firstWords, words.hash)) continue;
    let node = childOf(first, words.key());
    if (node === undefined) continue;
    // Where each word of the candidate starts and ends, for case-sensitive forms. The words
    // after the first are read with the same scanner, which then goes back or past the match.
    const spans = [words.start, words.end];
    let best: Hit | undefined;
    let bestEnd = 0;
    for (;;) {
      const exactHits = exactHitsOf(node);
      const hit = (exactHits && exactHit(exactHits, text, spans)) ?? hitOf(node);
      if (hit !== undefined) {
        best = hit;
        bestEnd = spans[spans.length - 1]!;
      }
      if (typeof node === 'number' || !words.next()) break;
      if (!isJoiningGap(text, spans[spans.length - 1]!, words.start)) break;
      const child = childOf(node, words.key());
      if (child === undefined) break;
      node = child;
      spans.push(words.start, words.end);
    }
    if (best !== undefined && best !== OTHER_SENSE) {
      matches.push({
        start: spans[0]!,
        end: bestEnd,
        entryId: entryOf(index.ids, best),
        kind: KINDS[best & 3]!,
        needsContext: (best & NEEDS_CONTEXT) !== 0,
      });
    }
    words.position = best !== undefined ? bestEnd : spans[1]!;
  }
  return matches;
}

/**
 * `findTerms` with own terms: at each word, the longest match in the user's trie and in the
 * bundled one (passing over bundled entries the user replaced); of two as long, the user's.
 * A second loop rather than a branch in the first: pages without own terms keep the tight one.
 */
function findWithOwnTerms(index: TermIndex, own: OwnTermsLayer, text: string): TermMatch[] {
  const matches: TermMatch[] = [];
  const words = new WordScanner(text);
  while (words.next()) {
    const { start, end, hash } = words;
    let mine: { hit: Hit; end: number } | null = null;
    if (mayStartTerm(own.firstWords, hash)) {
      mine = longestAt(own.root, own.ids, null, words, text);
      // Back to the first word for the bundled trie (the walk read on).
      words.position = start;
      words.next();
    }
    const theirs = mayStartTerm(index.firstWords, hash)
      ? longestAt(index.root, index.ids, own.replaced, words, text)
      : null;
    const best =
      mine && (!theirs || mine.end >= theirs.end) ? { ...mine, ids: own.ids } : theirs && { ...theirs, ids: index.ids };
    if (best && best.hit !== OTHER_SENSE) {
      matches.push({
        start,
        end: best.end,
        entryId: entryOf(best.ids, best.hit),
        kind: KINDS[best.hit & 3]!,
        needsContext: (best.hit & NEEDS_CONTEXT) !== 0,
      });
    }
    words.position = best ? best.end : end;
  }
  return matches;
}

/** The longest match in `root` from the scanner's current word, passing over the hits of `skip`'s entries. */
function longestAt(
  root: Branch,
  ids: readonly string[],
  skip: ReadonlySet<string> | null,
  words: WordScanner,
  text: string,
): { hit: Hit; end: number } | null {
  let node = childOf(root, words.key());
  if (node === undefined) return null;
  const spans = [words.start, words.end];
  let best: { hit: Hit; end: number } | null = null;
  for (;;) {
    const exactHits = exactHitsOf(node);
    const hit = (exactHits && exactHit(exactHits, text, spans)) ?? hitOf(node);
    if (hit !== undefined && (hit === OTHER_SENSE || !skip?.has(entryOf(ids, hit))))
      best = { hit, end: spans[spans.length - 1]! };
    if (typeof node === 'number' || !words.next()) break;
    if (!isJoiningGap(text, spans[spans.length - 1]!, words.start)) break;
    const child = childOf(node, words.key());
    if (child === undefined) break;
    node = child;
    spans.push(words.start, words.end);
  }
  return best;
}

function exactHit(exact: ExactHits, text: string, spans: number[]): Hit | undefined {
  const words: string[] = [];
  for (let k = 0; k < spans.length; k += 2) words.push(text.slice(spans[k], spans[k + 1]).replaceAll('\u2019', "'"));
  const written = words.join(' ');
  for (let k = 0; k < exact.length; k += 2) if (exact[k] === written) return exact[k + 1] as Hit;
  return undefined;
}
