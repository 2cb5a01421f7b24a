/**
 * Go's `fmt.Sprintf` format-string handling: flags, width, precision, `*` and `[n]` argument
 * indexes, and the in-band errors; each verb is formatted by `printArg`.
 */
import { NO_FLAGS, printArg, type Flags } from './fmt.js';
import { isInt, typeName } from './values.js';

/** Parses `[n]` at `i`: returns [argIndex or -1 when bad, next i], or undefined if absent. */
function argIndex(format: string, i: number, nargs: number): [number, number] | undefined {
  if (format[i] !== '[') return undefined;
  const close = format.indexOf(']', i);
  if (close < 0) return [-1, i + 1];
  const body = format.slice(i + 1, close);
  const n = /^[0-9]{1,6}$/.test(body) ? Number(body) - 1 : -1;
  return [n >= 0 && n < nargs ? n : -1, close + 1];
}

/**
 * Go's `fmt.Sprintf`: verbs `%v %+v %#v %T %t %d %b %o %O %x %X %c %q %U %e %E %f %F %g %G %s %%`,
 * flags `+ - # 0 space`, width and precision (also `*` and `[n]` argument indexes), and Go's
 * in-band errors (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA int=1)`, `%!(NOVERB)`).
 */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  const end = format.length;
  for (let i = 0; i < end; ) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Flags = { ...NO_FLAGS };
    for (; i < end; i++) {
      const c = format[i];
      if (c === '#') f.sharp = true;
      else if (c === '0') f.zero = !f.minus;
      else if (c === '+') f.plus = true;
      else if (c === '-') [f.minus, f.zero] = [true, false];
      else if (c === ' ') f.space = true;
      else break;
    }
    let goodArgNum = true;
    let afterIndex = false;
    const takeIndex = (): void => {
      const r = argIndex(format, i, args.length);
      afterIndex = r !== undefined;
      if (!r) return;
      reordered = true;
      if (r[0] < 0) goodArgNum = false;
      else argNum = r[0];
      i = r[1];
    };
    const starArg = (): number | undefined => {
      const a = args[argNum++];
      return isInt(a) && Math.abs(Number(a)) <= 1e6 ? Number(a) : undefined;
    };
    takeIndex();
    if (format[i] === '*') {
      i++;
      const w = starArg();
      if (w === undefined) out += '%!(BADWIDTH)';
      else if (w < 0) [f.wid, f.minus, f.zero] = [-w, true, false];
      else f.wid = w;
      afterIndex = false;
    } else {
      const m = /^[0-9]{1,7}/.exec(format.slice(i, i + 8));
      if (m) {
        f.wid = Number(m[0]);
        i += m[0].length;
        if (afterIndex) goodArgNum = false; // "%[3]2d"
      }
    }
    if (format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false; // "%[3].2d"
      takeIndex();
      if (format[i] === '*') {
        i++;
        const p = starArg();
        if (p === undefined) out += '%!(BADPREC)';
        else if (p >= 0) f.prec = p;
        afterIndex = false;
      } else {
        const m = /^[0-9]{0,7}/.exec(format.slice(i, i + 8))!;
        f.prec = m[0] ? Number(m[0]) : 0;
        i += m[0].length;
      }
    }
    if (!afterIndex) takeIndex();
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') out += '%';
    else if (!goodArgNum) out += `%!${verb}(BADINDEX)`;
    else if (argNum >= args.length) out += `%!${verb}(MISSING)`;
    else {
      if (verb === 'v') {
        [f.sharpV, f.sharp] = [f.sharp, false];
        [f.plusV, f.plus] = [f.plus, false];
      }
      out += printArg(args[argNum++], verb, f, 0);
    }
  }
  if (!reordered && argNum < args.length) {
    const extra = args.slice(argNum).map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${printArg(a, 'v', NO_FLAGS, 0)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
