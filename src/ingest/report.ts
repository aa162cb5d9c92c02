/**
 * Reads a saved JSON report (what `causeway check --format json` wrote) for `causeway report`,
 * checked against schemas/report.schema.json, so that every renderer can trust its shape.
 */
import { FileError, SchemaError } from "../errors.js";
import { REPORT_VERSION, type Report } from "../report/model.js";
import { parseJsonValue } from "./json-value.js";
import { reportValidator } from "./report-validator.js";

/** Parses and validates a report's text; `file` names it in errors. */
export function parseReport(text: string, file: string): Report {
  // Exact: versions, keys and values beyond 2^53 come back as the bigints they were.
  const doc = parseJsonValue(text.replace(/^\uFEFF/, ""), file, 1, 1);
  const version = typeof doc === "object" && doc !== null ? (doc as Report).causeway : undefined;
  if (version !== REPORT_VERSION) {
    throw new FileError(
      { file },
      `not a report of this version of Causeway (field causeway is ${JSON.stringify(version)}, not ${REPORT_VERSION})`,
    );
  }
  const validate = reportValidator();
  if (!validate(doc)) {
    const err = validate.errors?.[0];
    throw new SchemaError(
      { file, pointer: err?.instancePath ?? "" },
      `not a Causeway report: ${err?.message ?? "invalid"}`,
    );
  }
  return doc as Report;
}
