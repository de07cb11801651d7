/**
 * A run of text: the text nodes of one block that sit next to each other with only inline
 * elements between them, so "connective <em>tissue</em>" is read as one string. A nested block, a
 * skipped element or the end of the block ends a run. Both ways of reading (the whole page in one
 * pass, one changed block again) build their runs with the one `RunBuilder` below.
 */
export interface TextRun {
  block: Element;
  nodes: Text[];
  /** Where each node's text starts in `text`. */
  starts: number[];
  text: string;
}

/** Collects text nodes into a run, one at a time, until the run is ended. */
export class RunBuilder {
  private block: Element | null = null;
  private nodes: Text[] = [];
  private starts: number[] = [];
  private text = '';
  /** The text of the run's last node (where a long run may end: see read-runs.ts). */
  lastData = '';

  /** How many text nodes the run holds so far. */
  get size(): number {
    return this.nodes.length;
  }

  /** The block the run being built belongs to. */
  get currentBlock(): Element | null {
    return this.block;
  }

  /** Adds a node's text; with `lineBreak` (a <br> before it), a line break first, unless the run is empty. */
  add(block: Element, node: Text, data: string, lineBreak: boolean): void {
    if (lineBreak && this.nodes.length > 0) this.text += '\n';
    this.block = block;
    this.nodes.push(node);
    this.starts.push(this.text.length);
    this.text += data;
    this.lastData = data;
  }

  /** The run built so far (null if it holds no node), and a fresh start for the next. */
  end(): TextRun | null {
    if (this.nodes.length === 0) return null;
    const run: TextRun = { block: this.block!, nodes: this.nodes, starts: this.starts, text: this.text };
    this.nodes = [];
    this.starts = [];
    this.text = '';
    return run;
  }
}

/** The node and offset in it for a position in a run's text. */
export function locate(run: TextRun, position: number): { node: Text; offset: number } {
  let low = 0;
  let high = run.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (run.starts[middle]! <= position) low = middle;
    else high = middle - 1;
  }
  return { node: run.nodes[low]!, offset: position - run.starts[low]! };
}
