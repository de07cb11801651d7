/**
 * Sense report: `npm run senses -- [PAGES_DIR] [--write-unjudged=FILE] [--cached]` (`--cached`: the
 * underlines of the last run, to judge new ones without loading every page again).
 *
 * Loads every saved page (scripts stripped, network refused) in Chromium with the built extension,
 * collects every underline with the words around it, and compares them with the judged set in
 * tests/fixtures/senses.tsv (page, words, context, judgement: `health` or `other`). Prints the
 * precision (health ÷ all underlines), the other-sense underlines grouped by form, and every
 * underline not judged yet. Exits 1 when precision is under the target or anything is unjudged.
 * (Both browsers find the same matches: the matcher is the same code; one browser is enough.)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_PAGES, findPages, launchOffline, openAndWaitFor, servePages } from './browser-run';

// The benchmark build: it marks the end of the first scan (User Timing), which the product build never shows a page.
process.env.PLAIN_TERMS_OUTPUT ??= join(import.meta.dirname, '../../.output-bench');

const PRECISION_TARGET = 0.97;
/** Characters of context kept on each side of the words, whitespace collapsed. */
const CONTEXT_CHARS = 70;
const JUDGED = join(import.meta.dirname, '../fixtures/senses.tsv');

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const dir = resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_PAGES);
const writeUnjudged = option('write-unjudged');

export interface Underline {
  page: string;
  words: string;
  context: string;
}

type Judgement = 'health' | 'other';

const keyOf = (u: Underline) => `${u.page}\t${u.words}\t${u.context}`;

function readJudged(): Map<string, Judgement> {
  const judged = new Map<string, Judgement>();
  if (!existsSync(JUDGED)) return judged;
  for (const [n, line] of readFileSync(JUDGED, 'utf8').split('\n').entries()) {
    if (!line.trim() || line.startsWith('#') || n === 0) continue;
    const [page, words, context, judgement] = line.split('\t');
    if (judgement !== 'health' && judgement !== 'other')
      throw new Error(`${JUDGED}:${n + 1}: judgement must be "health" or "other", not "${judgement}"`);
    judged.set(keyOf({ page: page!, words: words!, context: context! }), judgement);
  }
  return judged;
}

/** Runs in the page: every underlined range, with the text of its block around it. */
function collectInPage(contextChars: number): Array<{ words: string; context: string }> {
  const ranges = new Set<AbstractRange>();
  for (const highlight of CSS.highlights.values()) for (const range of highlight) ranges.add(range);
  const blockOf = (node: Node): Element => {
    let element = node.parentElement;
    while (element?.parentElement && getComputedStyle(element).display.startsWith('inline'))
      element = element.parentElement;
    return element ?? document.documentElement;
  };
  const flat = (text: string) => text.replace(/\s+/g, ' ');
  const found: Array<{ words: string; context: string }> = [];
  for (const r of ranges) {
    const range = document.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    const block = blockOf(r.startContainer);
    const before = document.createRange();
    before.selectNodeContents(block);
    before.setEnd(r.startContainer, r.startOffset);
    const after = document.createRange();
    after.selectNodeContents(block);
    after.setStart(r.endContainer, r.endOffset);
    const words = flat(range.toString());
    const left = flat(before.toString()).slice(-contextChars).trimStart();
    const right = flat(after.toString()).slice(0, contextChars).trimEnd();
    found.push({ words, context: `${left}[${words}]${right}` });
  }
  return found;
}

async function collect(pages: string[]): Promise<Underline[]> {
  const { origin, server } = await servePages(dir);
  const browser = await launchOffline('chromium');
  const underlines: Underline[] = [];
  try {
    for (const [i, file] of pages.entries()) {
      const page = await browser.newPage();
      try {
        await page.setViewport({ width: 1200, height: 900 });
        await openAndWaitFor(page, `${origin}/page/${file}`);
        for (const { words, context } of await page.evaluate(collectInPage, CONTEXT_CHARS))
          underlines.push({ page: file, words, context: context.replaceAll('\t', ' ') });
      } catch (error) {
        console.error(`  ${file}: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        await page.close().catch(() => undefined);
      }
      if ((i + 1) % 20 === 0) console.log(`  ${i + 1}/${pages.length} pages`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return underlines;
}

const CACHE = join(import.meta.dirname, '../../bench-output/senses-underlines.tsv');
let underlines: Underline[];
if (args.includes('--cached') && existsSync(CACHE)) {
  // Judging after a run: the last run's underlines, without loading every page again.
  underlines = readFileSync(CACHE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [page, words, context] = line.split('\t');
      return { page: page!, words: words!, context: context! };
    });
} else {
  const pages = findPages(dir);
  console.log(`Collecting underlines on ${pages.length} pages in Chromium…`);
  underlines = await collect(pages);
  mkdirSync(dirname(CACHE), { recursive: true });
  writeFileSync(CACHE, underlines.map((u) => `${keyOf(u)}\n`).join(''));
}
const judged = readJudged();
const health = underlines.filter((u) => judged.get(keyOf(u)) === 'health');
const other = underlines.filter((u) => judged.get(keyOf(u)) === 'other');
const unjudged = underlines.filter((u) => !judged.has(keyOf(u)));
const precision = health.length / Math.max(1, health.length + other.length);
// What the judged set calls health but is no longer underlined: the price of each rule, in words a reader loses.
const seen = new Set(underlines.map(keyOf));
const lost = [...judged]
  .filter(([key, judgement]) => judgement === 'health' && !seen.has(key))
  .map(([key]) => key.split('\t'));
const lostByForm = new Map<string, number>();
for (const [, words] of lost) lostByForm.set(words!.toLowerCase(), (lostByForm.get(words!.toLowerCase()) ?? 0) + 1);

const byForm = new Map<string, Underline[]>();
for (const u of other) {
  const form = u.words.toLowerCase();
  byForm.set(form, [...(byForm.get(form) ?? []), u]);
}
console.log(
  [
    '',
    `Underlines: ${underlines.length} on ${new Set(underlines.map((u) => u.page)).size} pages`,
    `  health sense: ${health.length}, other sense: ${other.length}, not judged: ${unjudged.length}`,
    `  precision: ${(precision * 100).toFixed(1)}% (target ${PRECISION_TARGET * 100}%)`,
    '',
    'Other-sense underlines by form:',
    ...[...byForm]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([form, list]) => `  ${list.length}× ${form}: ${list.map((u) => `${u.page} “${u.context}”`).join(' | ')}`),
    '',
    `Judged health-sense underlines no longer made: ${lost.length} of ${[...judged.values()].filter((j) => j === 'health').length}`,
    `  ${[...lostByForm]
      .sort((a, b) => b[1] - a[1])
      .map(([form, n]) => `${n}× ${form}`)
      .join(', ')}`,
    ...(unjudged.length
      ? ['', 'Not judged yet:', ...unjudged.map((u) => `  ${u.page}\t${u.words}\t${u.context}`)]
      : []),
  ].join('\n'),
);
if (writeUnjudged) {
  writeFileSync(writeUnjudged, unjudged.map((u) => `${keyOf(u)}\t\n`).join(''));
  console.log(`\nWrote ${unjudged.length} unjudged underlines to ${writeUnjudged}`);
}
process.exitCode = precision < PRECISION_TARGET || unjudged.length > 0 ? 1 : 0;
