/**
 * Whole-cost benchmark: `npx tsx tests/bench/whole-cost.ts [PAGES_DIR] [--browsers=chromium,firefox]
 * [--runs=3] [--largest=20] [--term-rich=10] [--median=10] [--pages=a.html,b.html] [--before=DIR]`.
 *
 * What the page pays because of a content script, measured from outside: the CPU time of the
 * page renderer's main thread (`/proc/<pid>/task/<pid>/schedstat`, first field: time on a CPU),
 * so style recalculation, layout and painting caused by us count as much as our own code, which
 * the User Timing marks alone miss. Each page (scripts stripped) is opened in a fresh tab of
 * three browsers, one after the other, in an order that rotates from run to run:
 * - none: an extension with no content script (bare-extension.ts, `writeNoScriptExtension`);
 * - least: the least content script (bare-extension.ts: the polyfill, one message, the walk);
 * - ours: Plain Terms, benchmark build (`.output-bench/`, `npm run build:bench`);
 * - before (with `--before=DIR`, a copy of another benchmark build's output folder): Plain Terms
 *   as it was, in the same run, so a change is judged against the same machine's drift.
 * The renderer is found as the one process of that browser (Chromium: `--type=renderer`, not the
 * extension's; Firefox: an "Isolated Web Content" process) whose main thread gained the most CPU while the page
 * loaded, until its last mark (none: the load event) and two frames and 500 ms after.
 *
 * Reported per page, as medians of the runs: ours − none and least − none (ms of renderer CPU),
 * and their ratio, the issue's budget ("everything the page pays because of us ÷ what the least
 * content script makes it pay, its one text walk included"); our in-script marks beside it; in
 * Chromium also the renderer's total style-recalculation time (DevTools' Performance metrics) and
 * the longest animation frame (Long Animation Frames API) in each run. Ratios only: no pass/fail.
 * Pages are chosen from the saved set: the `--largest` largest (text length), the `--term-rich`
 * with most glossary terms and `--median` around the median size.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { bundledGlossary } from '../../glossary/bundled';
import { buildIndex, findTerms } from '../../glossary/matcher';
import { type BrowserName, extensionDir, launchWithExtension } from '../e2e/harness';
import { writeBareExtension, writeNoScriptExtension } from './bare-extension';
import { DEFAULT_PAGES, findPages, servePages, stripScripts } from './browser-run';

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const dir = resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_PAGES);
const browsers = (option('browsers') ?? 'chromium,firefox').split(',') as BrowserName[];
const runs = Number(option('runs') ?? 3);

type Variant = 'none' | 'least' | 'ours' | 'before';
/** The mark each variant leaves when it has done its first pass (none: the page's load). */
const DONE_MARK: Record<Variant, string | null> = {
  none: null,
  least: 'bare:done',
  ours: 'plain-terms:scanned',
  before: 'plain-terms:scanned',
};
const beforeDir = option('before');

interface Sample {
  cpuMs: number;
  /** The content script's own User Timing measures, summed. */
  marksMs: number;
  /** Chromium: the renderer's style recalculation and layout time (DevTools Performance metrics). */
  styleMs: number | null;
  layoutMs: number | null;
  /** Chromium: the longest animation frame (Long Animation Frames API), rendering included. */
  longestFrameMs: number | null;
}

// ---- choosing pages ----

