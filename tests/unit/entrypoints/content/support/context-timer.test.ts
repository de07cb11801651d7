// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { afterDelay, inNextFrame } from '@/entrypoints/content/support/context-timer';

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
