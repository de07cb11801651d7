import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledGlossary } from '@/glossary/bundled';
import { buildIndex, findTerms } from '@/glossary/matcher';
import { surfaceFormsOf } from '@/glossary/tokenize';
import { validateGlossary } from '@/glossary/validate';

const index = buildIndex(bundledGlossary);

describe('the bundled glossary', () => {
  it('is valid: every field, unique ids and surface forms, related entries that exist', () => {
    const result = validateGlossary(bundledGlossary);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('has at least 30 entries', () => {
    expect(bundledGlossary.length).toBeGreaterThanOrEqual(30);
  });

  it('explains every health term of the source article, as the article writes it', () => {
    const rows = readFileSync(join(import.meta.dirname, '../fixtures/article-terms.tsv'), 'utf8')
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

  it('keeps explanations short: at most 40 words', () => {
    const long = bundledGlossary.filter((e) => e.explanation.split(/\s+/).length > 40).map((e) => e.id);
    expect(long).toEqual([]);
  });
});
