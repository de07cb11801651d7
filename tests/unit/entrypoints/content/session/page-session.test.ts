// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://example.com/article" }
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageState } from '@/common/messages';
import { DEFAULT_SETTINGS } from '@/common/settings';
import { saveUserTerms } from '@/common/store';
import { PageSession } from '@/entrypoints/content/session/page-session';
import { findTermsInTexts, indexOfTrieFile, packTrie, withOwnTerms } from '@/glossary/matcher';

// happy-dom has no StaticRange constructor; real browsers do. This stand-in keeps the same fields.
globalThis.StaticRange ??= class {
  constructor(init: StaticRangeInit) {
    Object.assign(this, init);
  }
} as unknown as typeof StaticRange;

/** Asks the page what the popup asks, as a message from our extension. */
async function pageInfo(): Promise<unknown> {
  const [answer] = await fakeBrowser.runtime.onMessage.trigger(
    { type: 'get-page-info' },
    { id: fakeBrowser.runtime.id },
    () => undefined,
  );
  return answer;
}

describe('a page whose first read of storage failed', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('answers again, with its settings, once the next change is read', async () => {
    document.body.innerHTML = '<p>Lymphatic drainage and inflammation.</p>';
    const answer: PageState = { settings: DEFAULT_SETTINGS, userTerms: [] };
    // The background is restarting: the page reads storage itself, and that read fails once.
    vi.spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(new Error('Receiving end does not exist.'))
      .mockImplementation((async () => answer) as never);
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('IO error'));
    const ctx = new ContentScriptContext('test');
    const session = new PageSession(ctx, document);
    await session.start().catch(() => undefined);

    // The next change (own terms saved, from the options page) is read, and the page answers again.
    await saveUserTerms([]);
    await vi.waitFor(async () => expect(await pageInfo()).toMatchObject({ status: { kind: 'on' } }));
    // What isn't ours, or isn't a message it knows, gets no answer.
    const foreign = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'get-page-info' },
      { id: 'other' },
      () => undefined,
    );
    const unknown = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'run-command', command: 'toggle-site' },
      { id: fakeBrowser.runtime.id },
      () => undefined,
    );
    expect([...foreign, ...unknown]).toEqual([undefined, undefined]);
    ctx.abort();
  });

  it('finds its terms through the background, and after own terms change, finds them again with those', async () => {
    document.body.innerHTML = '<p>Some words.</p>';
    const mine = { id: 'knot', term: 'Knot', explanation: 'A tight muscle.', category: 'symptom' } as const;
    let userTerms: PageState['userTerms'] = [];
    const bundled = indexOfTrieFile(packTrie({ words: 'lymph', nodes: [-2, -2, 1, 0, -2], exact: [], ids: ['lymph'] }));
    // The background, as term-finder.ts answers: the glossary's index with the own terms laid over it.
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockImplementation((async (message: { type: 'get-page-state' } | { type: 'find-terms'; texts: string[] }) =>
        message.type === 'find-terms'
          ? findTermsInTexts(withOwnTerms(bundled, userTerms), message.texts)
          : { settings: DEFAULT_SETTINGS, userTerms }) as never);
    const ctx = new ContentScriptContext('test');
    await new PageSession(ctx, document).start();
    userTerms = [mine];
    document.body.innerHTML = '<p>A knot near the lymph.</p>';
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'state-changed', userTerms: true },
      { id: fakeBrowser.runtime.id },
      () => undefined,
    );
    await vi.waitFor(async () =>
      expect(await pageInfo()).toMatchObject({
        terms: expect.arrayContaining([
          { entryId: 'knot', count: 1 },
          { entryId: 'lymph', count: 1 },
        ]),
      }),
    );
    // The page asked for its state twice, and never for the glossary itself.
    const asked = send.mock.calls.map(([message]) => (message as unknown as { type: string }).type);
    expect(asked.filter((type) => type === 'get-page-state')).toHaveLength(2);
    expect(new Set(asked)).toEqual(new Set(['get-page-state', 'find-terms']));
    ctx.abort();
  });
});
