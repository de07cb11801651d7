// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { whenFrameHasText } from '@/entrypoints/content/session/frame-text';

/** Lets the mutation observer's callback run. */
const observed = () => new Promise((done) => setTimeout(done, 0));

function blankFrame(): Document {
  const doc = document.implementation.createHTMLDocument('');
  doc.body.innerHTML = '<div id="slot">  \n </div><script>var ad = "text of a script";</script>';
  return doc;
}

describe('a frame starts once it has text', () => {
  it('starts a frame that has text at once, and the top frame even when blank', () => {
    const doc = blankFrame();
    doc.body.insertAdjacentHTML('beforeend', '<p>Text about tendinitis.</p>');
    const start = vi.fn();
    whenFrameHasText(doc, false, start);
    expect(start).toHaveBeenCalledWith(true);

    const top = vi.fn();
    whenFrameHasText(blankFrame(), true, top);
    expect(top).toHaveBeenCalledTimes(1);
  });

  it('waits in a blank frame while it gains only blanks, scripts and empty elements, then starts once when text comes', async () => {
    const doc = blankFrame();
    const start = vi.fn();
    whenFrameHasText(doc, false, start);
    const slot = doc.getElementById('slot')!;
    slot.append(doc.createElement('div'), doc.createTextNode('   '));
    const style = doc.createElement('style');
    style.textContent = 'p { color: red }';
    doc.body.append(style);
    await observed();
    expect(start).not.toHaveBeenCalled();

    slot.insertAdjacentHTML('beforeend', '<section><p>Ad about <b>whiplash</b>.</p></section>');
    await observed();
    expect(start).toHaveBeenCalledTimes(1);
    expect(start).toHaveBeenCalledWith(false);
    slot.append('More text.');
    await observed();
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts when a blank text gains words', async () => {
    const doc = blankFrame();
    const blank = doc.createTextNode(' ');
    doc.getElementById('slot')!.append(blank);
    const start = vi.fn();
    whenFrameHasText(doc, false, start);
    blank.data = 'Sciatica';
    await observed();
    expect(start).toHaveBeenCalledTimes(1);
  });
});
