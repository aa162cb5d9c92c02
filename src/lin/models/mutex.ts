/**
 * A mutex (Knossos's `mutex`): acquire takes a free lock, release frees a held one; anything
 * else is illegal. An acquire or release of unknown outcome that could not take effect is a
 * no-op, the same as never happening.
 */
import { fClass } from "../../history/vocabulary.js";
import { nothingFollows } from "./registers.js";
import type { LinOp, Machine, Model, Need, Unreadable } from "./types.js";

const FREE = 0;
const HELD = 1;

interface MutexInput {
  acquire: boolean;
  indeterminate: boolean;
}

const machine: Machine<MutexInput> = {
  init: FREE,

  read(op: LinOp, indeterminate: boolean): MutexInput | Unreadable {
    const c = fClass(op.f);
    if (c !== "acquire" && c !== "release") return { unreadable: "unknown-op", f: op.f };
    return { acquire: c === "acquire", indeterminate };
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
  machine: (_keys, initial) => {
    const held = initial(null);
    return held === "held" || held === true ? { ...machine, init: HELD } : machine;
  },
  describeFailure(state, need) {
    if (need === null) return `the lock is ${state}; ${nothingFollows}`;
    return `the lock is ${need.found}; the ${need.what} would need it ${need.wanted}`;
  },
};
