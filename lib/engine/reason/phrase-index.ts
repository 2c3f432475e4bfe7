/**
 * Finding which of several hundred phrases occur in a diagnostic, in one pass over the text
 * (an Aho–Corasick automaton), instead of one substring search per phrase.
 */

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Outputs ending here (and, through `fail`, at shorter suffixes): [group, phrase] pairs. */
  out: [number, string][];
}

export class PhraseIndex {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];

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
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let nx = this.nodes[n]!.next.get(c);
      while (nx === undefined && n !== 0) {
        n = this.nodes[n]!.fail;
        nx = this.nodes[n]!.next.get(c);
      }
      n = nx ?? 0;
      const out = this.nodes[n]!.out;
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
