/**
 * The input limits, documented in the README ("Input limits"), and the check of a value
 * against them. Past a limit the input is rejected with a located ParseError (exit 3) rather
 * than crashing the process: V8 aborts on a JSON array of about 134M elements and cannot
 * build a string past about 512 MB, and code that recurses on values overflows the stack a
 * few thousand levels deep. The limits are far above anything a real history holds.
 */

/** Nesting of arrays, objects, maps, sets and lists inside one event, the event itself at 1. */
export const MAX_DEPTH = 1000;
/** One line of JSON Lines or a log, one element of a JSON array, one EDN op: 64 MiB of text. */
export const MAX_ELEMENT_CHARS = 64 * 1024 * 1024;
/** One string value (or key): 16 MiB. */
export const MAX_STRING_CHARS = 16 * 1024 * 1024;

const MiB = 1024 * 1024;

export const limitText = {
  depth: `values nested deeper than ${MAX_DEPTH} levels`,
  element: `an element longer than the limit of ${MAX_ELEMENT_CHARS / MiB} MiB`,
  line: `a line longer than the limit of ${MAX_ELEMENT_CHARS / MiB} MiB`,
  string: `a string longer than the limit of ${MAX_STRING_CHARS / MiB} MiB`,
};

/** What a value breaks, with the JSON pointer of the part that breaks it. */
export interface LimitProblem {
  detail: string;
  pointer: string;
}

interface Visit {
  readonly v: unknown;
  readonly depth: number;
  readonly parent: Visit | undefined;
  readonly key: string;
}

/**
 * Walks a value with an explicit stack and returns the first limit it breaks: nesting past
 * MAX_DEPTH, a string past MAX_STRING_CHARS, or (with `jsonOnly`, for event objects handed
 * over by a program rather than parsed) anything JSON cannot hold. A cycle is nesting
 * without end, so it stops at the depth limit.
 */
export function checkValue(root: unknown, jsonOnly: boolean): LimitProblem | undefined {
  const stack: Visit[] = [{ v: root, depth: 0, parent: undefined, key: "" }];
  while (stack.length > 0) {
    const at = stack.pop()!;
    const { v, depth } = at;
    const problem = checkOne(v, jsonOnly);
    if (problem !== undefined) return { detail: problem, pointer: pointerOf(at) };
    if (typeof v !== "object" || v === null) continue;
    if (depth + 1 > MAX_DEPTH) return { detail: limitText.depth, pointer: pointerOf(at) };
    const keys = Array.isArray(v) ? undefined : Object.keys(v);
    const n = keys === undefined ? (v as unknown[]).length : keys.length;
    for (let i = n - 1; i >= 0; i--) {
      const key = keys === undefined ? String(i) : keys[i]!;
      if (key.length > MAX_STRING_CHARS)
        return { detail: limitText.string, pointer: pointerOf(at) };
      const child = keys === undefined ? (v as unknown[])[i] : (v as Record<string, unknown>)[key];
      stack.push({ v: child, depth: depth + 1, parent: at, key });
    }
  }
  return undefined;
}

/** The JSON pointer of a visited value, built only when a problem is found. */
function pointerOf(at: Visit): string {
  const parts: string[] = [];
  for (let x: Visit | undefined = at; x?.parent !== undefined; x = x.parent) {
    parts.push(x.key.replace(/~/g, "~0").replace(/\//g, "~1"));
  }
  return parts.length === 0 ? "" : `/${parts.reverse().join("/")}`;
}

function checkOne(v: unknown, jsonOnly: boolean): string | undefined {
  switch (typeof v) {
    case "string":
      return v.length > MAX_STRING_CHARS ? limitText.string : undefined;
    case "number":
    case "bigint":
    case "boolean":
      return undefined;
    case "object":
      if (v === null || Array.isArray(v) || !jsonOnly) return undefined;
      return isPlainObject(v) ? undefined : "not JSON data (an object of a class)";
    default:
      return jsonOnly ? `not JSON data (a ${typeof v})` : undefined;
  }
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const BIG = 9007199254740992; // 2^53: the first integer JSON.parse may have rounded

/**
 * Does a parsed value hold a number of magnitude 2^53 or more? Only then may JSON.parse
 * have rounded an integer, and the text is read again exactly. Runs on every JSON line.
 */
export function hasUnsafeNumber(root: unknown): boolean {
  if (typeof root === "number") return root >= BIG || root <= -BIG;
  if (typeof root !== "object" || root === null) return false;
  // Most events hold no nested value: the stack is made only when one comes.
  let stack: object[] | undefined;
  let cur: object | undefined = root;
  while (cur !== undefined) {
    if (Array.isArray(cur)) {
      for (const x of cur) {
        if (typeof x === "number") {
          if (x >= BIG || x <= -BIG) return true;
        } else if (typeof x === "object" && x !== null) {
          if (stack === undefined) stack = [];
          stack.push(x);
        }
      }
    } else {
      const o = cur as Record<string, unknown>;
      for (const k in o) {
        const x = o[k];
        if (typeof x === "number") {
          if (x >= BIG || x <= -BIG) return true;
        } else if (typeof x === "object" && x !== null) {
          if (stack === undefined) stack = [];
          stack.push(x);
        }
      }
    }
    cur = stack?.pop();
  }
  return false;
}
