/**
 * Which elements our `::highlight()` rules name. A rule for every element (`::highlight(x)`)
 * makes the browser restyle every element of the page when our sheet arrives after the page was
 * styled: 58–114 ms in Chromium, 100–300 ms in Firefox, on a saved reddit page of 11,700
 * elements. A rule naming an id or a class is checked against the elements that carry it, and
 * only those are restyled (the same page: within the noise of no sheet at all). So the rules name
 * the elements that hold underlined text, each as narrowly as its markup allows. It is each
 * text's own parent that is named: Firefox gives text the highlight style of its parent only.
 */

/**
 * Past this many, the rules name every element (the restyle they then cause, once, is cheaper
 * than a sheet of thousands of selectors).
 */
export const MAX_SCOPES = 400;

/**
 * A selector that matches `element`: its id, else its first class (where a page adds a class
 * of state, it tends to add it last), else its tag. Not its tag under a named ancestor: Firefox
 * restyles the whole of that ancestor for such a rule (`.mw-parser-output p` on a saved Wikipedia
 * page: 69–77 ms, `p` 19–23 ms, every element 84–102 ms). If the page later takes that id or
 * class away, the underline goes with it; the term still explains itself on hover, which does
 * not use these rules.
 */
export function scopeOf(element: Element): string {
  // The attribute, not `element.id`: a <form> holding a field named "id" answers with the field.
  const id = element.getAttribute('id');
  if (id) return `#${CSS.escape(id)}`;
  const first = element.classList[0];
  return first ? `.${CSS.escape(first)}` : CSS.escape(element.localName);
}

/** Whether a selector from `scopeOf` names a tag, so that a rule with it restyles every element of that tag. */
export function namesATag(scope: string): boolean {
  return !scope.startsWith('#') && !scope.startsWith('.');
}

/** The parents of the texts `range` covers (a term's words may sit in several elements: "lymphatic <em>drainage</em>"). */
export function textParentsOf(range: AbstractRange): Element[] {
  const start = range.startContainer;
  const end = range.endContainer;
  const first = start.parentElement;
  if (start === end) return first ? [first] : [];
  const parents = first ? [first] : [];
  const walker = (start.ownerDocument ?? document).createTreeWalker(start.getRootNode(), NodeFilter.SHOW_TEXT);
  walker.currentNode = start;
  // A term is a few words: a range that runs on this long ends in a node the walk can't reach.
  for (let node = walker.nextNode(), steps = 0; node && steps < 64; node = walker.nextNode(), steps++) {
    const parent = node.parentElement;
    if (parent && !parents.includes(parent)) parents.push(parent);
    if (node === end) break;
  }
  return parents;
}
