/**
 * The causal clock of every op, for the passes that visit the reads in op order, while only
 * the clocks other ops join are kept (the writes, and the sources of edges between chains):
 * a read's clock is its chain's running clock joined with the kept clocks of its sources, as
 * computeClocks (graph/clocks.ts) would have made it. Reads are most ops; keeping their clocks
 * cost 4 bytes times chains each (250 MB at 1M ops and 64 sessions).
 *
 * A chain's ops come in op order in their chain's order, so each chain's running clock only
 * moves forward; it is dropped after the chain's last op, so the running clocks held are those
 * of the chains begun and not yet ended.
 */
import type { Clocks } from "../../graph/clocks.js";
import { CAUSAL } from "../../graph/edge-kinds.js";
import type { CausalGraph } from "./analysis.js";

export class OpClocks {
  /** After `load(n)`: n's clock is rows[start .. start + width - 1]. */
  rows: Int32Array;
  start = 0;
  private readonly running: (Int32Array | undefined)[];
  /** Per chain, the position its running clock has reached. */
  private readonly reached: Int32Array;
  private readonly scratch: Int32Array;
  /** The op loaded last: its accesses come one after another. */
  private last = -1;

  constructor(
    private readonly g: CausalGraph,
    private readonly kept: Clocks,
  ) {
    const width = kept.width;
    this.rows = kept.rows;
    this.running = new Array(width);
    this.reached = new Int32Array(width);
    this.scratch = new Int32Array(width);
  }

  /** Loads the clock of op n (placed in the causal order; ops come in op order). */
  load(n: number): void {
    if (n === this.last) return;
    this.last = n;
    const { chainOf, posOf, members } = this.g.hb.chains;
    const c = chainOf[n]!;
    const r = this.kept.rowOf[n]!;
    if (r >= 0) {
      this.rows = this.kept.rows;
      this.start = r * this.kept.width;
      if (c >= 0 && posOf[n] === members[c]!.length) this.drop(c);
      return;
    }
    this.rows = this.scratch;
    this.start = 0;
    if (c < 0) {
      this.scratch.fill(0);
      this.joinSources(this.scratch, n, c);
      return;
    }
    const vc = this.advance(c, posOf[n]! - 1);
    this.scratch.set(vc);
    this.joinSources(this.scratch, n, c);
    if (posOf[n] === members[c]!.length) this.drop(c);
  }

  /** After its last op, a chain's running clock is not needed again. */
  private drop(c: number): void {
    this.running[c] = undefined;
    this.reached[c] = 0;
  }

  /** Chain c's running clock with its ops up to position `to` folded in. */
  private advance(c: number, to: number): Int32Array {
    const { members } = this.g.hb.chains;
    let vc = this.running[c];
    if (vc === undefined) {
      vc = new Int32Array(this.kept.width);
      this.running[c] = vc;
    }
    const chain = members[c]!;
    for (let p = this.reached[c]! + 1; p <= to; p++) {
      const m = chain[p - 1]!;
      const r = this.kept.rowOf[m]!;
      if (r >= 0) vc.set(this.kept.rows.subarray(r * this.kept.width, (r + 1) * this.kept.width));
      else this.joinSources(vc, m, c);
      vc[c] = p;
    }
    if (to > this.reached[c]!) this.reached[c] = to;
    return vc;
  }

  /** Joins into vc the kept clocks of n's causal sources in other chains, and their positions. */
  private joinSources(vc: Int32Array, n: number, c: number): void {
    const { offsets, targets, kinds } = this.g.hb.graph.reverse!;
    const { chainOf, posOf } = this.g.hb.chains;
    const { rowOf, rows, width } = this.kept;
    for (let e = offsets[n]!; e < offsets[n + 1]!; e++) {
      if (((CAUSAL >>> kinds[e]!) & 1) === 0) continue;
      const u = targets[e]!;
      const cu = chainOf[u]!;
      if (cu === c) continue;
      const start = rowOf[u]! * width;
      for (let k = 0; k < width; k++) if (rows[start + k]! > vc[k]!) vc[k] = rows[start + k]!;
      if (cu >= 0 && vc[cu]! < posOf[u]!) vc[cu] = posOf[u]!;
    }
  }
}
