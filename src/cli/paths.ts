import { isAbsolute, relative } from 'node:path';
import { formatPos, type SourcePos } from '../errors.js';

/** A path as users should see it: relative to the working directory when it is inside it. */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** A position with its file shown as displayPath does. */
export function displayPos(pos: SourcePos): SourcePos {
  return { ...pos, file: displayPath(pos.file) };
}

/** `file:line:col: message` with a display path, or the message alone. */
export function withPos(message: string, pos?: SourcePos): string {
  return pos ? `${formatPos(displayPos(pos))}: ${message}` : message;
}
