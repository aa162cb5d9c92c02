/**
 * Faults, as a Jepsen nemesis would inject them, each recorded as a lone event of process
 * "nemesis": crash and recover (node), partition (value: the sides) and heal, lag spikes
 * (lag / lag-end, value: extra ms), clock skew (value: offset ms, from the start). A fault
 * fires when the op with its number is about to be invoked, so a scenario's faults land at
 * the same point of its workload whatever the timings.
 */
import type { Fault } from "./options.js";
import type { Protocol } from "./protocol.js";
import type { World } from "./world.js";

export interface Faults {
  start(): void;
  beforeOp(opNumber: number): void;
}

export function createFaults(w: World, protocol: Protocol): Faults {
  const byName = new Map(w.nodes.map((n) => [n.name, n]));
  const event = (f: string, fields: Record<string, unknown>) =>
    w.out.emit({ index: 0, type: "info", process: "nemesis", f, ...fields, time: w.engine.now });

  const begin = (f: Fault) => {
    if (f.kind === "crash") {
      const n = byName.get(f.node)!;
      if (!n.up) return;
      n.up = false;
      event("crash", { node: n.name });
      protocol.crashed(n.index);
    } else if (f.kind === "partition") {
      for (const n of w.nodes) n.side = f.groups.length;
      f.groups.forEach((g, side) => {
        for (const name of g) byName.get(name)!.side = side;
      });
      event("partition", { value: f.groups });
    } else if (f.kind === "lag") {
      const n = byName.get(f.node)!;
      n.extraLag += f.extra;
      event("lag", { node: n.name, value: f.extra });
    }
  };

  const end = (f: Fault) => {
    if (f.kind === "crash") {
      const n = byName.get(f.node)!;
      if (n.up) return;
      n.up = true;
      event("recover", { node: n.name });
      protocol.recovered(n.index);
    } else if (f.kind === "partition") {
      for (const n of w.nodes) n.side = 0;
      event("heal", {});
      protocol.healed();
    } else if (f.kind === "lag") {
      const n = byName.get(f.node)!;
      n.extraLag -= f.extra;
      event("lag-end", { node: n.name });
    }
  };

  const endsAt = (f: Fault): number | undefined =>
    f.kind === "crash"
      ? f.recover
      : f.kind === "partition"
        ? f.heal
        : f.kind === "lag"
          ? f.until
          : undefined;

  return {
    start() {
      for (const f of w.o.faults) {
        if (f.kind !== "skew") continue;
        const n = byName.get(f.node)!;
        n.skew = f.offset;
        event("skew", { node: n.name, value: f.offset });
      }
    },
    beforeOp(k) {
      for (const f of w.o.faults) if (endsAt(f) === k) end(f);
      for (const f of w.o.faults) if (f.kind !== "skew" && f.at === k) begin(f);
    },
  };
}
