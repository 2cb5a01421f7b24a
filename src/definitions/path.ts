/** JSON paths in messages: `containerDefinitions[0].portMappings[1].containerPort`. */

/** A path from the document root: member names, map keys and list indexes. */
export type JsonPath = ReadonlyArray<string | number>;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Dotted form of `path`; list indexes and non-identifier map keys in brackets. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (IDENT.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

/** `path: ` for a message prefix, or the empty string at the root. */
export function pathPrefix(path: JsonPath): string {
  return path.length ? `${formatPath(path)}: ` : '';
}
