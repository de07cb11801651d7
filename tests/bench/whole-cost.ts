/**
 * Whole-cost benchmark: `npx tsx tests/bench/whole-cost.ts [PAGES_DIR] [--browsers=chromium,firefox]
 * [--runs=3] [--largest=20] [--term-rich=10] [--median=10] [--pages=a.html,b.html] [--before=DIR]
 * [--no-markjs] [--markjs-share=20] [--markjs-runs=1] [--window=1500] [--stages] [--same-tab]`.
 *
 * What the page pays because of a content script, measured from outside: the CPU time of the page
 * renderer's main thread (renderer-cpu.ts), so style recalculation, layout and painting caused by
 * a script count as much as its own code, which User Timing marks alone miss. Each page (scripts
 * stripped) is opened in a fresh tab of several browsers, one after the other, in an order that
 * rotates from run to run, each with one extension:
 * - none: an extension with no content script (bare-extension.ts, `writeNoScriptExtension`);
 * - least: the least content script (bare-extension.ts: the polyfill, one message, the walk);
 * - least-hl: the least highlighter (least-highlighter.ts: the least content script, whose walk
 *   also finds the words Plain Terms underlined on that page with indexOf and underlines them with
 *   one Highlight and one adopted `::highlight()` sheet): the floor of any Custom Highlight API
 *   underliner, the restyle it causes included;
 * - least-gl: the least glossary highlighter (least-glossary-highlighter.ts: the least content
 *   script, handed the glossary's surface forms, finding them in its walk with two `Set`s and one
 *   regular expression, and underlining them as least-hl does): the floor of any extension that
 *   underlines a glossary's terms it finds in the page;
 * - least-bg: the least off-page glossary highlighter (least-glossary-highlighter.ts: the same,
 *   its finding done in its background on the texts of one walk sent in one message, as Plain
 *   Terms finds terms): the floor of that design;
 * - ours: Plain Terms, benchmark build (`.output-bench/`, `npm run build:bench`);
 * - markjs: mark.js marking the glossary's surface forms with `<mark>` elements (markjs.ts), every
 *   `--markjs-share`-th form only (all: 1), its cost − none multiplied back up to all the forms, in `--markjs-runs` runs of each page (it is
 *   a thousand times costlier than ours: one run places it well enough);
 * - before (with `--before=DIR`, a copy of another benchmark build's output folder): Plain Terms
 *   as it was, in the same run, so a change is judged against the same machine's drift.
 * - ours-load and ours-ready (with `--stages`): Plain Terms' benchmark build told by the page's
 *   address to stop after loading (its code compiled and run, the extension API reached), or once
 *   ready to scan (settings, its listeners): `benchStopsAfter` in
 *   bench-timing.ts. What ours − none splits into, measured from outside: loading, getting ready
 *   (ready − load) and the scan (ours − ready), each beside its marks, to say where the time
 *   the marks don't cover goes.
 * With `--same-tab`, each variant's tab then loads the page once more (the same file at a second
 * address: a full load in the same renderer, as following a link within a site), measured the same
 * way and reported beside the fresh tab's (no style time: DevTools counts it from the tab's start).
 * Before the runs, each page is opened once with Plain Terms to learn the words it underlines
 * there (for the least highlighter), which also brings the page's file into the disk cache.
 *
 * The CPU of a load is counted until the variant's last mark (none: the load event), two frames
 * and 500 ms more, and at least until `--window` ms after its navigation started, the same for every
 * variant: one that finishes later is not also charged for what the page itself does meanwhile. Reported per page, as medians of the runs, then over pages: ours − none,
 * least − none, least-hl − none and markjs − none (ms of renderer CPU), and the ratios ours ÷ least
 * (the issue's budget: "everything the page pays because of us ÷ what the least content script
 * makes it pay, its one text walk included"), ours ÷ least-hl, ours ÷ least-gl and least-gl ÷ least (how far any glossary underliner is
 * from the least content script), and mark.js ÷ ours; the in-script
 * marks beside them; the longest frame of each variant (frame-watch.ts: Long Animation Frames in
 * Chromium, gaps between animation frames in Firefox), the longest one in which the variant's own
 * measures ran and the longest of those its measures made long (the page's own load makes long
 * frames too); in Chromium also the renderer's total
 * style-recalculation time (DevTools' Performance metrics). Ratios only: no pass/fail.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { type BrowserName, extensionDir, launchWithExtension } from '../e2e/harness';
import { writeBareExtension, writeNoScriptExtension } from './bare-extension';
import { DEFAULT_PAGES, servePages } from './browser-run';
import { type ChosenPage, choosePages } from './choose-pages';
import { framesHolding, longestFrame, watchFrames } from './frame-watch';
import { writeLeastGlossaryHighlighter, writeLeastOffPageHighlighter } from './least-glossary-highlighter';
import { underlinedWords, writeLeastHighlighter } from './least-highlighter';
import { writeMarkJsExtension } from './markjs';
import { busiestRenderer, rendererSnapshot } from './renderer-cpu';
import { fmt, median } from './stats';

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const dir = resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_PAGES);
const browsers = (option('browsers') ?? 'chromium,firefox').split(',') as BrowserName[];
const runs = Number(option('runs') ?? 3);
const beforeDir = option('before');
const withMarkJs = !args.includes('--no-markjs');
const withStages = args.includes('--stages');
const withSameTab = args.includes('--same-tab');
/** mark.js searches one form in this many, and its extra cost is scaled up by as much (markjs.ts). */
const markJsShare = Number(option('markjs-share') ?? 20);
const markJsRuns = Number(option('markjs-runs') ?? 1);
/**
 * Every variant's load is counted until at least this many ms after its navigation started, so each
 * is charged for the same stretch of the page's own life: a variant that finishes later would
 * otherwise also be charged for what the page itself does meanwhile (decoding, its own idle work).
 */
