// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { PageTerms } from '@/components/popup/PageTerms';
import { TermCard } from '@/components/TermCard';

/** Renders a component and returns the text of each element `selector` matches, spaces collapsed. */
function textsOf(vnode: preact.VNode, selector: string): string[] {
  const root = document.createElement('div');
  render(vnode, root);
  return [...root.querySelectorAll(selector)].map((element) => element.textContent?.replace(/\s+/g, ' ').trim());
}

const noop = () => undefined;

describe('components show the English messages (the fake browser answers with them)', () => {
  it('the popup’s terms on this page, with their counts', () => {
    const terms = [
      { entryId: 'fatigue', term: 'Fatigue', count: 2 },
      { entryId: 'fibromyalgia', term: 'Fibromyalgia', count: 1 },
    ];
    expect(textsOf(<PageTerms terms={terms} onChoose={noop} />, 'h2, li')).toEqual([
      'On this page',
      'Fatigue 2 times',
      'Fibromyalgia once',
    ]);
    expect(textsOf(<PageTerms terms={[]} onChoose={noop} />, 'p')).toEqual(['No glossary terms found on this page.']);
  });

  it('the card for words the glossary doesn’t know', () => {
    const card = (
      <TermCard
        content={{ kind: 'unknown', words: 'dry needling' }}
        relatedEntries={[]}
        onOpenRelated={noop}
        onBack={noop}
        onAddOwn={noop}
      />
    );
    expect(textsOf(card, 'h2, p')).toEqual([
      '“dry needling”',
      'This isn’t in the Plain Terms glossary yet.',
      'Add your own explanation',
    ]);
  });
});
