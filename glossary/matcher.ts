import type { GlossaryEntry } from './schema';
import { passageSettlesHealth } from './senses';
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
 * The token trie in flat form: every word of the trie once in `words`, sorted (with `<`, so a
 * word's number orders as the word does), and every branch laid out in one array of integers,
 * `nodes`, which a page keeps as an Int32Array. The bundled trie is built at build time and
 * arrives as its file (`packTrie`): `JSON.parse` and a native base64 decode, far cheaper on every
 * page than building it in (cold) script. Flat, not a small array per branch with its own word
 * strings: at 1,468 entries the parsed index held 516 kB of V8 heap in Node (2,806 branch arrays, a word string per edge)
 * and 8 kB of typed arrays, now 124 kB of heap (the entry ids and words) and 128 kB of typed
 * arrays (`nodes` 103 kB, word starts 16 kB, the first-word bits 8 kB); in a Chromium page 317 kB
 * of heap and 8 kB, now 102 kB and 128 kB. Page start (parse, arrays, first-word bits) got
 * faster too: 3.7 ms instead of 5.2 on a fresh Chromium page, 7.0 instead of 7.7 in a fresh Node.
 *
 * A branch at offset `o`: `nodes[o]` is the hit of a case-insensitive form ending there (or
 * `NONE`), `nodes[o + 1]` the place in `exact` of its case-sensitive forms (or `NONE`),
 * `nodes[o + 2]` its count of next words `n`, then the n word numbers, ascending, then the node
 * each leads to, in the same order. Most nodes end a form and start no longer one: such a node
 * (a leaf) is only its hit, written in its parent as `-2 - hit` (below zero, as `OTHER_SENSE` is
 * -1); any other node as its offset. The root is the branch at offset 0, no node's child.
 */
interface Trie {
  /**
   * The sorted words, each followed by a space but the last: word `n` is
   * `words.slice(starts[n], starts[n + 1] - 1)`. One string, as the file has it, not an array:
   * 4,153 word strings held 127 kB of heap, the one string and its starts 52 kB (a word is
   * compared in place, `compareWord`), and a page parses one string instead of thousands.
   */
  words: string;
  starts: Int32Array;
  nodes: Int32Array;
  /** Case-sensitive forms, by the place a branch names: `[words joined by spaces, hit, …]`. */
  exact: readonly ExactHits[];
}
type ExactHits = readonly (string | Hit)[];
const NONE = -2;
/** A child offset that no child has (0 is the root): the word leads nowhere. */
const ABSENT = 0;
const WORDS = 3;

const isLeaf = (node: number): boolean => node < 0;
const leafHit = (node: number): Hit => -2 - node;

/** How `words.slice(from, to)` orders against `word` (as `<` does: by UTF-16 code unit), without making it. */
function compareWord(words: string, from: number, to: number, word: string): number {
  const length = Math.min(to - from, word.length);
  for (let i = 0; i < length; i++) {
    const difference = words.charCodeAt(from + i) - word.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return to - from - word.length;
}

/**
 * The node `word` leads to from the branch at `branch`, or `ABSENT`: a binary search of the
 * branch's word numbers by the words they name (numbers order as their words do), so a word is
 * compared with a branch's few words, not first looked up among all of them.
 */
function childOf({ words, starts, nodes }: Trie, branch: number, word: string): number {
  const count = nodes[branch + 2]!;
  let low = branch + WORDS;
  let high = low + count;
  while (low < high) {
    const middle = (low + high) >> 1;
    const number = nodes[middle]!;
    const order = compareWord(words, starts[number]!, starts[number + 1]! - 1, word);
    if (order === 0) return nodes[middle + count]!;
    if (order < 0) low = middle + 1;
    else high = middle;
  }
  return ABSENT;
}

/** The hit of the form the words up to `node` spell (`spans`: where each word is in `text`), if any. */
function hitAt(trie: Trie, node: number, text: string, spans: number[]): Hit | undefined {
  if (isLeaf(node)) return leafHit(node);
  const exact = trie.nodes[node + 1]!;
  const hit = exact === NONE ? undefined : exactHit(trie.exact[exact]!, text, spans);
  if (hit !== undefined) return hit;
  const caseless = trie.nodes[node]!;
  return caseless === NONE ? undefined : caseless;
}

/** A node while its trie is built (at build time, or on the page for the user's own terms). */
interface GrowingNode {
  hit?: Hit;
  exact?: Map<string, Hit>;
  next: Map<string, GrowingNode>;
}

const growingNode = (): GrowingNode => ({ next: new Map() });

/**
 * The trie as the file holds it, from the root of a built one: `Trie`'s layout, branches in
 * breadth-first order, so a page only copies it into an Int32Array, natively. Writing the word
 * numbers as differences and branch children as placeholders the order resolves made the file
 * 53.7 kB gzip instead of 66.9, but undoing them was a loop over every branch in cold script on
 * every page: 1 ms in a fresh Node process, 5 ms in Chromium, against 0.3 for the copy. The gzip
 * only counts for the package; a page receives the file as text, 179 kB (180 kB before the flat
 * form).
 */
function flattened(root: GrowingNode): Omit<GlossaryTrie, 'ids'> {
  const distinct = new Set<string>();
  (function collect(node: GrowingNode) {
    for (const [word, child] of node.next) {
      distinct.add(word);
      collect(child);
    }
  })(root);
  const words = [...distinct].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const numbers = new Map(words.map((word, number) => [word, number]));
  const nodes: number[] = [];
  const exact: ExactHits[] = [];
  const isLeafNode = (node: GrowingNode) => node.next.size === 0 && node.exact === undefined && node.hit !== undefined;
  // Breadth first: the n-th child that is a branch is laid out as the n-th branch after the root.
  const branches = [root];
  const branchChildren: number[] = [];
  for (const [place, node] of branches.entries()) {
    if (place > 0) nodes[branchChildren[place - 1]!] = nodes.length;
    const next = [...node.next].map(([word, child]) => [numbers.get(word)!, child] as const).sort(([a], [b]) => a - b);
    nodes.push(node.hit ?? NONE, node.exact ? exact.push([...node.exact].flat()) - 1 : NONE, next.length);
    for (const [number] of next) nodes.push(number);
    for (const [, child] of next) {
      if (isLeafNode(child)) {
        nodes.push(-2 - child.hit!);
      } else {
        branchChildren.push(nodes.length);
        nodes.push(ABSENT);
        branches.push(child);
      }
    }
  }
  return { words: words.join(' '), nodes, exact };
}

/**
 * A token trie over every surface form. Matching walks the text's words once and follows
 * the trie from each word, so its cost grows with the text, not with the glossary size
 * (the longest term, a handful of words, bounds the inner walk). It names entries by id only:
 * what a card shows is asked for when a card needs it (entrypoints/content/card/card-entries.ts).
 */
export interface TermIndex {
  trie: Trie;
  /** Entry ids, by the place a hit names. */
  ids: readonly string[];
  /** Which words may start a term: most words of a page start none and are passed over unread. */
  firstWords: FirstWords;
  /** The user's own terms, matched over this index without changing it (`withOwnTerms`). */
  own?: OwnTermsLayer;
}

/** The user's own terms as a trie of their own, over a bundled index that stays as it was parsed. */
interface OwnTermsLayer {
  trie: Trie;
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

function firstWordsOf({ words, starts, nodes }: Trie): FirstWords {
  const count = nodes[2]!;
  let size = 1 << 12;
  while (size < count * 16) size <<= 1;
  const firstWords = { bits: new Uint32Array(size >>> 5), mask: size - 1 };
  // Plain loops, here and in `trieOf`: every page runs them once, in cold script.
  for (let k = WORDS; k < WORDS + count; k++) {
    const number = nodes[k]!;
    addFirstWord(firstWords, hashKey(words, starts[number], starts[number + 1]! - 1));
  }
  return firstWords;
}

function addFirstWord({ bits, mask }: FirstWords, hash: number): void {
  const bit = hash & mask;
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
  return { ...flattened(root), ids: ids.ids };
}

export function buildIndex(entries: readonly GlossaryEntry[]): TermIndex {
  return indexOfTrie(buildTrie(entries));
}

/** What matching needs of a glossary: its trie (see `Trie`), and the ids its hits name. */
export interface GlossaryTrie {
  /** The trie's words, sorted, joined by spaces. */
  words: string;
  nodes: number[];
  exact: ExactHits[];
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
 * The trie file as `packTrie` writes it: the trie's numbers as bytes in base64, which a page
 * decodes natively into a typed array, where numbers in JSON are parsed one by one and then
 * copied (cold script on every page).
 */
interface TrieFile extends Omit<GlossaryTrie, 'nodes'> {
  nodes: PackedNumbers;
  /** Where each word starts in `words` (`Trie.starts`): finding the spaces was a loop in cold script on every page. */
  starts: PackedNumbers;
  /** The bits of the words terms start with (`FirstWords.bits`). */
  firstWords?: string;
}

/** Whole numbers as bytes in base64: two bytes each where every one fits (the bundled trie's do), else four. */
interface PackedNumbers {
  bytes: 2 | 4;
  base64: string;
}

/**
 * The trie file every page parses as it starts (glossary-trie.json): the trie and its ids, and
 * nothing a card shows. The entries are a file of their own (glossary-entries.json) that only the
 * background and the extension's pages read; a page asks for the few a card needs.
 */
export function packTrie({ words, nodes, exact, ids }: GlossaryTrie): string {
  const trie = builtTrie({ words, nodes, exact });
  const file: TrieFile = {
    words,
    starts: packNumbers([...trie.starts]),
    nodes: packNumbers(nodes),
    exact,
    ids,
    firstWords: base64Of(firstWordsOf(trie).bits),
  };
  return JSON.stringify(file);
}

function packNumbers(numbers: readonly number[]): PackedNumbers {
  const fitTwoBytes = numbers.every((number) => number >= -0x8000 && number < 0x8000);
  return fitTwoBytes
    ? { bytes: 2, base64: base64Of(Int16Array.from(numbers)) }
    : { bytes: 4, base64: base64Of(Int32Array.from(numbers)) };
}

/** Bytes are written and read in the machine's order: little-endian on every machine both browsers run on. */
function base64Of(numbers: Int16Array | Int32Array | Uint32Array): string {
  let binary = '';
  for (const byte of new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength))
    binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Bytes in a buffer of their own, natively where the browser can (Chrome 140, Firefox 133), else through `atob`. */
function bytesOf(base64: string): Uint8Array {
  const decoder = Uint8Array as { fromBase64?: (text: string) => Uint8Array };
  if (decoder.fromBase64) return decoder.fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The numbers as the matcher reads them: one kind of array, whichever width the file chose. */
function unpackNumbers({ bytes, base64 }: PackedNumbers): Int32Array {
  const raw = bytesOf(base64);
  return bytes === 2
    ? new Int32Array(new Int16Array(raw.buffer, raw.byteOffset, raw.byteLength >>> 1))
    : new Int32Array(raw.buffer, raw.byteOffset, raw.byteLength >>> 2);
}

/** The first words' bits as the trie file ships them, or null where it has none (they are then worked out). */
function shippedFirstWords(base64: string | undefined): FirstWords | null {
  if (base64 === undefined) return null;
  const bytes = bytesOf(base64);
  const bits = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
  const size = bits.length * 32;
  // A size that isn't a power of two can't be masked: not a file packTrie wrote.
  return size >= 32 && (size & (size - 1)) === 0 ? { bits, mask: size - 1 } : null;
}

/** The bundled glossary's index, from its trie file: parsed once per page and never changed (see `withOwnTerms`). */
export function indexOfTrieFile(text: string): TermIndex {
  const file = JSON.parse(text) as TrieFile;
  const trie = trieOf(file.words, unpackNumbers(file.nodes), file.exact, unpackNumbers(file.starts));
  return {
    trie,
    ids: file.ids ?? [],
    // Shipped, not worked out here: hashing the trie's 2,870 first words takes a fraction of a
    // millisecond warm, but a page runs it once, in cold script: 2-8 ms of a page's start in
    // Chromium's CPU profiles (3 pages), the largest part of building the index.
    firstWords: shippedFirstWords(file.firstWords) ?? firstWordsOf(trie),
  };
}

/** A trie as pages keep it, with where each of its words starts (worked out unless the file has them). */
function trieOf(
  words: string,
  nodes: Int32Array,
  exact: readonly ExactHits[] | undefined,
  starts: Int32Array = startsOf(words),
): Trie {
  return { words, starts, nodes, exact: exact ?? [] };
}

function startsOf(words: string): Int32Array {
  const starts = [0];
  if (words !== '') {
    for (let space = words.indexOf(' '); space >= 0; space = words.indexOf(' ', space + 1)) starts.push(space + 1);
    starts.push(words.length + 1);
  }
  return new Int32Array(starts);
}

/** A trie built here (own terms, tests) or at build time, as pages keep it. */
function builtTrie({ words, nodes, exact }: Omit<GlossaryTrie, 'ids'>): Trie {
  return trieOf(words, Int32Array.from(nodes), exact);
}

function indexOfTrie(glossary: GlossaryTrie): TermIndex {
  const trie = builtTrie(glossary);
  return { trie, ids: glossary.ids, firstWords: firstWordsOf(trie) };
}

/**
 * The index a page matches against: the user's own terms over the bundled index (one without
 * own terms of its own), which is left as it is (so a change of own terms re-reads neither the
 * glossary file nor its trie). The one merge rule, as for every list a reader sees
 * (`mergedEntries`): where both claim the same words the user's entry wins, and a user entry with
 * a bundled entry's id replaces that entry whole.
 */
export function withOwnTerms(bundled: TermIndex, ownTerms: readonly GlossaryEntry[]): TermIndex {
  const { trie, ids, firstWords } = bundled;
  if (ownTerms.length === 0) return { trie, ids, firstWords };
  const own = buildTrie(ownTerms);
  const ownTrie = builtTrie(own);
  const ownIds = new Set(ownTerms.map((entry) => entry.id));
  const replaced = new Set(ids.filter((id) => ownIds.has(id)));
  return {
    trie,
    ids,
    firstWords,
    own: { trie: ownTrie, ids: own.ids, firstWords: firstWordsOf(ownTrie), replaced },
  };
}

/** The terms found in one text, and whether they settle their own health sense (senses.ts). */
export interface TermsInText {
  matches: TermMatch[];
  settled: boolean;
}

/** The terms in each of a page's texts, in order; null for a text without any. */
export function findTermsInTexts(index: TermIndex, texts: readonly string[]): (TermsInText | null)[] {
  return texts.map((text) => {
    const matches = findTerms(index, text);
    return matches.length === 0 ? null : { matches, settled: passageSettlesHealth(matches) };
  });
}

/**
 * Finds glossary terms in `text`: whole words only, longest match first, never overlapping,
 * left to right.
 */
export function findTerms(index: TermIndex, text: string): TermMatch[] {
  if (index.own) return findWithOwnTerms(index, index.own, text);
  const matches: TermMatch[] = [];
  const { trie } = index;
  const words = new WordScanner(text);
  while (words.next()) {
    if (!mayStartTerm(index.firstWords, words.hash)) continue;
    let node = childOf(trie, 0, words.key());
    if (node === ABSENT) continue;
    // Where each word of the candidate starts and ends, for case-sensitive forms. The words
    // after the first are read with the same scanner, which then goes back or past the match.
    const spans = [words.start, words.end];
    let best: Hit | undefined;
    let bestEnd = 0;
    for (;;) {
      const hit = hitAt(trie, node, text, spans);
      if (hit !== undefined) {
        best = hit;
        bestEnd = spans[spans.length - 1]!;
      }
      if (isLeaf(node) || !words.next()) break;
      if (!isJoiningGap(text, spans[spans.length - 1]!, words.start)) break;
      const child = childOf(trie, node, words.key());
      if (child === ABSENT) break;
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
      mine = longestAt(own.trie, own.ids, null, words, text);
      // Back to the first word for the bundled trie (the walk read on).
      words.position = start;
      words.next();
    }
    const theirs = mayStartTerm(index.firstWords, hash)
      ? longestAt(index.trie, index.ids, own.replaced, words, text)
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

/** The longest match in `trie` from the scanner's current word, passing over the hits of `skip`'s entries. */
function longestAt(
  trie: Trie,
  ids: readonly string[],
  skip: ReadonlySet<string> | null,
  words: WordScanner,
  text: string,
): { hit: Hit; end: number } | null {
  let node = childOf(trie, 0, words.key());
  if (node === ABSENT) return null;
  const spans = [words.start, words.end];
  let best: { hit: Hit; end: number } | null = null;
  for (;;) {
    const hit = hitAt(trie, node, text, spans);
    if (hit !== undefined && (hit === OTHER_SENSE || !skip?.has(entryOf(ids, hit))))
      best = { hit, end: spans[spans.length - 1]! };
    if (isLeaf(node) || !words.next()) break;
    if (!isJoiningGap(text, spans[spans.length - 1]!, words.start)) break;
    const child = childOf(trie, node, words.key());
    if (child === ABSENT) break;
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
