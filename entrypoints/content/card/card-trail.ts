/**
 * The related-terms trail of one card: the entry it opened on, then each related entry the reader
 * opened from it, newest last. Back returns along it. Pure: the card view (card-view.tsx) renders what
 * it says.
 */
export class CardTrail<E> {
  private entries: E[] = [];

  /** A card opens (on an entry, or on words that are none): a new trail. */
  start(first: E | null): void {
    this.entries = first === null ? [] : [first];
  }

  /** The reader opened a related entry from the one shown. */
  open(entry: E): void {
    this.entries.push(entry);
  }

  /** The reader pressed Back: the entry before the one shown comes back. */
  back(): void {
    if (this.entries.length > 1) this.entries.pop();
  }

  /** The related entry shown now, or undefined while the card shows what it opened on. */
  get shown(): E | undefined {
    return this.entries.length > 1 ? this.entries.at(-1) : undefined;
  }

  /** The entry Back returns to, if any. */
  get previous(): E | undefined {
    return this.entries.at(-2);
  }
}
