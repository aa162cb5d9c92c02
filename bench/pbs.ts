/**
 * Histories for the PBS comparison (Bailis et al., "Probabilistically Bounded Staleness for
 * Practical Partial Quorums", VLDB 2012, section 3): N replicas of one key; each write reaches
 * exactly W of them, chosen uniformly at random, before it is acknowledged and before the next
 * read begins; the read asks R replicas chosen uniformly at random and returns the newest reply;
 * then the write reaches the other replicas, before the next write. A read is stale exactly
 * when none of its R replicas is among the write's W, which happens with probability
 * C(N-W, R) / C(N, R): 2/3 for N = 3, R = W = 1; 1/3 for N = 3, R = 2, W = 1.
 */
import { createRng, type Rng } from "../src/sim/rng.js";

export interface PbsShape {
  n: number;
  w: number;
  r: number;
  reads: number;
  seed: number;
}

type Event = Record<string, unknown>;

/** C(n, k). */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return out;
}

/** The probability that a read misses the write: C(N-W, R) / C(N, R). */
export function pbsStale(s: Pick<PbsShape, "n" | "w" | "r">): number {
  return choose(s.n - s.w, s.r) / choose(s.n, s.r);
}

/** k distinct replicas out of n, uniformly (a partial Fisher-Yates shuffle). */
function sample(rng: Rng, n: number, k: number): number[] {
  const xs = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = rng.int(i, n - 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs.slice(0, k);
}

/** The history, as event objects, one write and one read per trial. */
export function* pbsHistory(s: PbsShape): Generator<Event> {
  const rng = createRng(s.seed);
  const name = (i: number) => `r${i + 1}`;
  const held = new Int32Array(s.n);
  let t = 0;
  const tick = (by = 1) => {
    t += by;
    return t;
  };
  yield { type: "ok", process: "cluster", f: "config", n: s.n, w: s.w, r: s.r, time: t };
  for (let v = 1; v <= s.reads; v++) {
    const acks = sample(rng, s.n, s.w);
    yield { type: "invoke", process: 0, f: "write", key: "x", value: v, time: tick() };
    for (const a of acks) {
      held[a] = v;
      yield {
        type: "ok",
        process: `replica:${name(a)}`,
        f: "apply",
        key: "x",
        value: v,
        version: v,
        time: tick(),
      };
    }
    yield {
      type: "ok",
      process: 0,
      f: "write",
      key: "x",
      value: v,
      version: v,
      node: name(acks[0]!),
      acks: acks.map(name),
      time: tick(),
    };
    yield* read(rng, s, held, name, tick());
    tick(2);
    for (let i = 0; i < s.n; i++) {
      if (held[i] === v) continue;
      held[i] = v;
      yield {
        type: "ok",
        process: `replica:${name(i)}`,
        f: "apply",
        key: "x",
        value: v,
        version: v,
        time: tick(),
      };
    }
  }
}

function* read(
  rng: Rng,
  s: PbsShape,
  held: Int32Array,
  name: (i: number) => string,
  t: number,
): Generator<Event> {
  const asked = sample(rng, s.n, s.r);
  const replies = asked.map((i) => ({ node: name(i), value: held[i]! || null, version: held[i]! }));
  const newest = replies.reduce((a, b) => (b.version > a.version ? b : a));
  yield { type: "invoke", process: 1, f: "read", key: "x", time: t };
  yield {
    type: "ok",
    process: 1,
    f: "read",
    key: "x",
    value: newest.value,
    version: newest.version,
    node: replies[0]!.node,
    replies,
    time: t + 1,
  };
}
