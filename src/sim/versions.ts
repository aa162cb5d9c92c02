/**
 * Versions as the simulator keeps them. Numeric versions (a log position, a last-write-wins
 * timestamp) order totally; version vectors (one counter per client session, so that each
 * write has a vector of its own and `a <= b` means exactly "b was written knowing a") order
 * partially. The history shows a vector as an object of session name to counter.
 */

export type Vector = Int32Array;
export type Version = number | Vector;

export function vvLeq(a: Vector, b: Vector): boolean {
  for (let i = 0; i < a.length; i++) if (a[i]! > b[i]!) return false;
  return true;
}

export function vvJoinInto(into: Vector, b: Vector): void {
  for (let i = 0; i < b.length; i++) if (b[i]! > into[i]!) into[i] = b[i]!;
}

export function vvJoin(vs: readonly Vector[], size: number): Vector {
  const out = new Int32Array(size);
  for (const v of vs) vvJoinInto(out, v);
  return out;
}

export function vvIsZero(v: Vector): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return false;
  return true;
}

/** The vector as the history shows it, or undefined for the empty vector (the schema wants at least one entry). */
export function vvJson(v: Vector, actors: readonly string[]): Record<string, number> | undefined {
  let out: Record<string, number> | undefined;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === 0) continue;
    out ??= {};
    out[actors[i]!] = v[i]!;
  }
  return out;
}

/** Does a state at version `have` include the write at version `w`? */
export function includes(have: Version | undefined, w: Version): boolean {
  if (typeof w === "number") return typeof have === "number" && have >= w;
  return have !== undefined && typeof have !== "number" && vvLeq(w, have);
}

/**
 * Last-write-wins timestamps: the node's (possibly skewed) clock in ms times 100, plus the
 * node's number, so that no two nodes ever give the same timestamp; a node's own timestamps
 * strictly increase even when its clock stands still.
 */
export function lwwTimestamp(clockMs: number, node: number, last: number): number {
  const ts = (Math.max(0, clockMs) + 1) * 100 + node;
  return ts > last ? ts : last + 100;
}
