import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  explains,
  explainsByParts,
  measureCoverage,
  parseDecisions,
  parseVocabulary,
  percent,
} from '@/glossary/coverage';
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
  entry('chronic', 'chronic'),
  entry('back-pain', 'back pain'),
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

  it('counts a term explained by its parts only where a decision says so and the parts are underlined', () => {
    const decisions = parseDecisions(
      [
        'term\tdecision\tparts\treason',
        'chronic back pain\tby-parts\tchronic + back pain\tback pain that lasts',
        'knee pain\tby-parts\tknee + pain\tpain in the knee',
        'drinking water\tnot-a-term\t\teveryday phrase',
      ].join('\n'),
    );
    expect(explainsByParts(index, 'chronic back pain', ['chronic', 'back pain'])).toBe(true);
    // "pain" has no card: a listed part that is not underlined leaves the term missing.
    expect(explainsByParts(index, 'knee pain', ['knee', 'pain'])).toBe(false);
    const report = measureCoverage(
      index,
      parseVocabulary(
        [
          'term\tweight\tdomain\twhere',
          'chronic back pain\t10\tpain\tweb:2',
          'knee pain\t50\tpain\tweb:5',
          'drinking water\t40\tlifestyle\tweb:4',
          'sciatica\t30\tpain\tweb:3',
        ].join('\n'),
      ),
      decisions,
    );
    expect(report).toMatchObject({ terms: 3, explained: 2, weight: 90, explainedWeight: 40 });
    expect(report.byParts.map((t) => t.term)).toEqual(['chronic back pain']);
    expect(report.leftOut.map((t) => t.term)).toEqual(['drinking water']);
    expect(report.missing.map((t) => t.term)).toEqual(['knee pain']);
  });

  it('rejects a decision with no reason, or by parts with no parts', () => {
    expect(() => parseDecisions('term\tdecision\tparts\treason\nknee pain\tby-parts\t\tpain in the knee\n')).toThrow(
      /knee pain/,
    );
    expect(() => parseDecisions('term\tdecision\tparts\treason\nPT\tnot-a-term\t\t\n')).toThrow(/PT/);
  });

  it('keeps the shipped decisions to vocabulary terms, with parts taken from the words of the term', () => {
    const terms = new Set(parseVocabulary(readFileSync('glossary/vocabulary.tsv', 'utf8')).map((t) => t.term));
    for (const decision of parseDecisions(readFileSync('glossary/vocabulary-decisions.tsv', 'utf8'))) {
      expect(terms.has(decision.term), decision.term).toBe(true);
      if (decision.kind !== 'by-parts') continue;
      let from = 0;
      for (const part of decision.parts) {
        const at = decision.term.toLowerCase().indexOf(part.toLowerCase(), from);
        expect(at, `${decision.term}: ${part}`).toBeGreaterThanOrEqual(from);
        from = at + part.length;
      }
    }
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