/** The page's text, near enough to rank pages by size and by glossary terms. */
function roughText(file: string): string {
  return stripScripts(readFileSync(join(dir, file)))
    .toString('utf8')
    .replace(/<style\b[\s\S]*?<\/style\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ');
}

function choosePages(): { file: string; chars: number; terms: number; why: string }[] {
  const explicit = option('pages');
  const index = buildIndex(bundledGlossary);
  const all = findPages(dir).map((file) => {
    const text = roughText(file);
    return { file, chars: text.length, terms: findTerms(index, text).length, why: '' };
  });
  if (explicit)
    return explicit.split(',').flatMap((f) => all.filter((p) => p.file === f).map((p) => ({ ...p, why: 'given' })));
  const bySize = [...all].sort((a, b) => b.chars - a.chars);
  const chosen = new Map<string, (typeof all)[number]>();
  for (const page of bySize.slice(0, Number(option('largest') ?? 20)))
    chosen.set(page.file, { ...page, why: 'largest' });
  const termRich = [...all].sort((a, b) => b.terms - a.terms).filter((p) => !chosen.has(p.file));
  for (const page of termRich.slice(0, Number(option('term-rich') ?? 10)))
    chosen.set(page.file, { ...page, why: 'term-rich' });
  const medianCount = Number(option('median') ?? 10);
  const middle = Math.floor(bySize.length / 2);
  const around = bySize.slice(middle - Math.floor(medianCount / 2)).filter((p) => !chosen.has(p.file));
  for (const page of around.slice(0, medianCount)) chosen.set(page.file, { ...page, why: 'median size' });
  return [...chosen.values()];
}

// ---- reading a renderer's main-thread CPU time ----

function procStat(pid: number): { ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses.
    return { ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) };
  } catch {
    return null;
  }
}

/** The browser's renderer (Chromium) or web content (Firefox) processes, not the extensions' own. */
function renderers(root: number, name: BrowserName): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!pid) continue;
    const stat = procStat(pid);
    if (stat) parent.set(pid, stat.ppid);
  }
  const descends = (pid: number) => {
    for (let p = parent.get(pid); p; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter((pid) => {
    if (!descends(pid)) return false;
    try {
      // Firefox names its processes (forked from its fork server, so their command lines say nothing).
      if (name === 'firefox') return /^(Isolated Web|Web Content)/.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmdline.includes('--type=renderer') && !cmdline.includes('--extension-process');
    } catch {
      return false;
    }
  });
}

/** Nanoseconds the process's main thread (its first thread: tid = pid) has spent on a CPU. */
function mainThreadNs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
}

// ---- one measurement ----

interface Run {
  name: BrowserName;
  variant: Variant;
  browser: Browser;
}

/** Chromium: long animation frames, collected in the page's world from its first line on. */
const LOAF_OBSERVER = `globalThis.__ptFrames = [];
try { new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__ptFrames.push(e.duration); })
  .observe({ type: 'long-animation-frame', buffered: true }); } catch {}`;

async function measure(run: Run, url: string): Promise<Sample> {
  const root = run.browser.process()?.pid;
  if (!root) throw new Error('no browser process');
  const before = new Map(renderers(root, run.name).map((pid) => [pid, mainThreadNs(pid)]));
  const page: Page = await run.browser.newPage();
  try {
    if (run.name === 'chromium') await page.evaluateOnNewDocument(LOAF_OBSERVER);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => undefined);
    await page.evaluate('globalThis.__name ??= (fn) => fn');
    const mark = DONE_MARK[run.variant];
    if (mark)
      await page.waitForFunction(
        (m: string) => performance.getEntriesByName(m).length > 0,
        { polling: 50, timeout: 60_000 },
        mark,
      );
    // What we cause in the frames after our last mark (style, layout, paint) counts too.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 500)))),
    );
    const inPage = await page.evaluate(() => {
      const sum = (prefix: string) =>
        performance
          .getEntriesByType('measure')
          .filter((e) => e.name.startsWith(prefix))
          .reduce((total, e) => total + e.duration, 0);
      const frames = (globalThis as unknown as { __ptFrames?: number[] }).__ptFrames;
      return { ours: sum('plain-terms:'), least: sum('bare:'), longestFrameMs: frames ? Math.max(0, ...frames) : null };
    });
    let styleMs: number | null = null;
    let layoutMs: number | null = null;
    if (run.name === 'chromium') {
      const metrics = await page.metrics();
      styleMs = (metrics.RecalcStyleDuration ?? 0) * 1000;
      layoutMs = (metrics.LayoutDuration ?? 0) * 1000;
    }
    let best = { pid: 0, ns: -1 };
    for (const pid of renderers(root, run.name)) {
      const gained = mainThreadNs(pid) - (before.get(pid) ?? 0);
      if (gained > best.ns) best = { pid, ns: gained };
    }
    if (best.ns < 0) throw new Error('no renderer found');
    return {
      cpuMs: best.ns / 1e6,
      marksMs: run.variant === 'least' ? inPage.least : run.variant === 'none' ? 0 : inPage.ours,
      styleMs,
      layoutMs,
      longestFrameMs: inPage.longestFrameMs,
    };
  } finally {
    await page.close();
  }
}

