/**
 * The set of linearized ops, as a bitset of 32-bit words (Porcupine's bitset) that also
 * keeps its own hash and window. The hash is Zobrist's: one random word per op, XORed in and
 * out, so it costs O(1) per change. The window [lo, hi) is the span of words that are
 * neither all ones nor all zeros; below it every op is linearized, above it none is. In a
 * long history the window stays about as wide as the ops in flight, so the cache stores and
 * compares the window, not the whole set. Both bounds are kept exact, which makes the
 * (lo, words of the window) encoding canonical.
 */

const FULL = 0xffffffff;

export class LinSet {
  readonly words: Uint32Array;
  /** First word that is not all ones. */
  lo = 0;
  /** One past the last word that is not zero. */
  hi = 0;
  hash = 0;
  private readonly zobrist: Int32Array;

  constructor(n: number) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(n / 32)));
    this.zobrist = zobristTable(n);
  }

  add(op: number): void {
    const w = op >>> 5;
    const words = this.words;
    words[w]! |= 1 << (op & 31);
    this.hash ^= this.zobrist[op]!;
    if (w >= this.hi) this.hi = w + 1;
    if (w === this.lo) {
      let lo = w;
      while (lo < words.length && words[lo] === FULL) lo++;
      this.lo = lo;
    }
  }

  remove(op: number): void {
    const w = op >>> 5;
    const words = this.words;
    words[w]! &= ~(1 << (op & 31));
    this.hash ^= this.zobrist[op]!;
    if (w < this.lo) this.lo = w;
    if (w === this.hi - 1 && words[w] === 0) {
      let hi = w;
      while (hi > 0 && words[hi - 1] === 0) hi--;
      this.hi = hi;
    }
  }
}

/**
 * Random 30-bit words per op, from a fixed seed (xorshift32): reruns hash alike. Thirty bits,
 * so that the hash is always a small integer to V8 (a Smi): a field that first holds one and
 * then a larger number changes the object's layout, which throws away the search's compiled
 * code. The cache mixes the state into a full 32-bit hash.
 */
function zobristTable(n: number): Int32Array {
  const z = new Int32Array(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    z[i] = x & 0x3fffffff;
  }
  return z;
}
