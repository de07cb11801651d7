import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_GLOSSARY } from '@/common/store';
import {
  buildIndex,
  findTerms,
  indexOfTrieFile,
  packTrie,
  prepareGlossary,
  type TermIndex,
  withOwnTerms,
} from '@/glossary/matcher';
import { mergedEntries } from '@/glossary/own-terms';
import type { GlossaryEntry } from '@/glossary/schema';
import { hashKey, isWordCodePoint, tokenize, tokenKey, WordScanner } from '@/glossary/tokenize';

function entry(id: string, term: string, extra: Partial<GlossaryEntry> = {}): GlossaryEntry {
  return {
    id,
    term,
    explanation: `About ${term}.`,
    category: 'body part',
    source: { name: 'Test', url: 'https://example.org/' },
    ...extra,
  };
}

const index = buildIndex([
  entry('pain', 'pain'),
  entry('lymph', 'lymph'),
  entry('lymphatic-drainage', 'lymphatic drainage'),
  entry('muscle', 'muscle', { forms: ['muscles'] }),
  entry('muscle-tissue', 'muscle tissue', { forms: ['muscle tissues'] }),
  entry('tissue-repair', 'tissue repair'),
  entry('inflammation', 'inflammation'),
  entry('range-of-motion', 'range of motion', { abbreviations: ['ROM'] }),
  entry('circulation', 'circulation', { aliases: ['blood flow'] }),
  entry('parkinsons', "Parkinson's disease"),
  entry('odeme', 'œdème'),
]);

/** The matched words and entries, which is what a reader sees underlined. */
function found(text: string, using: TermIndex = index): Array<[string, string]> {
  return findTerms(using, text).map((m) => [text.slice(m.start, m.end), m.entryId]);
}

describe('findTerms', () => {
  it('finds terms whatever their case', () => {
    expect(found('Lymphatic Drainage and INFLAMMATION')).toEqual([
      ['Lymphatic Drainage', 'lymphatic-drainage'],
      ['INFLAMMATION', 'inflammation'],
    ]);
  });

  it('matches whole words only', () => {
    expect(found('painting, painful, inflammations, lymphoma')).toEqual([]);
    expect(found('pain. (pain) «pain»')).toHaveLength(3);
  });

  it('treats letters of any script as part of a word', () => {
    expect(found('painé pain中 中pain Œdème')).toEqual([['Œdème', 'odeme']]);
  });

  it('prefers the longest term and never overlaps', () => {
    expect(found('muscle tissue repair')).toEqual([['muscle tissue', 'muscle-tissue']]);
    expect(found('lymph and lymphatic drainage')).toEqual([
      ['lymph', 'lymph'],
      ['lymphatic drainage', 'lymphatic-drainage'],
    ]);
    expect(found('muscle then tissue repair')).toEqual([
      ['muscle', 'muscle'],
      ['tissue repair', 'tissue-repair'],
    ]);
  });

  it('falls back to a shorter term when a longer one is cut short', () => {
    expect(found('muscle tissues')).toEqual([['muscle tissues', 'muscle-tissue']]);
    expect(found('range of movement, muscle tis')).toEqual([['muscle', 'muscle']]);
  });

  it('joins the words of a term across hyphens, line breaks and non-breaking spaces', () => {
    for (const text of [
      'range-of-motion',
      'range\nof motion',
      'range\u00a0of\u00a0motion',
      'range  of\t motion',
      'range - of motion',
      'range\u2011of\u2011motion',
    ]) {
      expect(found(text), JSON.stringify(text)).toEqual([[text, 'range-of-motion']]);
    }
  });

  it('does not join words across punctuation or double hyphens', () => {
    expect(found('range. Of motion')).toEqual([]);
    expect(found('range, of motion')).toEqual([]);
    expect(found('range--of motion')).toEqual([]);
  });

  it('matches abbreviations with their exact case', () => {
    expect(found('Full ROM returned.')).toEqual([['ROM', 'range-of-motion']]);
    expect(found('rom Rom roM')).toEqual([]);
  });

  it('reports when the words are an alias of the entry', () => {
    const [match] = findTerms(index, 'Good blood flow.');
    expect(match).toMatchObject({ entryId: 'circulation', kind: 'alias' });
  });

  it('reads typographic and plain apostrophes alike', () => {
    expect(found("Parkinson’s disease and Parkinson's disease")).toHaveLength(2);
  });

  it('keeps offsets right when lowercasing changes the length of the text', () => {
    // "İ" lowercases to two code units; the match must still point at the right words.
    expect(found('İİİ pain')).toEqual([['pain', 'pain']]);
  });
});

