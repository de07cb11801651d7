import { findTerms, type TermIndex, type TermMatch } from '@/glossary/matcher';
import type { GlossaryEntry } from '@/glossary/schema';
import { pageSettlesHealth, passageSettlesHealth, readsLanguage } from '@/glossary/senses';
import type { HighlightLayer } from '../highlight/highlight';
import { locate, type TextRun } from '../scan/text-run';

/** A glossary term found on the page, with the range that covers its words. */
export interface FoundTerm extends TermMatch {
  run: TextRun;
  range: StaticRange;
  entry: GlossaryEntry;
  /** The words as the page writes them. */
  words: string;
}

interface RunRecord {
  run: TextRun;
  /** The terms underlined, counted and hit-tested. */
  terms: FoundTerm[];
  /** Words whose health sense only the page can settle (glossary/senses.ts): shown while it does. */
  waiting: FoundTerm[];
}

/**
 * Step 2 of the flow, and the memory of it: matches each run of text, keeps what it found per
 * block so a changed block is re-read on its own, and hands ranges to the highlight layer.
 */
export class TermRegistry {
  private readonly byBlock = new Map<Element, RunRecord[]>();
  private readonly byText = new WeakMap<Text, RunRecord>();
  /** With "only the first of each term", the one occurrence per entry that is underlined. */
  private readonly underlinedFirst = new Map<string, FoundTerm>();
  /** Entries whose underlined first occurrence has just gone. */
  private readonly orphaned = new Set<string>();
  /**
   * How often each entry occurs, kept up to date as terms come and go: the badge asks after
   * every change, and counting every term each time cost a page streaming in 8,000 terms 30 ms.
   */
  private readonly counts = new Map<string, number>();
  /** How often each entry occurs in forms that need no context: the page's health evidence. */
  private readonly sureCounts = new Map<string, number>();
  private readonly waitingRecords = new Set<RunRecord>();
  private pageSettled = false;
  /** Whether each element's declared language is one the glossary reads. */
  private readonly languageOf = new WeakMap<Element, boolean>();

  constructor(
    private readonly index: TermIndex,
    private readonly highlights: HighlightLayer | null,
    private readonly firstOnly = false,
    /** Read text whose declared language is not English too (a setting). */
    private readonly allLanguages = false,
  ) {}

  /** Whether the page's terms settle the health sense of words that need context (explain-selection asks). */
  get healthSettledOnPage(): boolean {
    return this.pageSettled;
  }

  get entries(): TermIndex['entries'] {
    return this.index.entries;
  }

  /** Replaces what is known of `block` with the terms in its current runs. */
  replaceBlock(block: Element, runs: TextRun[]): void {
    this.forgetBlock(block);
    for (const run of runs) this.addRun(run);
  }

  /** Adds the terms of one more run of its block (the first scan reads a block's runs one by one). */
  addRun(run: TextRun): void {
    if (!this.allLanguages && !this.readsLanguageOf(run.block)) return;
    const matches = findTerms(this.index, run.text);
    if (matches.length === 0) return;
    const record: RunRecord = { run, terms: [], waiting: [] };
    const settled = passageSettlesHealth(matches);
    const entries = this.index.entries;
    for (const match of matches) {
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
      const term: FoundTerm = {
        ...match,
        run,
        range,
        words: run.text.slice(match.start, match.end),
        // Looked up when a card or the popup needs it: the entries are read on first use.
        get entry() {
          return entries.get(match.entryId)!;
        },
      };
      if (!match.needsContext) increment(this.sureCounts, match.entryId);
      if (match.needsContext && !settled) {
        // A bare abbreviation only its passage can settle (glossary/senses.ts): the page never will.
        if (match.kind === 'abbreviation') continue;
        record.waiting.push(term);
        if (!this.pageSettled) continue;
      }
      this.show(record, term);
    }
    if (record.waiting.length > 0) this.waitingRecords.add(record);
    for (const node of run.nodes) this.byText.set(node, record);
    const records = this.byBlock.get(run.block);
    if (records) records.push(record);
    else this.byBlock.set(run.block, [record]);
    this.settlePage();
  }

  private show(record: RunRecord, term: FoundTerm): void {
    record.terms.push(term);
    increment(this.counts, term.entryId);
    if (this.firstOnly) {
      if (this.underlinedFirst.has(term.entryId)) return;
      this.underlinedFirst.set(term.entryId, term);
    }
    this.highlights?.add(term.range);
  }

