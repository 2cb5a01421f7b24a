/**
 * The small path language used after a tfstate resource address: `.a.b`, `[0]`, `["k-1"]`,
 * `.["k"]`, `[-1]` and hyphenated keys such as `.repository-uri`. tfstate-lookup runs the rest
 * of the address as a gojq query (quoting hyphenated segments); this covers the subset addresses
 * use, without a jq dependency. Pure functions.
 */

/** One step of a path: an object key or an array index. */
export type PathSegment = { key: string } | { index: number };

/** Thrown by `parsePath` for a malformed path; the caller turns it into a user error. */
export class PathSyntaxError extends Error {
  constructor(readonly path: string, detail: string) {
    super(`invalid path ${JSON.stringify(path)}: ${detail}`);
    this.name = 'PathSyntaxError';
  }
}

/** Parses a path such as `.outputs["repo-uri"][0].id`. The empty path and `.` mean "the whole value". */
export function parsePath(path: string): PathSegment[] {
  const segs: PathSegment[] = [];
  let i = 0;
  if (path === '.' || path === '') return segs;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      if (path[i] === '[') continue; // jq's `.["k"]` / `.[0]`
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      const name = path.slice(i, j);
      if (name === '') throw new PathSyntaxError(path, `empty key at offset ${i}`);
      segs.push({ key: name });
      i = j;
    } else if (c === '[') {
      const [seg, next] = parseBracket(path, i);
      segs.push(seg);
      i = next;
    } else {
      throw new PathSyntaxError(path, `unexpected ${JSON.stringify(c)} at offset ${i}`);
    }
  }
  return segs;
}

function parseBracket(path: string, start: number): [PathSegment, number] {
  const q = path[start + 1];
  if (q === '"' || q === "'") {
    let j = start + 2;
    while (j < path.length && path[j] !== q) j += path[j] === '\\' ? 2 : 1;
    if (j >= path.length || path[j + 1] !== ']') throw new PathSyntaxError(path, `unterminated key at offset ${start}`);
    const raw = path.slice(start + 2, j);
    let key: string;
    try {
      key = JSON.parse(`"${q === "'" ? raw.replace(/"/g, '\\"') : raw}"`) as string;
    } catch {
      throw new PathSyntaxError(path, `bad string key at offset ${start}`);
    }
    return [{ key }, j + 2];
  }
  const end = path.indexOf(']', start);
  if (end < 0) throw new PathSyntaxError(path, `missing ] after offset ${start}`);
  const inner = path.slice(start + 1, end).trim();
  if (inner === '') throw new PathSyntaxError(path, `empty [] at offset ${start}`);
  // Unquoted non-numeric keys are accepted (tfstate-lookup quotes hyphenated ones for jq).
  return [/^-?\d+$/.test(inner) ? { index: Number(inner) } : { key: inner }, end + 1];
}

/**
 * Walks `value` along `segs`. Returns undefined when a step does not apply (missing key, index
 * out of range, indexing a string or number). Negative indexes count from the end, as in jq.
 * A numeric key on an array (`.0`) indexes it.
 */
export function evaluatePath(value: unknown, segs: PathSegment[]): unknown {
  let cur: unknown = value;
  for (const seg of segs) {
    if (cur === null || cur === undefined) return undefined;
    if ('index' in seg) {
      if (!Array.isArray(cur)) return undefined;
      const i = seg.index < 0 ? cur.length + seg.index : seg.index;
      cur = cur[i];
    } else if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg.key)) return undefined;
      cur = cur[Number(seg.key)];
    } else if (typeof cur === 'object') {
      cur = Object.prototype.hasOwnProperty.call(cur, seg.key) ? (cur as Record<string, unknown>)[seg.key] : undefined;
    } else {
      return undefined;
    }
  }
  return cur;
}
