/**
 * Causeway's public API. The pipeline runs one way: ingest (formats -> History) -> history
 * (model, vocabulary, accesses, observations) -> checkers (records returning data) -> report
 * (pure renderers). `check` runs it all and returns the report as data; src/cli sits on top
 * and is the only code that prints or exits.
 */

export {
  type CheckObserver,
  type CheckPlan,
  type CheckRequest,
  check,
  type HistoryInput,
  planCheck,
} from "./api.js";
export type { ModelFinding, ModelId, ModelSummary } from "./checkers/lattice.js";
export {
  type Anomaly,
  checkers,
  explainAnomaly,
  findChecker,
  reasonText,
} from "./checkers/registry.js";
export type {
  AnomalyBase,
  Checker,
  CheckProgress,
  CheckResult,
  Explanation,
  OpDetail,
  Reason,
  Step,
  Undecided,
  Verdict,
} from "./checkers/types.js";
export {
  CausewayInputError,
  FileError,
  ParseError,
  SchemaError,
  StructureError,
  UsageError,
} from "./errors.js";
export type { History } from "./history/model.js";
export { renderGithub } from "./report/github.js";
export { renderHtml } from "./report/html/index.js";
export { renderJson } from "./report/json.js";
export { renderJunit } from "./report/junit.js";
export type { FileReport, Report } from "./report/model.js";
export { renderText } from "./report/text.js";
export type { Timeline } from "./report/timeline.js";
