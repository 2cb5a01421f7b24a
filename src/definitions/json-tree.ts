/**
 * Strict JSON parsing with positions. Definition files are JSON (after templates / Jsonnet), so
 * comments and trailing commas are errors here, reported at file:line:col.
 */
// The ESM build, not the package's UMD `main`: esbuild cannot follow the UMD wrapper's inner
// require() calls, so a bundle importing 'jsonc-parser' fails at load ("Cannot find module
// './impl/format'"). The ESM entry bundles cleanly and runs under tsx in tests.
import { parseTree, type Node, type ParseError, ParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import { DefinitionError, type SourcePos } from '../errors.js';

/** A parsed JSON document: its syntax tree and a way to turn offsets into positions. */
export interface JsonDocument {
  file: string;
  root: Node;
  /** 1-based line and column of a character offset in the text. */
  pos(offset: number): SourcePos;
}

/** Maps offsets to 1-based line:col by binary search over line starts. */
export function positionMapper(file: string, text: string): (offset: number) => SourcePos {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, col: offset - starts[lo]! + 1 };
  };
}

const MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: "expected ':' after the property name",
  [ParseErrorCode.CommaExpected]: "expected ',' or a closing bracket",
  [ParseErrorCode.CloseBraceExpected]: "expected '}': the object is not closed",
  [ParseErrorCode.CloseBracketExpected]: "expected ']': the array is not closed",
  [ParseErrorCode.EndOfFileExpected]: 'unexpected content after the end of the JSON value',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed in JSON',
  [ParseErrorCode.UnexpectedEndOfComment]: 'comments are not allowed in JSON',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'invalid number',
  [ParseErrorCode.InvalidUnicode]: 'invalid \\u escape in string',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape sequence in string',
  [ParseErrorCode.InvalidCharacter]: 'control characters in strings must be escaped',
};

/** The offset of a comma just before `offset` (skipping whitespace), if any. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  const c = text[offset];
  if (c !== '}' && c !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return text[i] === ',' ? i : undefined;
}

function describeParseError(text: string, e: ParseError): { message: string; offset: number } {
  if (e.error === ParseErrorCode.PropertyNameExpected || e.error === ParseErrorCode.ValueExpected) {
    const comma = trailingCommaBefore(text, e.offset);
    if (comma !== undefined) return { message: 'trailing commas are not allowed in JSON', offset: comma };
  }
  if (e.error === ParseErrorCode.InvalidSymbol) {
    const token = text.slice(e.offset, e.offset + Math.min(e.length, 20));
    const hint = token.startsWith("'") ? ' (strings and names need double quotes)' : '';
    return { message: `unexpected ${JSON.stringify(token)}${hint}`, offset: e.offset };
  }
  return { message: MESSAGES[e.error] ?? 'invalid JSON', offset: e.offset };
}

/**
 * Parses `text` as strict JSON. A leading byte-order mark is skipped (editors do not show it, so
 * columns are counted after it). Throws DefinitionError at the first syntax error, and when the
 * document is not a JSON object.
 */
export function parseJsonDocument(file: string, text: string, what = 'definition'): JsonDocument {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const pos = positionMapper(file, src);
  const errors: ParseError[] = [];
  const root = parseTree(src, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  if (errors.length > 0) {
    const { message, offset } = describeParseError(src, errors[0]!);
    throw new DefinitionError(`invalid JSON in ${what}: ${message}`, pos(offset));
  }
  if (!root) throw new DefinitionError(`${what} is empty: expected a JSON object`, pos(0));
  if (root.type !== 'object') {
    throw new DefinitionError(`${what} must be a JSON object, got ${root.type}`, pos(root.offset));
  }
  return { file, root, pos };
}

/** The properties of an object node, in document order. */
export function propertyNodes(obj: Node): Array<{ key: string; keyNode: Node; value: Node }> {
  const out: Array<{ key: string; keyNode: Node; value: Node }> = [];
  for (const p of obj.children ?? []) {
    const [keyNode, value] = p.children ?? [];
    if (keyNode && value) out.push({ key: keyNode.value as string, keyNode, value });
  }
  return out;
}

/** The plain JS value of a node (objects with a normal prototype, unlike jsonc-parser's). */
export function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(propertyNodes(node).map((p) => [p.key, nodeValue(p.value)]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
