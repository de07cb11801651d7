import type { CancelTimer } from '../support/context-timer';
import { MUTATION_MAX_WAIT_MS, MUTATION_SETTLE_MS } from '../support/timing';

/** Runs `callback` after `ms` unless cancelled (the content script's is `afterDelay` with its context). */
export type Schedule = (ms: number, callback: () => void) => CancelTimer;

/**
 * Batches the page's changes: a page that changes in many small steps (a feed appending one
 * paragraph at a time) pays for one look at all of them, not one per step. The batch is handed
 * over once the page pauses changing for `MUTATION_SETTLE_MS`, or at most `MUTATION_MAX_WAIT_MS`
 * after its first change: a page that streams in content (a feed, a chat) is read a few times a
 * second. No clock is read per change (a feed makes a thousand): the wait is counted in settle
 * periods.
 */
export class ChangeBatch<T> {
  private items: T[] = [];
  private timer: CancelTimer | null = null;
  /** Changes added since the timer was last set, and how long the batch's oldest has waited. */
  private addedSinceTimer = 0;
  private waited = 0;

  constructor(
    private readonly schedule: Schedule,
    /** Given the whole batch, oldest first, once it settles. */
    private readonly onSettled: (items: T[]) => void,
  ) {}

  add(item: T): void {
    this.items.push(item);
    this.addedSinceTimer++;
    if (this.timer === null) {
      this.waited = 0;
      this.arm();
    }
  }

  /** Drops the batch unread (the scan stopped). */
  clear(): void {
    this.timer?.();
    this.timer = null;
    this.items = [];
  }

  private arm(): void {
    this.addedSinceTimer = 0;
    this.timer = this.schedule(MUTATION_SETTLE_MS, () => this.settle());
  }

  private settle(): void {
    this.waited += MUTATION_SETTLE_MS;
    if (this.addedSinceTimer > 0 && this.waited < MUTATION_MAX_WAIT_MS) {
      this.arm();
      return;
    }
    this.timer = null;
    const items = this.items;
    this.items = [];
    this.onSettled(items);
  }
}
