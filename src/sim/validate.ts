/** Fills in defaults and checks every option, throwing a RangeError that names the option and what it takes. */
import {
  defaults,
  type Fault,
  type ReplicationOptions,
  replicationDefaults,
  type SimInput,
  type SimOptions,
} from "./options.js";

const MAX_NODES = 16;

export function resolveOptions(input: SimInput = {}): SimOptions {
  const mode = input.replication?.mode ?? "single-leader";
  const base = replicationDefaults[mode];
  if (base === undefined)
    fail("replication.mode", "single-leader, multi-leader or leaderless", mode);
  const replication = { ...base, ...input.replication } as ReplicationOptions;
  const o: SimOptions = { ...defaults, ...dropUndefined(input), replication };
  checkClients(o);
  checkReplication(o);
  for (const [i, f] of o.faults.entries()) checkFault(f, i, nodeNames(o.replication));
  return o;
}

/** The nodes of a replication scheme: n1, n2, ... */
export function nodeNames(r: ReplicationOptions): string[] {
  const count = r.mode === "multi-leader" ? r.datacenters : r.nodes;
  return Array.from({ length: count }, (_, i) => `n${i + 1}`);
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function fail(name: string, expected: string, got: unknown): never {
  throw new RangeError(`simulate: ${name} must be ${expected}, got ${JSON.stringify(got)}`);
}

function int(name: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    fail(
      name,
      max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`,
      v,
    );
  }
}

function fraction(name: string, v: unknown): void {
  if (typeof v !== "number" || !(v >= 0 && v <= 1)) fail(name, "a number in [0, 1]", v);
}

function range(name: string, v: unknown): void {
  const ok =
    Array.isArray(v) &&
    v.length === 2 &&
    v.every((x) => Number.isInteger(x) && x >= 0) &&
    (v[0] as number) <= (v[1] as number);
  if (!ok) fail(name, "[min, max] with integers 0 <= min <= max", v);
}

function oneOf(name: string, v: unknown, allowed: readonly string[]): void {
  if (!allowed.includes(v as string)) fail(name, `one of ${allowed.join(", ")}`, v);
}

function checkClients(o: SimOptions): void {
  int("seed", o.seed, 0, 2 ** 32 - 1);
  int("ops", o.ops, 0);
  int("sessions", o.sessions, 1, 100_000);
  int("keys", o.keys, 1, 10_000_000);
  oneOf("workload", o.workload, ["register", "set", "list-append"]);
  fraction("writeRate", o.writeRate);
  oneOf("writers", o.writers, ["any", "owner"]);
  oneOf("routing", o.routing, ["leader", "any", "sticky", "read-your-writes"]);
  range("clientDelay", o.clientDelay);
  range("think", o.think);
  int("timeout", o.timeout, 1);
  if (typeof o.hotKeys !== "boolean") fail("hotKeys", "true or false", o.hotKeys);
  if (typeof o.replicaEvents !== "boolean") fail("replicaEvents", "true or false", o.replicaEvents);
  if (!Array.isArray(o.faults)) fail("faults", "an array", o.faults);
}

function checkReplication(o: SimOptions): void {
  const r = o.replication;
  if (r.mode === "single-leader") {
    int("replication.nodes", r.nodes, 1, MAX_NODES);
    int("replication.syncFollowers", r.syncFollowers, 0, r.nodes - 1);
    range("replication.lag", r.lag);
    oneOf("replication.syncAck", r.syncAck, ["apply", "receive"]);
    int("replication.applyDelay", r.applyDelay, 0);
    oneOf("replication.failover", r.failover, ["most-up-to-date", "lagging", "none"]);
    int("replication.failoverDelay", r.failoverDelay, 0);
    int("replication.partitions", r.partitions, 1, Math.min(o.keys, 1000));
    return;
  }
  if (o.workload === "list-append")
    fail("workload", "register or set with " + r.mode + " replication", o.workload);
  oneOf("replication.conflicts", r.conflicts, ["lww", "siblings", "overwrite"]);
  oneOf("replication.merge", r.merge, ["union", "pick-one"]);
  if (typeof r.overwrite !== "boolean") fail("replication.overwrite", "true or false", r.overwrite);
  if (r.mode === "multi-leader") {
    int("replication.datacenters", r.datacenters, 2, MAX_NODES);
    oneOf("replication.topology", r.topology, ["all-to-all", "circular", "star"]);
    range("replication.linkDelay", r.linkDelay);
    oneOf("replication.writeTo", r.writeTo, ["local", "home"]);
    if (typeof r.causalDelivery !== "boolean")
      fail("replication.causalDelivery", "true or false", r.causalDelivery);
    return;
  }
  int("replication.nodes", r.nodes, 1, MAX_NODES);
  int("replication.n", r.n, 1, r.nodes);
  int("replication.w", r.w, 1, r.n);
  int("replication.r", r.r, 1, r.n);
  oneOf("replication.readRepair", r.readRepair, ["off", "async", "blocking"]);
  if (typeof r.sloppy !== "boolean") fail("replication.sloppy", "true or false", r.sloppy);
  int("replication.handoffInterval", r.handoffInterval, 1);
  int("replication.antiEntropy", r.antiEntropy, 0);
  oneOf("replication.pick", r.pick, ["newest", "first"]);
  range("replication.replicaDelay", r.replicaDelay);
  if (o.routing === "leader" || o.routing === "read-your-writes") {
    fail(
      "routing",
      "any or sticky with leaderless replication (there is no leader or log position)",
      o.routing,
    );
  }
}

function checkFault(f: Fault, i: number, nodes: string[]): void {
  const name = `faults[${i}]`;
  const node = (field: string, v: unknown) => {
    if (!nodes.includes(v as string)) fail(`${name}.${field}`, `a node (${nodes.join(", ")})`, v);
  };
  oneOf(`${name}.kind`, f.kind, ["crash", "partition", "lag", "skew"]);
  if (f.kind === "skew") {
    node("node", f.node);
    int(`${name}.offset`, f.offset, -1_000_000_000);
    return;
  }
  int(`${name}.at`, f.at, 0);
  if (f.kind === "crash") {
    node("node", f.node);
    if (f.recover !== undefined) int(`${name}.recover`, f.recover, f.at + 1);
  } else if (f.kind === "partition") {
    if (!Array.isArray(f.groups) || f.groups.length < 2)
      fail(`${name}.groups`, "two or more groups of nodes", f.groups);
    for (const [j, g] of f.groups.entries()) {
      for (const n of Array.isArray(g) ? g : [g]) node(`groups[${j}]`, n);
    }
    if (f.heal !== undefined) int(`${name}.heal`, f.heal, f.at + 1);
  } else {
    node("node", f.node);
    int(`${name}.until`, f.until, f.at + 1);
    int(`${name}.extra`, f.extra, 0);
  }
}