const windowMs = Number(option('window') ?? 1500);

type Variant =
  | 'none'
  | 'least'
  | 'least-hl'
  | 'least-gl'
  | 'least-bg'
  | 'ours'
  | 'markjs'
  | 'before'
  | 'ours-load'
  | 'ours-ready';
/** The mark each variant leaves when it has done its first pass (none: the page's load), and its measures' prefix. */
const DONE: Record<Variant, { mark: string | null; prefix: string | null }> = {
  none: { mark: null, prefix: null },
  least: { mark: 'bare:done', prefix: 'bare:' },
  'least-hl': { mark: 'least-hl:done', prefix: 'least-hl:' },
  'least-gl': { mark: 'least-gl:done', prefix: 'least-gl:' },
  'least-bg': { mark: 'least-bg:done', prefix: 'least-bg:' },
  ours: { mark: 'plain-terms:scanned', prefix: 'plain-terms:' },
  markjs: { mark: 'markjs:done', prefix: 'markjs:' },
  before: { mark: 'plain-terms:scanned', prefix: 'plain-terms:' },
  'ours-load': { mark: 'plain-terms:stopped', prefix: 'plain-terms:' },
  'ours-ready': { mark: 'plain-terms:stopped', prefix: 'plain-terms:' },
};
/** The variants that run a build of Plain Terms. */
const OUR_BUILDS = new Set<Variant>(['ours', 'before', 'ours-load', 'ours-ready']);
/** The address that stops a stage variant where its name says (bench-timing.ts, `benchStopsAfter`). */
const STOP: Partial<Record<Variant, string>> = {
  'ours-load': '#plain-terms-stop=load',
  'ours-ready': '#plain-terms-stop=ready',
};
/** mark.js takes seconds on a large page; past this it is counted as not having finished. */
const MARKJS_TIMEOUT_MS = 100_000;

interface Sample {
  /** Renderer main-thread CPU; NaN if the variant did not finish in time. */
  cpuMs: number;
  /** The content script's own User Timing measures, summed. */
  marksMs: number;
  /** Chromium: the renderer's style recalculation time (DevTools Performance metrics). */
  styleMs: number | null;
  /** The longest frame (frame-watch.ts); 0 if none over 50 ms. */
  longestFrameMs: number;
  /** The longest frame over 50 ms holding one of the variant's own measures (0: none; NaN: no measures). */
  ownFrameMs: number;
  /** The longest of those its measures made long: not over 50 ms without them (0: none; NaN: no measures). */
  madeLongMs: number;
  /** When the count ended, in ms after the navigation started. */
  endMs: number;
}

interface Run {
  name: BrowserName;
  variant: Variant;
  browser: Browser;
}

// ---- one measurement ----

/**
 * The page in a fresh tab, and with `--same-tab` once more in that tab (a second address of the
 * same page, so a full load in the same renderer): one sample of each.
 */
