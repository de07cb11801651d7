import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { COMMANDS } from '@/common/commands';
import { DEFAULT_SETTINGS } from '@/common/settings';
import { loadSettings, saveUserTerms } from '@/common/store';
import { onCommand, onMenuClicked, onMessage } from '@/entrypoints/background/switchboard';
import { bundledGlossary } from '@/glossary/bundled';
import { glossaryFiles } from '@/glossary/combine';

const ours = () => ({ id: fakeBrowser.runtime.id });

describe('the background’s handlers', () => {
  let sent: Array<{ tabId: number; message: unknown; options: unknown }>;
  beforeEach(() => {
    fakeBrowser.reset();
    sent = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (
      tabId: number,
      message: unknown,
      options: unknown,
    ) => {
      sent.push({ tabId, message, options });
    }) as never);
  });

  it.each([
    ['explain-selection', { type: 'explain-selection' }, undefined],
    ['next-term', { type: 'step-term', direction: 1 }, { frameId: 0 }],
    ['previous-term', { type: 'step-term', direction: -1 }, { frameId: 0 }],
    ['toggle-site', { type: 'toggle-site' }, { frameId: 0 }],
  ] as const)('turn the %s shortcut into its message to the tab', async (command, message, options) => {
    await onCommand(command, { id: 7 });
    expect(sent).toEqual([{ tabId: 7, message, options }]);
  });

  it('have a message for every shortcut the manifest declares, and ignore others', async () => {
    for (const command of Object.keys(COMMANDS)) await onCommand(command, { id: 1 });
    expect(sent).toHaveLength(Object.keys(COMMANDS).length);
    await onCommand('_execute_action', { id: 1 });
    expect(sent).toHaveLength(Object.keys(COMMANDS).length);
  });

  it('send the context menu’s “Explain” to the frame the selection is in', async () => {
    await onMenuClicked({ menuItemId: 'explain-selection', frameId: 3 }, { id: 7 });
    await onMenuClicked({ menuItemId: 'something-else', frameId: 3 }, { id: 7 });
    expect(sent).toEqual([{ tabId: 7, message: { type: 'explain-selection' }, options: { frameId: 3 } }]);
  });

  it('write one settings change, and answer where the settings are kept', async () => {
    await expect(
      onMessage({ type: 'change-settings', change: { change: 'theme', value: 'dark' } }, ours()),
    ).resolves.toBe('sync');
    expect((await loadSettings()).settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it.each([
    [
      'a message from another extension or a page',
      { type: 'change-settings', change: { change: 'enabled', value: false } },
      { id: 'someone-else' },
    ],
    ['an unknown type', { type: 'run-command', command: 'toggle-site', tabId: 1 }, undefined],
    ['no type at all', 'get-page-state', undefined],
  ])('drop %s without an answer', async (_, message, sender) => {
    expect(onMessage(message, sender ?? ours())).toBeUndefined();
    expect((await loadSettings()).settings).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['a field of the wrong type', { type: 'change-settings', change: { change: 'enabled', value: 'no' } }, 'value'],
    ['a setting that does not exist', { type: 'change-settings', change: { change: 'sparkles', value: true } }, ''],
    ['entries asked for by something else than ids', { type: 'get-entries', ids: 'lymph', withRelated: true }, 'ids'],
    ['no entries asked for', { type: 'get-entries', ids: [], withRelated: false }, 'ids'],
  ])('answer %s with an error that says what is wrong, and change nothing', async (_, message, field) => {
    const answer = onMessage(message, ours());
    await expect(answer).rejects.toThrow(`Malformed "${message.type}" message`);
    await expect(answer).rejects.toThrow(field);
    expect((await loadSettings()).settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('the background’s answer to a card that needs entries', () => {
  const entriesFile = glossaryFiles(bundledGlossary).entries;
  let reads: number;
  /** A background just started: it has read no file yet. */
  let onMessage: typeof import('@/entrypoints/background/switchboard').onMessage;
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    vi.resetModules();
    ({ onMessage } = await import('@/entrypoints/background/switchboard'));
    reads = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation((async (url: string) => {
      if (!String(url).endsWith('/glossary-entries.json')) throw new Error(`unexpected fetch of ${url}`);
      reads++;
      return new Response(entriesFile);
    }) as never);
  });

  it('gives the entries asked for, with their related ones when asked, reading the file once', async () => {
    const ask = (ids: string[], withRelated: boolean) =>
      onMessage({ type: 'get-entries', ids, withRelated }, ours()) as Promise<Array<{ id: string }>>;
    const alone = await ask(['lymphatic-drainage'], false);
    expect(alone.map((entry) => entry.id)).toEqual(['lymphatic-drainage']);
    const related = bundledGlossary.find((entry) => entry.id === 'lymphatic-drainage')!.related!;
    const withRelated = await ask(['lymphatic-drainage'], true);
    expect(withRelated.map((entry) => entry.id)).toEqual(['lymphatic-drainage', ...related]);
    // As a card shows them: no sense fields (they live in the trie), a source without its check notes.
    expect(withRelated[0]).not.toHaveProperty('needsContext');
    expect(withRelated[0]).not.toHaveProperty('source.checked');
    // Ids no glossary has are left out.
    expect(await ask(['no-such-entry'], true)).toEqual([]);
    expect(reads).toBe(1);
  });

  it('still answers after a malformed message, and reads the file again after a failed read', async () => {
    vi.mocked(fetch).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(onMessage({ type: 'get-entries', ids: ['lymph'], withRelated: false }, ours())).rejects.toThrow(
      'Failed to fetch',
    );
    await expect(onMessage({ type: 'get-entries', ids: [7], withRelated: false }, ours())).rejects.toThrow(
      'Malformed "get-entries" message',
    );
    await expect(onMessage({ type: 'get-entries', ids: ['lymph'], withRelated: false }, ours())).resolves.toEqual([
      expect.objectContaining({ id: 'lymph', term: 'Lymph' }),
    ]);
  });
});

describe('the background’s answer to a page that read its text', () => {
  const trieFile = glossaryFiles(bundledGlossary).trie;
  let reads: number;
  /** A background just started: it has read no file yet. */
  let background: {
    onMessage: typeof import('@/entrypoints/background/switchboard').onMessage;
    forgetOwnTerms: typeof import('@/entrypoints/background/term-finder').forgetOwnTerms;
  };
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    vi.resetModules();
    const { onMessage } = await import('@/entrypoints/background/switchboard');
    const { forgetOwnTerms } = await import('@/entrypoints/background/term-finder');
    background = { onMessage, forgetOwnTerms };
    reads = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation((async (url: string) => {
      if (!String(url).endsWith('/glossary-trie.json')) throw new Error(`unexpected fetch of ${url}`);
      reads++;
      return new Response(trieFile);
    }) as never);
  });

  const find = (texts: unknown) =>
    background.onMessage({ type: 'find-terms', texts }, ours()) as Promise<
      Array<{ matches: Array<{ entryId: string; start: number; end: number }>; settled: boolean } | null>
    >;

  it('finds the glossary’s terms in each text, in order, reading the glossary once', async () => {
    const [first, none, second] = await find(['Lymphatic drainage eases swelling.', 'Nothing here.', 'Chronic pain.']);
    expect(first!.matches.map((match) => match.entryId)).toEqual(['lymphatic-drainage', 'swelling']);
    expect(first!.settled).toBe(true);
    expect(none).toBeNull();
    expect(second!.matches).toEqual([expect.objectContaining({ entryId: 'chronic-pain', start: 0, end: 12 })]);
    await find(['Sciatica.']);
    expect(reads).toBe(1);
  });

  it('lays the reader’s own terms over the glossary, and uses new ones once told they changed', async () => {
    const knot = { id: 'knot', term: 'Knot', explanation: 'A tight band of muscle.', category: 'symptom' } as const;
    await saveUserTerms([knot]);
    expect((await find(['A knot and some sciatica.']))[0]!.matches.map((match) => match.entryId)).toEqual([
      'knot',
      'sciatica',
    ]);
    await saveUserTerms([]);
    background.forgetOwnTerms();
    expect((await find(['A knot and some sciatica.']))[0]!.matches.map((match) => match.entryId)).toEqual(['sciatica']);
    expect(reads).toBe(1);
  });

  it('reads the glossary again for the next texts when it could not be read', async () => {
    vi.mocked(fetch).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await find(['Chronic pain.'])).toEqual([null]);
    expect((await find(['Chronic pain.']))[0]!.matches.map((match) => match.entryId)).toEqual(['chronic-pain']);
    expect((await find(['Sciatica.']))[0]!.matches.map((match) => match.entryId)).toEqual(['sciatica']);
    expect(reads).toBe(1);
  });

  it('says what is wrong with texts that are not texts', async () => {
    await expect(find([7])).rejects.toThrow('Malformed "find-terms" message');
  });
});
