import type { GlossaryEntry } from '@/glossary/schema';
import { readPackagedFile } from './store';

/**
 * glossary-entries.json's entries by id (the first entry of an id), each kept as `keep` makes it:
 * read once, on first use; a failed read is tried again next time, not remembered.
 */
function entriesById<T>(keep: (entry: GlossaryEntry) => T): () => Promise<ReadonlyMap<string, T>> {
  let read: Promise<ReadonlyMap<string, T>> | null = null;
  return () => {
    if (read) return read;
    const reading = readPackagedFile('/glossary-entries.json').then((text) => {
      const byId = new Map<string, T>();
      for (const entry of JSON.parse(text) as GlossaryEntry[]) if (!byId.has(entry.id)) byId.set(entry.id, keep(entry));
      return byId;
    });
    read = reading;
    reading.catch(() => {
      if (read === reading) read = null;
    });
    return reading;
  };
}

/**
 * The bundled glossary's entries by id, from glossary-entries.json (written at build time), for the
 * popup and the options page (importing terms.json put a second, 210 kB copy of the glossary into
 * their bundles); the background keeps them as text instead (`entriesFor`). No web page can load the
 * file (it is not web-accessible), and no page is sent it whole.
 */
const bundledEntryMap = entriesById((entry) => entry);

/** Every bundled entry, for the popup's search and the options page; none when the file can't be read. */
export async function bundledEntries(): Promise<readonly GlossaryEntry[]> {
  try {
    return [...(await bundledEntryMap()).values()];
  } catch (error) {
    console.error('could not read the glossary', error);
    return [];
  }
}

/**
 * The bundled entries as the background keeps them for cards: each entry's JSON text by id,
 * parsed when a card asks for it. The 1,468 entries as objects held 1.2–1.4 MB of the
 * background's heap for as long as it ran (`memory.ts`); as text they hold about what the file
 * does. (The popup and the options page read them as objects, `bundledEntries`: a page of their
 * own, open for a moment.)
 */
const bundledEntryTexts = entriesById((entry) => JSON.stringify(entry));

/**
 * The bundled entries a page's card needs (the background's answer to `get-entries`): those of
 * `ids`, and with `withRelated` the entries each of them names as related, whose names the card
 * shows as buttons. Ids the glossary doesn't have are left out. Rejects when the file can't be read.
 */
export async function entriesFor(ids: readonly string[], withRelated: boolean): Promise<GlossaryEntry[]> {
  const texts = await bundledEntryTexts();
  const found = new Map<string, GlossaryEntry>();
  const add = (id: string) => {
    if (found.has(id)) return found.get(id);
    const text = texts.get(id);
    if (text === undefined) return undefined;
    const entry = JSON.parse(text) as GlossaryEntry;
    found.set(id, entry);
    return entry;
  };
  for (const id of ids) {
    const entry = add(id);
    if (withRelated) for (const related of entry?.related ?? []) add(related);
  }
  return [...found.values()];
}
