/**
 * Links as explanation steps: labels for the ops a proof cites (roles first, then the ops
 * met along its paths), and each link in words, with the fields that prove it.
 */
import { citedOp } from "../details.js";
import { describeOp, keyPhrase, showName, showValue, whoPhrase } from "../phrases.js";
import type { Explanation, OpDetail, Step } from "../types.js";
import type { Link } from "./anomalies.js";

export class Labels {
  private readonly byOp = new Map<number, string>();
  private next = 1;

  constructor(
    private readonly ops: readonly OpDetail[],
    private readonly prefix = "P",
  ) {}

  /** Gives op `id` this label (a role: W, R, ...). */
  role(id: number, label: string): this {
    if (!this.byOp.has(id)) this.byOp.set(id, label);
    return this;
  }

  of(id: number): string {
    let label = this.byOp.get(id);
    if (label === undefined) {
      label = `${this.prefix}${this.next++}`;
      this.byOp.set(id, label);
    }
    return label;
  }

  /** Labels every op of the links, in order. */
  cover(links: readonly Link[]): this {
    for (const l of links) {
      this.of(l.from);
      if (l.viaPath !== undefined) this.cover(l.viaPath);
      if (l.via !== undefined) this.of(l.via);
      this.of(l.to);
    }
    return this;
  }

  /** The labelled ops, in the order the labels were given. */
  list(): Explanation["ops"] {
    return [...this.byOp].map(([id, label]) => ({
      label,
      text: describeOp(citedOp(this.ops, id)),
      op: id,
    }));
  }

  op(id: number): OpDetail {
    return citedOp(this.ops, id);
  }
}

/** Each link as a step; a derived link after the steps that put its source before its read. */
export function linkSteps(links: readonly Link[], l: Labels): Step[] {
  return links.flatMap((link) => [...linkSteps(link.viaPath ?? [], l), linkStep(link, l)]);
}

function linkStep(link: Link, l: Labels): Step {
  const from = l.of(link.from);
  const to = l.of(link.to);
  const step = { from, relation: link.relation, to } as const;
  const a = l.op(link.from);
  const b = l.op(link.to);
  switch (link.relation) {
    case "session-order":
    case "real-time":
      return {
        ...step,
        because: `${to} began at line ${b.invokeLine}, after ${from} completed at line ${a.line}`,
      };
    case "reads-from":
      return {
        ...step,
        because: `${to} read ${showValue(link.value)} from ${keyPhrase(link.key)}`,
      };
    case "version-order":
      return { ...step, because: versionClause(link, from, to) };
    case "assumed-order": {
      const why =
        link.assumption === "sequential-keys"
          ? `${whoPhrase(a)} wrote ${from}, then ${to}`
          : `${from} completed at line ${a.line}, before ${to} began at line ${b.invokeLine}`;
      return { ...step, because: `by the assumption ${link.assumption}: ${why}` };
    }
    case "conflict": {
      const via = l.of(link.via!);
      return {
        ...step,
        because: `${via} read ${to}'s write of ${keyPhrase(link.key)} although ${from} happened before ${via}`,
      };
    }
    case "view-order": {
      const via = l.of(link.via!);
      const session = l.op(link.via!).session ?? l.op(link.via!).process;
      return {
        ...step,
        because: `${via}, in session ${showName(session)}, read ${to}'s write of ${keyPhrase(link.key)} after ${from} came before it in the session's view`,
      };
    }
  }
}

function versionClause(link: Link, from: string, to: string): string {
  if (link.positions !== undefined) {
    const at = (p: number | null) => (p === null ? "in no list read" : `at position ${p}`);
    return `in the lists read from ${keyPhrase(link.key)}, ${from}'s append is ${at(link.positions[0])} and ${to}'s ${at(link.positions[1])}`;
  }
  const [x, y] = link.versions ?? [null, null];
  return `${from} wrote version ${showValue(x)} of ${keyPhrase(link.key)}, ${to} version ${showValue(y)}`;
}
