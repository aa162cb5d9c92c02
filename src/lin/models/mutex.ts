/**
 * A mutex (Knossos's `mutex`): acquire takes a free lock, release frees a held one; anything
 * else is illegal. An acquire or release of unknown outcome that could not take effect is a
 * no-op, the same as never happening.
 */
import type { History } from "../../history/model.js";
import { fName, type Machine, type Model, type Need, type Unreadable } from "./types.js";

const FREE = 0;
const HELD = 1;

interface MutexInput {
  acquire: boolean;
  indeterminate: boolean;
}

const machine: Machine<MutexInput> = {
  init: FREE,

  read(h: History, id: number, indeterminate: boolean): MutexInput | Unreadable {
    const f = fName(h, id);
    if (f !== "acquire" && f !== "release")
      return { unreadable: `the mutex model has no op "${f}"` };
    return { acquire: f === "acquire", indeterminate };
  },
  step(state: number, op: MutexInput): number {
    const from = op.acquire ? FREE : HELD;
    if (state === from) return op.acquire ? HELD : FREE;
    return op.indeterminate ? state : -1;
  },
  show: (state) => (state === HELD ? "held" : "free"),
  need(state: number, op: MutexInput): Need | undefined {
    if (machine.step(state, op) >= 0) return undefined;
    return {
      what: op.acquire ? "acquire" : "release",
      wanted: op.acquire ? "free" : "held",
      found: machine.show(state),
    };
  },
};

export const mutex: Model<MutexInput> = {
  id: "mutex",
  title: "Mutex",
  fs: ["acquire", "release"],
  defaultInitial: "free",
  // The initial state is "free" unless the options say "held" (or true).
  machine: (_keys, initial) =>
    initial === "held" || initial === true ? { ...machine, init: HELD } : machine,
};
