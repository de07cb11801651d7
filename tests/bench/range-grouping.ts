/**
 * Range-grouping benchmark: `npx tsx tests/bench/range-grouping.ts [--browsers=chromium,firefox] [--runs=3]`.
 *
 * Does the engine's cost of scrolling grow with the ranges registered in a highlight, and would
 * registering only the ranges near the viewport (per visible region) pay? The page is the demo
 * article repeated 80 times; in its own world (no extension code runs), the words of a fixed list
 * of health words are made `StaticRange`s (3,200 of them) under one `::highlight()` rule, and the
 * page is scrolled top to bottom, 200 px per frame, as in scroll.ts. Variants, in an order that
 * rotates from run to run, each in a fresh tab:
 * - none: no highlight, no sheet;
 * - all: every range in one Highlight (what Plain Terms does);
 * - few: the first 32 ranges only (the cost of the sheet and a highlight, with few ranges);
 * - visible: every block with ranges observed by an IntersectionObserver (one viewport above and
 *   below), its ranges added as it comes near and deleted as it leaves: grouping per visible region.
 * Reported: the renderer main thread's CPU while scrolling (median of the runs), frames over 50 ms
 * and the 95th-percentile frame. Ratios against none, measured in the same run; no pass/fail.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserName, launchWithExtension } from '../e2e/harness';
import { writeNoScriptExtension } from './bare-extension';
import { servePages } from './browser-run';
import { busiestRenderer, mainThreadNs, rendererSnapshot } from './renderer-cpu';
import { fmt, median, quantile } from './stats';

const args = process.argv.slice(2);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const browsers = (option('browsers') ?? 'chromium,firefox').split(',') as BrowserName[];
const runs = Number(option('runs') ?? 3);

type Variant = 'none' | 'all' | 'few' | 'visible';
const VARIANTS: Variant[] = ['none', 'all', 'few', 'visible'];

function writeLongPage(): string {
  const demo = readFileSync(join(import.meta.dirname, '../../demo/article.html'), 'utf8');
  const start = demo.indexOf('<article>');
  const end = demo.indexOf('</article>') + '</article>'.length;
  const dir = mkdtempSync(join(tmpdir(), 'plain-terms-grouping-'));
  writeFileSync(
    join(dir, 'long.html'),
    `${demo.slice(0, start)}${demo.slice(start, end).repeat(80)}${demo.slice(end)}`,
  );
  return dir;
}

// Page-world scripts, as strings: they run in the page, not in Node.
const MAKE_RANGES = `(() => {
  const words = /\\b(massage|pain|muscles?|inflammation|tissue|lymphatic|fascia|therapy|blood|nerves?|injury|stiffness|tension|chronic|circulation|stretching|recovery|swelling)\\b/gi;
  const ranges = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) {
    words.lastIndex = 0;
    for (let m; (m = words.exec(node.data)); )
      ranges.push(new StaticRange({ startContainer: node, startOffset: m.index, endContainer: node, endOffset: m.index + m[0].length }));
  }
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('::highlight(grouping) { text-decoration: underline dotted rgb(0 110 140); text-decoration-thickness: 1.5px; }');
  document.adoptedStyleSheets = [sheet];
  const highlight = new Highlight();
  CSS.highlights.set('grouping', highlight);
  window.__grouping = { ranges, highlight };
})()`;
const REGISTER: Record<Exclude<Variant, 'none'>, string> = {
  all: '(() => { const { ranges, highlight } = __grouping; for (const r of ranges) highlight.add(r); })()',
  few: '(() => { const { ranges, highlight } = __grouping; for (const r of ranges.slice(0, 32)) highlight.add(r); })()',
  visible: `(() => {
    const { ranges, highlight } = __grouping;
    const byBlock = new Map();
    for (const r of ranges) {
      const block = r.startContainer.parentElement;
      byBlock.get(block)?.push(r) ?? byBlock.set(block, [r]);
    }
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries)
        for (const r of byBlock.get(entry.target)) entry.isIntersecting ? highlight.add(r) : highlight.delete(r);
    }, { rootMargin: '100% 0px' });
    for (const block of byBlock.keys()) observer.observe(block);
  })()`,
};
const SCROLL = `new Promise((done) => {
  const frames = [];
  let last = 0;
  const tick = (now) => {
    if (last) frames.push(now - last);
    last = now;
    if (scrollY + innerHeight >= document.documentElement.scrollHeight - 1) done(frames);
    else { scrollBy(0, 200); requestAnimationFrame(tick); }
  };
  requestAnimationFrame(tick);
})`;
const SETTLE = 'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 500))))';

interface Sample {
  cpuMs: number;
  over50: number;
  p95: number;
  ranges: number;
}

const { origin, server } = await servePages(writeLongPage());
const url = `${origin}/page/long.html`;
for (const name of browsers) {
  const browser = await launchWithExtension(name, {
    offline: true,
    dir: writeNoScriptExtension(name),
    welcomes: false,
  });
  const root = browser.process()?.pid;
  if (!root) throw new Error('no browser process');
  const samples: Record<Variant, Sample[]> = { none: [], all: [], few: [], visible: [] };
  try {
    for (let run = 0; run < runs; run++) {
      for (let k = 0; k < VARIANTS.length; k++) {
        const variant = VARIANTS[(k + run) % VARIANTS.length]!;
        const before = rendererSnapshot(root, name);
        const page = await browser.newPage();
        try {
          await page.bringToFront();
          await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
          if (variant !== 'none') {
            await page.evaluate(MAKE_RANGES);
            await page.evaluate(REGISTER[variant]);
          }
          await page.evaluate(SETTLE);
          const ranges = variant === 'none' ? 0 : ((await page.evaluate('__grouping.ranges.length')) as number);
          const { pid } = busiestRenderer(root, name, before);
          const start = mainThreadNs(pid);
          const frames = (await page.evaluate(SCROLL)) as number[];
          samples[variant].push({
            cpuMs: (mainThreadNs(pid) - start) / 1e6,
            over50: frames.filter((ms) => ms > 50).length,
            p95: quantile(frames, 0.95),
            ranges,
          });
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  const none = median(samples.none.map((s) => s.cpuMs));
  console.log(`\n${name}: main-thread CPU while scrolling, median of ${runs} runs (ranges: ${samples.all[0]?.ranges})`);
  for (const variant of VARIANTS) {
    const list = samples[variant];
    const cpu = median(list.map((s) => s.cpuMs));
    console.log(
      `  ${variant.padEnd(8)} ${fmt(cpu, 0).padStart(5)} ms (${fmt(cpu / none, 2)}× none); frames over 50 ms ${list.map((s) => s.over50).join('/')}; p95 frame ${fmt(median(list.map((s) => s.p95)), 1)} ms`,
    );
  }
}
server.close();
