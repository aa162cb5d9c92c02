/**
 * Causeway's public API. The pipeline runs one way: ingest (formats -> History) -> history
 * (model, accesses, observations) -> checkers (plain records returning data) -> report
 * (pure renderers). src/cli sits on top and is the only code that prints or exits.
 */

export type { LinearizabilityAnomaly } from "./checkers/linearizable.js";
export type { MonotonicReadsAnomaly } from "./checkers/monotonic-reads.js";
export type { ReadYourWritesAnomaly } from "./checkers/read-your-writes.js";
export { checkers, findChecker } from "./checkers/registry.js";
export type {
  Checker,
  CheckOptions,
  CheckResult,
  OpRef,
  Undecided,
  Verdict,
} from "./checkers/types.js";
export {
  CausewayInputError,
  FileError,
  ParseError,
  SchemaError,
  StructureError,
} from "./errors.js";
export { HistoryBuilder, type RawEvent } from "./history/builder.js";
export type { History, OpView } from "./history/model.js";
export { viewOp } from "./history/model.js";
export {
  type HistorySource,
  type LoadOptions,
  loadHistory,
  type ReadProgress,
} from "./ingest/index.js";
export { renderJson } from "./report/json.js";
export { buildReport, type Report } from "./report/model.js";
export { renderText } from "./report/text.js";
