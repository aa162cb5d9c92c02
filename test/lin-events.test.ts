/**
 * The search's list of call and return events (src/lin/events.ts): in time order, ties by
 * node, whether positions are event positions (integers, +infinity for an op that may never
 * return: a numeric sort) or anything else (a sort with a comparator).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventList } from "../src/lin/events.js";
import { seeded } from "./support/fc.js";

/** The nodes in list order, from the head. */
function listed(call: number[], ret: number[]): number[] {
  const list = new EventList(Float64Array.from(call), Float64Array.from(ret));
  const out: number[] = [];
  for (let x = list.next[list.head]!; x >= 0; x = list.next[x]!) out.push(x);
  return out;
}

/** By position, then by node: the order the search relies on. */
function expected(call: number[], ret: number[]): number[] {
  const pos = (node: number) => (node < call.length ? call[node]! : ret[node - call.length]!);
  const nodes = Array.from({ length: 2 * call.length }, (_, i) => i);
  return nodes.sort((a, b) => (pos(a) === pos(b) ? a - b : pos(a) < pos(b) ? -1 : 1));
}

const position = (fractions: boolean) =>
  fc.oneof(
    fc.nat(40),
    fc.constant(Number.POSITIVE_INFINITY),
    fractions ? fc.double({ min: -5, max: 40, noNaN: true }) : fc.nat(40),
  );

describe("the event list", () => {
  it("orders nodes by position, ties by node, for event positions and for any others", () => {
    for (const fractions of [false, true]) {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(position(fractions), position(fractions)), { maxLength: 30 }),
          (ops) => {
            const call = ops.map(([c]) => c);
            const ret = ops.map(([, r]) => r);
            expect(listed(call, ret)).toEqual(expected(call, ret));
          },
        ),
        seeded(300),
      );
    }
  });

  it("keeps to the numeric sort's bounds: huge positions fall back to the comparator", () => {
    const call = [2 ** 52, 3, Number.POSITIVE_INFINITY];
    const ret = [2 ** 52 + 2, Number.POSITIVE_INFINITY, 1];
    expect(listed(call, ret)).toEqual(expected(call, ret));
  });
});
