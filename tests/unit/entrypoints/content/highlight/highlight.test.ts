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

  /** A term's range over a paragraph's text. */
  function rangeOver(paragraph: Element): Range {
    const range = document.createRange();
    range.selectNodeContents(paragraph.firstChild!);
    return range;
  }

  /**
   * A layer that has just handed its first term over, with a second term still to come: two
   * paragraphs of one class, so one rule serves both and names no tag (it waits for no frame of its own).
   */
  function afterFirstHandover() {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    document.body.innerHTML =
      '<p class="a">Inflammation is the body’s response.</p><p class="a">Sciatica is nerve pain.</p>';
    const [first, second] = [...document.querySelectorAll('p')].map(rangeOver) as [Range, Range];
    const layer = createHighlightLayer(document)!;
    layer.add(first);
    drawFrame();
    expect(underlined()).toEqual([first]);
    return { layer, first, second };
  }

  it('gathers the terms found soon after a handover into the next, at most one every 100 ms', () => {
    const { layer, first, second } = afterFirstHandover();
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
    const { layer, first, second } = afterFirstHandover();
    vi.advanceTimersByTime(100);
    layer.add(second);
    expect(frames).toHaveLength(1);
    drawFrame();
    expect(underlined()).toEqual([first, second]);

    layer.add(rangeOver(document.querySelector('p')!));
    layer.dispose();
    vi.advanceTimersByTime(100);
    expect(frames).toHaveLength(0);
  });
});