async function measure(run: Run, url: string): Promise<{ fresh: Sample; sameTab: Sample | null }> {
  const root = run.browser.process()?.pid;
  if (!root) throw new Error('no browser process');
  const before = rendererSnapshot(root, run.name);
  const page: Page = await run.browser.newPage();
  try {
    await watchFrames(page, run.name);
    const fresh = await load(run, page, url, root, before, true);
    if (!withSameTab) return { fresh, sameTab: null };
    const again = new URL(url);
    again.searchParams.set('again', '');
    return { fresh, sameTab: await load(run, page, again.href, root, rendererSnapshot(root, run.name), false) };
  } finally {
    await page.close();
  }
}

/**
 * One load of `url` in `page`, its renderer's CPU counted from the snapshot `before`; Chromium's
 * style time with `readStyle` (the tab's first load: DevTools' metric counts from the tab's start).
 */
async function load(
  run: Run,
  page: Page,
  url: string,
  root: number,
  before: Map<number, number>,
  readStyle: boolean,
): Promise<Sample> {
  await page.goto(url + (STOP[run.variant] ?? ''), { waitUntil: 'load', timeout: 60_000 }).catch(() => undefined);
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  const { mark, prefix } = DONE[run.variant];
  let finished = true;
  if (mark)
    finished = await page
      .waitForFunction(
        (m: string) => performance.getEntriesByName(m).length > 0,
        {
          polling: 50,
          timeout: run.variant === 'markjs' ? MARKJS_TIMEOUT_MS : 60_000,
        },
        mark,
      )
      .then(() => true)
      .catch((error) => {
        if (run.variant !== 'markjs') throw error;
        return false;
      });
  // What a script causes in the frames after its last mark (style, layout, paint) counts too.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 500)))),
  );
  const endMs = (await page.evaluate(
    (ms: number) =>
      new Promise((done) => setTimeout(() => done(performance.now()), Math.max(0, ms - performance.now()))),
    windowMs,
  )) as number;
  const marksMs = prefix
    ? await page.evaluate(
        (p: string) =>
          performance
            .getEntriesByType('measure')
            .filter((e) => e.name.startsWith(p))
            .reduce((total, e) => total + e.duration, 0),
        prefix,
      )
    : 0;
  const styleMs =
    readStyle && run.name === 'chromium' ? ((await page.metrics()).RecalcStyleDuration ?? 0) * 1000 : null;
  const longestFrameMs = await longestFrame(page);
  const own = prefix ? await framesHolding(page, prefix) : null;
  const cpuMs = busiestRenderer(root, run.name, before).ms;
  return {
    cpuMs: finished ? cpuMs : Number.NaN,
    marksMs,
    styleMs,
    longestFrameMs,
    ownFrameMs: own?.longest ?? Number.NaN,
    madeLongMs: own?.madeLong ?? Number.NaN,
    endMs,
  };
}

// ---- summary ----

interface PageResult extends ChosenPage {
  words: number;
  samples: Record<Variant, Sample[]>;
  /** With `--same-tab`: the same page loaded again in the tab of each fresh-tab sample. */
  sameTab: Record<Variant, Sample[]>;
}

const medianOf = (
  samples: Sample[],
  key: 'cpuMs' | 'marksMs' | 'longestFrameMs' | 'ownFrameMs' | 'madeLongMs' | 'endMs',
) => median(samples.map((s) => s[key]));
/** A reference cheaper than run-to-run noise: its floor is taken as 1 ms. */
const over = (a: number, b: number) => a / Math.max(b, 1);

