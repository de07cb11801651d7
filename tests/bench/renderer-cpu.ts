/**
 * Reading what a browser's processes spend on a CPU, from outside, for the whole-cost, scroll and
 * memory benchmarks: `/proc/<pid>/task/<tid>/schedstat` (first field: nanoseconds on a CPU). The page's
 * renderer is found as the one process of that browser (Chromium: `--type=renderer`, not an
 * extension's; Firefox: a "Web Content" or "Isolated Web Content" process) whose main thread gained
 * the most while the page was measured.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { BrowserName } from '../e2e/harness';

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** Every process under `root` (the browser's own), `root` included. */
export function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!pid) continue;
    const ppid = parentOf(pid);
    if (ppid !== null) parent.set(pid, ppid);
  }
  const descends = (pid: number) => {
    for (let p: number | undefined = pid; p; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter(descends);
}

/** The browser's renderer (Chromium) or web content (Firefox) processes, not the extensions' own. */
export function renderers(root: number, name: BrowserName): number[] {
  return processTree(root).filter((pid) => {
    if (pid === root) return false;
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

/** Nanoseconds one thread has spent on a CPU. */
function threadNs(pid: number, tid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
}

/** Nanoseconds the process's main thread (its first thread: tid = pid) has spent on a CPU. */
export function mainThreadNs(pid: number): number {
  return threadNs(pid, pid);
}

/** Nanoseconds all the process's live threads have spent on a CPU (raster and compositor threads too). */
export function processNs(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).reduce((sum, tid) => sum + threadNs(pid, Number(tid)), 0);
  } catch {
    return 0;
  }
}

/** CPU time of every thread of every process of the browser. */
export function browserNs(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + processNs(pid), 0);
}

/** The renderers' main-thread CPU now, to compare with `busiestRenderer` later. */
export function rendererSnapshot(root: number, name: BrowserName): Map<number, number> {
  return new Map(renderers(root, name).map((pid) => [pid, mainThreadNs(pid)]));
}

/** The renderer whose main thread gained most since `before`, and how many ms it gained. */
export function busiestRenderer(
  root: number,
  name: BrowserName,
  before: Map<number, number>,
): { pid: number; ms: number } {
  let best = { pid: 0, ns: -1 };
  for (const pid of renderers(root, name)) {
    const gained = mainThreadNs(pid) - (before.get(pid) ?? 0);
    if (gained > best.ns) best = { pid, ns: gained };
  }
  if (best.ns < 0) throw new Error('no renderer found');
  return { pid: best.pid, ms: best.ns / 1e6 };
}