describe('findTerms and the words every object has', () => {
  it('finds nothing, and does not fail, on words like "constructor" and "__proto__"', () => {
    expect(found('constructor __proto__ toString hasOwnProperty valueOf prototype')).toEqual([]);
    const own = buildIndex([entry('proto', 'constructor toString')]);
    expect(found('a constructor toString b', own)).toEqual([['constructor toString', 'proto']]);
    expect(found('a constructor b', own)).toEqual([]);
  });
});

describe('words joined by underscores', () => {
  it('are one word: a username or file name is not the term inside it', () => {
    const index = buildIndex([entry('iris', 'iris'), entry('phobia', 'phobia')]);
    expect(found('Iris_Nss, cyber_phobia and my_iris.png', index)).toEqual([]);
    expect(found('The iris is coloured; a phobia is a fear.', index)).toEqual([
      ['iris', 'iris'],
      ['phobia', 'phobia'],
    ]);
  });
});

describe('tokenize', () => {
  const WORD = /[\p{L}\p{M}\p{N}_]+(?:['\u2019][\p{L}\p{M}\p{N}_]+)*/gu;
  it('splits text exactly as the Unicode word pattern does (property test)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom("'", '’', ' ', '-', '_', 'é', 'İ', '𝒜', '中', 'a', 'Z', '9'),
            fc.string({ unit: 'binary', maxLength: 1 }),
          ),
          maxLength: 60,
        }),
        (text) => {
          const expected = [...text.matchAll(WORD)].map((m) => [m.index, m.index + m[0].length]);
          const { starts, ends } = tokenize(text);
          expect(starts.map((s, k) => [s, ends[k]])).toEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
    // 3,000 random texts take 2–3 s alone, and more on a busy 2-core machine: not a hang.
  }, 30_000);

  it('gives each word the fingerprint of its key, upper case and letters beyond ASCII too (property test)', () => {
    // The first-word filter passes over a word by its fingerprint: a wrong one loses a term.
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("'", '’', ' ', 'a', 'Z', 'é', 'É', 'İ', 'Σ', 'Œ', '𝒜', '中', '9'),
          maxLength: 40,
        }),
        fc.boolean(),
        (text, caseSensitive) => {
          const words = new WordScanner(text, caseSensitive);
          while (words.next()) expect(words.hash).toBe(hashKey(words.key()));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('findTerms on arbitrary text (property tests)', () => {
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\p{N}_]/u.test(c);
  const anyText = fc.string({ unit: 'grapheme', maxLength: 200 });
  const mixedText = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'pain',
          'muscle',
          'tissue',
          'range',
          'of',
          'motion',
          'ROM',
          'lymph',
          '-',
          ' ',
          '\n',
          '.',
          'é',
          '中',
        ),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));

  it('never throws, and every match sits on word boundaries without overlapping', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, mixedText), (text) => {
        const matches = findTerms(index, text);
        let lastEnd = -1;
        for (const m of matches) {
          expect(m.start).toBeGreaterThanOrEqual(lastEnd);
          expect(m.end).toBeGreaterThan(m.start);
          expect(isWordChar(text[m.start - 1])).toBe(false);
          expect(isWordChar(text[m.end])).toBe(false);
          lastEnd = m.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the same terms as a trie walk from every word (the first-word filter only skips words no term starts with)', () => {
    const everyWord: TermIndex = { ...index, firstWords: { bits: new Uint32Array(1).fill(0xffffffff), mask: 31 } };
    const glossaryWords = fc.constantFrom(
      "Parkinson's",
      'PARKINSON’S',
      'disease',
      'ŒDÈME',
      'Lymphatic',
      'DRAINAGE',
      'İ',
    );
    const text = fc
      .array(fc.oneof(mixedText, glossaryWords, fc.constantFrom(' ', '’', "'", '-')), { maxLength: 30 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(anyText, text), (sample) => {
        expect(findTerms(index, sample)).toEqual(findTerms(everyWord, sample));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a term wherever it stands between non-word characters', () => {
    const separator = fc.constantFrom(' ', '. ', '\n', '(', ')', ', ');
    fc.assert(
      fc.property(
        mixedText,
        separator,
        fc.constantFrom('inflammation', 'lymphatic drainage', 'blood flow'),
        separator,
        mixedText,
        (before, s1, term, s2, after) => {
          const text = `${before}${s1}${term}${s2}${after}`;
          const at = before.length + s1.length;
          const match = findTerms(index, text).find((m) => m.start === at);
          expect(match && tokenKey(text.slice(match.start, match.end), false)).toBe(term);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('the table of word characters', () => {
  it('agrees with the Unicode word pattern for every code point (else: npx tsx scripts/word-chars.ts)', () => {
    const pattern = /[\p{L}\p{M}\p{N}_]/u;
    const disagreements: string[] = [];
    for (let codePoint = 0; codePoint < 0x110000; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      if (isWordCodePoint(codePoint) !== pattern.test(String.fromCodePoint(codePoint)))
        disagreements.push(codePoint.toString(16));
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
  });
});

describe('the trie file pages read', () => {
  const glossary = [entry('pain', 'pain'), entry('lymph', 'lymph', { related: ['pain'], explanation: 'Fluid.' })];

  it('finds terms by entry id, and carries no explanation', () => {
    const file = packTrie(prepareGlossary(glossary));
    expect(found('Lymph and pain.', indexOfTrieFile(file))).toEqual([
      ['Lymph', 'lymph'],
      ['pain', 'pain'],
    ]);
    // What a card shows is asked for when a card needs it (entrypoints/content/card/card-entries.ts).
    expect(file).not.toContain('Fluid.');
    expect(file).not.toContain('related');
  });

  it('ships the bits of the words terms start with, the very ones a page would work out', () => {
    const file = packTrie(prepareGlossary([...glossary, entry('rib', 'rib cage'), entry('neck', 'neck pain')]));
    const { firstWords, ...withoutBits } = JSON.parse(file);
    expect(firstWords).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const workedOut = indexOfTrieFile(JSON.stringify(withoutBits));
    // Node 22 has no Uint8Array.fromBase64 (Chrome 140 and Firefox 133 have): a stand-in while this runs.
    const decoder = Uint8Array as { fromBase64?: (text: string) => Uint8Array };
    const native = decoder.fromBase64;
    decoder.fromBase64 ??= (text) => new Uint8Array(Buffer.from(text, 'base64'));
    try {
      const shipped = indexOfTrieFile(file);
      expect(shipped.firstWords).toEqual(workedOut.firstWords);
      const text = 'Lymph, the rib cage and neck pain; a rib and a neck.';
      expect(found(text, shipped)).toEqual(found(text, workedOut));
      expect(found(text, shipped).map(([, id]) => id)).toEqual(['lymph', 'rib', 'neck']);
    } finally {
      decoder.fromBase64 = native;
    }
  });

  it('reads the empty trie a page falls back to when the glossary cannot be read', () => {
    const empty = packTrie({ words: '', nodes: [-2, -2, 0], exact: [], ids: [] });
    const { firstWords, ...trie } = JSON.parse(empty);
    expect(JSON.parse(NO_GLOSSARY)).toEqual(trie);
    expect(found('Lymph and pain.', indexOfTrieFile(NO_GLOSSARY))).toEqual([]);
  });

  it('ships the numbers in two bytes where they fit, in four where they do not, and finds terms either way', () => {
    const small = JSON.parse(packTrie(prepareGlossary(glossary)));
    expect(small.nodes.bytes).toBe(2);
    // 5,000 entries: a leaf holds its hit, eight a place, so the largest passes what two bytes hold.
    const many = Array.from({ length: 5000 }, (_, k) => entry(`t${k}`, `term${k}`));
    const file = packTrie(prepareGlossary(many));
    expect(JSON.parse(file).nodes.bytes).toBe(4);
    expect(found('Term0, term2500 and term4999.', indexOfTrieFile(file))).toEqual([
      ['Term0', 't0'],
      ['term2500', 't2500'],
      ['term4999', 't4999'],
    ]);
  });

  it('finds every term of a glossary whose words sort oddly (accents, apostrophes, digits, other scripts)', () => {
    // Words the file numbers in code-unit order: "zone" before "é", "a1c" before "ab", "Œ" after "z".
    const word = fc.constantFrom('a', 'ab', 'a1c', 'zone', 'é', 'éa', 'œdème', "parkinson's", 'ärzte', '中文', 'x');
    const term = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.uniqueArray(term, { minLength: 1, maxLength: 40 }), (terms) => {
        const glossary = terms.map((words, k) => entry(`t${k}`, words));
        const fromFile = indexOfTrieFile(packTrie(prepareGlossary(glossary)));
        for (const [k, words] of terms.entries()) {
          const written = `(${words.toUpperCase()})`;
          expect(found(written, fromFile)).toEqual([[words.toUpperCase(), `t${k}`]]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('own terms over the bundled index', () => {
  const bundled = [
    entry('lymph', 'lymph'),
    entry('pain', 'pain', { abbreviations: ['PN'] }),
    entry('cell', 'cell', { otherSenses: ['cell phone'] }),
  ];
  const packed = () => packTrie(prepareGlossary(bundled));

  it('leave the bundled index as it was: own terms come and go without parsing the glossary again', () => {
    const glossary = indexOfTrieFile(packed());
    const replacing = entry('lymph', 'lymph fluid', { explanation: 'Mine.' });
    const mine = withOwnTerms(glossary, [replacing]);
    expect(found('The lymph and the lymph fluid.', mine)).toEqual([['lymph fluid', 'lymph']]);
    // The same parsed glossary, the own term gone again: the bundled entry is back.
    expect(found('The lymph drains.', withOwnTerms(glossary, []))).toEqual([['lymph', 'lymph']]);
  });

  it('give the user’s entry the words both claim, an exact-case abbreviation too', () => {
    const base = indexOfTrieFile(packed());
    const mine = withOwnTerms(base, [
      entry('my-pain', 'Ache', { abbreviations: ['PN'] }),
      entry('my-cell', 'cell phone'),
    ]);
    expect(found('PN and pain with a cell phone.', mine)).toEqual([
      ['PN', 'my-pain'],
      ['pain', 'pain'],
      ['cell phone', 'my-cell'],
    ]);
    expect(found('PN and a cell phone.', base)).toEqual([['PN', 'pain']]);
  });

  it('give the user’s entry words the bundled glossary numbers differently, and words it lacks', () => {
    const accented = [entry('oedeme', 'œdème'), entry('oedeme-aigu', 'œdème aigu'), entry('zone', 'zone')];
    const base = indexOfTrieFile(packTrie(prepareGlossary(accented)));
    const mine = withOwnTerms(base, [entry('my-aigu', 'Œdème aigu'), entry('ache', 'ärzte zone')]);
    expect(found('Œdème aigu, œdème, ärzte zone, zone.', mine)).toEqual([
      ['Œdème aigu', 'my-aigu'],
      ['œdème', 'oedeme'],
      ['ärzte zone', 'ache'],
      ['zone', 'zone'],
    ]);
  });

  it('keep the longest match whichever side it is on', () => {
    const mine = withOwnTerms(indexOfTrieFile(packed()), [
      entry('phone', 'phone'),
      entry('lymph-fluid', 'lymph fluid'),
    ]);
    // "cell phone" (bundled, another sense) is longer than the user's "phone": nothing is underlined.
    expect(found('A cell phone, lymph fluid, lymph.', mine)).toEqual([
      ['lymph fluid', 'lymph-fluid'],
      ['lymph', 'lymph'],
    ]);
  });

  it('merge into one list the same way for the popup’s search and the options page', () => {
    const own = [entry('pain', 'pain', { explanation: 'Mine.' }), entry('knot', 'knot')];
    expect(mergedEntries(bundled, own).map((e) => [e.id, e.explanation])).toEqual([
      ['pain', 'Mine.'],
      ['knot', 'About knot.'],
      ['lymph', 'About lymph.'],
      ['cell', 'About cell.'],
    ]);
  });
});
