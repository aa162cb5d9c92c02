/**
 * Turns one object's ops into a search `Problem`: the model's step inputs, event positions
 * (an op that may not have happened returns at +infinity: it may take effect at any point
 * after its invocation, or never), and the map back to history op ids.
 */
import { type History, Status } from "../history/model.js";
import type { Machine, Unreadable } from "./models/types.js";
import type { Part } from "./partition.js";
import type { Problem } from "./search.js";

export interface Built {
  problem: Problem;
  machine: Machine;
  inputs: unknown[];
  /** History op id of each searched op. */
  ids: Int32Array;
  /** Ops left out because they cannot matter (indeterminate reads). */
  dropped: number;
}

export interface NotBuilt {
  unreadable: UnreadableOp[];
}

/** An op the model cannot read, and why. */
export interface UnreadableOp {
  id: number;
  why: Unreadable;
}

export function buildProblem(h: History, part: Part, machine: Machine): Built | NotBuilt {
  const inputs: unknown[] = [];
  const ids: number[] = [];
  const unreadable: UnreadableOp[] = [];
  for (const id of part.ops) {
    const indeterminate = h.status[id] === Status.info || h.cmpPos[id]! < 0;
    const input = machine.read(h, id, indeterminate);
    if (input === null) continue;
    if (typeof input === "object" && "unreadable" in input) {
      unreadable.push({ id, why: input as Unreadable });
      continue;
    }
    inputs.push(input);
    ids.push(id);
  }
  if (unreadable.length > 0) return { unreadable };
  const n = ids.length;
  const call = new Float64Array(n);
  const ret = new Float64Array(n);
  const optional = new Uint8Array(n);
  const readOnly = new Uint8Array(n);
  ids.forEach((id, i) => {
    const indeterminate = h.status[id] === Status.info || h.cmpPos[id]! < 0;
    call[i] = h.invPos[id]!;
    ret[i] = indeterminate ? Number.POSITIVE_INFINITY : h.cmpPos[id]!;
    optional[i] = indeterminate ? 1 : 0;
    readOnly[i] = machine.readOnly?.(inputs[i]) ? 1 : 0;
  });
  const problem: Problem = {
    n,
    call,
    ret,
    optional,
    readOnly,
    init: machine.init,
    step: (state, i) => machine.step(state, inputs[i]),
    modelBytes: () => machine.bytes?.() ?? 0,
  };
  return { problem, machine, inputs, ids: Int32Array.from(ids), dropped: part.ops.length - n };
}
