/**
 * Anomalies with their proofs, built only for the anomalies a result keeps: each path is a
 * breadth-first search on the happens-before graph, in causal order (so ∪ rf) where the
 * pattern needs visibility, and with version order where it needs which write comes first
 * (without assumed edges when the history alone proves it).
 */

import { CAUSAL, CAUSAL_AND_VERSIONS, EdgeKind } from "../../graph/edge-kinds.js";
import type { Path } from "../../graph/graph.js";
import type { Assumption } from "../../history/assumed-order.js";
import type { History } from "../../history/model.js";
import { opDetails, versionOf } from "../details.js";
import { access } from "../session/result.js";
import type { VersionShown } from "../types.js";
import type { CausalGraph } from "./analysis.js";
import type {
  CausalAnomaly,
  CyclicCf,
  CyclicCo,
  CyclicHb,
  Link,
  ThinAirRead,
  VersionExcludesCause,
  WriteCoInitRead,
  WriteCoRead,
  WriteHbInitRead,
} from "./anomalies.js";
import { VIEW, type ViewFinding } from "./memory.js";
import type { ReadPattern } from "./patterns.js";
import { assumptionIn, linkOps, type ProofGraph, pathLinks, proofPath } from "./proof.js";

const WITHOUT_ASSUMED = CAUSAL_AND_VERSIONS & ~(1 << EdgeKind.assumedOrder);

export class AnomalyMaker {
  constructor(
    protected readonly graph: CausalGraph,
    private readonly assumption: Assumption | undefined,
  ) {}

  private get g(): CausalGraph {
    return this.graph;
  }

  private get o() {
    return this.g.hb.observations;
  }

  private op(a: number): number {
    return this.o.acc.op[a]!;
  }

  links(path: Path | undefined, graph: ProofGraph = this.g.hb): Link[] {
    if (path === undefined)
      throw new Error("causal: no proof path where the clocks found one (a bug)");
    const links = pathLinks(graph, this.g.hb.history, this.o, path, this.assumption);
    for (const l of links) {
      if (l.via === undefined) continue;
      // Why `from` came before the read that forces the derived order: one level deep.
      const sub = proofPath(graph, l.from, l.via, [CAUSAL, VIEW]);
      if (sub !== undefined)
        l.viaPath = pathLinks(graph, this.g.hb.history, this.o, sub, this.assumption);
    }
    return links;
  }

  /** ops, and the assumption when a link rests on one. */
  cite<A extends CausalAnomaly>(anomaly: Omit<A, "ops">, ids: number[], ...proofs: Link[][]): A {
    const assumed = assumptionIn(...proofs);
    const out = { ...anomaly, ops: opDetails(this.g.hb.history, ids) } as A;
    if (assumed !== undefined) out.assumed = assumed;
    return out;
  }

  cycle(path: Path): CyclicCo {
    const cycle = this.links(path);
    return this.cite<CyclicCo>({ kind: "cyclic-co", cycle }, linkOps(cycle), cycle);
  }

  read(p: ReadPattern): CausalAnomaly {
    switch (p.kind) {
      case "thin-air-read":
        return this.cite<ThinAirRead>(
          { kind: p.kind, read: this.op(p.read), ...this.keyValue(p.read) },
          [this.op(p.read)],
        );
      case "write-co-init-read": {
        const path = this.links(proofPath(this.g.hb, this.op(p.write), this.op(p.read), [CAUSAL]));
        const anomaly = {
          kind: p.kind,
          read: this.op(p.read),
          write: this.op(p.write),
          ...this.keyValue(p.read),
          path,
        };
        return this.cite<WriteCoInitRead>(
          anomaly,
          [anomaly.write, ...linkOps(path), anomaly.read],
          path,
        );
      }
      case "write-co-read":
        return this.writeCoRead(p.read, p.observed, p.newer);
      case "version-excludes-cause":
        return this.versionExcludes(p.op, p.cause);
    }
  }

  private keyValue(a: number): { key: unknown; value: unknown } {
    return { key: this.o.acc.keys[this.o.acc.key[a]!], value: this.o.acc.value[a] ?? null };
  }

  private writeCoRead(r: number, w1: number, w2: number): WriteCoRead {
    const order = this.links(
      proofPath(this.g.hb, this.op(w1), this.op(w2), [WITHOUT_ASSUMED, CAUSAL_AND_VERSIONS]),
    );
    const path = this.links(proofPath(this.g.hb, this.op(w2), this.op(r), [CAUSAL]));
    const anomaly = {
      kind: "write-co-read" as const,
      read: this.op(r),
      ...this.keyValue(r),
      observed: this.op(w1),
      newer: this.op(w2),
      order,
      path,
    };
    const ids = [
      anomaly.observed,
      anomaly.newer,
      anomaly.read,
      ...linkOps(order),
      ...linkOps(path),
    ];
    const out = this.cite<WriteCoRead>(anomaly, ids, order, path);
    if (this.o.acc.lists.has(this.o.acc.key[r]!)) out.list = true;
    return out;
  }

  private versionExcludes(a: number, cause: number): VersionExcludesCause {
    const path = this.links(proofPath(this.g.hb, this.op(cause), this.op(a), [CAUSAL]));
    const anomaly = {
      kind: "version-excludes-cause" as const,
      op: this.op(a),
      cause: this.op(cause),
      key: this.o.acc.keys[this.o.acc.key[a]!],
      opVersion: this.vectorOf(a),
      causeVersion: this.vectorOf(cause),
      path,
    };
    return this.cite<VersionExcludesCause>(
      anomaly,
      [anomaly.cause, anomaly.op, ...linkOps(path)],
      path,
    );
  }

  private vectorOf(a: number): VersionShown {
    return (
      access(this.g.hb.history, this.o, a).version ?? versionOf(this.g.hb.history, this.op(a)) ?? {}
    );
  }
}

/** The anomalies of causal convergence and causal memory, on the graphs their checks derived. */
export class DerivedAnomalyMaker extends AnomalyMaker {
  conflictCycle(graph: ProofGraph, path: Path): CyclicCf {
    const cycle = this.links(path, graph);
    return this.cite<CyclicCf>({ kind: "cyclic-cf", cycle }, linkOps(cycle), cycle);
  }

  view(f: ViewFinding, h: History): CyclicHb | WriteHbInitRead {
    const session = h.sessions[h.session[f.view]!]!;
    if (f.kind === "cyclic-hb") {
      const cycle = this.links(f.cycle, f.graph);
      const ids = [...linkOps(cycle), f.view];
      return this.cite<CyclicHb>({ kind: f.kind, session, view: f.view, cycle }, ids, cycle);
    }
    const o = this.graph.hb.observations;
    const read = o.acc.op[f.read]!;
    const path = this.links(proofPath(f.graph, f.write, read, [VIEW]), f.graph);
    const anomaly = {
      kind: f.kind,
      session,
      view: f.view,
      read,
      write: f.write,
      key: o.acc.keys[o.acc.key[f.read]!],
      value: o.acc.value[f.read] ?? null,
      path,
    };
    return this.cite<WriteHbInitRead>(anomaly, [f.write, ...linkOps(path), read, f.view], path);
  }
}
