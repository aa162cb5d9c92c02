/**
 * What a simulation is made of: the replication scheme, the clients and their workload, the
 * faults. `resolveOptions` fills in defaults and rejects nonsense with a RangeError that
 * names the option, so that the CLI and the API fail the same clear way.
 */

export type Workload = "register" | "set" | "list-append";
/** Where reads go: the leader, any replica, one replica per session, or a replica that has the session's last seen position. */
export type Routing = "leader" | "any" | "sticky" | "read-your-writes";
/** How concurrent writes to a key are reconciled: last write wins by timestamp, version-vector siblings, or whatever arrives last. */
export type Conflicts = "lww" | "siblings" | "overwrite";

export interface SingleLeaderOptions {
  mode: "single-leader";
  /** Replicas: n1 leads, the others follow. */
  nodes: number;
  /** Followers the leader waits for before acknowledging a write (n2, n3, ... first). */
  syncFollowers: number;
  /** Replication lag of followers, ms: the last follower ranges over all of it, the first over a part. */
  lag: [number, number];
  /** When a synchronous follower acknowledges: once it applied the write, or as soon as it received it. */
  syncAck: "apply" | "receive";
  /** Time between a follower receiving a log entry and applying it, ms. */
  applyDelay: number;
  /** Whom to promote when the leader crashes: the most up-to-date follower, the most lagging one, or nobody. */
  failover: "most-up-to-date" | "lagging" | "none";
  failoverDelay: number;
  /** Shards, each with its own log, whose leader is spread over the nodes (figure 5-5). */
  partitions: number;
}

export interface SiblingOptions {
  /** How a client merges the siblings it read before writing a set: union (correct) or by keeping one. */
  merge: "union" | "pick-one";
  /** The server lets a write that carries no version (a blind write) replace every sibling (figure 5-13's bug). */
  overwrite: boolean;
}

export interface MultiLeaderOptions extends SiblingOptions {
  mode: "multi-leader";
  /** One leader per datacenter. */
  datacenters: number;
  topology: "all-to-all" | "circular" | "star";
  conflicts: Conflicts;
  /** One-way delay between datacenters, ms. */
  linkDelay: [number, number];
  /** Hold a write back until everything it depends on has arrived. */
  causalDelivery: boolean;
  /** Writes go to the session's datacenter, or to the key's home leader (conflict avoidance). */
  writeTo: "local" | "home";
}

export interface LeaderlessOptions extends SiblingOptions {
  mode: "leaderless";
  nodes: number;
  n: number;
  w: number;
  r: number;
  readRepair: "off" | "async" | "blocking";
  /** Accept writes on nodes outside the key's home set when home nodes are unreachable. */
  sloppy: boolean;
  /** Interval of hinted handoff and anti-entropy rounds, ms (anti-entropy 0: off). */
  handoffInterval: number;
  antiEntropy: number;
  conflicts: Conflicts;
  /** Which reply the coordinator returns: the newest, or the first to arrive (a bug). */
  pick: "newest" | "first";
  /** One-way delay between nodes, ms. */
  replicaDelay: [number, number];
}

export type ReplicationOptions = SingleLeaderOptions | MultiLeaderOptions | LeaderlessOptions;

export type Fault =
  | { kind: "crash"; node: string; at: number; recover?: number }
  | { kind: "partition"; groups: string[][]; at: number; heal?: number }
  | { kind: "lag"; node: string; at: number; until: number; extra: number }
  | { kind: "skew"; node: string; offset: number };

export interface SimOptions {
  seed: number;
  /** Client operations to invoke. */
  ops: number;
  sessions: number;
  keys: number;
  workload: Workload;
  /** Fraction of ops that write. */
  writeRate: number;
  /** Skew key choice towards low keys (hot keys). */
  hotKeys: boolean;
  /** Who writes a key: any session, or only its owner (key mod sessions), so that writes of a key never conflict. */
  writers: "any" | "owner";
  routing: Routing;
  replication: ReplicationOptions;
  /** One-way delay between a client and a node, ms. */
  clientDelay: [number, number];
  /** Time a client waits for an answer before giving up (info for writes, fail for reads). */
  timeout: number;
  /** Pause between a session's ops, ms. */
  think: [number, number];
  /** Faults, triggered when the `at`-th op (0-based) is invoked. */
  faults: Fault[];
  /** Emit replica-side events (apply, repair, hint, handoff). */
  replicaEvents: boolean;
}

type Mode = ReplicationOptions["mode"];

/** Replication options as callers give them: the mode, and any of that mode's options. */
export type ReplicationInput = {
  [M in Mode]: { mode: M } & Partial<Omit<Extract<ReplicationOptions, { mode: M }>, "mode">>;
}[Mode];

/** Options as callers give them: everything optional, replication by mode with its own defaults. */
export type SimInput = Partial<Omit<SimOptions, "replication">> & {
  replication?: ReplicationInput;
};

const siblingDefaults: SiblingOptions = { merge: "union", overwrite: false };

export const replicationDefaults: { [M in Mode]: Extract<ReplicationOptions, { mode: M }> } = {
  "single-leader": {
    mode: "single-leader",
    nodes: 3,
    syncFollowers: 0,
    lag: [0, 100],
    syncAck: "apply",
    applyDelay: 0,
    failover: "most-up-to-date",
    failoverDelay: 50,
    partitions: 1,
  },
  "multi-leader": {
    mode: "multi-leader",
    datacenters: 3,
    topology: "all-to-all",
    conflicts: "lww",
    linkDelay: [20, 200],
    causalDelivery: false,
    writeTo: "local",
    ...siblingDefaults,
  },
  leaderless: {
    mode: "leaderless",
    nodes: 3,
    n: 3,
    w: 2,
    r: 2,
    readRepair: "async",
    sloppy: false,
    handoffInterval: 100,
    antiEntropy: 0,
    conflicts: "lww",
    pick: "newest",
    replicaDelay: [1, 20],
    ...siblingDefaults,
  },
};

export const defaults: Omit<SimOptions, "replication"> = {
  seed: 1,
  ops: 1000,
  sessions: 8,
  keys: 10,
  workload: "register",
  writeRate: 0.3,
  hotKeys: false,
  writers: "any",
  routing: "any",
  clientDelay: [1, 10],
  timeout: 1000,
  think: [1, 20],
  faults: [],
  replicaEvents: true,
};
