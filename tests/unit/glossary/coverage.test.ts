import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explains, measureCoverage, parseVocabulary, percent } from '@/glossary/coverage';
import { buildIndex } from '@/glossary/matcher';
import type { GlossaryEntry } from '@/glossary/schema';

function entry(id: string, term: string, extra: Partial<GlossaryEntry> = {}): GlossaryEntry {
  return {
    id,
    term,
    explanation: `About ${term}.`,
    category: 'condition',
    source: { name: 'Test', url: 'https://example.org/' },
    ...extra,
  };
}

const index = buildIndex([
  entry('sciatica', 'Sciatica'),
  entry('knee', 'knee joint', { aliases: ['knee'] }),
  entry('acl', 'Anterior cruciate ligament', { abbreviations: ['ACL'] }),
]);

const vocabulary = parseVocabulary(
  [
    'term\tweight\tdomain\twhere',
    'sciatica\t30\tpain\tweb:3',
    'knee pain\t50\tpain\tweb:5',
    'gout\t15\tcondition\tmedquad:2',
    'ACL\t5\tinjury\tweb:1',
    'acl\t1\tinjury\tweb:1',
    '',
  ].join('\n'),
);

describe('glossary coverage', () => {
  it('reads the vocabulary file', () => {
    expect(vocabulary).toEqual([
      { term: 'sciatica', weight: 30, domain: 'pain' },
      { term: 'knee pain', weight: 50, domain: 'pain' },
      { term: 'gout', weight: 15, domain: 'condition' },
      { term: 'ACL', weight: 5, domain: 'injury' },
      { term: 'acl', weight: 1, domain: 'injury' },
    ]);
  });

  it('counts a term as explained only when one match covers all of it', () => {
    expect(explains(index, 'sciatica')).toBe(true);
    // Only "knee" of "knee pain" is matched: part of the term is not the term.
    expect(explains(index, 'knee pain')).toBe(false);
    expect(explains(index, 'gout')).toBe(false);
    // Abbreviations match with their case, as written in the vocabulary.
    expect(explains(index, 'ACL')).toBe(true);
    expect(explains(index, 'acl')).toBe(false);
  });

  it('adds up terms and weights, in all and by domain, and lists the missing by weight', () => {
    const report = measureCoverage(index, vocabulary);
    expect(report).toMatchObject({ terms: 5, explained: 2, weight: 101, explainedWeight: 35 });
    expect(report.byDomain).toEqual({
      pain: { terms: 2, explained: 1, weight: 80, explainedWeight: 30 },
      condition: { terms: 1, explained: 0, weight: 15, explainedWeight: 0 },
      injury: { terms: 2, explained: 1, weight: 6, explainedWeight: 5 },
    });
    expect(report.missing.map((m) => m.term)).toEqual(['knee pain', 'gout', 'acl']);
    expect(percent(report.explainedWeight, report.weight)).toBe('34.7');
    expect(percent(0, 0)).toBe('0.0');
  });

  it('rejects a vocabulary line without a weight or domain', () => {
    expect(() => parseVocabulary('term\tweight\tdomain\twhere\ngout\n')).toThrow(/gout/);
  });

  it('keeps the shipped vocabulary well formed: a header, positive weights, no term twice', () => {
    const text = readFileSync('glossary/vocabulary.tsv', 'utf8');
    expect(text.split('\n')[0]).toBe('term\tweight\tdomain\twhere');
    const terms = parseVocabulary(text);
    expect(terms.length).toBeGreaterThan(800);
    for (const term of terms) expect(term.weight, term.term).toBeGreaterThan(0);
    expect(new Set(terms.map((t) => t.term)).size).toBe(terms.length);
  });
});
