import fc from 'fast-check';
// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isInsideSkipped } from '@/entrypoints/content/scan/elements';
import { findBlocks } from '@/entrypoints/content/scan/read-blocks';
import { PageReader, readBlock } from '@/entrypoints/content/scan/read-runs';
import type { TextRun } from '@/entrypoints/content/scan/text-run';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

const textsOf = (block: Element) => readBlock(block, null).map((run) => run.text);

describe('reading a page', () => {
  it('reads text across inline elements as one run', () => {
    const body = page('<p>Stretch the connective <em>tis<b>sue</b></em> gently.</p>');
    expect(textsOf(body.querySelector('p')!)).toEqual(['Stretch the connective tissue gently.']);
  });

  it('ends a run at a nested block, so words in different blocks never join', () => {
    const body = page('<div>connective<p>inner text</p>tissue</div>');
    expect(textsOf(body.querySelector('div')!)).toEqual(['connective', 'tissue']);
  });

  it('reads a <br> as a line break inside the run', () => {
    const body = page('<p>range<br>of motion</p>');
    expect(textsOf(body.querySelector('p')!)).toEqual(['range\nof motion']);
  });

  it('never reads form fields, code, editable or hidden regions', () => {
    const body = page(
      '<p>a <script>inflammation</script><textarea>inflammation</textarea><input value="x"> b</p>' +
        '<div contenteditable="true"><p>editable</p></div><div aria-hidden="true"><p>aria</p></div>' +
        '<section hidden><p>hidden</p></section><style>p{}</style><p>shown</p>',
    );
    const blocks = findBlocks(body, null);
    const texts = blocks.flatMap((block) => textsOf(block));
    expect(texts).toEqual(['a ', ' b', 'shown']);
  });

  it('never reads our own card', () => {
    const body = page('<p>before</p><plain-terms-card><p>card text</p></plain-terms-card>');
    const host = body.querySelector('plain-terms-card');
    expect(findBlocks(body, host).flatMap((block) => textsOf(block))).toEqual(['before']);
    expect(isInsideSkipped(body.querySelector('plain-terms-card p')!, host)).toBe(true);
  });

  it('maps each run back to its text nodes', () => {
    const body = page('<p>one <em>two</em> three</p>');
    const [run] = readBlock(body.querySelector('p')!, null);
    expect(run!.nodes.map((node) => node.data)).toEqual(['one ', 'two', ' three']);
    expect(run!.starts).toEqual([0, 4, 7]);
  });

  it('keeps each run mapped to its own text nodes after the page reads on', () => {
    // An underline is placed through these maps: a run changed by the runs read after it would
    // underline the wrong words.
    const body = page('<p>one <em>two</em> three</p><p>four</p><div>five <b>six</b></div>');
    const runs: TextRun[] = [];
    new PageReader(body, null).read(
      (run) => runs.push(run),
      () => false,
    );
    expect(runs.map((run) => run.nodes.map((node) => node.data))).toEqual([
      ['one ', 'two', ' three'],
      ['four'],
      ['five ', 'six'],
    ]);
    expect(runs.map((run) => run.starts)).toEqual([[0, 4, 7], [0], [0, 5]]);
  });
});

