// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { leavesOwnRunsAlone } from '@/entrypoints/content/scan/follow-changes';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

describe('which changes leave the parent block as it was', () => {
  /** The mutation records a change to the page makes. */
  async function changes(html: string, change: (root: HTMLElement) => void): Promise<MutationRecord[]> {
    const root = page(html);
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((found) => records.push(...found));
    observer.observe(root, { childList: true, subtree: true });
    change(root);
    await Promise.resolve();
    records.push(...observer.takeRecords());
    observer.disconnect();
    return records;
  }
  const paragraph = (text: string) => Object.assign(document.createElement('p'), { textContent: text });

  it('a paragraph added between paragraphs: only the new one needs reading', async () => {
    const [record] = await changes('<main><p>One</p>\n<p>Two</p></main>', (root) =>
      root.querySelector('main')!.append(paragraph('Three')),
    );
    expect(leavesOwnRunsAlone(record!, null)).toBe(true);
  });

  it('a paragraph dropped between the words of a run: the parent must be read again', async () => {
    const [record] = await changes('<main>muscle <em>tissue</em></main>', (root) => {
      const main = root.querySelector('main')!;
      main.insertBefore(paragraph('x'), main.querySelector('em'));
    });
    expect(leavesOwnRunsAlone(record!, null)).toBe(false);
  });

  it('words or inline elements added: the parent must be read again', async () => {
    const [text] = await changes('<main><p>One</p></main>', (root) => root.querySelector('main')!.append('pain'));
    const [inline] = await changes('<main><p>One</p></main>', (root) =>
      root.querySelector('main')!.append(document.createElement('em')),
    );
    expect(leavesOwnRunsAlone(text!, null)).toBe(false);
    expect(leavesOwnRunsAlone(inline!, null)).toBe(false);
  });

  it('a paragraph removed from between words: the parent must be read again, they may join', async () => {
    const [record] = await changes('<main>muscle <p>x</p> tissue</main>', (root) => root.querySelector('p')!.remove());
    expect(leavesOwnRunsAlone(record!, null)).toBe(false);
  });

  it('a block added inside an inline element splits the run around it', async () => {
    const [record] = await changes('<p>muscle <span></span> tissue</p>', (root) =>
      root.querySelector('span')!.append(paragraph('x')),
    );
    expect(leavesOwnRunsAlone(record!, null)).toBe(false);
  });
});
