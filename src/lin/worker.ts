/**
 * A worker thread of the linearizability search (see pool.ts and parallel.ts): a Lane
 * (lane.ts) that takes its requests from a port and answers on it, bumping a shared counter
 * after each answer so that the coordinating thread, asleep on it, wakes.
 */
import { type MessagePort, workerData } from "node:worker_threads";
import { Lane, type Request } from "./lane.js";
import { READY, type Shared } from "./pool.js";
import { allowCollection } from "./release.js";

export type { Reply, Request } from "./lane.js";

interface Data extends Shared {
  id: number;
  port: MessagePort;
  /** The parent may collect on request (release.ts): so may this thread. */
  collect: boolean;
}

const data = workerData as Data;
if (data.collect) allowCollection();
const lane = new Lane(data.id, data, (reply) => {
  data.port.postMessage(reply);
  Atomics.add(data.signal, 0, 1);
  Atomics.notify(data.signal, 0);
});

data.port.on("message", (r: Request) => lane.take(r));
data.port.postMessage(READY);
Atomics.add(data.signal, 0, 1);
Atomics.notify(data.signal, 0);
