// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHighlightLayer } from '@/entrypoints/content/highlight/highlight';

// happy-dom has no Custom Highlight API; real browsers do. These stand-ins keep what the layer uses.
class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
}

/** Animation frames run when the test says, so what happens in which frame can be seen. */
let frames: FrameRequestCallback[] = [];
function drawFrame(): void {
  const due = frames;
  frames = [];
  for (const callback of due) callback(performance.now());
}

beforeEach(() => {
  frames = [];
  vi.stubGlobal('Highlight', FakeHighlight);
  vi.stubGlobal('CSS', { highlights: new Map<string, FakeHighlight>(), escape: (text: string) => text });
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  document.adoptedStyleSheets = [];
});

/** A range over the text of the page's only paragraph. */
function termIn(paragraph: string): Range {
  document.body.innerHTML = paragraph;
  const range = document.createRange();
  range.selectNodeContents(document.querySelector('p')!.firstChild!);
  return range;
}

const underlined = () => [...(CSS.highlights as unknown as Map<string, FakeHighlight>).values()].flatMap((h) => [...h]);

describe('when the underline rules restyle the page', () => {
  it('gives a rule that names a tag a frame of its own, and has the scan wait for that frame', async () => {
    const layer = createHighlightLayer(document)!;
    const range = termIn('<p>Inflammation is the body’s response.</p>');
    layer.add(range);
    expect(layer.restyled()).toBeNull();

    drawFrame();
    // The term's range is in, but its rule (naming every <p>) waits for the next frame.
    expect(underlined()).toEqual([range]);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    const restyle = layer.restyled();
    expect(restyle).toBeInstanceOf(Promise);
    let waited = false;
    void restyle!.then(() => {
      waited = true;
    });
    await Promise.resolve();
    expect(waited).toBe(false);

    drawFrame();
    expect(document.adoptedStyleSheets).toHaveLength(1);
    await restyle;
    expect(waited).toBe(true);
    expect(layer.restyled()).toBeNull();
  });

  it('adds a rule that names a class in the same frame as its range', () => {
    const layer = createHighlightLayer(document)!;
    const range = termIn('<p class="lead">Inflammation is the body’s response.</p>');
    layer.add(range);
    drawFrame();
    expect(underlined()).toEqual([range]);
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect(layer.restyled()).toBeNull();
  });

  it('lets the scan go on when the tab is hidden before that frame (a hidden tab draws none)', async () => {
    const layer = createHighlightLayer(document)!;
    layer.add(termIn('<p>Inflammation is the body’s response.</p>'));
    drawFrame();
    const restyle = layer.restyled()!;
    expect(restyle).toBeInstanceOf(Promise);
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      await expect(restyle).resolves.toBeUndefined();
      expect(layer.restyled()).toBeNull();
      // The rule still comes with the tab's next frame.
      drawFrame();
      expect(document.adoptedStyleSheets).toHaveLength(1);
    } finally {
      delete (document as unknown as { visibilityState?: string }).visibilityState;
    }
  });

  it('lets a waiting scan go on when the underlines are removed before that frame', async () => {
    const layer = createHighlightLayer(document)!;
    layer.add(termIn('<p>Inflammation is the body’s response.</p>'));
    drawFrame();
    const restyle = layer.restyled()!;
    layer.dispose();
    await expect(restyle).resolves.toBeUndefined();
    expect(layer.restyled()).toBeNull();
  });
});

describe('handing the underlines to the browser', () => {
  afterEach(() => vi.useRealTimers());

  /** Two paragraphs of one class, a term in each: one rule for both, which names no tag (so it waits for no frame of its own). */
  function twoTerms(): [Range, Range] {
    document.body.innerHTML =
      '<p class="a">Inflammation is the body’s response.</p><p class="a">Sciatica is nerve pain.</p>';
    return [...document.querySelectorAll('p')].map((p) => {
      const range = document.createRange();
      range.selectNodeContents(p.firstChild!);
      return range;
    }) as [Range, Range];
  }

  it('gathers the terms found soon after a handover into the next, at most one every 100 ms', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const layer = createHighlightLayer(document)!;
    const [first, second] = twoTerms();
    layer.add(first);
    drawFrame();
    expect(underlined()).toEqual([first]);

    // The next slice finds another term a frame later: it waits for the rest of the 100 ms.
    vi.advanceTimersByTime(16);
    layer.add(second);
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(83);
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(frames).toHaveLength(1);
    drawFrame();
    expect(underlined()).toEqual([first, second]);
  });

  it('hands over at the next frame when the last handover is 100 ms old, and forgets a gathering on dispose', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const layer = createHighlightLayer(document)!;
    const [first, second] = twoTerms();
    layer.add(first);
    drawFrame();
    vi.advanceTimersByTime(100);
    layer.add(second);
    expect(frames).toHaveLength(1);
    drawFrame();
    expect(underlined()).toEqual([first, second]);

    const third = document.createRange();
    third.selectNodeContents(document.querySelector('p')!.firstChild!);
    layer.add(third);
    layer.dispose();
    vi.advanceTimersByTime(100);
    expect(frames).toHaveLength(0);
  });
});
