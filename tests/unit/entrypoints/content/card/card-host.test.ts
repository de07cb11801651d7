import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardContent } from '@/components/TermCard';
import { CardEntries } from '@/entrypoints/content/card/card-entries';
import { type CardAnchor, CardHost } from '@/entrypoints/content/card/card-host';
import type { CardView, CardViewDeps, CardViewFactory } from '@/entrypoints/content/card/card-view-contract';
import { loadCardView } from '@/entrypoints/content/card/card-view-loader';
import type { GlossaryEntry } from '@/glossary/schema';

vi.mock('@/entrypoints/content/card/card-view-loader', () => ({ loadCardView: vi.fn() }));

const lymph: GlossaryEntry = { id: 'lymph', term: 'Lymph', explanation: 'A clear fluid.', category: 'body part' };
const anchor = { range: () => null, element: {} } as unknown as CardAnchor;

/** A card view that records what it was told, as card-view.tsx would show it. */
function fakeView() {
  const shown: Array<CardContent | 'hidden'> = [];
  const prepared: CardContent[] = [];
  let made: CardViewDeps | null = null;
  const create: CardViewFactory = (deps) => {
    made = deps;
    const view: CardView = {
      hostElement: null,
      prepare: (content) => prepared.push(content),
      show: (content) => shown.push(content),
      hide: () => shown.push('hidden'),
      setTheme: () => undefined,
      dispose: () => undefined,
    };
    return view;
  };
  return { create, shown, prepared, deps: () => made };
}

/** A promise settled from outside: the background's answer, when the test says. */
function later<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('the card as the content script sees it', () => {
  let view: ReturnType<typeof fakeView>;
  let viewLoaded: ReturnType<typeof later<CardViewFactory | null>>;
  let entryAnswer: ReturnType<typeof later<readonly GlossaryEntry[] | null>>;
  let closeRequests: number;
  let card: CardHost;

  beforeEach(() => {
    view = fakeView();
    viewLoaded = later();
    entryAnswer = later();
    closeRequests = 0;
    vi.mocked(loadCardView).mockReset().mockReturnValue(viewLoaded.promise);
    card = new CardHost({
      doc: {} as Document,
      entries: new CardEntries(() => entryAnswer.promise),
      onAddOwn: () => undefined,
      onCloseRequest: () => closeRequests++,
    });
  });

  // A card made ready is made in a task of its own: one a test left behind must not reach the next.
  afterEach(() => card.dispose());

  it('loads the view and the entry when a term is first hovered, and shows the card once both are here', async () => {
    card.prepare('lymph');
    await vi.waitFor(() => expect(loadCardView).toHaveBeenCalledTimes(1));
    card.show({ kind: 'entry', entryId: 'lymph', words: 'lymph' }, anchor);
    expect(card.isOpen).toBe(true);
    entryAnswer.resolve([lymph]);
    await vi.waitFor(() => expect(card.isOpen).toBe(true));
    expect(view.shown).toEqual([]);
    viewLoaded.resolve(view.create);
    await vi.waitFor(() => expect(view.shown).toEqual([{ kind: 'entry', entry: lymph, asWritten: undefined }]));
    // The view is made with this page load's host tag, which only the content script knows.
    expect(view.deps()?.hostTag).toMatch(/^[a-z]+-[a-z]+$/);
    // From then on, a card shows at once.
    card.show({ kind: 'unknown', words: 'dry needling' }, anchor);
    expect(view.shown.at(-1)).toEqual({ kind: 'unknown', words: 'dry needling' });
  });

  it('asks for the entry and makes the hidden card in a task of its own, not in the frame whose hit-test found the term', async () => {
    const asked = vi.fn(() => entryAnswer.promise);
    card = new CardHost({
      doc: {} as Document,
      entries: new CardEntries(asked),
      onAddOwn: () => undefined,
      onCloseRequest: () => closeRequests++,
    });
    entryAnswer.resolve([lymph]);
    viewLoaded.resolve(view.create);
    card.prepare('lymph');
    // Whatever the frame's callback sets going settles in its microtasks: nothing may run there.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(asked).not.toHaveBeenCalled();
    expect(view.prepared).toEqual([]);
    // Only the card's code starts loading at once: the page's first card waits for it.
    expect(loadCardView).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(view.prepared).toEqual([{ kind: 'entry', entry: lymph }]));
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('has the card ready, hidden, before the hover delay is over, but leaves an open card as it is', async () => {
    card.prepare('lymph');
    entryAnswer.resolve([lymph]);
    viewLoaded.resolve(view.create);
    await vi.waitFor(() => expect(view.prepared).toEqual([{ kind: 'entry', entry: lymph }]));
    expect(view.shown).toEqual([]);

    // The hit-test finds the term again every frame: the card is not made again each time.
    for (let frame = 0; frame < 10; frame++) card.prepare('lymph');
    await new Promise((done) => setTimeout(done, 0));
    expect(view.prepared).toHaveLength(1);

    card.show({ kind: 'unknown', words: 'dry needling' }, anchor);
    card.prepare('lymph');
    await new Promise((done) => setTimeout(done, 0));
    expect(view.prepared).toHaveLength(1);

    // Once that card hides, resting on the term again makes its card ready again.
    card.hide();
    card.prepare('lymph');
    await vi.waitFor(() => expect(view.prepared).toHaveLength(2));
  });

  it('drops a card hidden while it waited, and shows only the last one asked for', async () => {
    card.show({ kind: 'unknown', words: 'first' }, anchor);
    card.hide();
    expect(card.isOpen).toBe(false);
    card.show({ kind: 'unknown', words: 'second' }, anchor);
    card.show({ kind: 'unknown', words: 'third' }, anchor);
    viewLoaded.resolve(view.create);
    await vi.waitFor(() => expect(view.shown).toEqual([{ kind: 'unknown', words: 'third' }]));
  });

  it('says so when the entry could not be loaded, and closes when the view could not be', async () => {
    card.show({ kind: 'entry', entryId: 'lymph', words: 'lymph nodes' }, anchor);
    entryAnswer.resolve(null);
    viewLoaded.resolve(view.create);
    await vi.waitFor(() => expect(view.shown).toEqual([{ kind: 'unavailable', words: 'lymph nodes' }]));

    const other = new CardHost({
      doc: {} as Document,
      entries: new CardEntries(async () => [lymph]),
      onAddOwn: () => undefined,
      onCloseRequest: () => closeRequests++,
    });
    vi.mocked(loadCardView).mockResolvedValue(null);
    other.show({ kind: 'entry', entryId: 'lymph', words: 'lymph' }, anchor);
    await vi.waitFor(() => expect(closeRequests).toBe(1));
  });
});
