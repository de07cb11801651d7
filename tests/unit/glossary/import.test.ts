import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemText } from '@/common/problem-text';
import { bundledGlossary } from '@/glossary/bundled';
import { glossaryFiles } from '@/glossary/combine';
import {
  exportCsv,
  exportJson,
  IMPORT_LIMITS,
  type ImportResult,
  idFromTerm,
  mergeUserTerms,
  parseImport,
} from '@/glossary/import';
import { findTerms, indexOfTrieFile, withOwnTerms } from '@/glossary/matcher';
import type { GlossaryEntry } from '@/glossary/schema';

const bundledIds = new Set(bundledGlossary.map((entry) => entry.id));
const mine: GlossaryEntry = {
  id: 'knot',
  term: 'Knot',
  forms: ['knots'],
  explanation: 'A tight, sore spot in a muscle.',
  related: ['trigger-point'],
  category: 'symptom',
};

/** A result with its problems in words, as the options page shows them. */
const textOf = (result: ImportResult) => (result.ok ? result : { ok: false, errors: result.problems.map(problemText) });

describe('parseImport', () => {
  it('reads a JSON list, deriving missing ids from the term', () => {
    const result = parseImport(
      'mine.json',
      JSON.stringify([{ term: 'Foam roller', explanation: 'A foam tube you roll on.', category: 'treatment' }]),
    );
    expect(result).toEqual({
      ok: true,
      entries: [
        { id: 'foam-roller', term: 'Foam roller', explanation: 'A foam tube you roll on.', category: 'treatment' },
      ],
    });
  });

  it('reads what it exports, as JSON and as CSV', () => {
    expect(parseImport('a.json', exportJson([mine]), bundledIds)).toEqual({ ok: true, entries: [mine] });
    expect(parseImport('a.csv', exportCsv([mine]), bundledIds)).toEqual({ ok: true, entries: [mine] });
  });

  it('names every bad row and field of a CSV file, counting the header as row 1', () => {
    const csv = [
      'term,explanation,category,source_url,source_name',
      'Knot,A tight spot.,symptom,,',
      ',Missing its term.,symptom,,',
      'Cupping,Cups on the skin.,magic,http://example.org,Example',
    ].join('\n');
    const result = parseImport('bad.csv', csv, bundledIds);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map(problemText)).toEqual([
      'Row 3: field "id" is missing',
      'Row 3: field "term" is missing',
      'Row 4 ("cupping"): field "category" must be one of: body part, condition, symptom, treatment, body process, medicine, research',
      'Row 4 ("cupping"): field "source.url" must be an https:// address',
    ]);
  });

  it('rejects files that are not glossaries, with a plain message', () => {
    expect(textOf(parseImport('x.json', '{"oops": '))).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^The file is not valid JSON/)],
    });
    expect(textOf(parseImport('x.json', '{"a": 1}'))).toEqual({
      ok: false,
      errors: ['The file must hold a list of entries (a JSON array).'],
    });
    expect(textOf(parseImport('x.json', '[]'))).toEqual({
      ok: false,
      errors: ['The file has no entries.'],
    });
    expect(textOf(parseImport('x.csv', 'term,colour\nKnot,red'))).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^Unknown column "colour"/)],
    });
  });

  it('rejects files over the limits', () => {
    expect(textOf(parseImport('big.json', `[${' '.repeat(IMPORT_LIMITS.maxBytes)}]`))).toEqual({
      ok: false,
      errors: ['The file is larger than 1 MB.'],
    });
    const many = Array.from({ length: IMPORT_LIMITS.maxEntries + 1 }, (_, i) => ({
      term: `Term ${i}`,
      explanation: 'x',
      category: 'symptom',
    }));
    expect(textOf(parseImport('many.json', JSON.stringify(many)))).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/2001 entries/)],
    });
  });

  it('never throws on arbitrary input (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('f.json', 'f.csv', 'f.txt'),
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify([v])),
        ),
        (name, text) => {
          const result = parseImport(name, text, bundledIds);
          expect(result.ok ? result.entries.length : result.problems.map(problemText).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps markup as text: an explanation with HTML stays a string to be shown as text', () => {
    const result = parseImport(
      'x.json',
      JSON.stringify([{ term: 'Trap', explanation: '<img src=x onerror=alert(1)>', category: 'symptom' }]),
    );
    expect(result.ok && result.entries[0]?.explanation).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('mergeUserTerms', () => {
  it('replaces entries with the same id and keeps the rest', () => {
    const updated = { ...mine, explanation: 'A tight, tender spot.' };
    const other: GlossaryEntry = {
      id: 'tape',
      term: 'Kinesiology tape',
      explanation: 'Stretchy tape.',
      category: 'treatment',
    };
    expect(mergeUserTerms([mine, other], [updated], bundledIds)).toEqual({ ok: true, entries: [other, updated] });
  });

  it('refuses a list where two of your entries claim the same words, naming both sides', () => {
    const clash: GlossaryEntry = { id: 'knots', term: 'Knots', explanation: 'x', category: 'symptom' };
    const result = mergeUserTerms([mine], [clash], bundledIds);
    expect(textOf(result)).toEqual({
      ok: false,
      errors: ['New entry 1 ("knots"): surface form "Knots" also belongs to "knot"'],
    });
  });
});

describe('your own terms on a page', () => {
  it('win over a bundled entry that claims the same words', () => {
    const own: GlossaryEntry = {
      id: 'my-inflammation',
      term: 'Inflammation',
      explanation: 'My words.',
      category: 'body process',
    };
    const index = withOwnTerms(indexOfTrieFile(glossaryFiles(bundledGlossary).trie), [own]);
    const [match] = findTerms(index, 'Some inflammation here.');
    expect(match?.entryId).toBe('my-inflammation');
  });

  it('replace a bundled entry whole when they reuse its id', () => {
    const own: GlossaryEntry = { id: 'lymph', term: 'Lymph fluid', explanation: 'My words.', category: 'body part' };
    const index = withOwnTerms(indexOfTrieFile(glossaryFiles(bundledGlossary).trie), [own]);
    const found = (text: string) => findTerms(index, text).map((m) => text.slice(m.start, m.end));
    // Under the bundled entry's id, which the card answers with the user's entry (card-entries.ts).
    expect(found('The lymph fluid drains.')).toEqual(['lymph fluid']);
    // The bundled entry's own form "lymph" went with it.
    expect(found('The lymph drains.')).toEqual([]);
  });

  it('gives ids that the schema accepts', () => {
    expect(idFromTerm('Délai d’attente: 2 days!')).toBe('delai-d-attente-2-days');
    expect(idFromTerm('中文')).toBe('term');
  });
});
