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

/**
 * Collects text nodes into a run, one at a time, until the run is ended. Its lists are kept from
 * run to run and each run gets an exact copy: fresh lists per run, which V8 grows to room for 17
 * at their first push, kept Chromium's garbage collector busy (a profile of the read alone on saved
 * Wikipedia and reddit pages: 4–6 ms a load, about a quarter of it; almost none with no runs built).
 * The nodes a finished run leaves in the lists go when the reader holding the builder does.
 */
export class RunBuilder {
  private block: Element | null = null;
  private readonly nodes: Text[] = [];
  private readonly starts: number[] = [];
  /** How many of `nodes` and `starts` belong to the run being built. */
  private count = 0;
  private text = '';
  /** The text of the run's last node (where a long run may end: see read-runs.ts). */
  lastData = '';

  /** How many text nodes the run holds so far. */
  get size(): number {
    return this.count;
  }

  /** The block the run being built belongs to. */
  get currentBlock(): Element | null {
    return this.block;
  }

  /** Adds a node's text; with `lineBreak` (a <br> before it), a line break first, unless the run is empty. */
  add(block: Element, node: Text, data: string, lineBreak: boolean): void {
    if (lineBreak && this.count > 0) this.text += '\n';
    this.block = block;
    this.nodes[this.count] = node;
    this.starts[this.count] = this.text.length;
    this.count++;
    this.text += data;
    this.lastData = data;
  }

  /** The run built so far (null if it holds no node), and a fresh start for the next. */
  end(): TextRun | null {
    const count = this.count;
    if (count === 0) return null;
    const run: TextRun = {
      block: this.block!,
      nodes: this.nodes.slice(0, count),
      starts: this.starts.slice(0, count),
      text: this.text,
    };
    this.count = 0;
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