describe('reading the whole page in one pass', () => {
  const readPage = (root: Element, host: Element | null = null) => {
    const runs: TextRun[] = [];
    new PageReader(root, host).read(
      (run) => runs.push(run),
      () => false,
    );
    return runs;
  };
  const pageTexts = (root: Element, host: Element | null = null) => readPage(root, host).map((run) => run.text);

  it('finds the same words as reading block by block, whatever the markup and whitespace', () => {
    // Pages are full of whitespace-only text between elements, which the one-pass reader passes
    // over unless it sits inside a run: the words it reads must not change.
    const text = fc.constantFrom('connective', 'tissue', 'pain', ' ', '  \n ', 'a. ', ' b ');
    const markup: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        fc
          .tuple(
            fc.constantFrom('p', 'div', 'span', 'em', 'b', 'li', 'button', 'span hidden', 'div aria-hidden="true"'),
            fc.array(tie('node'), { maxLength: 4 }),
          )
          .map(([tag, children]) => `<${tag}>${children.join('')}</${tag.split(' ')[0]}>`),
        fc.constantFrom('<br>', '<!-- c -->', '<textarea>pain</textarea>'),
      ),
    })).node;
    const words = (runs: string[]) =>
      runs
        .map((run) => run.replace(/\s+/g, ' ').trim())
        .filter((run) => /[\p{L}\p{N}]/u.test(run))
        .sort();
    fc.assert(
      fc.property(fc.array(markup, { maxLength: 6 }), (parts) => {
        const body = page(parts.join(''));
        const byBlocks = findBlocks(body, null).flatMap((block) => readBlock(block, null).map((run) => run.text));
        expect(words(pageTexts(body))).toEqual(words(byBlocks));
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same runs as reading block by block', () => {
    const body = page(
      '<h1>Title <em>here</em></h1><div>connective<p>inner <b>text</b></p>tissue <span>more</span></div>' +
        '<p>range<br>of motion</p><p>a <script>x</script><textarea>y</textarea> b</p>' +
        '<div contenteditable="true"><p>editable</p></div><div aria-hidden="true">aria</div><p>shown</p>',
    );
    const byBlocks = findBlocks(body, null).flatMap((block) => readBlock(block, null).map((run) => run.text));
    expect(pageTexts(body).sort()).toEqual(byBlocks.sort());
    expect(pageTexts(body)).toEqual([
      'Title here',
      'connective',
      'inner text',
      'tissue more',
      'range\nof motion',
      'a ',
      ' b',
      'shown',
    ]);
  });

  it('passes over a skipped region whole and reads on after it, even from inside an inline element', () => {
    const options = Array.from({ length: 500 }, (_, i) => `<option>pain ${i}</option>`).join('');
    const body = page(
      `<p>one <span hidden>two <b>three</b><select>${options}</select></span> four <i>five</i></p>` +
        '<div aria-hidden="true"><p>x <em>y</em></p></div><p>six</p>',
    );
    expect(pageTexts(body)).toEqual(['one ', ' four five', 'six']);
  });

  it('reads nothing of a tree whose root is hidden, and everything once it is shown again', () => {
    const body = page('<section hidden><p>chronic <em>pain</em></p></section><p>after</p>');
    const section = body.querySelector('section')!;
    expect(pageTexts(section)).toEqual([]);
    section.removeAttribute('hidden');
    expect(pageTexts(section)).toEqual(['chronic pain']);
    expect(pageTexts(body)).toEqual(['chronic pain', 'after']);
  });

  it('ends a run of thousands of lines early, but only after punctuation, so no term is cut', () => {
    const lines = Array.from({ length: 600 }, (_, i) => (i % 2 ? `range of motion ${i}.` : `chronic <b>pain</b> ${i}`));
    const runs = readPage(page(`<p>${lines.join('<br>')}</p>`), null);
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.map((run) => run.text).join('\n')).toBe(lines.map((line) => line.replace(/<\/?b>/g, '')).join('\n'));
    for (const run of runs.slice(0, -1)) expect(run.text).toMatch(/\.$/);
    // A block read again after a change ends its runs in the same places.
    expect(readBlock(document.querySelector('p')!, null).map((run) => run.text)).toEqual(runs.map((run) => run.text));
  });

  it('gives up, and says so, when the page removes the node it was about to read', () => {
    const body = page('<p>one</p><p>two</p><p>three</p>');
    const reader = new PageReader(body, null);
    const runs: string[] = [];
    expect(
      reader.read(
        (run) => runs.push(run.text),
        () => true,
      ),
    ).toBe('paused');
    expect(runs).toEqual(['one']);
    body.querySelector('p:nth-child(2)')!.remove();
    body.querySelector('p:nth-child(2)')!.remove();
    expect(
      reader.read(
        (run) => runs.push(run.text),
        () => true,
      ),
    ).toBe('lost');
  });
});
