// @vitest-environment happy-dom
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { scopeOf, textParentsOf } from '@/entrypoints/content/highlight/rule-scope';

// happy-dom has no StaticRange constructor; real browsers do. This stand-in keeps the same fields.
globalThis.StaticRange ??= class {
  constructor(init: StaticRangeInit) {
    Object.assign(this, init);
  }
} as unknown as typeof StaticRange;

afterEach(() => {
  document.body.innerHTML = '';
});

const first = (selector: string) => document.querySelector(selector)!;

describe('the elements our highlight rules name', () => {
  it('names an element by its id, else its first class, else its tag', () => {
    document.body.innerHTML = `
      <p id="intro" class="lead">a</p>
      <p class="lead tinted">b</p>
      <div class="notes"><p><b>c</b></p></div>
      <section><div><div><div><p>d</p></div></div></div></section>`;
    expect(scopeOf(first('#intro'))).toBe('#intro');
    expect(scopeOf(first('.tinted'))).toBe('.lead');
    // Not by a named ancestor: Firefox would restyle all of that ancestor for the rule.
    expect(scopeOf(first('.notes b'))).toBe('b');
    expect(scopeOf(first('section p'))).toBe('p');
  });

  // Names that need escaping (Tailwind's "md:w-1/2") are checked in real browsers (edge-cases
  // E2E): happy-dom's selector engine does not read every escape a browser does.
  it('names any element with a selector that matches it', () => {
    const name = fc.stringMatching(/^[a-zA-Z_][\w-]{0,5}$/);
    const tag = fc.constantFrom('p', 'span', 'em', 'li', 'td', 'my-card', 'h2');
    fc.assert(
      fc.property(
        fc.array(fc.record({ tag, id: fc.option(name), cls: fc.option(name) }), { minLength: 1, maxLength: 6 }),
        (chain) => {
          document.body.innerHTML = '';
          let parent: Element = document.body;
          for (const { tag, id, cls } of chain) {
            const element = document.createElement(tag);
            if (id !== null) element.id = id;
            if (cls !== null) element.className = cls;
            parent = parent.appendChild(element);
          }
          expect(parent.matches(scopeOf(parent))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds the parent of every text a term covers, across the elements its words sit in', () => {
    document.body.innerHTML = '<p id="split">Gentle lymphatic <em>drain<i>age</i></em> after</p><p>plain text</p>';
    const split = first('#split');
    const [before, em] = [split.firstChild as Text, split.querySelector('em')!];
    const age = em.querySelector('i')!.firstChild as Text;
    const term = new StaticRange({ startContainer: before, startOffset: 7, endContainer: age, endOffset: 3 });
    expect(textParentsOf(term)).toEqual([split, em, em.querySelector('i')]);
    const plain = first('p:last-child').firstChild as Text;
    expect(
      textParentsOf(new StaticRange({ startContainer: plain, startOffset: 0, endContainer: plain, endOffset: 5 })),
    ).toEqual([first('p:last-child')]);
  });
});
