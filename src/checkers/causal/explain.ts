/**
 * Explanations of the causal bad patterns, Elle's shape: the ops with labels, the path or
 * cycle that proves the pattern link by link, and the rule it breaks.
 */
import { keyPhrase, showName, showValue } from "../phrases.js";
import type { Explanation, Step } from "../types.js";
import type {
  CyclicCf,
  CyclicCo,
  CyclicHb,
  ThinAirRead,
  VersionExcludesCause,
  WriteCoInitRead,
  WriteCoRead,
  WriteHbInitRead,
} from "./anomalies.js";
import { Labels, linkSteps } from "./links.js";

const paper = "Bouajjani, Enea, Guerraoui and Hamza 2017";

const rules = {
  "cyclic-co": `Causal order (session order and reads-from, with the version order the history gives) must have no cycle: no op may happen before itself (CyclicCO; causal consistency, ${paper}).`,
  "thin-air-read": `A read must return the initial value or a value that some op wrote (ThinAirRead; causal consistency, ${paper}).`,
  "write-co-init-read": `A read must not return the initial value of a key that a write happening before the read wrote (WriteCOInitRead; causal consistency, ${paper}).`,
  "write-co-read": `A read must not return a write that another write of the key, also happening before the read, came after (WriteCORead; causal consistency, ${paper}).`,
  "version-excludes-cause":
    "An op's version vector must include every write of its key that happens before the op (causal visibility, judged by version vectors; Viotti and Vukolic 2016).",
  "cyclic-cf": `When a read returns one write of a key although another happened before it, every replica must order the other first, and these orders must have no cycle (CyclicCF; causal convergence, ${paper}).`,
  "write-hb-init-read": `A session must not read the initial value of a key after a write of the key came before that read in the session's own view (WriteHBInitRead; causal memory, ${paper}).`,
  "cyclic-hb": `Each session's view of the history, causal order with the order its reads put on writes, must have no cycle (CyclicHB; causal memory, ${paper}).`,
} as const;

function assumedSuffix(a: { assumed?: string }): string {
  return a.assumed === undefined ? "" : ` (by the assumption ${a.assumed})`;
}

function cycleExplanation(
  a: CyclicCo | CyclicCf | CyclicHb,
  summary: string,
  rule: string,
  view?: number,
): Explanation {
  const labels = new Labels(a.ops, "T").cover(a.cycle);
  const first = labels.of(a.cycle[0]!.from);
  const steps = linkSteps(a.cycle, labels);
  if (view !== undefined) {
    labels.role(view, "V");
    steps.push({ because: `all of it in the view of ${labels.of(view)}, the session's last op` });
  }
  steps.push({ because: `so ${first} comes before itself: a contradiction` });
  return { summary: `${summary}${assumedSuffix(a)}.`, ops: labels.list(), steps, rule };
}

export function explainCyclicCo(a: CyclicCo): Explanation {
  return cycleExplanation(
    a,
    `Causal order has a cycle of ${a.cycle.length} ${a.cycle.length === 1 ? "link" : "links"}`,
    rules["cyclic-co"],
  );
}

export function explainCyclicCf(a: CyclicCf): Explanation {
  return cycleExplanation(
    a,
    "The writes cannot be ordered the same way at every replica: the order the reads force has a cycle",
    rules["cyclic-cf"],
  );
}

export function explainCyclicHb(a: CyclicHb): Explanation {
  const summary = `Session ${showName(a.session)}'s view of the history has a cycle`;
  return cycleExplanation(a, summary, rules["cyclic-hb"], a.view);
}

export function explainThinAirRead(a: ThinAirRead): Explanation {
  const labels = new Labels(a.ops).role(a.read, "R");
  return {
    summary: `R read ${showValue(a.value)} from ${keyPhrase(a.key)}, a value that no op wrote.`,
    ops: labels.list(),
    steps: [
      {
        because: `no op in the history writes ${showValue(a.value)} to ${keyPhrase(a.key)}, so R's value came out of thin air`,
      },
    ],
    rule: rules["thin-air-read"],
  };
}

export function explainWriteCoInitRead(a: WriteCoInitRead): Explanation {
  const labels = new Labels(a.ops).role(a.write, "W").role(a.read, "R").cover(a.path);
  const steps: Step[] = [
    ...linkSteps(a.path, labels),
    {
      because: `yet R returned ${showValue(a.value)}, the initial value of ${keyPhrase(a.key)}, as if W had not happened`,
    },
  ];
  return {
    summary: `R read the initial value of ${keyPhrase(a.key)} although W, a write of it, happened before R${assumedSuffix(a)}.`,
    ops: labels.list(),
    steps,
    rule: rules["write-co-init-read"],
  };
}

export function explainWriteCoRead(a: WriteCoRead): Explanation {
  const labels = new Labels(a.ops).role(a.observed, "W1").role(a.newer, "W2").role(a.read, "R");
  labels.cover(a.order).cover(a.path);
  const steps: Step[] = [
    ...linkSteps(a.order, labels),
    ...linkSteps(a.path, labels),
    {
      from: "W1",
      relation: "reads-from",
      to: "R",
      because: a.list
        ? `yet R's list ${showValue(a.value)} ends with W1's append and lacks W2's, which came after it`
        : `yet R returned ${showValue(a.value)}, the value W1 wrote, which W2 had overwritten`,
    },
  ];
  return {
    summary: `R read W1's write of ${keyPhrase(a.key)} although W2, a later write of it, happened before R${assumedSuffix(a)}.`,
    ops: labels.list(),
    steps,
    rule: rules["write-co-read"],
  };
}

export function explainVersionExcludesCause(a: VersionExcludesCause): Explanation {
  const labels = new Labels(a.ops).role(a.cause, "W").role(a.op, "X").cover(a.path);
  const steps: Step[] = [
    ...linkSteps(a.path, labels),
    {
      because: `yet X's version ${showValue(a.opVersion)} does not include W's version ${showValue(a.causeVersion)}`,
    },
  ];
  return {
    summary: `X's version vector leaves out W, a write of ${keyPhrase(a.key)} that happened before X${assumedSuffix(a)}.`,
    ops: labels.list(),
    steps,
    rule: rules["version-excludes-cause"],
  };
}

export function explainWriteHbInitRead(a: WriteHbInitRead): Explanation {
  const labels = new Labels(a.ops)
    .role(a.write, "W")
    .role(a.read, "R")
    .role(a.view, "V")
    .cover(a.path);
  const steps: Step[] = [
    ...linkSteps(a.path, labels),
    {
      because: `yet R, in session ${showName(a.session)} no later than ${labels.of(a.view)} (its last op, whose view this is), returned ${showValue(a.value)}, the initial value of ${keyPhrase(a.key)}`,
    },
  ];
  return {
    summary: `In session ${showName(a.session)}'s view, W wrote ${keyPhrase(a.key)} before R read its initial value${assumedSuffix(a)}.`,
    ops: labels.list(),
    steps,
    rule: rules["write-hb-init-read"],
  };
}
