/**
 * Versions as the replication checkers compare them: a number on the scale of the History's
 * version column (its ranks, when some version is beyond 2^53), or a version vector. A state
 * at version `have` includes a write at version `w` when have >= w (numbers: last write wins,
 * log positions) or w <= have (vectors); numbers and vectors never include each other.
 */
import { getOrInsert } from "../../history/columns.js";
import type { History, VersionVector } from "../../history/model.js";
import { compareVectors } from "../../history/observations.js";

export type Version = number | VersionVector;

/** The op's own version: its numeric column value or its vector, undefined if it has none. */
export function opVersion(h: History, id: number): Version | undefined {
  const n = h.version[id]!;
  if (!Number.isNaN(n)) return n;
  return h.vectors.size > 0 ? h.vectors.get(id) : undefined;
}

const exactRanks = new WeakMap<History, Map<string, number>>();

/**
 * A version written inside an op's extras (a reply's, a sibling's), on the column's scale;
 * undefined when there is none, null when it cannot be compared (not a number or vector, or
 * a number beyond 2^53 that no op's version equals).
 */
export function rawVersion(h: History, raw: unknown): Version | undefined | null {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "number" || typeof raw === "bigint") {
    if (h.versionValues === undefined) return typeof raw === "number" ? raw : null;
    const ranks = getOrInsert(exactRanks, h, () => rankIndex(h));
    return ranks.get(String(raw)) ?? null;
  }
  if (typeof raw !== "object" || Array.isArray(raw)) return null;
  const vec = new Map<string, number>();
  for (const [r, c] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof c !== "number") return null;
    vec.set(r, c);
  }
  return vec;
}

function rankIndex(h: History): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, exact] of h.versionValues ?? []) out.set(String(exact), h.version[id]!);
  return out;
}

/** Does a state at `have` include a write at `w`? (Nothing includes anything when `have` is undefined: the initial state.) */
export function includes(have: Version | undefined, w: Version): boolean {
  if (have === undefined) return false;
  if (typeof w === "number") return typeof have === "number" && have >= w;
  if (typeof have === "number") return false;
  const rel = compareVectors(w, have);
  return rel === "lt" || rel === "eq";
}

/** Two versions are the same version. */
export function sameVersion(a: Version, b: Version): boolean {
  if (typeof a === "number" || typeof b === "number") return a === b;
  return compareVectors(a, b) === "eq";
}

/** A version vector as text, zero entries left out: the key by which writes are found from it. */
export function vectorKey(v: VersionVector): string {
  return [...v]
    .filter(([, n]) => n > 0)
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([r, n]) => `${r}=${n}`)
    .join(",");
}

/** The join of version vectors. */
export function joinAll(vs: readonly VersionVector[]): VersionVector {
  const out = new Map<string, number>();
  for (const v of vs) for (const [r, n] of v) if ((out.get(r) ?? 0) < n) out.set(r, n);
  return out;
}
