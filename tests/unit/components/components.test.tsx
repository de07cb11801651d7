// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { TermForm } from '@/components/options/TermForm';
import { GlossarySearch } from '@/components/popup/GlossarySearch';
import { namedPageTerms, PageTerms } from '@/components/popup/PageTerms';
import { TermCard } from '@/components/TermCard';
import type { GlossaryEntry } from '@/glossary/schema';

/** Renders a component and returns the text of each element `selector` matches, spaces collapsed. */
function textsOf(vnode: preact.VNode, selector: string): string[] {
  const root = document.createElement('div');
  render(vnode, root);
  return [...root.querySelectorAll(selector)].map((element) => element.textContent?.replace(/\s+/g, ' ').trim());
}

const noop = () => undefined;

/** Renders a component into a fresh element and returns that element, for tests that interact with it. */
function mount(vnode: preact.VNode): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(vnode, root));
  return root;
}

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

  it('the popup names the page’s terms from the entries it has, most frequent first, then by name', () => {
    const entries = [
      { id: 'fatigue', term: 'Fatigue', explanation: '.', category: 'symptom' },
      { id: 'acne', term: 'Acne', explanation: '.', category: 'condition' },
      { id: 'knot', term: 'Knot (mine)', explanation: '.', category: 'symptom' },
    ] satisfies GlossaryEntry[];
    const counts = [
      { entryId: 'knot', count: 1 },
      { entryId: 'fatigue', count: 1 },
      { entryId: 'acne', count: 3 },
      // The entries file could not be read: the id, rather than nothing.
      { entryId: 'no-such-entry', count: 1 },
    ];
    expect(namedPageTerms(counts, entries).map(({ term, count }) => [term, count])).toEqual([
      ['Acne', 3],
      ['Fatigue', 1],
      ['Knot (mine)', 1],
      ['no-such-entry', 1],
    ]);
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

  it('the card for a term whose explanation could not be loaded', () => {
    const card = (
      <TermCard
        content={{ kind: 'unavailable', words: 'lymphatic drainage' }}
        relatedEntries={[]}
        onOpenRelated={noop}
        onBack={noop}
        onAddOwn={noop}
      />
    );
    expect(textsOf(card, 'h2, p')).toEqual([
      'lymphatic drainage',
      'This explanation could not be loaded. Try again in a moment.',
    ]);
  });
});

describe('an entry’s longer text, behind “More”', () => {
  const entry: GlossaryEntry = {
    id: 'acupuncture',
    term: 'Acupuncture',
    explanation: 'Thin needles are put into your skin at set points.',
    more: 'It is fairly safe when done by a trained person with clean, single-use needles.',
    category: 'treatment',
    source: { name: 'NCCIH: Acupuncture', url: 'https://www.nccih.nih.gov/health/acupuncture-what-you-need-to-know' },
  };
  const cardFor = (shown: GlossaryEntry) => (
    <TermCard
      content={{ kind: 'entry', entry: shown }}
      relatedEntries={[]}
      onOpenRelated={noop}
      onBack={noop}
      onAddOwn={noop}
    />
  );

  /** The disclosure's button and the text it controls, found through aria-controls. */
  function disclosure(root: ParentNode) {
    const button = root.querySelector<HTMLButtonElement>('button[aria-controls]');
    const text = button && (root.querySelector(`#${button.getAttribute('aria-controls')}`) as HTMLElement | null);
    return { button, text };
  }

  it('on the card: a button that shows and hides the text, saying whether it is open', () => {
    const root = mount(cardFor(entry));
    const { button, text } = disclosure(root);
    expect(button?.textContent).toBe('More');
    expect(button?.type).toBe('button');
    expect(text?.textContent).toBe(entry.more);
    expect([button?.getAttribute('aria-expanded'), text?.hidden]).toEqual(['false', true]);
    act(() => button!.click());
    expect([button?.getAttribute('aria-expanded'), text?.hidden]).toEqual(['true', false]);
    act(() => button!.click());
    expect([button?.getAttribute('aria-expanded'), text?.hidden]).toEqual(['false', true]);
  });

  it('starts closed again on the next entry, and is absent where an entry has no more to say', () => {
    const root = mount(cardFor(entry));
    act(() => disclosure(root).button!.click());
    const other = { ...entry, id: 'acupressure', term: 'Acupressure' };
    act(() => render(cardFor(other), root));
    expect(disclosure(root).button?.getAttribute('aria-expanded')).toBe('false');
    act(() => render(cardFor({ ...entry, more: undefined }), root));
    expect(disclosure(root).button).toBeNull();
  });

  it('in the popup’s search results, one per result (typed before the search index is ready)', async () => {
    const root = mount(<GlossarySearch entries={[entry]} />);
    const input = root.querySelector('input[type="search"]') as HTMLInputElement;
    act(() => {
      input.value = 'acupuncture';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await vi.waitFor(() => expect(disclosure(root).button).not.toBeNull());
    const { button, text } = disclosure(root);
    expect(button?.textContent).toBe('More');
    expect(text?.hidden).toBe(true);
    act(() => button!.click());
    expect([button?.getAttribute('aria-expanded'), text?.hidden, text?.textContent]).toEqual([
      'true',
      false,
      entry.more,
    ]);
  });

  it('the card names its source as a link that opens in a new tab, without a way back to the page', () => {
    const link = mount(cardFor(entry)).querySelector('.source a') as HTMLAnchorElement;
    expect(link.href).toBe(entry.source!.url);
    expect(link.target).toBe('_blank');
    expect(link.rel.split(' ')).toContain('noopener');
    expect(link.textContent).toBe('NCCIH: Acupuncture (opens in a new tab)');
    expect(mount(cardFor({ ...entry, source: undefined })).querySelector('.source')).toBeNull();
  });
});

describe('editing one of your own terms', () => {
  const own: GlossaryEntry = {
    id: 'knot',
    term: 'Knot',
    aliases: ['muscle knot'],
    explanation: 'A tight, tender spot in a muscle.',
    note: 'Nobody agrees on what knots are.',
    more: 'A longer word, written in a file the user imported.',
    related: ['trigger-point'],
    category: 'symptom',
    source: { name: 'My physio', url: 'https://example.org/knots' },
  };

  function save(changes: (form: HTMLFormElement) => void): Record<string, unknown> {
    let saved: Record<string, unknown> = {};
    const root = mount(
      <TermForm
        initial={own}
        errors={[]}
        onSave={(entry) => {
          saved = entry as Record<string, unknown>;
        }}
        onCancel={noop}
      />,
    );
    const form = root.querySelector('form')!;
    act(() => changes(form));
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    return saved;
  }

  it('keeps what the user wrote, shown in the form or not: more, note, related, source', () => {
    const saved = save((form) => {
      const explanation = form.querySelector('textarea') as HTMLTextAreaElement;
      explanation.value = 'A small, hard, tender spot in a muscle.';
      explanation.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(saved).toEqual({ ...own, explanation: 'A small, hard, tender spot in a muscle.' });
  });

  it('shows “more” to edit, and drops a field the user emptied', () => {
    const saved = save((form) => {
      const [, more] = form.querySelectorAll('textarea');
      expect(more?.value).toBe(own.more);
      more!.value = '';
      more!.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(saved).not.toHaveProperty('more');
    expect(saved).toMatchObject({ note: own.note, source: own.source, related: own.related });
  });
});
