import { unpackGlossary } from '@/glossary/matcher';
import type { GlossaryEntry } from '@/glossary/schema';
import { readGlossaryFile } from './store';

let entries: Promise<readonly GlossaryEntry[]> | null = null;

/**
 * The bundled glossary's entries for the popup and the options page, read from the same packed
 * file pages use: importing terms.json put a second, 210 kB copy of the glossary into their bundles.
 */
export function bundledEntries(): Promise<readonly GlossaryEntry[]> {
  entries ??= readGlossaryFile().then((text) => unpackGlossary(text).entries());
  return entries;
}
