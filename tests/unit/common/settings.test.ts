import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsNoteText } from '@/common/problem-text';
import { DEFAULT_SETTINGS, migrateSettings, SETTINGS_VERSION } from '@/common/settings';
import { loadSettings, repairStoredSettings, takeSettingsNotes, writeSettingsChange } from '@/common/store';

describe('migrateSettings', () => {
  it('gives the defaults when nothing is stored, without a note', () => {
    expect(migrateSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, notes: [], changed: false });
  });

  it('keeps valid settings as they are', () => {
    const stored = {
      ...DEFAULT_SETTINGS,
      disabledSites: ['a.org', 'example.com'],
      underline: 'none',
      hoverDelayMs: 400,
    };
    expect(migrateSettings(stored)).toEqual({ settings: stored, notes: [], changed: false });
  });

  it('does not ask to rewrite settings stored with their keys in another order', () => {
    const reordered = Object.fromEntries(Object.entries({ ...DEFAULT_SETTINGS, theme: 'dark' }).reverse());
    expect(migrateSettings(reordered).changed).toBe(false);
  });

  it('resets only the corrupt fields, and says which', () => {
    const { settings, notes, changed } = migrateSettings({
      version: SETTINGS_VERSION,
      enabled: 'yes',
      disabledSites: ['Example.com', 'example.com'],
      hoverDelayMs: 99999,
      theme: 'dark',
    });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, disabledSites: ['example.com'], theme: 'dark' });
    expect(notes.map(settingsNoteText)).toEqual([
      'The saved value for “On everywhere” was not valid and is back to its default.',
      'The saved value for “Hover delay” was not valid and is back to its default.',
    ]);
    expect(changed).toBe(true);
  });

  it.each([['a string'], [42], [[1, 2]], [true]])(
    'replaces an unreadable value (%j) with the defaults and a note',
    (raw) => {
      const result = migrateSettings(raw);
      expect(result.settings).toEqual(DEFAULT_SETTINGS);
      expect(result.notes).toHaveLength(1);
    },
  );

  it('keeps what it understands from a newer version, and says so', () => {
    const result = migrateSettings({ version: 99, enabled: false, sparkles: true });
    expect(result.settings).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
    expect(result.notes.map(settingsNoteText)[0]).toMatch(/newer version/);
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
