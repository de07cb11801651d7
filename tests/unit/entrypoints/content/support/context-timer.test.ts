// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import {
  afterDelay,
  type IdlePeriod,
  inNextFrame,
  waitUnlessGone,
  yieldToIdle,
} from '@/entrypoints/content/support/context-timer';

/** A stand-in for WXT's context that counts the invalidation listeners still held. */
function fakeContext() {
  const listeners = new Set<() => void>();
  const ctx = {
    isInvalid: false,
    onInvalidated(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    ctx: ctx as unknown as ContentScriptContext,
    listeners,
    invalidate: () => {
      for (const listener of listeners) listener();
    },
  };
}

const frame = () => new Promise((done) => requestAnimationFrame(() => done(undefined)));

describe('timers that stop with the extension', () => {
  it('let go of their listener once a frame has run: a reading session does not grow one per frame', async () => {
    const { ctx, listeners } = fakeContext();
    let ran = 0;
    for (let i = 0; i < 100; i++) inNextFrame(ctx, () => ran++);
    expect(listeners.size).toBe(100);
    await frame();
    await frame();
    expect(ran).toBe(100);
    expect(listeners.size).toBe(0);
  });

  it('never run once the extension is gone, and let go when cancelled', async () => {
    const { ctx, invalidate } = fakeContext();
    let ran = 0;
    inNextFrame(ctx, () => ran++);
    afterDelay(ctx, 0, () => ran++);
    invalidate();
    const cancel = inNextFrame(ctx, () => ran++);
    cancel();
    await frame();
    await new Promise((done) => setTimeout(done, 5));
    expect(ran).toBe(0);
  });
});

describe('a wait that ends with the extension', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves true once the time has passed, and lets go of its listeners', async () => {
    vi.useFakeTimers();
    const { ctx, listeners } = fakeContext();
    const waited = waitUnlessGone(ctx, 1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await waited).toBe(true);
    expect(listeners.size).toBe(0);
  });

  it('resolves false as soon as the extension goes, without waiting out the time', async () => {
    vi.useFakeTimers();
    const { ctx, invalidate } = fakeContext();
    const waited = waitUnlessGone(ctx, 60_000);
    await vi.advanceTimersByTimeAsync(10);
    invalidate();
    expect(await waited).toBe(false);
  });
});

describe('waiting for the page to be idle', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('waits for an idle period where asked, and hands it on, so the next slice can end with it', async () => {
    const { ctx } = fakeContext();
    const waiting: { callback: (idle: IdlePeriod) => void; timeout: number }[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: (idle: IdlePeriod) => void, { timeout }: { timeout: number }) =>
      waiting.push({ callback, timeout }),
    );
    let resolved: IdlePeriod | null | undefined;
    const wait = yieldToIdle(ctx, { idle: true, timeoutMs: 200 }).then((idle) => {
      resolved = idle;
    });
    // Many turns of the page pass: still waiting, as the page is not idle yet.
    for (let turn = 0; turn < 5; turn++) await new Promise((done) => setTimeout(done, 0));
    expect(resolved).toBeUndefined();
    expect(waiting).toHaveLength(1);
    // A page that stays busy is still read: the wait has a limit.
    expect(waiting[0]!.timeout).toBe(200);
    const period = { timeRemaining: () => 7, didTimeout: false };
    waiting[0]!.callback(period);
    await wait;
    expect(resolved).toBe(period);
  });

  it('only lets the page run where not asked to wait (or the browser has no idle callbacks)', async () => {
    const { ctx } = fakeContext();
    const requestIdle = vi.fn();
    vi.stubGlobal('requestIdleCallback', requestIdle);
    expect(await yieldToIdle(ctx, { idle: false, timeoutMs: 200 })).toBeNull();
    expect(requestIdle).not.toHaveBeenCalled();
    vi.stubGlobal('requestIdleCallback', undefined);
    expect(await yieldToIdle(ctx, { idle: true, timeoutMs: 200 })).toBeNull();
  });

  it('does not wait for an idle period in a hidden tab, which draws no frames to keep short', async () => {
    const { ctx } = fakeContext();
    const requestIdle = vi.fn();
    vi.stubGlobal('requestIdleCallback', requestIdle);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    try {
      expect(await yieldToIdle(ctx, { idle: true, timeoutMs: 200 })).toBeNull();
      expect(requestIdle).not.toHaveBeenCalled();
    } finally {
      visibility.mockRestore();
    }
  });
});
