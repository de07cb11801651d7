import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { type OwnTerms, readOwnTerms, withUnreadableKept } from '@/glossary/own-terms';
import type { GlossaryEntry } from '@/glossary/schema';
import { askBackground, type PageState } from './messages';
import {
  applySettingsChange,
  migrateSettings,
  type Settings,
  type SettingsArea,
  type SettingsChange,
  type SettingsNote,
  settingsNoteSchema,
} from './settings';

/**
 * The one module that reads and writes settings and the user's own terms. Everything read is
 * checked on the way in: settings are repaired field by field (`migrateSettings`), own terms
 * entry by entry (`readOwnTerms`: what is valid is used, what isn't is reported and kept).
 *
 * Settings sync across the user's browsers; when they outgrow the sync quota (a long list of
 * switched-off sites) they move to this device's storage and the options page says so. Own terms
 * are kept locally: sync's 8 KB per item would hold only a handful.
 *
 * Settings have one writer, the background: the popup, the options page and pages send it one
 * change at a time (`changeSettings`), and it applies them one after another to what is stored.
 * When each context wrote the whole object it had read, two changes close together from two
 * places (the popup's switch, the options page's underline) undid each other.
 * Not WXT's `storage.defineItem`: an item lives under one key of one area, and ours move between
 * sync and local by size; its versioned migrations replace a value whole, and ours repair field by
 * field with a note; and its `setValue` writes the whole value too, so it would still need one
 * writer.
 */
const SETTINGS = 'settings';
const SETTINGS_IN_LOCAL = 'settingsInLocal';
const SETTINGS_NOTES = 'settingsNotes';
const USER_TERMS = 'userTerms';

export interface LoadedSettings {
  settings: Settings;
  area: SettingsArea;
  /** What was repaired in the stored value (the stored value itself is repaired by its writer). */
  notes: SettingsNote[];
}

export async function loadSettings(): Promise<LoadedSettings> {
  const local = await browser.storage.local.get([SETTINGS_IN_LOCAL, SETTINGS]);
  const area: SettingsArea = local[SETTINGS_IN_LOCAL] === true ? 'local' : 'sync';
  const raw = area === 'local' ? local[SETTINGS] : (await browser.storage.sync.get(SETTINGS))[SETTINGS];
  const { settings, notes } = migrateSettings(raw);
  return { settings, area, notes };
}

/**
 * Changes one setting. Sent to the background, the one writer; written here only when the
 * background can't answer (every change is idempotent, so one applied twice does no harm).
 */
export async function changeSettings(change: SettingsChange): Promise<SettingsArea> {
  return (await askBackground({ type: 'change-settings', change })) ?? writeSettingsChange(change);
}

let writing: Promise<unknown> = Promise.resolve();

/**
 * The writer's side (the background): each change is applied to the settings stored when its turn
 * comes, never to a copy read before an earlier change was written.
 */
export function writeSettingsChange(change: SettingsChange): Promise<SettingsArea> {
  const written = writing.then(async () => {
    const { settings } = await loadSettings();
    return saveSettings(applySettingsChange(settings, change));
  });
  writing = written.catch(() => undefined);
  return written;
}

/**
 * Rewrites a damaged stored value as repaired, with its notes for the options page (the writer's,
 * once, when the background starts). Queued with the changes.
 */
export function repairStoredSettings(): Promise<void> {
  const repaired = writing.then(async () => {
    const local = await browser.storage.local.get([SETTINGS_IN_LOCAL, SETTINGS]);
    const raw =
      local[SETTINGS_IN_LOCAL] === true ? local[SETTINGS] : (await browser.storage.sync.get(SETTINGS))[SETTINGS];
    const { settings, notes, changed } = migrateSettings(raw);
    if (!changed || raw === undefined) return;
    await saveSettings(settings);
    if (notes.length > 0) await browser.storage.local.set({ [SETTINGS_NOTES]: notes });
  });
  writing = repaired.catch(() => undefined);
  return repaired;
}