function perPage(result: PageResult, ours: 'ours' | 'before' = 'ours') {
  const cpu = (v: Variant) => medianOf(result.samples[v], 'cpuMs');
  const none = cpu('none');
  const extra = (v: Variant) => cpu(v) - none;
  const style = (v: Variant) => median(result.samples[v].map((s) => s.styleMs ?? Number.NaN));
  return {
    none,
    oursExtra: extra(ours),
    leastExtra: extra('least'),
    highlighterExtra: extra('least-hl'),
    glossaryHighlighterExtra: extra('least-gl'),
    markJsExtra: extra('markjs') * markJsShare,
    overLeast: over(extra(ours), extra('least')),
    overHighlighter: over(extra(ours), extra('least-hl')),
    overGlossaryHighlighter: over(extra(ours), extra('least-gl')),
    glossaryHighlighterOverLeast: over(extra('least-gl'), extra('least')),
    offPageExtra: extra('least-bg'),
    overOffPage: over(extra(ours), extra('least-bg')),
    offPageOverLeast: over(extra('least-bg'), extra('least')),
    offPageMarks: medianOf(result.samples['least-bg'], 'marksMs'),
    markJsOverOurs: over(extra('markjs') * markJsShare, extra(ours)),
    oursMarks: medianOf(result.samples[ours], 'marksMs'),
    leastMarks: medianOf(result.samples.least, 'marksMs'),
    highlighterMarks: medianOf(result.samples['least-hl'], 'marksMs'),
    glossaryHighlighterMarks: medianOf(result.samples['least-gl'], 'marksMs'),
    styleExtra: style(ours) - style('none'),
    highlighterStyleExtra: style('least-hl') - style('none'),
    glossaryHighlighterStyleExtra: style('least-gl') - style('none'),
    offPageStyleExtra: style('least-bg') - style('none'),
    frame: (v: Variant) => medianOf(result.samples[v], 'longestFrameMs'),
    ownFrame: (v: Variant) => medianOf(result.samples[v], 'ownFrameMs'),
    madeLong: (v: Variant) => medianOf(result.samples[v], 'madeLongMs'),
    madeLongWorst: (v: Variant) => Math.max(...result.samples[v].map((s) => s.madeLongMs)),
    end: (v: Variant) => medianOf(result.samples[v], 'endMs'),
    // --stages: ours − none split by where it stopped (NaN without --stages).
    loading: extra('ours-load'),
    gettingReady: cpu('ours-ready') - cpu('ours-load'),
    scanning: cpu(ours) - cpu('ours-ready'),
    loadingMarks: medianOf(result.samples['ours-load'], 'marksMs'),
    gettingReadyMarks:
      medianOf(result.samples['ours-ready'], 'marksMs') - medianOf(result.samples['ours-load'], 'marksMs'),
    scanningMarks: medianOf(result.samples[ours], 'marksMs') - medianOf(result.samples['ours-ready'], 'marksMs'),
  };
}

type Row = PageResult & ReturnType<typeof perPage>;

