// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createHighlightLayer } from '@/entrypoints/content/highlight/highlight';
import { TermRegistry } from '@/entrypoints/content/match/found-terms';
import { RunMatcher } from '@/entrypoints/content/match/match-run';
import { liveRange } from '@/entrypoints/content/pointer/hit-test';
import { readBlock } from '@/entrypoints/content/scan/read-runs';
import { bundledGlossary } from '@/glossary/bundled';
import { buildIndex } from '@/glossary/matcher';
import { findTermsHere, matchBlockRuns } from '../../../match-here';

const index = buildIndex(bundledGlossary);
const matcher = new RunMatcher(findTermsHere(index));

// happy-dom has no StaticRange constructor; real browsers do. This stand-in keeps the same fields.
globalThis.StaticRange ??= class {
  constructor(init: StaticRangeInit) {
    Object.assign(this, init);
  }
} as unknown as typeof StaticRange;

describe('TermRegistry without the Highlight API', () => {
  it('has no highlight layer, yet still knows which term is under a caret', async () => {
    expect(createHighlightLayer(document)).toBeNull();
    document.body.innerHTML = '<p>It eases <em>chronic</em> pain and inflammation.</p>';
    const p = document.querySelector('p')!;
    const registry = new TermRegistry(null);
    registry.replaceBlock(p, await matchBlockRuns(matcher, readBlock(p, null)));

    const emText = p.querySelector('em')!.firstChild as Text;
    expect(registry.termsAround(emText, 2).map((t) => [t.words, t.entryId])).toEqual([
      ['chronic pain', 'chronic-pain'],
    ]);
    const tail = p.lastChild as Text;
    expect(registry.termsAround(tail, tail.data.indexOf('inflammation') + 3).map((t) => t.entryId)).toEqual([
      'inflammation',
    ]);
    expect(registry.termsAround(tail, tail.data.indexOf('and') + 1)).toEqual([]);

    registry.forgetBlock(p);
    expect(registry.termsAround(emText, 2)).toEqual([]);
  });
});

describe('liveRange', () => {
  it('gives null, not an exception, when the page changed the text since it was read', async () => {
    document.body.innerHTML = '<p>Reduced inflammation</p>';
    const p = document.querySelector('p')!;
    const registry = new TermRegistry(null);
    registry.replaceBlock(p, await matchBlockRuns(matcher, readBlock(p, null)));
    const [term] = registry.termsAround(p.firstChild as Text, 10);
    expect(liveRange(term!)?.toString()).toBe('inflammation');
    (p.firstChild as Text).data = 'Less';
    expect(liveRange(term!)).toBeNull();
  });
});

describe('TermRegistry counts', () => {
  const counts = (registry: TermRegistry) => Object.fromEntries(registry.countsByEntry());

  it('follows terms as the page changes: what the badge and the popup count', async () => {
    document.body.innerHTML = '<p>Inflammation here.</p><p>And inflammation there.</p>';
    const first = document.querySelector('p')!;
    const second = document.querySelector('p + p')!;
    const registry = new TermRegistry(null);
    registry.replaceBlock(first, await matchBlockRuns(matcher, readBlock(first, null)));
    registry.replaceBlock(second, await matchBlockRuns(matcher, readBlock(second, null)));
    expect(counts(registry)).toEqual({ inflammation: 2 });

    first.textContent = 'Chronic pain, and inflammation again.';
    registry.replaceBlock(first, await matchBlockRuns(matcher, readBlock(first, null)));
    expect(counts(registry)).toEqual({ inflammation: 2, 'chronic-pain': 1 });

    registry.forgetBlock(second);
    first.textContent = 'Chronic pain only.';
    registry.replaceBlock(first, await matchBlockRuns(matcher, readBlock(first, null)));
    expect(counts(registry)).toEqual({ 'chronic-pain': 1 });
    registry.forgetAll();
    expect(counts(registry)).toEqual({});
  });
});

describe('TermRegistry with "only the first of each term"', () => {
  const underlined = (ranges: AbstractRange[]) =>
    ranges.map((range) => (range.startContainer as Text).data.slice(range.startOffset, range.endOffset));

  it('underlines the next occurrence when the underlined one leaves the page', async () => {
    document.body.innerHTML = '<p id="a">Inflammation first.</p><p id="b">Then inflammation again.</p>';
    const [a, b] = [...document.querySelectorAll('p')];
    const added: AbstractRange[] = [];
    const layer = {
      add: (range: AbstractRange) => added.push(range),
      delete: (range: AbstractRange) => added.splice(added.indexOf(range), 1),
    } as unknown as ConstructorParameters<typeof TermRegistry>[0];
    const registry = new TermRegistry(layer, true);
    registry.replaceBlock(a!, await matchBlockRuns(matcher, readBlock(a!, null)));
    registry.replaceBlock(b!, await matchBlockRuns(matcher, readBlock(b!, null)));
    expect(underlined(added)).toEqual(['Inflammation']);

    a!.remove();
    registry.forgetDetached();
    expect(underlined(added)).toEqual(['inflammation']);
    expect(Object.fromEntries(registry.countsByEntry())).toEqual({ inflammation: 1 });
  });
});