// ---- summary ----

const median = (values: number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fmt = (n: number | null, digits = 1) => (n === null || Number.isNaN(n) ? '—' : n.toFixed(digits));

interface PageResult {
  file: string;
  chars: number;
  terms: number;
  why: string;
  samples: Record<Variant, Sample[]>;
}

const medianOf = (samples: Sample[], key: keyof Sample) =>
  samples[0]?.[key] === null ? null : median(samples.map((s) => s[key] as number));

function perPage(result: PageResult, variant: 'ours' | 'before' = 'ours') {
  const none = median(result.samples.none.map((s) => s.cpuMs));
  const least = median(result.samples.least.map((s) => s.cpuMs));
  const ours = median(result.samples[variant].map((s) => s.cpuMs));
  // A least content script cheaper than run-to-run noise: its floor is taken as 1 ms.
  const leastExtra = Math.max(least - none, 1);
  return {
    none,
    least,
    ours,
    oursExtra: ours - none,
    leastExtra: least - none,
    ratio: (ours - none) / leastExtra,
    oursMarks: median(result.samples[variant].map((s) => s.marksMs)),
    leastMarks: median(result.samples.least.map((s) => s.marksMs)),
    styleNone: medianOf(result.samples.none, 'styleMs'),
    styleOurs: medianOf(result.samples[variant], 'styleMs'),
    frameNone: medianOf(result.samples.none, 'longestFrameMs'),
    frameOurs: medianOf(result.samples[variant], 'longestFrameMs'),
  };
}

function summarize(name: BrowserName, results: PageResult[], variant: 'ours' | 'before'): string {
  const rows = results.map((r) => ({ ...r, ...perPage(r, variant) }));
  const group = (label: string, list: typeof rows) =>
    list.length
      ? `  ${label.padEnd(22)} (${String(list.length).padStart(2)} pages): ratio ${fmt(median(list.map((r) => r.ratio)), 2)}× (max ${fmt(Math.max(...list.map((r) => r.ratio)), 2)}×); ours − none ${fmt(median(list.map((r) => r.oursExtra)))} ms, least − none ${fmt(median(list.map((r) => r.leastExtra)))} ms; our marks ${fmt(median(list.map((r) => r.oursMarks)))} ms, least's ${fmt(median(list.map((r) => r.leastMarks)))} ms${
          name === 'chromium'
            ? `; style with us − without ${fmt(median(list.map((r) => (r.styleOurs ?? 0) - (r.styleNone ?? 0))))} ms; longest frame ${fmt(median(list.map((r) => r.frameNone ?? Number.NaN)))} → ${fmt(median(list.map((r) => r.frameOurs ?? Number.NaN)))} ms`
            : ''
        }`
      : '';
  const worst = [...rows].sort((a, b) => b.oursExtra - a.oursExtra).slice(0, 5);
  return [
    `${name}${variant === 'before' ? ', before' : ''}: renderer main-thread CPU, fresh tab, median of ${runs} runs per page and variant`,
    group('all', rows),
    group(
      '20 largest',
      rows.filter((r) => r.why === 'largest'),
    ),
    group(
      'term-rich',
      rows.filter((r) => r.why === 'term-rich'),
    ),
    group(
      'median size',
      rows.filter((r) => r.why === 'median size'),
    ),
    group(
      'given',
      rows.filter((r) => r.why === 'given'),
    ),
    `  most extra CPU: ${worst.map((r) => `${r.file} ${fmt(r.oursExtra, 0)} ms (least ${fmt(r.leastExtra, 0)})`).join(', ')}`,
  ]
    .filter(Boolean)
    .join('\n');
}

// ---- main ----

const pages = choosePages();
const { origin, server } = await servePages(dir);
const outDir = join(import.meta.dirname, '../../bench-output');
mkdirSync(outDir, { recursive: true });
const summaries: string[] = [];
// No spare or pre-launched renderers: the process that gains the most CPU is the page's.
const chromiumArgs = ['--disable-features=SpareRendererForSitePerProcess'];
const firefoxPrefs = { 'dom.ipc.processPrelaunch.enabled': false };
for (const name of browsers) {
  console.log(`Whole cost: ${pages.length} pages × ${runs} runs × 3 in ${name}…`);
  const launch = (variant: Variant, extension: string) =>
    launchWithExtension(name, { offline: true, dir: extension, welcomes: false, chromiumArgs, firefoxPrefs }).then(
      (browser): Run => ({ name, variant, browser }),
    );
  const runners = [
    await launch('none', writeNoScriptExtension(name)),
    await launch('least', writeBareExtension(name)),
    await launch('ours', extensionDir(name, 'bench')),
    ...(beforeDir
      ? [await launch('before', join(resolve(beforeDir), name === 'chromium' ? 'chrome-mv3' : 'firefox-mv3'))]
      : []),
  ];
  const results: PageResult[] = [];
  try {
    for (const [i, page] of pages.entries()) {
      const result: PageResult = { ...page, samples: { none: [], least: [], ours: [], before: [] } };
      try {
        for (let r = 0; r < runs; r++) {
          // Alternate which goes first, so a drift of the machine's speed is shared out.
          for (let k = 0; k < runners.length; k++) {
            const run = runners[(k + r) % runners.length]!;
            result.samples[run.variant].push(await measure(run, `${origin}/page/${page.file}`));
          }
        }
        results.push(result);
      } catch (error) {
        console.log(`  ${name} ${page.file}: skipped (${(error as Error).message.split('\n')[0]})`);
      }
      if ((i + 1) % 10 === 0) console.log(`  ${name}: ${i + 1}/${pages.length} pages`);
    }
  } finally {
    for (const run of runners) await run.browser.close();
  }
  const tsv = [
    'page\twhy\tchars\tterms\tnone_ms\tleast_ms\tours_ms\tours_extra_ms\tleast_extra_ms\tratio\tours_marks_ms\tleast_marks_ms\tstyle_none_ms\tstyle_ours_ms\tlongest_frame_none_ms\tlongest_frame_ours_ms\tbefore_ms\tbefore_ratio\tstyle_before_ms\tlongest_frame_before_ms',
    ...results.map((result) => {
      const p = perPage(result);
      const b = beforeDir ? perPage(result, 'before') : null;
      return [
        result.file,
        result.why,
        result.chars,
        result.terms,
        fmt(p.none),
        fmt(p.least),
        fmt(p.ours),
        fmt(p.oursExtra),
        fmt(p.leastExtra),
        fmt(p.ratio, 2),
        fmt(p.oursMarks),
        fmt(p.leastMarks),
        fmt(p.styleNone),
        fmt(p.styleOurs),
        fmt(p.frameNone),
        fmt(p.frameOurs),
        fmt(b?.ours ?? null),
        fmt(b?.ratio ?? null, 2),
        fmt(b?.styleOurs ?? null),
        fmt(b?.frameOurs ?? null),
      ].join('\t');
    }),
  ].join('\n');
  writeFileSync(join(outDir, `whole-cost-${name}.tsv`), `${tsv}\n`);
  summaries.push(summarize(name, results, 'ours'));
  if (beforeDir) summaries.push(summarize(name, results, 'before'));
}
server.close();
console.log(`\n${summaries.join('\n\n')}\n\nPer-page figures: ${outDir}/whole-cost-<browser>.tsv`);