async function saveSettings(settings: Settings): Promise<SettingsArea> {
  try {
    await browser.storage.sync.set({ [SETTINGS]: settings });
    await browser.storage.local.remove([SETTINGS_IN_LOCAL, SETTINGS]);
    return 'sync';
  } catch {
    // Over the sync quota (or sync unavailable): keep everything on this device instead.
    await browser.storage.local.set({ [SETTINGS]: settings, [SETTINGS_IN_LOCAL]: true });
    return 'local';
  }
}

/** Notes from the last repair of the stored settings, for the options page to show once. */
export async function takeSettingsNotes(): Promise<SettingsNote[]> {
  const stored = (await browser.storage.local.get(SETTINGS_NOTES))[SETTINGS_NOTES];
  if (stored === undefined) return [];
  await browser.storage.local.remove(SETTINGS_NOTES);
  // Notes of an older version (sentences, not codes) are dropped: the value they spoke of is repaired.
  const notes: SettingsNote[] = [];
  for (const note of Array.isArray(stored) ? stored : []) {
    const checked = v.safeParse(settingsNoteSchema(), note);
    if (checked.success) notes.push(checked.output);
  }
  return notes;
}

/** The user's own terms, checked: the valid ones, and what couldn't be read and why. */
export async function readUserTerms(): Promise<OwnTerms> {
  return readOwnTerms((await browser.storage.local.get(USER_TERMS))[USER_TERMS]);
}

/** The user's own terms that can be used. */
export async function loadUserTerms(): Promise<GlossaryEntry[]> {
  return (await readUserTerms()).entries;
}

/**
 * Saves the user's own terms. Stored entries that can't be read are kept as they were (a later
 * version, or a hand-edited backup, may read them), unless one of `entries` takes their id.
 */
export async function saveUserTerms(entries: readonly GlossaryEntry[]): Promise<void> {
  const stored = (await browser.storage.local.get(USER_TERMS))[USER_TERMS];
  await browser.storage.local.set({ [USER_TERMS]: withUnreadableKept(entries, stored) });
}

/** Calls `onChange` whenever settings or own terms change, in any context. Returns the unsubscribe. */
export function watchStorage(onChange: (what: { settings: boolean; userTerms: boolean }) => void): () => void {
  const listener = (changes: Record<string, unknown>) => {
    const settings = SETTINGS in changes || SETTINGS_IN_LOCAL in changes;
    const userTerms = USER_TERMS in changes;
    if (settings || userTerms) onChange({ settings, userTerms });
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

let trieFile: Promise<string> | null = null;

/**
 * A glossary trie with no terms, for when the real one can't be read: `packTrie` of a root with no
 * hit, no exact forms and no words (the numbers -2, -2, 0 in two bytes each), whose one word start is 0.
 */
export const NO_GLOSSARY =
  '{"words":"","starts":{"bytes":2,"base64":"AAA="},"nodes":{"bytes":2,"base64":"/v/+/wAA"},"exact":[],"ids":[]}';

/**
 * The bundled glossary's trie (glossary-trie.json, written at build time from glossary/terms.json),
 * what the background finds terms with (entrypoints/background/term-finder.ts). The file is not
 * web-accessible, so no web page can load it (nor learn from loading it that Plain Terms is installed).
 */
export function readGlossaryTrie(): Promise<string> {
  trieFile ??= readPackagedFile('/glossary-trie.json').catch((error) => {
    trieFile = null;
    console.error('could not read the glossary', error);
    return NO_GLOSSARY;
  });
  return trieFile;
}

/** A file of the package, as text: the glossary's files, written by a build hook (wxt.config.ts). */
export async function readPackagedFile(path: '/glossary-trie.json' | '/glossary-entries.json'): Promise<string> {
  // WXT types getURL for files it knows of; these are written by a build hook.
  const url = (browser.runtime.getURL as (path: string) => string)(path);
  return (await fetch(url)).text();
}

/** What a page needs before it scans: settings and own terms (the card shows own terms' entries itself). */
export async function readPageState(): Promise<PageState> {
  const [{ settings }, userTerms] = await Promise.all([loadSettings(), loadUserTerms()]);
  return { settings, userTerms };
}
