import { pageSettlesHealth } from '@/glossary/senses';
import type { HighlightLayer } from '../highlight/highlight';
import type { TextRun } from '../scan/text-run';
import type { FoundTerm, RunMatches } from './match-run';

interface RunRecord {
  run: TextRun;
  /** The terms underlined, counted and hit-tested. */
  terms: FoundTerm[];
  /** Words whose health sense only the page can settle (glossary/senses.ts): shown while it does. */
  waiting: FoundTerm[];
}

/**
 * The registry of found terms: keeps what the match step found per block, so a changed block is
 * re-read on its own; decides which terms are shown (words that need context wait for the page to
 * settle their sense; "only the first of each term"); hands their ranges to the highlight layer;
 * and answers which terms lie under a caret, how often each occurs, and in what order.
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

  constructor(
    private readonly highlights: HighlightLayer | null,
    private readonly firstOnly = false,
  ) {}

  /** Whether the page's terms settle the health sense of words that need context (explain-selection asks). */
  get healthSettledOnPage(): boolean {
    return this.pageSettled;
  }

  /** Replaces what is known of `block` with the terms found in its current runs. */
  replaceBlock(block: Element, found: readonly (RunMatches | null)[]): void {
    this.forgetBlock(block);
    for (const run of found) this.add(run);
  }

  /** Adds the terms found in one more run of its block (the first scan reads a block's runs one by one). */
  add(found: RunMatches | null): void {
    if (!found) return;
    const { run, terms, settled } = found;
    const record: RunRecord = { run, terms: [], waiting: [] };
    for (const term of terms) {
      if (!term.needsContext) increment(this.sureCounts, term.entryId);
      if (term.needsContext && !settled) {
        // A bare abbreviation only its passage can settle (glossary/senses.ts): the page never will.
        if (term.kind === 'abbreviation') continue;
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
