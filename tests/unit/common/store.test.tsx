// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsNoteText } from '@/common/problem-text';
import { DEFAULT_SETTINGS } from '@/common/settings';
import {
  loadSettings,
  loadUserTerms,
  readUserTerms,
  repairStoredSettings,
  saveUserTerms,
  takeSettingsNotes,
  writeSettingsChange,
} from '@/common/store';
import { OptionsApp } from '@/components/options/OptionsApp';
import { PopupApp } from '@/components/popup/PopupApp';
import { onMessage } from '@/entrypoints/background/switchboard';
import type { GlossaryEntry } from '@/glossary/schema';

/** Messages reach the background as in a browser: from our own extension, with its answer as the reply. */
function connectBackground(): void {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: unknown) =>
    onMessage(message, { id: fakeBrowser.runtime.id })) as never);
}

async function mount(vnode: preact.VNode, ready: string): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(vnode, root));
  await vi.waitFor(() => expect(root.querySelector(ready)).not.toBeNull());
  return root;
}

describe('settings have one writer', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // No glossary file in Node: the popup's search starts empty.
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in unit tests'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fakeBrowser.commands.getAll = async () => [];
    connectBackground();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.replaceChildren();
  });

  it('keeps two quick changes from two places: the popup’s global switch and the options page’s underline', async () => {
    const popup = await mount(<PopupApp />, 'input[role="switch"]');
    const options = await mount(<OptionsApp />, 'input[name="underline"]');
    const everywhere = popup.querySelector<HTMLInputElement>('input[role="switch"]')!;
    const background = options.querySelector<HTMLInputElement>('input[name="underline"][value="background"]')!;
    // Both pages still show the settings they read before either change was written.
    await act(() => {
      everywhere.click();
      background.click();
    });
    await vi.waitFor(async () => {
      const { settings } = await loadSettings();
      expect(settings).toEqual({ ...DEFAULT_SETTINGS, enabled: false, underline: 'background' });
    });
  });
});

describe('own terms as stored', () => {
  beforeEach(() => fakeBrowser.reset());

  const mine: GlossaryEntry = { id: 'knot', term: 'Knot', explanation: 'A tight muscle.', category: 'symptom' };

  it('are used where valid; the rest is reported, and kept when the user saves (unless a saved entry takes its id)', async () => {
    const broken = { id: 'tape', term: 'Tape', explanation: '', category: 'gadget' };
    const twin = { ...mine, explanation: 'Another entry with the same id.' };
    await fakeBrowser.storage.local.set({ userTerms: [mine, broken, twin, 'junk'] });
    const read = await readUserTerms();
    expect(read.entries).toEqual([mine]);
    expect(read.unreadable.map(({ index, problems }) => [index, problems.map((problem) => problem.code)])).toEqual([
      [1, ['field', 'field']],
      [2, ['duplicate-id']],
      [3, ['field']],
    ]);
    const other: GlossaryEntry = { id: 'other', term: 'Other', explanation: 'Something else.', category: 'symptom' };
    await saveUserTerms([mine, other]);
    expect((await fakeBrowser.storage.local.get('userTerms')).userTerms).toEqual([mine, other, broken, 'junk']);
    expect(await loadUserTerms()).toEqual([mine, other]);
  });

  it('keep a stored value that is not a list at all', async () => {
    await fakeBrowser.storage.local.set({ userTerms: { knot: mine } });
    expect(await readUserTerms()).toEqual({
      entries: [],
      unreadable: [{ index: 0, raw: { knot: mine }, problems: [{ code: 'not-a-list' }] }],
    });
    await saveUserTerms([mine]);
    expect((await fakeBrowser.storage.local.get('userTerms')).userTerms).toEqual([mine, { knot: mine }]);
  });
});

describe('settings storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('saves to sync storage and reads back', async () => {
    const settings = { ...DEFAULT_SETTINGS, disabledSites: ['example.com'] };
    expect(await writeSettingsChange({ change: 'add-site', rule: 'example.com' })).toBe('sync');
    expect(await loadSettings()).toEqual({ settings, area: 'sync', notes: [] });
  });

  it('reads a corrupt stored value repaired, and the writer repairs it and leaves a note for the options page', async () => {
    await fakeBrowser.storage.sync.set({ settings: { version: 1, underline: 'sparkles', enabled: false } });
    const { settings, notes } = await loadSettings();
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
    expect(notes).toEqual([{ code: 'reset', field: 'underline' }]);
    await repairStoredSettings();
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toEqual(settings);
    expect((await takeSettingsNotes()).map(settingsNoteText)).toEqual([
      'The saved value for “Underline style” was not valid and is back to its default.',
    ]);
    expect(await takeSettingsNotes()).toEqual([]);
  });

  it('falls back to this device when sync refuses (quota), and goes back to sync later', async () => {
    const realSet = fakeBrowser.storage.sync.set;
    fakeBrowser.storage.sync.set = async () => {
      throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    };
    const big = { ...DEFAULT_SETTINGS, disabledSites: ['example.com'] };
    expect(await writeSettingsChange({ change: 'add-site', rule: 'example.com' })).toBe('local');
    expect(await loadSettings()).toEqual({ settings: big, area: 'local', notes: [] });

    fakeBrowser.storage.sync.set = realSet;
    expect(await writeSettingsChange({ change: 'remove-site', rule: 'example.com' })).toBe('sync');
    expect(await loadSettings()).toEqual({ settings: DEFAULT_SETTINGS, area: 'sync', notes: [] });
  });
});
