import { describe, expect, it } from 'vitest';
import { problemText } from '@/common/problem-text';
import { validateGlossary } from '@/glossary/validate';

const good = {
  id: 'lymph',
  term: 'Lymph',
  explanation: 'A clear fluid.',
  category: 'body part',
  source: { name: 'NCI', url: 'https://www.cancer.gov/' },
};

function errorsOf(data: unknown): string[] {
  const result = validateGlossary(data);
  return result.ok ? [] : result.problems.map(problemText);
}

describe('validateGlossary', () => {
  it('accepts a well-formed glossary', () => {
    expect(validateGlossary([good])).toEqual({ ok: true, entries: [good] });
  });

  it('rejects something that is not a list', () => {
    expect(errorsOf({ entries: [] })).toEqual(['The glossary must be a list of entries (a JSON array).']);
  });

  it('names the entry and the field that is wrong', () => {
    const errors = errorsOf([
      good,
      { ...good, id: 'oedema', term: 'Oedema', explanation: '' },
      { ...good, id: 'x', term: 'X', category: 'gossip' },
    ]);
    expect(errors).toEqual([
      'Entry 2 ("oedema"): field "explanation" must not be empty',
      'Entry 3 ("x"): field "category" must be one of: body part, condition, symptom, treatment, body process, medicine, research',
    ]);
  });

  it('keeps only https sources', () => {
    expect(errorsOf([{ ...good, source: { name: 'NCI', url: 'http://www.cancer.gov/' } }])).toEqual([
      'Entry 1 ("lymph"): field "source.url" must be an https:// address',
    ]);
  });

  it('rejects unknown fields, so a typo is not silently ignored', () => {
    expect(errorsOf([{ ...good, explaination: 'typo' }])[0]).toMatch(/^Entry 1 \("lymph"\): field "explaination"/);
  });

  it('rejects a surface form claimed by two entries, ignoring case and hyphens', () => {
    const errors = errorsOf([
      { ...good, aliases: ['lymph-fluid'] },
      { ...good, id: 'lymph-fluid', term: 'Lymph fluid' },
    ]);
    expect(errors).toEqual(['Entry 2 ("lymph-fluid"): surface form "Lymph fluid" also belongs to "lymph"']);
  });

  it('rejects repeated ids and related entries that do not exist', () => {
    const errors = errorsOf([
      { ...good, related: ['lymph-node'] },
      { ...good, term: 'Lymph again' },
    ]);
    expect(errors).toEqual([
      'Entry 2 ("lymph"): field "id" repeats the id of entry 1',
      'Entry 1 ("lymph"): field "related" names "lymph-node", which is not in the glossary',
    ]);
  });

  it('names an entry by position when it has no id or term', () => {
    expect(errorsOf([42])[0]).toMatch(/^Entry 1: field "\(entry\)"/);
  });
});
