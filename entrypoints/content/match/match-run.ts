import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { askBackground } from '@/common/messages';
import type { TermMatch, TermsInText } from '@/glossary/matcher';
import { readsLanguage } from '@/glossary/senses';
import { locate, type TextRun } from '../scan/text-run';
import { waitUnlessGone } from '../support/context-timer';
import { FIND_RETRY_MS } from '../support/timing';

/** Finds the glossary's terms in texts, in order (null for a text without any), or null when it can't. */
export type FindTerms = (texts: string[]) => Promise<(TermsInText | null)[] | null>;

/**
 * Asks the background (its term-finder.ts), a few times if it can't answer yet. Matching there
 * costs a page less than matching here: the matcher's code and the glossary's index stay in the
 * background, compiled and parsed once, not on every page and in every frame. The waits between
 * asks stop with the page's script (`ctx`): once the extension is reloaded or removed, an old
 * page asks no more and gets null.
 */
export function termFinder(ctx: ContentScriptContext): FindTerms {
  return async (texts) => {
    for (const wait of [0, ...FIND_RETRY_MS]) {
      if (wait > 0 && !(await waitUnlessGone(ctx, wait))) return null;
      const found = await askBackground({ type: 'find-terms', texts });
      if (found) return found;
    }
    return null;
  };
}

/** A glossary term found on the page, with the range that covers its words. */
export interface FoundTerm extends TermMatch {
  run: TextRun;
  range: StaticRange;
  /** The words as the page writes them. */
  words: string;
}

/** The terms found in one run of text. */
export interface RunMatches {
  run: TextRun;
  /** In the order of the run's text. */
  terms: FoundTerm[];
  /** Whether the run's own words settle the health sense of words that need context (glossary/senses.ts). */
  settled: boolean;
}

/**
 * The match step: runs of text in, the glossary terms found in each out. The terms are found in
 * the runs' text by the background (`FindTerms`: glossary/matcher.ts, run there), all the runs of
 * a read in one message, as each message costs a page more than its text; this maps them back to
 * the page's nodes. Text in a language the glossary doesn't read is passed over, unless the
 * reader asked for every language.
 */
export class RunMatcher {
  /** Whether each block's declared language is one the glossary reads. */
  private readonly languageOf = new WeakMap<Element, boolean>();
  /**
   * The same for each element that declares one (`lang`): a page's blocks mostly share one, the
   * root's, whose attribute is then read once, not once per block.
   */
  private readonly declaredBy = new WeakMap<Element, boolean>();
  /**
   * While the whole document is read (`readingDocument`) and nothing in it but its root declares
   * a language (most pages: `<html lang="en">` alone), whether that one language is read: no block
   * is then asked for its nearest declaration, a call across Firefox's security wrapper for each.
   */
  private documentLanguage: boolean | null = null;

  constructor(
    private readonly find: FindTerms,
    /** Read text whose declared language is not English too (a setting). */
    private readonly allLanguages = false,
  ) {}

  /** Whether `run` is to be matched: its language is one the glossary reads. Asked as it is read. */
  reads(run: TextRun): boolean {
    return this.allLanguages || this.readsLanguageOf(run.block);
  }

  /**
   * Asks for the terms in `runs`, and resolves with what maps the `i`th run's terms onto the page's
   * nodes (null for a run without any), or null when they couldn't be found (no answer from the
   * background). Each run is mapped as the scanner keeps it, so that on a page of thousands of terms
   * the mapping runs in its slices too. Runs whose nodes the page changed meanwhile are mapped all
   * the same: their blocks are read again, as every change is.
   */
  async matchAll(runs: readonly TextRun[]): Promise<((i: number) => RunMatches | null) | null> {
    const found = runs.length === 0 ? [] : await this.find(runs.map((run) => run.text));
    if (!found || found.length !== runs.length) return null;
    return (i) => {
      const terms = found[i];
      return terms ? mapped(runs[i]!, terms) : null;
    };
  }

  /**
   * The scan starts reading the whole document (not a shadow root, not blocks that changed): one
   * question to the page tells whether any element below the root declares a language.
   */
  readingDocument(doc: Document): void {
    const root = doc.documentElement;
    if (!root || doc.querySelector(':root [lang]')) this.documentLanguage = null;
    // Only the root may declare one: every block's language is then the root's, or none (read).
    else this.documentLanguage = root.hasAttribute('lang') ? this.declaredLanguageRead(root) : true;
  }

  /** The whole document is read: blocks read after this are asked one by one again. */
  doneReadingDocument(): void {
    this.documentLanguage = null;
  }

  private readsLanguageOf(block: Element): boolean {
    if (this.documentLanguage !== null) return this.documentLanguage;
    let reads = this.languageOf.get(block);
    if (reads === undefined) {
      const declarer = block.closest('[lang]');
      reads = declarer ? this.declaredLanguageRead(declarer) : true;
      this.languageOf.set(block, reads);
    }
    return reads;
  }

  private declaredLanguageRead(declarer: Element): boolean {
    let reads = this.declaredBy.get(declarer);
    if (reads === undefined) {
      reads = readsLanguage(declarer.getAttribute('lang'));
      this.declaredBy.set(declarer, reads);
    }
    return reads;
  }
}

/** The terms found in one run's text, as ranges of the page's nodes. */
function mapped(run: TextRun, { matches, settled }: TermsInText): RunMatches {
  const terms = matches.map((match): FoundTerm => {
    const start = locate(run, match.start);
    // Locate the last character, not the end, so the range ends in the node that holds it.
    const last = locate(run, match.end - 1);
    // StaticRange: unlike a live Range it costs the page nothing when its DOM changes.
    const range = new StaticRange({
      startContainer: start.node,
      startOffset: start.offset,
      endContainer: last.node,
      endOffset: last.offset + 1,
    });
    return { ...match, run, range, words: run.text.slice(match.start, match.end) };
  });
  return { run, terms, settled };
}