  private hide(term: FoundTerm): void {
    this.highlights?.delete(term.range);
    decrement(this.counts, term.entryId);
    if (this.underlinedFirst.get(term.entryId) === term) {
      this.underlinedFirst.delete(term.entryId);
      this.orphaned.add(term.entryId);
    }
  }

  /**
   * With "only the first of each term", an entry whose underlined occurrence went (its block left
   * the page) is underlined at its next occurrence still on the page, if there is one.
   */
  private underlineNextOfOrphans(): void {
    if (this.orphaned.size === 0 || !this.firstOnly) {
      this.orphaned.clear();
      return;
    }
    const next = new Map<string, FoundTerm>();
    for (const records of this.byBlock.values())
      for (const record of records)
        for (const term of record.terms) {
          if (!this.orphaned.has(term.entryId)) continue;
          const best = next.get(term.entryId);
          if (!best || compareTerms(term, best) < 0) next.set(term.entryId, term);
        }
    this.orphaned.clear();
    for (const [entryId, term] of next) {
      this.underlinedFirst.set(entryId, term);
      this.highlights?.add(term.range);
    }
  }

  /** Shows or hides the words waiting on the page's context when the page's evidence crosses the line. */
  private settlePage(): void {
    const settled = pageSettlesHealth(this.sureCounts.size);
    if (settled === this.pageSettled) return;
    this.pageSettled = settled;
    for (const record of this.waitingRecords) {
      if (settled) {
        for (const term of record.waiting) this.show(record, term);
      } else {
        for (const term of record.waiting) this.hide(term);
        record.terms = record.terms.filter((term) => !record.waiting.includes(term));
      }
    }
  }

  private readsLanguageOf(block: Element): boolean {
    let reads = this.languageOf.get(block);
    if (reads === undefined) {
      reads = readsLanguage(block.closest('[lang]')?.getAttribute('lang'));
      this.languageOf.set(block, reads);
    }
    return reads;
  }

  forgetBlock(block: Element): void {
    const records = this.byBlock.get(block);
    if (!records) return;
    for (const record of records) {
      for (const term of record.terms) {
        this.hide(term);
        if (!term.needsContext) decrement(this.sureCounts, term.entryId);
      }
      record.terms = [];
      this.waitingRecords.delete(record);
      for (const node of record.run.nodes) if (this.byText.get(node) === record) this.byText.delete(node);
    }
    this.byBlock.delete(block);
    this.settlePage();
    this.underlineNextOfOrphans();
  }

  /** Forgets blocks that have left the page, so their ranges don't pile up. */
  forgetDetached(): void {
    for (const block of [...this.byBlock.keys()]) if (!block.isConnected) this.forgetBlock(block);
  }

  /** Forgets every block inside `root` (it was hidden or made editable). */
  forgetWithin(root: Node): void {
    for (const block of [...this.byBlock.keys()]) if (root.contains(block)) this.forgetBlock(block);
  }

  forgetAll(): void {
    for (const block of [...this.byBlock.keys()]) this.forgetBlock(block);
    // Nothing is left to take an orphan's place.
    this.orphaned.clear();
  }

  /** The terms whose words include the caret position `offset` in `node`. */
  termsAround(node: Text, offset: number): FoundTerm[] {
    const record = this.byText.get(node);
    if (!record) return [];
    const index = record.run.nodes.indexOf(node);
    if (index < 0) return [];
    const position = record.run.starts[index]! + offset;
    return record.terms.filter((term) => term.start <= position && position <= term.end);
  }

  /** How often each entry occurs, by entry id, in no particular order: cheap enough for every badge update. */
  countsByEntry(): ReadonlyMap<string, number> {
    return this.counts;
  }

  /** Every term found, in document order (sorted on each call: for stepping, not for counting). */
  allTerms(): FoundTerm[] {
    const terms = [...this.byBlock.values()].flatMap((records) => records.flatMap((record) => record.terms));
    return terms.sort((a, b) => compareTerms(a, b));
  }
}

function increment(counts: Map<string, number>, id: string): void {
  counts.set(id, (counts.get(id) ?? 0) + 1);
}

function decrement(counts: Map<string, number>, id: string): void {
  const count = (counts.get(id) ?? 0) - 1;
  if (count <= 0) counts.delete(id);
  else counts.set(id, count);
}

function compareTerms(a: FoundTerm, b: FoundTerm): number {
  if (a.range.startContainer === b.range.startContainer) return a.range.startOffset - b.range.startOffset;
  const position = a.range.startContainer.compareDocumentPosition(b.range.startContainer);
  return position & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}
