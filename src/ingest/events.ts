/**
 * Event objects handed over by a program rather than parsed from text. They are checked as
 * parsed events are (the schema, the input limits) and more: they must be JSON data (no
 * functions, class instances or cycles; a cycle is nesting past the depth limit). An event's
 * 1-based position in the sequence stands in for its line.
 */
import { SchemaError } from "../errors.js";
import type { HistoryBuilder } from "../history/builder.js";
import { checkValue } from "./limits.js";
import { validateEvent } from "./schema.js";

export async function addEvents(
  events: Iterable<object> | AsyncIterable<object>,
  name: string,
  builder: HistoryBuilder,
): Promise<void> {
  let ordinal = 0;
  const add = (ev: unknown) => {
    const line = ordinal + 1;
    const problem = checkValue(ev, true);
    if (problem !== undefined) {
      throw new SchemaError(
        { file: name, line, opIndex: ordinal, pointer: problem.pointer },
        problem.detail,
      );
    }
    builder.add(validateEvent(ev, name, line, ordinal), line);
    ordinal++;
  };
  if (Symbol.iterator in events) {
    for (const ev of events) add(ev);
  } else {
    for await (const ev of events) add(ev);
  }
}
