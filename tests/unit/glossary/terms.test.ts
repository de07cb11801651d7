import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemText } from '@/common/problem-text';
import { bundledGlossary } from '@/glossary/bundled';
import { buildIndex, findTerms } from '@/glossary/matcher';
import { checkGlossary } from '@/glossary/rules';
import { surfaceFormsOf } from '@/glossary/tokenize';
import { validateGlossary } from '@/glossary/validate';

const index = buildIndex(bundledGlossary);

describe('the bundled glossary', () => {
  it('is valid: every field, unique ids and surface forms, related entries that exist', () => {
    const result = validateGlossary(bundledGlossary);
    expect(result.ok ? [] : result.problems.map(problemText)).toEqual([]);
  });

  it('has a recorded check for every entry, by a second reader, against the source it cites', () => {
    const lines = readFileSync(join(import.meta.dirname, '../../../glossary/review-log.tsv'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    const header = lines[0]!.split('\t');
    const rows = new Map(
      lines.slice(1).map((line) => {
        const row = Object.fromEntries(line.split('\t').map((value, i) => [header[i], value]));
        return [row.id, row] as const;
      }),
    );
    const problems = bundledGlossary.flatMap((entry) => {
      const row = rows.get(entry.id);
      if (!row) return [`${entry.id}: no recorded check`];
      return [
        ...(!row.writer || !row.checker ? [`${entry.id}: writer or checker missing`] : []),
        ...(row.writer === row.checker ? [`${entry.id}: checked by its own writer`] : []),
        ...(row.url !== entry.source?.url
          ? [`${entry.id}: checked against ${row.url}, cites ${entry.source?.url}`]
          : []),
        ...(!/^\d{4}-\d{2}-\d{2}$/.test(row.checked ?? '') ? [`${entry.id}: no check date`] : []),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('has at least 250 entries, in every category', () => {
    expect(bundledGlossary.length).toBeGreaterThanOrEqual(250);
    expect(new Set(bundledGlossary.map((entry) => entry.category)).size).toBe(7);
  });

  it('explains every health term of the source article, as the article writes it', () => {
    const rows = readFileSync(join(import.meta.dirname, '../../fixtures/article-terms.tsv'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('\t') as [string, string]);
    expect(rows.length).toBeGreaterThan(25);
    for (const [words, id] of rows) {
      const text = `We read about ${words} today.`;
      const matches = findTerms(index, text).map((m) => [text.slice(m.start, m.end), m.entryId]);
      expect(matches, words).toEqual([[words, id]]);
    }
  });

  it('finds every entry by each of its surface forms in a sentence', () => {
    for (const entry of bundledGlossary) {
      for (const { form } of surfaceFormsOf(entry)) {
        const text = `Today, ${form}: what it means.`;
        expect(
          findTerms(index, text).map((m) => m.entryId),
          `${entry.id}: "${form}"`,
        ).toEqual([entry.id]);
      }
    }
  });

  it('keeps every writing rule: length, readability (grade ≤ 8 each, median ≤ 6), sources, findable forms', () => {
    const report = checkGlossary(bundledGlossary);
    expect(report.problems).toEqual([]);
    expect(report.medianGrade).toBeLessThanOrEqual(6);
  });

  it('names an https source for every entry', () => {
    expect(bundledGlossary.filter((e) => !e.source?.url.startsWith('https://')).map((e) => e.id)).toEqual([]);
  });
});

describe('the writing rules check', () => {
  const { related: _related, ...base } = bundledGlossary.find((e) => e.id === 'tendon')!;

  it('flags an explanation that is too long or too hard to read, naming the entry', () => {
    const hard = {
      ...base,
      explanation:
        'Tendinous collagenous attachments transmit contractile musculoskeletal forces, facilitating articulation-dependent locomotion, proprioceptive stabilisation and biomechanical efficiency throughout physiological movement.',
    };
    expect(checkGlossary([hard]).problems).toEqual([
      expect.stringMatching(/^"tendon": explanation reads at grade \d+/),
      expect.stringMatching(/^median grade/),
    ]);
    const long = { ...base, explanation: Array.from({ length: 42 }, () => 'Sit.').join(' ') };
    expect(checkGlossary([long]).problems).toEqual(['"tendon": explanation has 42 words (at most 40)']);
  });

  it('flags an entry without a source', () => {
    const { source: _source, ...unsourced } = base;
    expect(checkGlossary([unsourced]).problems).toEqual([
      '"tendon": has no source (bundled entries name the reference they were checked against)',
    ]);
  });
});
