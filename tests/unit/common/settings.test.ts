import { describe, expect, it } from 'vitest';
import { settingsNoteText } from '@/common/problem-text';
import { applySettingsChange, DEFAULT_SETTINGS, migrateSettings, SETTINGS_VERSION } from '@/common/settings';

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

describe('applySettingsChange', () => {
  it('changes one field and leaves the rest', () => {
    const before = { ...DEFAULT_SETTINGS, disabledSites: ['a.org'] };
    expect(applySettingsChange(before, { change: 'underline', value: 'none' })).toEqual({
      ...before,
      underline: 'none',
    });
  });

  it('switches a page’s site on, with the global switch, and off again', () => {
    const off = { ...DEFAULT_SETTINGS, enabled: false, disabledSites: ['example.com'] };
    const on = applySettingsChange(off, { change: 'switch-site', url: 'https://www.example.com/a', on: true });
    expect(on).toEqual({ ...DEFAULT_SETTINGS, enabled: true, disabledSites: [] });
    expect(
      applySettingsChange(on, { change: 'switch-site', url: 'https://blog.example.com/', on: false }).disabledSites,
    ).toEqual(['blog.example.com']);
  });

  it('adds a site once, in order, and removes it', () => {
    const one = applySettingsChange(DEFAULT_SETTINGS, { change: 'add-site', rule: 'Zeta.org' });
    const two = applySettingsChange(applySettingsChange(one, { change: 'add-site', rule: 'alpha.org' }), {
      change: 'add-site',
      rule: 'zeta.org',
    });
    expect(two.disabledSites).toEqual(['alpha.org', 'zeta.org']);
    expect(applySettingsChange(two, { change: 'remove-site', rule: 'zeta.org' }).disabledSites).toEqual(['alpha.org']);
  });
});
