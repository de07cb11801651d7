/**
 * The names a page can read: the highlights' (`CSS.highlights`, and the `::highlight()` rules of
 * the sheet in `document.adoptedStyleSheets`) and the card host's tag. Which extensions a reader
 * runs is a fingerprint, and a health-reading aid says more than most: a page, an ad or a
 * tracker that could match a fixed name would learn something about the reader's health. So
 * each page load (each frame's document) gets names of its own, of random letters: unguessable,
 * derived from nothing the page can read, and saying nothing about us. See the README, "What a
 * page can learn".
 *
 * The benchmark build (`WXT_BENCH=1`, never shipped) names everything plainly, and leaves the
 * card's shadow root open, so its tools can find them.
 */
export interface PageNames {
  /** The highlight that underlines terms. */
  terms: string;
  /** The highlight of the term whose card is open. */
  active: string;
  /** The card host's tag: a custom element's name (with a hyphen), which may hold a shadow root. */
  cardHost: string;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Custom element names the HTML standard reserves: `attachShadow` refuses them. */
const RESERVED = new Set([
  'annotation-xml',
  'color-profile',
  'font-face',
  'font-face-src',
  'font-face-uri',
  'font-face-format',
  'font-face-name',
  'missing-glyph',
]);

/** A whole number from `min` to `max`, from the browser's cryptographic random source. */
export function randomInt(min: number, max: number): number {
  const [value] = crypto.getRandomValues(new Uint32Array(1)) as unknown as [number];
  return min + (value % (max - min + 1));
}

/** Words of ours that random letters could spell by chance (1 in 50,000 names or so). */
const OURS = /plain|term|card|gloss/;

/** Random lowercase letters, of a random length: no fixed length or form a page could match on either. */
function randomWord(min: number, max: number): string {
  let word = '';
  for (let i = randomInt(min, max); i > 0; i--) word += LETTERS[randomInt(0, LETTERS.length - 1)];
  return OURS.test(word) ? randomWord(min, max) : word;
}

/** New names, different from any other page load's. */
export function newPageNames(): PageNames {
  const terms = randomWord(6, 12);
  let active = randomWord(6, 12);
  while (active === terms) active = randomWord(6, 12);
  let cardHost = `${randomWord(3, 7)}-${randomWord(3, 7)}`;
  while (RESERVED.has(cardHost)) cardHost = `${randomWord(3, 7)}-${randomWord(3, 7)}`;
  return { terms, active, cardHost };
}

/** This page load's names. */
export const PAGE_NAMES: PageNames = import.meta.env.WXT_BENCH
  ? { terms: 'plain-terms', active: 'plain-terms-active', cardHost: 'plain-terms-card' }
  : newPageNames();

/**
 * Closed: no script of the page can reach into the card (`host.shadowRoot` is null), so it can't
 * read what the reader looked up, nor our styles and words.
 */
export const CARD_ROOT_MODE: ShadowRootMode = import.meta.env.WXT_BENCH ? 'open' : 'closed';
