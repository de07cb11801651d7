// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { RunMatcher, termFinder } from '@/entrypoints/content/match/match-run';
import { readBlock } from '@/entrypoints/content/scan/read-runs';
import { bundledGlossary } from '@/glossary/bundled';
import { buildIndex } from '@/glossary/matcher';
import { findTermsHere, matchRun } from '../../../match-here';

const index = buildIndex(bundledGlossary);

// happy-dom has no StaticRange constructor; real browsers do. This stand-in keeps the same fields.
globalThis.StaticRange ??= class {
  constructor(init: StaticRangeInit) {
    Object.assign(this, init);
  }
} as unknown as typeof StaticRange;

describe('matching a run of text', () => {
  it("maps each term back to the page's nodes, across inline elements", async () => {
    document.body.innerHTML = '<p>It eases <em>chronic</em> pain.</p>';
    const [run] = readBlock(document.querySelector('p')!, null);
    const [term] = (await matchRun(new RunMatcher(findTermsHere(index)), run!))!.terms;
    expect(term!.words).toBe('chronic pain');
    expect(term!.range.startContainer).toBe(document.querySelector('em')!.firstChild);
    expect(term!.range.endContainer.textContent).toBe(' pain.');
    expect(term!.range.endOffset).toBe(' pain'.length);
  });

  it('finds nothing in a run without terms', async () => {
    document.body.innerHTML = '<p>Nothing to see here.</p>';
    const [run] = readBlock(document.querySelector('p')!, null);
    expect(await matchRun(new RunMatcher(findTermsHere(index)), run!)).toBeNull();
  });

  it('skips blocks declared in another language unless the setting allows them', async () => {
    document.body.innerHTML = `<div lang="de"><p>Chronic pain ist ein Problem.</p></div><p lang="en-GB">Chronic pain too.</p>`;
    const [german, english] = [...document.querySelectorAll('p')];
    const found = async (matcher: RunMatcher) => {
      const runs = [german!, english!].flatMap((block) => readBlock(block, null));
      const matched = await Promise.all(runs.map((run) => matchRun(matcher, run)));
      return matched.flatMap((matches) => matches?.terms.map((term) => term.words) ?? []);
    };
    expect(await found(new RunMatcher(findTermsHere(index)))).toEqual(['Chronic pain']);
    expect(await found(new RunMatcher(findTermsHere(index), true))).toEqual(['Chronic pain', 'Chronic pain']);
  });

  it('reads each block in the language nearest to it, however many blocks share one declaration', () => {
    document.body.innerHTML =
      '<div lang="de"><p>Chronic pain eins.</p><section lang="en"><p>Chronic pain two.</p><p>Chronic pain three.</p></section>' +
      '<p>Chronic pain vier.</p></div><p>Chronic pain five.</p>';
    const matcher = new RunMatcher(findTermsHere(index));
    const read = [...document.querySelectorAll('p')].flatMap((block) =>
      readBlock(block, null).flatMap((run) => (matcher.reads(run) ? [run.text] : [])),
    );
    expect(read).toEqual(['Chronic pain two.', 'Chronic pain three.', 'Chronic pain five.']);
  });

  describe('reading the whole document', () => {
    const readAll = (matcher: RunMatcher) =>
      [...document.querySelectorAll('p')].flatMap((block) =>
        readBlock(block, null).flatMap((run) => (matcher.reads(run) ? [run.text] : [])),
      );
    const whole = (matcher: RunMatcher) => {
      matcher.readingDocument(document);
      try {
        return readAll(matcher);
      } finally {
        matcher.doneReadingDocument();
      }
    };

    it("reads every block in the root's language, asking the page once, when only the root declares one", () => {
      document.body.innerHTML = '<p>Chronic pain one.</p><p>Chronic pain two.</p><p>Chronic pain three.</p>';
      const closest = vi.spyOn(Element.prototype, 'closest');
      try {
        document.documentElement.lang = 'de';
        expect(whole(new RunMatcher(findTermsHere(index)))).toEqual([]);
        document.documentElement.lang = 'en';
        expect(whole(new RunMatcher(findTermsHere(index)))).toHaveLength(3);
        document.documentElement.removeAttribute('lang');
        expect(whole(new RunMatcher(findTermsHere(index)))).toHaveLength(3);
        expect(closest).not.toHaveBeenCalled();
      } finally {
        closest.mockRestore();
        document.documentElement.lang = '';
      }
    });

    it('asks each block when an element below the root declares a language, and after the document is read', () => {
      document.documentElement.lang = 'en';
      document.body.innerHTML = '<p>Chronic pain one.</p><div lang="de"><p>Chronic pain zwei.</p></div>';
      try {
        expect(whole(new RunMatcher(findTermsHere(index)))).toEqual(['Chronic pain one.']);
        document.body.innerHTML = '<p>Chronic pain one.</p>';
        const matcher = new RunMatcher(findTermsHere(index));
        expect(whole(matcher)).toEqual(['Chronic pain one.']);
        // Added after the document was read: its own declaration counts.
        document.body.insertAdjacentHTML('beforeend', '<p lang="de">Chronic pain zwei.</p>');
        expect(readAll(matcher)).toEqual(['Chronic pain one.']);
      } finally {
        document.documentElement.removeAttribute('lang');
      }
    });
  });
});

describe('asking the background for the terms', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    fakeBrowser.reset();
  });

  it('asks again, a few times, while the background is starting and cannot answer', async () => {
    vi.useFakeTimers();
    const answer = [null, { matches: [], settled: false }];
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(new Error('Receiving end does not exist.'))
      .mockRejectedValueOnce(new Error('Receiving end does not exist.'))
      .mockImplementation((async () => answer) as never);
    const found = termFinder(new ContentScriptContext('test'))(['One.', 'Two.']);
    await vi.runAllTimersAsync();
    expect(await found).toEqual(answer);
    expect(send).toHaveBeenCalledTimes(3);
    expect(send).toHaveBeenLastCalledWith({ type: 'find-terms', texts: ['One.', 'Two.'] });
  });

  it('gives up when the background never answers, and the runs then keep no terms', async () => {
    vi.useFakeTimers();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    document.body.innerHTML = '<p>Chronic pain.</p>';
    const matcher = new RunMatcher(termFinder(new ContentScriptContext('test')));
    const matched = matcher.matchAll(readBlock(document.querySelector('p')!, null));
    await vi.runAllTimersAsync();
    expect(await matched).toBeNull();
  });

  it('asks no more once the extension is reloaded or removed while it waits to ask again', async () => {
    vi.useFakeTimers();
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValue(new Error('Receiving end does not exist.'));
    const ctx = new ContentScriptContext('test');
    const found = termFinder(ctx)(['One.']);
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(1);
    ctx.abort();
    await vi.runAllTimersAsync();
    expect(await found).toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });
});
