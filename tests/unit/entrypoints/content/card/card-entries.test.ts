import { describe, expect, it } from 'vitest';
import { MAX_ENTRIES_ASKED } from '@/common/messages';
import { type AskForEntries, CARD_ENTRIES_LIMIT, CardEntries } from '@/entrypoints/content/card/card-entries';
import { ENTRIES_RETRY_MS } from '@/entrypoints/content/support/timing';
import { bundledGlossary } from '@/glossary/bundled';
import type { GlossaryEntry } from '@/glossary/schema';

const byId = new Map(bundledGlossary.map((entry) => [entry.id, entry]));

/** A background that answers as switchboard.ts does, and records what it was asked. */
function background(glossary: ReadonlyMap<string, GlossaryEntry> = byId) {
  const asked: Array<{ ids: string[]; withRelated: boolean }> = [];
  let down = false;
  const ask: AskForEntries = async (ids, withRelated) => {
    asked.push({ ids, withRelated });
    if (down) return null;
    const found = new Map<string, GlossaryEntry>();
    for (const id of ids) {
      const entry = glossary.get(id);
      if (!entry) continue;
      found.set(id, entry);
      if (withRelated) for (const related of entry.related ?? []) found.set(related, glossary.get(related)!);
    }
    return [...found.values()];
  };
  return {
    ask,
    asked,
    setDown: (value: boolean) => {
      down = value;
    },
  };
}

const related = (id: string) => byId.get(id)!.related ?? [];