function summarize(name: BrowserName, results: PageResult[], ours: 'ours' | 'before'): string {
  const rows: Row[] = results.map((r) => ({ ...r, ...perPage(r, ours) }));
  const med = (list: Row[], f: (r: Row) => number, digits = 1) => fmt(median(list.map(f)), digits);
  const max = (list: Row[], f: (r: Row) => number, digits = 1) => fmt(Math.max(...list.map(f)), digits);
  const frames = (list: Row[], v: Variant) =>
    `${med(list, (r) => r.frame(v), 0)} (max ${max(list, (r) => r.frame(v), 0)})`;
  const ownFrames = (list: Row[], v: Variant) =>
    `${med(list, (r) => r.ownFrame(v), 0)} (max ${max(list, (r) => r.ownFrame(v), 0)}), made long ${med(list, (r) => r.madeLong(v), 0)} (max ${max(list, (r) => r.madeLong(v), 0)}; pages with a run: ${list.filter((r) => r.madeLongWorst(v) > 50).length})`;
  const group = (label: string, list: Row[]) =>
    list.length
      ? [
          `  ${label} (${list.length} pages), median over pages (max):`,
          `    ours ÷ least ${med(list, (r) => r.overLeast, 2)}× (${max(list, (r) => r.overLeast, 2)}×); ours ÷ least highlighter ${med(list, (r) => r.overHighlighter, 2)}× (${max(list, (r) => r.overHighlighter, 2)}×)${withMarkJs ? `; mark.js ÷ ours ${med(list, (r) => r.markJsOverOurs, 0)}× (min ${fmt(Math.min(...list.map((r) => r.markJsOverOurs).filter((x) => !Number.isNaN(x))), 0)}×)` : ''}`,
          `    least glossary highlighter: ours ÷ it ${med(list, (r) => r.overGlossaryHighlighter, 2)}× (${max(list, (r) => r.overGlossaryHighlighter, 2)}×), it ÷ least ${med(list, (r) => r.glossaryHighlighterOverLeast, 2)}× (${max(list, (r) => r.glossaryHighlighterOverLeast, 2)}×); it − none ${med(list, (r) => r.glossaryHighlighterExtra)} ms, its marks ${med(list, (r) => r.glossaryHighlighterMarks)} ms, its longest frame ${frames(list, 'least-gl')}, made long by it ${ownFrames(list, 'least-gl')}`,
          `    least off-page glossary highlighter: ours ÷ it ${med(list, (r) => r.overOffPage, 2)}× (${max(list, (r) => r.overOffPage, 2)}×), it ÷ least ${med(list, (r) => r.offPageOverLeast, 2)}× (${max(list, (r) => r.offPageOverLeast, 2)}×); it − none ${med(list, (r) => r.offPageExtra)} ms, its marks ${med(list, (r) => r.offPageMarks)} ms, its longest frame ${frames(list, 'least-bg')}, made long by it ${ownFrames(list, 'least-bg')}`,
          `    − none (ms): ours ${med(list, (r) => r.oursExtra)}, least ${med(list, (r) => r.leastExtra)}, least highlighter ${med(list, (r) => r.highlighterExtra)}${withMarkJs ? `, mark.js ${med(list, (r) => r.markJsExtra, 0)}` : ''}; marks: ours ${med(list, (r) => r.oursMarks)}, least ${med(list, (r) => r.leastMarks)}, least highlighter ${med(list, (r) => r.highlighterMarks)}`,
          `    counted until (ms after navigation): none ${med(list, (r) => r.end('none'), 0)}, least ${med(list, (r) => r.end('least'), 0)}, least highlighter ${med(list, (r) => r.end('least-hl'), 0)}, ours ${med(list, (r) => r.end(ours), 0)} (max ${max(list, (r) => r.end(ours), 0)})`,
          `    longest frame (ms): none ${frames(list, 'none')}, least ${frames(list, 'least')}, least highlighter ${frames(list, 'least-hl')}, ours ${frames(list, ours)}${withMarkJs ? `, mark.js ${frames(list, 'markjs')}` : ''}`,
          `    frames over 50 ms holding its own measures (ms, median of runs then over pages): the longest, and the longest not over 50 without them: least ${ownFrames(list, 'least')}, least highlighter ${ownFrames(list, 'least-hl')}, ours ${ownFrames(list, ours)}`,
          ...(name === 'chromium'
            ? [
                `    style recalculation − none (ms): ours ${med(list, (r) => r.styleExtra)}, least highlighter ${med(list, (r) => r.highlighterStyleExtra)}, least glossary highlighter ${med(list, (r) => r.glossaryHighlighterStyleExtra)}, least off-page ${med(list, (r) => r.offPageStyleExtra)}`,
              ]
            : []),
          ...(withSameTab
            ? [
                (() => {
                  const same = list.map((r) => ({ ...r, ...perPage({ ...r, samples: r.sameTab }, ours) }));
                  return `    the same page again in the same tab: ours ÷ least ${med(same, (r) => r.overLeast, 2)}× (${max(same, (r) => r.overLeast, 2)}×), the off-page floor ÷ least ${med(same, (r) => r.offPageOverLeast, 2)}×, ours ÷ it ${med(same, (r) => r.overOffPage, 2)}×; − none (ms): ours ${med(same, (r) => r.oursExtra)}, least ${med(same, (r) => r.leastExtra)}, off-page floor ${med(same, (r) => r.offPageExtra)}; marks: ours ${med(same, (r) => r.oursMarks)}, least ${med(same, (r) => r.leastMarks)}`;
                })(),
              ]
            : []),
          ...(withStages && ours === 'ours'
            ? [
                `    ours − none by stage (ms, renderer CPU / its marks): loading ${med(list, (r) => r.loading)} / ${med(list, (r) => r.loadingMarks)}, getting ready ${med(list, (r) => r.gettingReady)} / ${med(list, (r) => r.gettingReadyMarks)}, the scan ${med(list, (r) => r.scanning)} / ${med(list, (r) => r.scanningMarks)}`,
              ]
            : []),
        ].join('\n')
      : '';
  const perPageLines = rows.map(
    (r) =>
      `    ${r.file.padEnd(42)} ${fmt(r.overLeast, 2).padStart(6)}× ${fmt(r.overHighlighter, 2).padStart(6)}× ${(withMarkJs ? fmt(r.markJsOverOurs, 0) : '—').padStart(5)}×   ${fmt(r.oursExtra, 0).padStart(4)} ${fmt(r.leastExtra, 0).padStart(4)} ${fmt(r.highlighterExtra, 0).padStart(4)} ${fmt(r.markJsExtra, 0).padStart(6)}   ${fmt(r.frame('none'), 0).padStart(4)} ${fmt(r.frame('least-hl'), 0).padStart(4)} ${fmt(r.frame(ours), 0).padStart(4)} ${fmt(r.frame('markjs'), 0).padStart(6)}   ${fmt(r.madeLong('least-hl'), 0).padStart(4)} ${fmt(r.madeLong(ours), 0).padStart(4)}`,
  );
  const groups: [string, Row[]][] = [
    ['all', rows],
    ['largest', rows.filter((r) => r.why === 'largest')],
    ['term-rich', rows.filter((r) => r.why === 'term-rich')],
    ['median size', rows.filter((r) => r.why === 'median size')],
    ['given', rows.filter((r) => r.why === 'given')],
  ];
  return [
    `${name}${ours === 'before' ? ', before' : ''}: renderer main-thread CPU, fresh tab, median of ${runs} runs per page and variant${withMarkJs ? `; mark.js: ${Math.min(runs, markJsRuns)} run(s), 1 form in ${markJsShare}, its cost − none × ${markJsShare} (its longest frame as measured)` : ''}`,
    ...groups.map(([label, list]) => group(label, list)),
    `  per page: ours÷least, ours÷least-hl, mark.js÷ours; − none (ms): ours, least, least-hl, mark.js; longest frame (ms): none, least-hl, ours, mark.js; longest frame its measures made long (ms): least-hl, ours`,
    ...perPageLines,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The TSV's same-tab columns of one page: each variant's CPU and marks, then the ratios. */
function sameTabColumns(result: PageResult, variants: Variant[]): string[] {
  const p = perPage({ ...result, samples: result.sameTab });
  return [
    ...variants.flatMap((v) => [
      fmt(medianOf(result.sameTab[v], 'cpuMs')),
      fmt(medianOf(result.sameTab[v], 'marksMs')),
    ]),
    fmt(p.overLeast, 2),
    fmt(p.overOffPage, 2),
    fmt(p.offPageOverLeast, 2),
  ];
}

function writeTsv(path: string, results: PageResult[]): void {
  const variants: Variant[] = [
    'none',
    'least',
    'least-hl',
    'least-gl',
    'least-bg',
    'ours',
    'markjs',
    ...(beforeDir ? ['before' as const] : []),
    ...(withStages ? ['ours-load' as const, 'ours-ready' as const] : []),
  ];
  const header = [
    'page',
    'why',
    'chars',
    'terms',
    'words',
    ...variants.flatMap((v) => [
      `${v}_cpu_ms`,
      `${v}_marks_ms`,
      `${v}_longest_frame_ms`,
      `${v}_own_frame_ms`,
      `${v}_made_long_ms`,
      `${v}_style_ms`,
    ]),
    'ours_over_least',
    'ours_over_least_hl',
    'ours_over_least_gl',
    'least_gl_over_least',
    'ours_over_least_bg',
    'least_bg_over_least',
    'markjs_over_ours',
    ...(withSameTab
      ? [
          ...variants.flatMap((v) => [`${v}_same_tab_cpu_ms`, `${v}_same_tab_marks_ms`]),
          'same_tab_ours_over_least',
          'same_tab_ours_over_least_bg',
          'same_tab_least_bg_over_least',
        ]
      : []),
  ];
  const lines = results.map((r) => {
    const p = perPage(r);
    return [
      r.file,
      r.why,
      r.chars,
      r.terms,
      r.words,
      ...variants.flatMap((v) => [
        fmt(medianOf(r.samples[v], 'cpuMs')),
        fmt(medianOf(r.samples[v], 'marksMs')),
        fmt(medianOf(r.samples[v], 'longestFrameMs')),
        fmt(medianOf(r.samples[v], 'ownFrameMs')),
        fmt(medianOf(r.samples[v], 'madeLongMs')),
        fmt(median(r.samples[v].map((s) => s.styleMs ?? Number.NaN))),
      ]),
      fmt(p.overLeast, 2),
      fmt(p.overHighlighter, 2),
      fmt(p.overGlossaryHighlighter, 2),
      fmt(p.glossaryHighlighterOverLeast, 2),
      fmt(p.overOffPage, 2),
      fmt(p.offPageOverLeast, 2),
      fmt(p.markJsOverOurs, 1),
      ...(withSameTab ? sameTabColumns(r, variants) : []),
    ].join('\t');
  });
  writeFileSync(path, `${[header.join('\t'), ...lines].join('\n')}\n`);
}

// ---- main ----

const noSamples = (): Record<Variant, Sample[]> => ({
  none: [],
  least: [],
  'least-hl': [],
  'least-gl': [],
  'least-bg': [],
  ours: [],
  markjs: [],
  before: [],
  'ours-load': [],
  'ours-ready': [],
});

const pages = choosePages(dir, {
  largest: Number(option('largest') ?? 20),
  termRich: Number(option('term-rich') ?? 10),
  median: Number(option('median') ?? 10),
  given: option('pages')?.split(','),
});
const { origin, server } = await servePages(dir);
const urlOf = (file: string) => `${origin}/page/${file}`;
const outDir = join(import.meta.dirname, '../../bench-output');
mkdirSync(outDir, { recursive: true });
const summaries: string[] = [];
// No spare or pre-launched renderers: the process that gains the most CPU is the page's.
const chromiumArgs = ['--disable-features=SpareRendererForSitePerProcess'];
const firefoxPrefs = { 'dom.ipc.processPrelaunch.enabled': false };
for (const name of browsers) {
  const launch = (variant: Variant, extension: string) =>
    // Our builds open their welcome page on install: waited for, so it can't come to the front
    // later and leave a measured page in the background.
    launchWithExtension(name, {
      offline: true,
      dir: extension,
      welcomes: OUR_BUILDS.has(variant),
      chromiumArgs,
      firefoxPrefs,
    }).then((browser): Run => ({ name, variant, browser }));
  const runners: Run[] = [await launch('ours', extensionDir(name, 'bench'))];
  const results: PageResult[] = [];
  try {
    const wordsByPath: Record<string, string[]> = {};
    for (const page of pages)
      wordsByPath[new URL(urlOf(page.file)).pathname] = await underlinedWords(runners[0]!.browser, urlOf(page.file));
    runners.push(
      await launch('none', writeNoScriptExtension(name)),
      await launch('least', writeBareExtension(name)),
      await launch('least-hl', writeLeastHighlighter(name, wordsByPath)),
      await launch('least-gl', writeLeastGlossaryHighlighter(name)),
      await launch('least-bg', writeLeastOffPageHighlighter(name)),
      ...(withMarkJs ? [await launch('markjs', writeMarkJsExtension(name, markJsShare))] : []),
      ...(beforeDir
        ? [await launch('before', join(resolve(beforeDir), name === 'chromium' ? 'chrome-mv3' : 'firefox-mv3'))]
        : []),
      ...(withStages
        ? [
            await launch('ours-load', extensionDir(name, 'bench')),
            await launch('ours-ready', extensionDir(name, 'bench')),
          ]
        : []),
    );
    console.log(`Whole cost: ${pages.length} pages × ${runs} runs × ${runners.length} variants in ${name}…`);
    for (const [i, page] of pages.entries()) {
      const words = wordsByPath[new URL(urlOf(page.file)).pathname]!.length;
      const result: PageResult = { ...page, words, samples: noSamples(), sameTab: noSamples() };
      try {
        for (let r = 0; r < runs; r++) {
          // Alternate which goes first, so a drift of the machine's speed is shared out.
          for (let k = 0; k < runners.length; k++) {
            const run = runners[(k + r) % runners.length]!;
            if (run.variant === 'markjs' && r >= markJsRuns) continue;
            const { fresh, sameTab } = await measure(run, urlOf(page.file));
            result.samples[run.variant].push(fresh);
            if (sameTab) result.sameTab[run.variant].push(sameTab);
          }
        }
        results.push(result);
      } catch (error) {
        console.log(`  ${name} ${page.file}: skipped (${(error as Error).message.split('\n')[0]})`);
      }
      console.log(`  ${name}: ${i + 1}/${pages.length} pages`);
    }
  } finally {
    for (const run of runners) await run.browser.close();
  }
  writeTsv(join(outDir, `whole-cost-${name}.tsv`), results);
  summaries.push(summarize(name, results, 'ours'));
  if (beforeDir) summaries.push(summarize(name, results, 'before'));
}
server.close();
console.log(`\n${summaries.join('\n\n')}\n\nPer-page figures: ${outDir}/whole-cost-<browser>.tsv`);
