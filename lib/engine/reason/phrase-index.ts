/**
 * Finding which of several hundred phrases occur in a diagnostic, in one pass over the text
 * (an Aho–Corasick automaton), instead of one substring search per phrase.
 */

/** Nodes up to this depth have a table row (see PhraseIndex). */
const ROW_DEPTH = 3;

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Outputs ending here (and, through `fail`, at shorter suffixes): [group, phrase] pairs. */
  out: [number, string][];
}

export class PhraseIndex {
  private nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  /**
   * The scan walks arrays instead of the trie's maps. The nodes near the root, where a scan spends
   * most steps, and the deeper ones that branch are numbered first and have a row of a table: one
   * column per character that occurs in some phrase (any other character leads back to the root).
   * The other nodes, the tails of single phrases, keep only the character that continues them, so
   * the memory a scan touches stays small. A step's result is the next node plus one, shifted left
   * by one bit, with the low bit set when that node ends a phrase; a table cell holds 0 until the
   * scan first needs it. The table is laid out column by column: a common character's cells for
   * the nodes near the root then lie together.
   */
  private readonly column = new Map<number, number>();
  private readonly asciiColumn = new Uint8Array(128);
  private width = 1;
  /** Nodes numbered below this have a row. */
  private rows = 1;
  private table: Uint16Array | Uint32Array = new Uint16Array(0);
  /** Per node without a row, three numbers: the character that continues it (-1: none), the step on it, its failure link. */
  private tails = new Int32Array(0);
  private outs: ([number, string][] | null)[] = [];

  /** `groups[i]` is the list of phrases of group i (for example, of the i-th rule). */
  constructor(groups: readonly (readonly string[])[]) {
    groups.forEach((phrases, g) => {
      for (const p of phrases) this.add(p, g);
    });
    this.link();
  }

  private add(phrase: string, group: number): void {
    let n = 0;
    for (let i = 0; i < phrase.length; i++) {
      const c = phrase.charCodeAt(i);
      let nx = this.nodes[n]!.next.get(c);
      if (nx === undefined) {
        nx = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, out: [] });
        this.nodes[n]!.next.set(c, nx);
      }
      n = nx;
    }
    this.nodes[n]!.out.push([group, phrase]);
  }

  private link(): void {
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    for (let qi = 0; qi < queue.length; qi++) {
      const n = queue[qi]!;
      for (const [c, child] of this.nodes[n]!.next) {
        let f = this.nodes[n]!.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(c)) f = this.nodes[f]!.fail;
        const target = this.nodes[f]!.next.get(c);
        this.nodes[child]!.fail = target !== undefined && target !== child ? target : 0;
        this.nodes[child]!.out.push(...this.nodes[this.nodes[child]!.fail]!.out);
        queue.push(child);
      }
    }
    // Number the nodes with a row first, breadth first, then the tails in the order they were
    // added, so that one phrase's tail lies together.
    const depth = new Array<number>(this.nodes.length).fill(0);
    for (const n of queue) for (const child of this.nodes[n]!.next.values()) depth[child] = depth[n]! + 1;
    const hasRow = (n: number) => depth[n]! <= ROW_DEPTH || this.nodes[n]!.next.size > 1;
    const order = [0, ...queue.filter(hasRow)];
    this.rows = order.length;
    for (let n = 1; n < this.nodes.length; n++) if (!hasRow(n)) order.push(n);
    const rank = new Array<number>(this.nodes.length);
    order.forEach((n, i) => (rank[n] = i));
    this.nodes = order.map((n) => {
      const node = this.nodes[n]!;
      const next = new Map<number, number>();
      for (const [c, child] of node.next) next.set(c, rank[child]!);
      return { next, fail: rank[node.fail]!, out: node.out };
    });
    for (const node of this.nodes)
      for (const c of node.next.keys())
        if (!this.column.has(c)) {
          this.column.set(c, this.width);
          if (c < 128) this.asciiColumn[c] = this.width;
          this.width++;
        }
    const cells = this.rows * this.width;
    this.table = this.nodes.length < 0x7fff ? new Uint16Array(cells) : new Uint32Array(cells);
    this.outs = this.nodes.map((node) => (node.out.length ? node.out : null));
    this.tails = new Int32Array(3 * (this.nodes.length - this.rows));
    for (let n = this.rows; n < this.nodes.length; n++) {
      const node = this.nodes[n]!;
      const t = 3 * (n - this.rows);
      this.tails[t] = -1;
      for (const [c, child] of node.next) {
        this.tails[t] = c;
        this.tails[t + 1] = this.encode(child);
      }
      this.tails[t + 2] = node.fail;
    }
  }

  /** A step's result for landing on node `n`. */
  private encode(n: number): number {
    return ((n + 1) << 1) | (this.outs[n] !== null ? 1 : 0);
  }

  /** The node after reading character `c` in node `n` (following failure links). */
  private step(n: number, c: number): number {
    let nx = this.nodes[n]!.next.get(c);
    while (nx === undefined && n !== 0) {
      n = this.nodes[n]!.fail;
      nx = this.nodes[n]!.next.get(c);
    }
    return nx ?? 0;
  }

  /**
   * The lowest group with a phrase in the text, and that phrase (the first of that group met in
   * the text), or null. `below` stops early: groups at or above it are of no interest.
   */
  first(
    text: string,
    allow?: (group: number) => boolean,
    below = Infinity,
  ): { group: number; phrase: string } | null {
    let best: { group: number; phrase: string } | null = null;
    let limit = below;
    const { table, outs, asciiColumn, column, rows, tails } = this;
    const rootEnds = outs[0] !== null;
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const col = c < 128 ? asciiColumn[c]! : (column.get(c) ?? 0);
      let cell: number;
      if (col === 0) {
        n = 0;
        if (!rootEnds) continue;
        cell = 1;
      } else {
        // A tail either goes on with this character or falls back towards the root.
        while (n >= rows && tails[3 * (n - rows)] !== c) n = tails[3 * (n - rows) + 2]!;
        if (n >= rows) cell = tails[3 * (n - rows) + 1]!;
        else {
          const at = col * rows + n;
          cell = table[at]!;
          if (cell === 0) {
            cell = this.encode(this.step(n, c));
            table[at] = cell;
          }
        }
        n = (cell >> 1) - 1;
      }
      if ((cell & 1) === 0) continue;
      const out = outs[n]!;
      for (let k = 0; k < out.length; k++) {
        const [g, phrase] = out[k]!;
        if (g < limit && (!allow || allow(g))) {
          limit = g;
          best = { group: g, phrase };
          if (g === 0) return best;
        }
      }
    }
    return best;
  }
}
