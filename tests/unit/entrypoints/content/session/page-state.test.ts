import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageState } from '@/common/messages';
import { DEFAULT_SETTINGS } from '@/common/settings';
import { saveUserTerms, writeSettingsChange } from '@/common/store';
import { loadPageState } from '@/entrypoints/content/session/page-state';

describe('what a page reads before it scans', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('takes settings and own terms from the background in one answer', async () => {
    const answer: PageState = { settings: { ...DEFAULT_SETTINGS, firstOnly: true }, userTerms: [] };
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async () => answer) as never);
    const storageRead = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await loadPageState(() => {})).toEqual(answer);
    expect(send).toHaveBeenCalledWith({ type: 'get-page-state' });
    expect(storageRead).not.toHaveBeenCalled();
  });

  it('reads storage itself when the background cannot answer, and then follows its changes', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    await writeSettingsChange({ change: 'add-site', rule: 'example.com' });
    const changes: boolean[] = [];
    const state = await loadPageState((userTerms) => changes.push(userTerms));
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
    const state = await loadPageState(() => {});
    expect(state.settings.firstOnly).toBe(true);
  });
});
