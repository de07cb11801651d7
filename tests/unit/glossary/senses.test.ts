// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TermRegistry } from '@/entrypoints/content/match/found-terms';
import { RunMatcher } from '@/entrypoints/content/match/match-run';
import { readBlock } from '@/entrypoints/content/scan/read-runs';
import { bundledGlossary } from '@/glossary/bundled';
import { buildIndex, findTerms } from '@/glossary/matcher';
import { inHealthSense, NEAR_CHARS, PAGE_CONTEXT_ENTRIES, readsLanguage } from '@/glossary/senses';
import { tokenKey } from '@/glossary/tokenize';
import { findTermsHere, matchBlockRuns } from '../match-here';

const index = buildIndex(bundledGlossary);
const matcher = new RunMatcher(findTermsHere(index));

globalThis.StaticRange ??= class {
  constructor(init: StaticRangeInit) {
    Object.assign(this, init);
  }
} as unknown as typeof StaticRange;

/** The words underlined in one passage with no help from the rest of the page. */
const underlined = (text: string) =>
  inHealthSense(findTerms(index, text), false).map((match) => text.slice(match.start, match.end).toLowerCase());

describe('the health sense of a passage', () => {
  it('claims a word for its everyday sense with a longer phrase, even on a health page', () => {
    for (const text of [
      'Swap your cell phone for a book.',
      'The economic recovery slowed in May.',
      'He was stretching the truth about the figures.',
      'Nurses warn of alert fatigue from constant alarms.',
    ]) {
      expect(inHealthSense(findTerms(index, text), true)).toEqual([]);
    }
  });

  it('no longer matches bare forms whose everyday sense is the common one', () => {
    for (const text of ['Buy a CD-ROM drive.', 'Open Access (OA) journals', 'The RA said yes.', 'A backbone of steel.'])
      expect(findTerms(index, text)).toEqual([]);
    expect(underlined('Inflammatory remarks and an inflamed crowd.')).toEqual([]);
  });

  it('underlines a word that needs context next to a term that needs none', () => {
    expect(underlined('Poor circulation can make a muscle strain heal slowly.')).toEqual([
      'circulation',
      'muscle strain',
    ]);
    expect(underlined('The newspaper’s circulation fell again this year.')).toEqual([]);
  });

  it('lets two words of different entries settle each other only when they are close', () => {
    expect(underlined('Massage may ease stiffness.')).toEqual(['massage', 'stiffness']);
    const far = `Skin ${'and so on, '.repeat(Math.ceil(NEAR_CHARS / 11) + 1)}then bones.`;
    expect(underlined(far)).toEqual([]);
    // A bare abbreviation that needs context settles nothing ("cells" in a netlist next to "HDL").
    expect(underlined('Configure the cells from the HDL parameters.')).toEqual([]);
    // Two words of the same entry settle nothing.
    expect(underlined('Nerves, nerves and more nerves before the final.')).toEqual([]);
  });

  it('reads English and undeclared text, not text declared in another language', () => {
    expect([null, '', 'en', 'en-GB', 'EN_us', 'und'].map(readsLanguage)).toEqual([true, true, true, true, true, true]);
    expect(['de', 'de-CH', 'fr', 'ja', 'es-419'].map(readsLanguage)).toEqual([false, false, false, false, false]);
  });
});

describe('TermRegistry and the page’s context', () => {
  const words = (registry: TermRegistry) => registry.allTerms().map((term) => term.words.toLowerCase());

  it('shows words that need context once the page holds enough health terms, and hides them when those go', async () => {
    const sure = [
      'Lymphatic drainage is a massage technique.',
      'Sciatica hurts.',
      'So does tendinitis.',
      'Gout flares.',
      'Bursitis too.',
    ];
    expect(PAGE_CONTEXT_ENTRIES).toBe(sure.length);
    document.body.innerHTML = `<p id="skin">Her skin looked fine.</p>${sure.map((text, i) => `<p id="p${i}">${text}</p>`).join('')}`;
    const read = async (id: string) => {
      const block = document.getElementById(id)!;
      registry.replaceBlock(block, await matchBlockRuns(matcher, readBlock(block, null)));
    };
    const registry = new TermRegistry(null);
    await read('skin');
    expect(words(registry)).toEqual([]);
    await read('p0');
    // One entry that needs no context ("lymphatic drainage" settles its own passage's "massage").
    expect(words(registry)).toEqual(['lymphatic drainage', 'massage']);
    for (const i of [1, 2, 3]) await read(`p${i}`);
    // Four entries: a page that merely mentions a few health words (a novel, a review) settles nothing.
    expect(registry.healthSettledOnPage).toBe(false);
    expect(words(registry)).not.toContain('skin');
    await read('p4');
    expect(words(registry)).toEqual([
      'skin',
      'lymphatic drainage',
      'massage',
      'sciatica',
      'tendinitis',
      'gout',
      'bursitis',
    ]);
    expect(Object.fromEntries(registry.countsByEntry())).toMatchObject({ skin: 1 });
    expect(registry.healthSettledOnPage).toBe(true);

    registry.forgetBlock(document.getElementById('p4')!);
    expect(words(registry)).toEqual(['lymphatic drainage', 'massage', 'sciatica', 'tendinitis', 'gout']);
    expect(registry.countsByEntry().has('skin')).toBe(false);
  });
});

/**
 * tests/fixtures/sense-sentences.tsv: for every form that needs context, a sentence in its health
 * sense (with a term that settles it) and one in another sense (with none). Either side changing
 * fails here: a form underlined in "The newspaper's circulation fell", or lost in "poor circulation".
 */
describe('every form that needs context, in both senses', () => {
  const rows = readFileSync(join(import.meta.dirname, '../../fixtures/sense-sentences.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [form, sense, sentence] = line.split('\t') as [string, 'health' | 'other', string];
      return { form, sense, sentence };
    });
  const contextForms = bundledGlossary.flatMap((entry) => (entry.needsContext ?? []).map((form) => ({ form, entry })));
  const key = (words: string) => tokenKey(words, false);

  it('has a sentence of each sense for each form', () => {
    const missing = contextForms.flatMap(({ form, entry }) =>
      (['health', 'other'] as const)
        .filter((sense) => !rows.some((row) => row.sense === sense && key(row.form) === key(form)))
        .map((sense) => `${entry.id}: "${form}" has no ${sense} sentence`),
    );
    expect(missing).toEqual([]);
  });

  it.each(rows)('$sense: $sentence', ({ form, sense, sentence }) => {
    const owner = contextForms.find((context) => key(context.form) === key(form))?.entry.id;
    const found = inHealthSense(findTerms(index, sentence), false)
      .filter((match) => match.entryId === owner && key(sentence.slice(match.start, match.end)) === key(form))
      .map((match) => sentence.slice(match.start, match.end));
    expect(found.length > 0 ? 'health' : 'other').toBe(sense);
  });
});
