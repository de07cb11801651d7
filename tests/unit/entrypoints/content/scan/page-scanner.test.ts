// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { TermRegistry } from '@/entrypoints/content/match/found-terms';
import { RunMatcher } from '@/entrypoints/content/match/match-run';
import { PageScanner } from '@/entrypoints/content/scan/page-scanner';
import { MUTATION_MAX_WAIT_MS } from '@/entrypoints/content/support/timing';
import { bundledGlossary } from '@/glossary/bundled';
import { buildIndex } from '@/glossary/matcher';
import { findTermsHere } from '../../../match-here';

const index = buildIndex(bundledGlossary);

// happy-dom has no StaticRange constructor; real browsers do. This stand-in keeps the same fields.
globalThis.StaticRange ??= class {
  constructor(init: StaticRangeInit) {
    Object.assign(this, init);
  }
} as unknown as typeof StaticRange;

/** Scans the document once, as a page's first scan: the words underlined, and the shadow roots read. */
async function firstScan(
  restyled: () => Promise<void> | null = () => null,
  registry = new TermRegistry(null),
): Promise<{ words: string[]; shadowRoots: ShadowRoot[] }> {
  const shadowRoots: ShadowRoot[] = [];
  let settled!: () => void;
  const done = new Promise<void>((resolve) => {
    settled = resolve;
  });
  const scanner = new PageScanner({
    ctx: new ContentScriptContext('test'),
    doc: document,
    matcher: new RunMatcher(findTermsHere(index)),
    registry,
    ownHost: () => null,
    onSettled: () => settled(),
    onShadowRoot: (root) => shadowRoots.push(root),
    restyled,
  });
  scanner.start();
  await done;
  scanner.stop();
  return { words: registry.allTerms().map((term) => term.words), shadowRoots };
}

describe('the first scan', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('reads open shadow roots met on its walk, nested ones too, but not closed ones or hidden ones', async () => {
    document.body.innerHTML =
      '<p>Chronic pain.</p><div id="outer"></div><div id="closed"></div><div hidden><span id="hidden"></span></div>';
    const outer = document.getElementById('outer')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<p>Sciatica here.</p><span id="inner"></span>';
    const inner = outer.getElementById('inner')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<p>Fibromyalgia inside.</p>';
    document.getElementById('closed')!.attachShadow({ mode: 'closed' }).innerHTML = '<p>Osteoarthritis.</p>';
    document.getElementById('hidden')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Whiplash.</p>';

    const { words, shadowRoots } = await firstScan();
    expect(words.sort()).toEqual(['Chronic pain', 'Fibromyalgia', 'Sciatica']);
    expect(shadowRoots.map((root) => root.host.id)).toEqual(['outer', 'inner']);
  });

  it("reads the body's own shadow root", async () => {
    const original = document.body;
    const host = document.createElement('body');
    document.documentElement.replaceChild(host, original);
    try {
      host.attachShadow({ mode: 'open' }).innerHTML = '<p>Sciatica in the body.</p>';
      const { words } = await firstScan();
      expect(words).toEqual(['Sciatica']);
    } finally {
      document.documentElement.replaceChild(original, host);
    }
  });

  it('asks for a shadow root only of elements the DOM lets host one (custom elements among them)', async () => {
    const items = Array.from({ length: 40 }, (_, k) => `<li><a href="#${k}">Link ${k}</a></li>`).join('');
    document.body.innerHTML = `<ul>${items}</ul><table><tr><td>Cell</td></tr></table><div><my-widget></my-widget></div>`;
    document.querySelector('my-widget')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Sciatica in a widget.</p>';
    const asked = vi.spyOn(Element.prototype, 'shadowRoot', 'get');
    try {
      const { words, shadowRoots } = await firstScan();
      expect(words).toEqual(['Sciatica']);
      expect(shadowRoots).toHaveLength(1);
      // The body, the <div>, the widget, and the <p> in the widget's tree: not the 85 others.
      expect(asked.mock.calls.length).toBeLessThanOrEqual(6);
    } finally {
      asked.mockRestore();
    }
  });

  it('waits between slices while the underlines need a frame to themselves, then reads on', async () => {
    document.body.innerHTML = Array.from({ length: 40 }, (_, k) => `<p>Note ${k} on sciatica.</p>`).join('');
    // Every look at the clock finds the slice used up, so the scan pauses every few runs.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 10));
    let frame: Promise<void> | null = null;
    let drawFrame = () => {};
    frame = new Promise((resolve) => {
      drawFrame = () => {
        frame = null;
        resolve();
      };
    });
    const registry = new TermRegistry(null);
    // The runs read so far (each is asked whether its language is read, as it is read).
    const read = vi.spyOn(RunMatcher.prototype, 'reads');
    try {
      const scanned = firstScan(() => frame, registry);
      // The first slice reads some notes, then the scan waits: many turns of the page change nothing.
      await vi.waitFor(() => expect(read.mock.calls.length).toBeGreaterThan(0));
      const beforeFrame = read.mock.calls.length;
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(read.mock.calls).toHaveLength(beforeFrame);
      expect(beforeFrame).toBeLessThan(40);
      expect(registry.allTerms()).toHaveLength(0);
      drawFrame();
      const { words } = await scanned;
      expect(words).toHaveLength(40);
    } finally {
      clock.mockRestore();
      read.mockRestore();
    }
  });
});

