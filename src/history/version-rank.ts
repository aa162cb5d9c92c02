/**
 * Exact version order when some versions are integers beyond 2^53 (read as bigints): the
 * Float64 version column could not tell 432345564227567617 from ...616, so it holds each
 * numeric version's rank instead (equal versions share a rank, a greater version has a
 * greater rank), which every comparison in the checkers reads correctly, and the exact
 * values are kept beside it for display (History.versionValues, used by viewOp).
 */
import type { Float64Column } from "./columns.js";

export function rankVersions(
  column: Float64Column,
  big: ReadonlyMap<number, bigint>,
): { ranks: Float64Array; values: Map<number, number | bigint> } | undefined {
  if (big.size === 0) return undefined;
  const exact = (id: number): number | bigint => big.get(id) ?? column.get(id);
  const ids: number[] = [];
  for (let id = 0; id < column.length; id++) {
    if (!Number.isNaN(column.get(id)) || big.has(id)) ids.push(id);
  }
  ids.sort((a, b) => {
    const x = exact(a);
    const y = exact(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const ranks = new Float64Array(column.length).fill(Number.NaN);
  const values = new Map<number, number | bigint>();
  let rank = -1;
  let prev: number | bigint | undefined;
  for (const id of ids) {
    const v = exact(id);
    if (prev === undefined || v > prev) rank++;
    prev = v;
    ranks[id] = rank;
    values.set(id, v);
  }
  return { ranks, values };
}