describe('the entries a page keeps for its cards', () => {
  it('asks once for an entry and its related ones, however often the hit-test finds the term', async () => {
    const { ask, asked } = background();
    const entries = new CardEntries(ask);
    expect(entries.isReady('lymphatic-drainage')).toBe(false);
    const first = entries.prepare('lymphatic-drainage');
    const again = entries.prepare('lymphatic-drainage');
    expect(await Promise.all([first, again])).toEqual([true, true]);
    expect(asked).toEqual([{ ids: ['lymphatic-drainage'], withRelated: true }]);
    expect(entries.get('lymphatic-drainage')?.term).toBe('Lymphatic drainage');
    // The related terms' names are here for the card's buttons.
    expect(related('lymphatic-drainage').length).toBeGreaterThan(0);
    for (const id of related('lymphatic-drainage')) expect(entries.get(id)).toBeDefined();
    expect(entries.isReady('lymphatic-drainage')).toBe(true);
    await entries.prepare('lymphatic-drainage');
    expect(asked).toHaveLength(1);
  });

  it('asks only for the related entries it lacks when the reader opens a related term', async () => {
    const { ask, asked } = background();
    const entries = new CardEntries(ask);
    await entries.prepare('lymphatic-drainage');
    const lymph = related('lymphatic-drainage').find((id) => !entries.isReady(id))!;
    expect(lymph).toBeDefined();
    await entries.prepare(lymph);
    const lacking = asked[1]!;
    expect(lacking.withRelated).toBe(false);
    expect(lacking.ids.length).toBeGreaterThan(0);
    expect(lacking.ids.every((id) => related(lymph).includes(id))).toBe(true);
    expect(entries.isReady(lymph)).toBe(true);
  });

  it(`keeps at most ${CARD_ENTRIES_LIMIT} bundled entries, letting the least recently used go`, async () => {
    const ids = Array.from({ length: 11 }, (_, k) => `term-${k}`);
    const glossary = new Map(
      ids.map((id): [string, GlossaryEntry] => [id, { id, term: id, explanation: '.', category: 'symptom' }]),
    );
    const { ask } = background(glossary);
    const entries = new CardEntries(ask, 10);
    await entries.prepare(ids[0]!);
    for (const id of ids.slice(1, 10)) await entries.prepare(id);
    // Used again: the first is now the most recent.
    expect(entries.get(ids[0]!)).toBeDefined();
    await entries.prepare(ids[10]!);
    expect(entries.get(ids[0]!)).toBeDefined();
    expect(entries.get(ids[1]!)).toBeUndefined();
    expect(ids.slice(2, 11).every((id) => entries.get(id))).toBe(true);
  });

  it('keeps a card of the most related entries one ask can name, and the related card it opens, whole', async () => {
    // 50 related entries each, none shared: the most a card can need, twice over.
    const made = (id: string, related: string[] = []): [string, GlossaryEntry] => [
      id,
      { id, term: id, explanation: '.', category: 'symptom', related },
    ];
    const names = (prefix: string) => Array.from({ length: MAX_ENTRIES_ASKED }, (_, k) => `${prefix}-${k}`);
    const glossary = new Map([
      made('first', names('a')),
      ...names('a').map((id, k) => made(id, k === 0 ? names('b') : [])),
      ...names('b').map((id) => made(id)),
    ]);
    const { ask, asked } = background(glossary);
    const entries = new CardEntries(ask);
    expect(await entries.prepare('first')).toBe(true);
    expect(await entries.prepare('a-0')).toBe(true);
    // Back on the first card: its related terms' names are all still here, nothing is asked again.
    expect(entries.isReady('first')).toBe(true);
    expect(entries.isReady('a-0')).toBe(true);
    expect(asked).toHaveLength(2);
  });

  it('lets go of the bundled entries on a new view, keeps the user’s own, and asks again for a card', async () => {
    const { ask, asked } = background();
    const entries = new CardEntries(ask);
    const mine: GlossaryEntry = { id: 'knot', term: 'Knot', explanation: 'A tight spot.', category: 'symptom' };
    entries.setOwnTerms([mine]);
    await entries.prepare('lymphatic-drainage');
    entries.releaseBundled();
    expect(entries.get('lymphatic-drainage')).toBeUndefined();
    expect(entries.get('knot')?.explanation).toBe('A tight spot.');
    expect(await entries.prepare('lymphatic-drainage')).toBe(true);
    expect(asked).toHaveLength(2);
    expect(entries.get('lymphatic-drainage')?.term).toBe('Lymphatic drainage');
  });

  it('loses nothing when the background cannot answer, and asks again a moment later, not every frame', async () => {
    const { ask, asked, setDown } = background();
    let now = 0;
    const entries = new CardEntries(ask, CARD_ENTRIES_LIMIT, () => now);
    await entries.prepare('inflammation');
    setDown(true);
    expect(await entries.prepare('fibromyalgia')).toBe(false);
    expect(entries.get('fibromyalgia')).toBeUndefined();
    // What it had stays.
    expect(entries.get('inflammation')?.term).toBe('Inflammation');
    setDown(false);
    // The pointer still moves over the term, frame after frame: no asking meanwhile.
    for (let frame = 0; frame < 30; frame++) {
      now += 16;
      expect(await entries.prepare('fibromyalgia')).toBe(false);
    }
    now += ENTRIES_RETRY_MS;
    expect(await entries.prepare('fibromyalgia')).toBe(true);
    expect(asked.filter(({ ids }) => ids.includes('fibromyalgia'))).toHaveLength(2);
  });

  it('answers for the user’s own terms without asking, theirs in place of a bundled entry with the same id', async () => {
    const { ask, asked } = background();
    const entries = new CardEntries(ask);
    const mine: GlossaryEntry = { id: 'lymph', term: 'Lymph', explanation: 'My words.', category: 'body part' };
    const knot: GlossaryEntry = {
      id: 'knot',
      term: 'Knot',
      explanation: 'A tight spot.',
      category: 'symptom',
      related: ['inflammation', 'no-such-entry'],
    };
    entries.setOwnTerms([mine, knot]);
    expect(await entries.prepare('lymph')).toBe(true);
    expect(entries.get('lymph')?.explanation).toBe('My words.');
    expect(asked).toEqual([]);
    // An own term's related bundled entries are asked for by name; one no glossary has is asked for once.
    expect(await entries.prepare('knot')).toBe(true);
    expect(asked).toEqual([{ ids: ['inflammation', 'no-such-entry'], withRelated: false }]);
    expect(entries.isReady('knot')).toBe(true);
    expect(entries.get('inflammation')?.term).toBe('Inflammation');
  });
});