describe('matching what the scan read', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  /** A scanner whose background answers only when told to (`answer`), counting the questions. */
  function scannerWithSlowBackground() {
    const registry = new TermRegistry(null);
    const asked: string[][] = [];
    const waiting: (() => void)[] = [];
    const find = findTermsHere(index);
    const matcher = new RunMatcher(async (texts) => {
      asked.push(texts);
      await new Promise<void>((resolve) => waiting.push(resolve));
      return find(texts);
    });
    let settles = 0;
    const scanner = new PageScanner({
      ctx: new ContentScriptContext('test'),
      doc: document,
      matcher,
      registry,
      ownHost: () => null,
      onSettled: () => settles++,
      onShadowRoot: () => {},
      restyled: () => null,
    });
    const answer = () => {
      for (const resolve of waiting.splice(0)) resolve();
    };
    const words = () =>
      registry
        .allTerms()
        .map((term) => term.words)
        .sort();
    return { scanner, asked, answer, words, settled: () => settles };
  }

  it('asks the background once for the whole first read, however many slices and shadow roots it took', async () => {
    document.body.innerHTML = `${Array.from({ length: 40 }, (_, k) => `<p>Note ${k} on sciatica.</p>`).join('')}<div id="host"></div>`;
    document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Chronic pain.</p>';
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 10));
    const { scanner, asked, answer, words, settled } = scannerWithSlowBackground();
    try {
      scanner.start();
      await vi.waitFor(() => expect(asked).toHaveLength(1));
      answer();
      await vi.waitFor(() => expect(settled()).toBe(1));
      expect(asked[0]).toHaveLength(41);
      expect(words()).toHaveLength(41);
    } finally {
      clock.mockRestore();
      scanner.stop();
    }
  });

  it('keeps the terms found in slices too, so a page of many terms makes no long task', async () => {
    document.body.innerHTML = Array.from({ length: 40 }, (_, k) => `<p>Note ${k} on sciatica.</p>`).join('');
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 10));
    // The underlines need a frame to themselves from the moment the terms come back.
    let frame: Promise<void> | null = null;
    let drawFrame = () => {};
    const find = findTermsHere(index);
    const registry = new TermRegistry(null);
    let settled = false;
    const scanner = new PageScanner({
      ctx: new ContentScriptContext('test'),
      doc: document,
      matcher: new RunMatcher((texts) => {
        frame = new Promise((resolve) => {
          drawFrame = () => {
            frame = null;
            resolve();
          };
        });
        return find(texts);
      }),
      registry,
      ownHost: () => null,
      onSettled: () => {
        settled = true;
      },
      onShadowRoot: () => {},
      restyled: () => frame,
    });
    try {
      scanner.start();
      await vi.waitFor(() => expect(registry.allTerms().length).toBeGreaterThan(0));
      const kept = registry.allTerms().length;
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(registry.allTerms()).toHaveLength(kept);
      expect(kept).toBeLessThan(40);
      drawFrame();
      await vi.waitFor(() => expect(settled).toBe(true));
      expect(registry.allTerms()).toHaveLength(40);
    } finally {
      clock.mockRestore();
      scanner.stop();
    }
  });

  it('underlines nothing in a paragraph the page removed while its terms were being found', async () => {
    document.body.innerHTML = '<p id="stays">Chronic pain.</p><p id="goes">Sciatica.</p>';
    vi.useFakeTimers();
    const { scanner, asked, answer, words, settled } = scannerWithSlowBackground();
    try {
      scanner.start();
      await vi.waitFor(() => expect(asked).toHaveLength(1));
      document.getElementById('goes')!.remove();
      document.body.insertAdjacentHTML('beforeend', '<p>Fibromyalgia.</p>');
      // The changes settle while the background is still looking: they wait for the read under way.
      await vi.advanceTimersByTimeAsync(MUTATION_MAX_WAIT_MS * 2);
      expect(asked).toHaveLength(1);
      answer();
      await vi.waitFor(() => expect(asked).toHaveLength(2));
      answer();
      await vi.waitFor(() => expect(settled()).toBe(2));
      expect(words()).toEqual(['Chronic pain', 'Fibromyalgia']);
    } finally {
      scanner.stop();
      vi.useRealTimers();
    }
  });
});
