import { MAX_ENTRIES_ASKED } from '@/common/messages';
import type { GlossaryEntry } from '@/glossary/schema';
import { ENTRIES_RETRY_MS } from '../support/timing';

/**
 * How many bundled entries a page keeps. A card shows one entry and the names of its related ones
 * (5.5 on average; 50 at most, as many as one ask may name), and the related card it opens needs as
 * many again: this holds both for the entries with the most, and on average the last dozen or so
 * cards. An entry kept costs about 1 kB of heap (explanation, source, forms: a Chromium heap
 * snapshot), so at most about 100 kB. At 200, a session hovering 20 terms kept 150 entries, 120 kB
 * more than after its first card. The glossary's 1,468 entries stay with the background.
 */
export const CARD_ENTRIES_LIMIT = 2 * (1 + MAX_ENTRIES_ASKED);

/** Asks the background for bundled entries (`get-entries`): null when it could not answer. */
export type AskForEntries = (ids: string[], withRelated: boolean) => Promise<readonly GlossaryEntry[] | null>;

/**
 * The entries a page's cards show: the user's own terms, which the page has from storage, and
 * the few bundled entries its cards needed, asked of the background as a card is about to open
 * (the hit-test found a term: `prepare`) and kept, the most recently used first, up to
 * `CARD_ENTRIES_LIMIT`. An own term wins over a bundled entry with its id, as everywhere.
 */
export class CardEntries {
  /** Bundled entries asked for, least recently used first. */
  private readonly kept = new Map<string, GlossaryEntry>();
  private own: ReadonlyMap<string, GlossaryEntry> = new Map();
  /** Ids the background answered without: named as related by an own term, but in no glossary. */
  private readonly unknown = new Set<string>();
  /** Requests on their way, by the entry they prepare, so a term hit-tested every frame asks once. */
  private readonly asking = new Map<string, Promise<boolean>>();
  /** When the background last failed to answer: no asking again until `ENTRIES_RETRY_MS` later. */
  private failedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ask: AskForEntries,
    private readonly limit = CARD_ENTRIES_LIMIT,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The user's own terms, as now stored. */
  setOwnTerms(entries: readonly GlossaryEntry[]): void {
    this.own = new Map(entries.map((entry) => [entry.id, entry]));
    this.unknown.clear();
  }

  /**
   * Lets go of the bundled entries kept (not the user's own terms): a single-page app's next view
   * is a new page to the reader, and a page load would let them go too. A card asks again, one
   * message, for what it needs.
   */
  releaseBundled(): void {
    this.kept.clear();
  }

  /** The entry, if the page has it now (an own term, or a bundled entry asked for before). */
  get(id: string): GlossaryEntry | undefined {
    const own = this.own.get(id);
    if (own) return own;
    const kept = this.kept.get(id);
    if (kept) {
      // Used again: to the back of the queue, the last to be let go.
      this.kept.delete(id);
      this.kept.set(id, kept);
    }
    return kept;
  }

  /** Whether the entry and every entry it names as related are here (or known to be in no glossary). */
  isReady(id: string): boolean {
    return this.missing(id) === null;
  }

  /**
   * Makes sure the entry and its related entries are here, asking the background for what isn't.
   * Resolves true once the entry is here (its related ones too, unless the background failed),
   * false when it is not: the background could not answer, or knows no such entry. After a failed
   * ask, cards ask again once `ENTRIES_RETRY_MS` have passed; what was kept stays.
   */
  prepare(id: string): Promise<boolean> {
    const missing = this.missing(id);
    if (missing === null) return Promise.resolve(true);
    const pending = this.asking.get(id);
    if (pending) return pending;
    if (this.now() - this.failedAt < ENTRIES_RETRY_MS) return Promise.resolve(this.has(id));
    const withRelated = !this.has(id);
    const failed = () => {
      this.failedAt = this.now();
      return this.has(id);
    };
    const asked = this.ask(missing.slice(0, MAX_ENTRIES_ASKED), withRelated).then((entries) => {
      if (!entries) return failed();
      const answered = new Set<string>();
      for (const entry of entries) {
        answered.add(entry.id);
        this.keep(entry);
      }
      // Asked by name and not in the answer: no glossary has them (a stale related id).
      for (const asked of missing) if (!answered.has(asked) && asked !== id) this.unknown.add(asked);
      return this.has(id);
    }, failed);
    const done = asked.finally(() => this.asking.delete(id));
    this.asking.set(id, done);
    return done;
  }

  /** What must be asked for before `id`'s card can show: null when nothing. */
  private missing(id: string): string[] | null {
    const entry = this.own.get(id) ?? this.kept.get(id);
    if (!entry) return [id];
    const missing = (entry.related ?? []).filter((related) => !this.has(related) && !this.unknown.has(related));
    return missing.length > 0 ? missing : null;
  }

  private has(id: string): boolean {
    return this.own.has(id) || this.kept.has(id);
  }

  private keep(entry: GlossaryEntry): void {
    this.kept.delete(entry.id);
    this.kept.set(entry.id, entry);
    while (this.kept.size > this.limit) {
      const oldest = this.kept.keys().next().value as string;
      this.kept.delete(oldest);
    }
  }
}
