/**
 * Choosing saved pages for the browser benchmarks by size and by glossary terms, from their text as
 * near as a regular expression gets it (scripts stripped, as they are served).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledGlossary } from '../../glossary/bundled';
import { buildIndex, findTerms } from '../../glossary/matcher';
import { findPages, stripScripts } from './browser-run';

export interface ChosenPage {
  file: string;
  /** Characters of text, near enough to rank pages by size. */
  chars: number;
  /** Glossary terms the matcher finds in that text (context rules aside). */
  terms: number;
  why: 'largest' | 'term-rich' | 'median size' | 'given';
}

/** The page's text, near enough to rank pages by size and by glossary terms. */
function roughText(dir: string, file: string): string {
  return stripScripts(readFileSync(join(dir, file)))
    .toString('utf8')
    .replace(/<style\b[\s\S]*?<\/style\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ');
}

/** Every saved page under `dir`, with its size and terms. */
export function measurePages(dir: string): Omit<ChosenPage, 'why'>[] {
  const index = buildIndex(bundledGlossary);
  return findPages(dir).map((file) => {
    const text = roughText(dir, file);
    return { file, chars: text.length, terms: findTerms(index, text).length };
  });
}

/**
 * The `largest` largest pages, then the `termRich` with most terms and `median` around the median
 * size, each page once; or the pages named in `given` (paths under `dir`).
 */
export function choosePages(
  dir: string,
  { largest, termRich, median, given }: { largest: number; termRich: number; median: number; given?: string[] },
): ChosenPage[] {
  const all = measurePages(dir);
  if (given) return given.flatMap((f) => all.filter((p) => p.file === f).map((p) => ({ ...p, why: 'given' as const })));
  const bySize = [...all].sort((a, b) => b.chars - a.chars);
  const chosen = new Map<string, ChosenPage>();
  for (const page of bySize.slice(0, largest)) chosen.set(page.file, { ...page, why: 'largest' });
  const byTerms = [...all].sort((a, b) => b.terms - a.terms).filter((p) => !chosen.has(p.file));
  for (const page of byTerms.slice(0, termRich)) chosen.set(page.file, { ...page, why: 'term-rich' });
  const middle = Math.floor(bySize.length / 2);
  const around = bySize.slice(middle - Math.floor(median / 2)).filter((p) => !chosen.has(p.file));
  for (const page of around.slice(0, median)) chosen.set(page.file, { ...page, why: 'median size' });
  return [...chosen.values()];
}
