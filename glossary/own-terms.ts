import type { GlossaryEntry } from './schema';
import { type Place, type ValidationProblem, validateGlossary } from './validate';

/** A stored own term that can't be used, with why: kept in storage as it was, reported on the options page. */
interface UnreadableTerm {
  /** Its place in the stored list (0 for a stored value that isn't a list at all). */
  index: number;
  raw: unknown;
  problems: ValidationProblem[];
}

export interface OwnTerms {
  entries: GlossaryEntry[];
  unreadable: UnreadableTerm[];
}

/**
 * The user's own terms as stored, checked entry by entry: each valid entry is used, each
 * invalid one (or a second entry with an id already taken) is reported and left out. Pages
 * match against what this returns, never against what storage holds.
 */
export function readOwnTerms(stored: unknown): OwnTerms {
  if (stored === undefined) return { entries: [], unreadable: [] };
  if (!Array.isArray(stored)) {
    return { entries: [], unreadable: [{ index: 0, raw: stored, problems: [{ code: 'not-a-list' }] }] };
  }
  const entries: GlossaryEntry[] = [];
  /** Where each kept entry was stored, to name it in problems. */
  const places: Place[] = [];
  const unreadable: UnreadableTerm[] = [];
  stored.forEach((raw: unknown, index) => {
    const place: Place = { kind: 'saved', number: index + 1 };
    // Alone, then with the entries kept so far: of two that clash, the later one is left out.
    const alone = validateGlossary([raw], { place: () => place });
    const checked = alone.ok
      ? validateGlossary([...entries, ...alone.entries], { place: (at) => places[at] ?? place })
      : alone;
    // `related` may name bundled entries, which aren't known here; a card skips names it can't find.
    const problems = checked.ok ? [] : checked.problems.filter((problem) => problem.code !== 'related-unknown');
    if (alone.ok && problems.length === 0) {
      entries.push(...alone.entries);
      places.push(place);
    } else unreadable.push({ index, raw, problems });
  });
  return { entries, unreadable };
}

/**
 * What to store for `entries`: them, then the stored items that couldn't be read, as they were
 * (a later version, or a hand-edited backup, may read them), unless an entry takes their id.
 */
export function withUnreadableKept(entries: readonly GlossaryEntry[], stored: unknown): unknown[] {
  const ids = new Set(entries.map((entry) => entry.id));
  const kept = readOwnTerms(stored).unreadable.filter(({ raw }) => !ids.has(idOf(raw) ?? ''));
  return [...entries, ...kept.map(({ raw }) => raw)];
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return undefined;
  return typeof raw.id === 'string' ? raw.id : undefined;
}

/**
 * The one merge rule of own terms and the bundled glossary, for every list of entries a reader
 * sees (the popup's search, the options page, the cards): your entry replaces the bundled one
 * with its id. (Surface forms follow the same rule in the matcher: `withOwnTerms`.)
 */
export function mergedEntries(bundled: readonly GlossaryEntry[], own: readonly GlossaryEntry[]): GlossaryEntry[] {
  const ownIds = new Set(own.map((entry) => entry.id));
  return [...own, ...bundled.filter((entry) => !ownIds.has(entry.id))];
}
