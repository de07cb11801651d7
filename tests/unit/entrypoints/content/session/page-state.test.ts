import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageState } from '@/common/messages';
import { DEFAULT_SETTINGS } from '@/common/settings';
import { NO_GLOSSARY, saveUserTerms, writeSettingsChange } from '@/common/store';
import { loadPageState } from '@/entrypoints/content/session/page-state';
import { packTrie } from '@/glossary/matcher';

describe('what a page reads before it scans', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('takes settings, own terms and the glossary from the background in one answer', async () => {
    const answer: PageState = { settings: { ...DEFAULT_SETTINGS, firstOnly: true }, userTerms: [], glossary: '{}' };
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async () => answer) as never);
    const storageRead = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await loadPageState(true, () => {})).toEqual(answer);
    expect(send).toHaveBeenCalledWith({ type: 'get-page-state', withGlossary: true });
    expect(storageRead).not.toHaveBeenCalled();
  });

  it('reads storage itself when the background cannot answer, and then follows its changes', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    await writeSettingsChange({ change: 'add-site', rule: 'example.com' });
    const changes: boolean[] = [];
    const state = await loadPageState(false, (userTerms) => changes.push(userTerms));
    expect(state.settings.disabledSites).toEqual(['example.com']);
    await writeSettingsChange({ change: 'remove-site', rule: 'example.com' });
    // Told of a change of settings, not of own terms (a save may touch both storage areas).
    expect(new Set(changes)).toEqual(new Set([false]));
    await saveUserTerms([]);
    expect(changes.at(-1)).toBe(true);
  });

  it('takes an empty answer (no context of ours listened) as no answer, and reads storage itself', async () => {
    // Firefox resolves a message no listener answered with undefined, where Chromium rejects it.
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async () => undefined) as never);
    await writeSettingsChange({ change: 'firstOnly', value: true });
    const state = await loadPageState(false, () => {});
    expect(state.settings.firstOnly).toBe(true);
  });

  it('asks again for the glossary, which only the background reads, when the background could not answer', async () => {
    vi.useFakeTimers();
    try {
      const answer: PageState = {
        settings: DEFAULT_SETTINGS,
        userTerms: [],
        glossary: packTrie({ words: 'a', nodes: [-2, -2, 1, 0, -3], exact: [], ids: ['a'] }),
      };
      const send = vi
        .spyOn(fakeBrowser.runtime, 'sendMessage')
        .mockRejectedValueOnce(new Error('Receiving end does not exist.'))
        .mockRejectedValueOnce(new Error('Receiving end does not exist.'))
        .mockImplementation((async () => answer) as never);
      await saveUserTerms([]);
      const state = loadPageState(true, () => {});
      await vi.runAllTimersAsync();
      expect((await state).glossary).toBe(answer.glossary);
      expect(send).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('explains own terms only if the background never answers', async () => {
    vi.useFakeTimers();
    try {
      vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
      const state = loadPageState(true, () => {});
      await vi.runAllTimersAsync();
      expect((await state).glossary).toBe(NO_GLOSSARY);
    } finally {
      vi.useRealTimers();
    }
  });
});
