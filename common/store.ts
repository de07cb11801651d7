import { browser } from 'wxt/browser';
import type { GlossaryEntry } from '@/glossary/schema';
import type { PageState } from './messages';
import { migrateSettings, type Settings } from './settings';

/**
 * Where settings and the user's own terms live. Settings sync across the user's browsers;
 * when they outgrow the sync quota (a long list of switched-off sites) they move to this
 * device's storage and the options page says so. Own terms are kept locally: sync's 8 KB per
 * item would hold only a handful.
 */
const SETTINGS = 'settings';
const SETTINGS_IN_LOCAL = 'settingsInLocal';
const SETTINGS_NOTES = 'settingsNotes';
const USER_TERMS = 'userTerms';

export type SettingsArea = 'sync' | 'local';

export async function loadSettings(): Promise<{ settings: Settings; area: SettingsArea }> {
  const local = await browser.storage.local.get([SETTINGS_IN_LOCAL, SETTINGS]);
  const area: SettingsArea = local[SETTINGS_IN_LOCAL] === true ? 'local' : 'sync';
  const raw = area === 'local' ? local[SETTINGS] : (await browser.storage.sync.get(SETTINGS))[SETTINGS];
  const { settings, notes, changed } = migrateSettings(raw);
  if (changed && raw !== undefined) {
    await saveSettings(settings);
    if (notes.length > 0) await browser.storage.local.set({ [SETTINGS_NOTES]: notes });
  }
  return { settings, area };
}

export async function saveSettings(settings: Settings): Promise<SettingsArea> {
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

/** Notes from the last migration (fields reset to defaults), for the options page to show once. */
export async function takeSettingsNotes(): Promise<string[]> {
  const notes = (await browser.storage.local.get(SETTINGS_NOTES))[SETTINGS_NOTES];
  if (!Array.isArray(notes)) return [];
  await browser.storage.local.remove(SETTINGS_NOTES);
  return notes.filter((note): note is string => typeof note === 'string');
}

export async function loadUserTerms(): Promise<GlossaryEntry[]> {
  const stored = (await browser.storage.local.get(USER_TERMS))[USER_TERMS];
  return Array.isArray(stored) ? (stored as GlossaryEntry[]) : [];
}

export async function saveUserTerms(entries: GlossaryEntry[]): Promise<void> {
  await browser.storage.local.set({ [USER_TERMS]: entries });
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

let glossaryFile: Promise<string> | null = null;

/** A packed glossary with no terms, for when the real one can't be read. */
export const NO_GLOSSARY = '{"trie":{}}';

/**
 * The packed glossary shipped in the package (glossary.jsonl, written at build time from
 * glossary/terms.json). Read by the background only: the file is not web-accessible, so no page
 * can load it (nor learn from loading it that Plain Terms is installed).
 */
export function readGlossaryFile(): Promise<string> {
  // WXT types getURL for files it knows of; glossary.jsonl is written by a build hook.
  const url = (browser.runtime.getURL as (path: string) => string)('/glossary.jsonl');
  glossaryFile ??= fetch(url)
    .then((response) => response.text())
    .catch((error) => {
      glossaryFile = null;
      console.error('could not read the glossary', error);
      return NO_GLOSSARY;
    });
  return glossaryFile;
}

/** What a page needs before it scans: settings, own terms and, when asked, the glossary file. */
export async function readPageState(withGlossary: boolean): Promise<PageState> {
  const [{ settings }, userTerms, glossary] = await Promise.all([
    loadSettings(),
    loadUserTerms(),
    withGlossary ? readGlossaryFile() : undefined,
  ]);
  return glossary === undefined ? { settings, userTerms } : { settings, userTerms, glossary };
}
