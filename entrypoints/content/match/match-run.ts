import { findTerms, type TermIndex, type TermMatch } from '@/glossary/matcher';
import { passageSettlesHealth, readsLanguage } from '@/glossary/senses';
import { locate, type TextRun } from '../scan/text-run';

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
 * The match step: one run of text in, the glossary terms found in it out (glossary/matcher.ts
 * finds them in the text; this maps them back to the page's nodes). Text in a language the
 * glossary doesn't read is passed over, unless the reader asked for every language.
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
    private readonly index: TermIndex,
    /** Read text whose declared language is not English too (a setting). */
    private readonly allLanguages = false,
  ) {}

  /** The terms in `run`, or null when it has none (or is in a language not read). */
  match(run: TextRun): RunMatches | null {
    if (!this.allLanguages && !this.readsLanguageOf(run.block)) return null;
    const matches = findTerms(this.index, run.text);
    if (matches.length === 0) return null;
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
      return {
        ...match,
        run,
        range,
        words: run.text.slice(match.start, match.end),
      };
    });
    return { run, terms, settled: passageSettlesHealth(matches) };
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
