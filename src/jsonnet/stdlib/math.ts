import { fail } from '../errors.js';
import { checkNum } from '../operators.js';
import { type Builtin, type Value } from '../values.js';
import { builtin, num } from './builtin.js';

const unaryMath = (name: string, f: (x: number) => number): Builtin =>
  builtin(name, ['x'], ([x]) => checkNum(f(num(x))));

/** frexp: x = mantissa * 2^exponent with 0.5 <= |mantissa| < 1. */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
  let m = x * Math.pow(2, -e);
  while (Math.abs(m) < 0.5) { m *= 2; e--; }
  while (Math.abs(m) >= 1) { m /= 2; e++; }
  return [m, e];
}

/** Go's math.Round: halves away from zero. */
function round(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

function minMax(name: string, pick: (a: number, b: number) => number): Builtin {
  return builtin(name, ['a', 'b'], ([a, b]) => pick(num(a), num(b)));
}

/** Numeric builtins. */
export const mathBuiltins: Builtin[] = [
  unaryMath('abs', Math.abs),
  unaryMath('sign', (x) => (x > 0 ? 1 : x < 0 ? -1 : 0)),
  unaryMath('floor', Math.floor),
  unaryMath('ceil', Math.ceil),
  unaryMath('round', round),
  unaryMath('sqrt', Math.sqrt),
  unaryMath('sin', Math.sin), unaryMath('cos', Math.cos), unaryMath('tan', Math.tan),
  unaryMath('asin', Math.asin), unaryMath('acos', Math.acos), unaryMath('atan', Math.atan),
  unaryMath('exp', Math.exp),
  unaryMath('log', Math.log), unaryMath('log2', Math.log2), unaryMath('log10', Math.log10),
  unaryMath('deg2rad', (x) => (x * Math.PI) / 180),
  unaryMath('rad2deg', (x) => (x * 180) / Math.PI),
  builtin('exponent', ['x'], ([x]) => frexp(num(x))[1]),
  builtin('mantissa', ['x'], ([x]) => frexp(num(x))[0]),
  builtin('atan2', ['y', 'x'], ([y, x]) => Math.atan2(num(y), num(x))),
  builtin('hypot', ['a', 'b'], ([a, b]) => Math.hypot(num(a), num(b))),
  builtin('pow', ['x', 'n'], ([x, n]) => checkNum(Math.pow(num(x), num(n)))),
  minMax('max', Math.max),
  minMax('min', Math.min),
  builtin('clamp', ['x', 'minVal', 'maxVal'], ([x, lo, hi]) => Math.min(Math.max(num(x), num(lo)), num(hi))),
  builtin('modulo', ['x', 'y'], ([x, y]) => {
    const d = num(y);
    if (d === 0) fail('Division by zero.');
    return num(x) % d;
  }),
  builtin('isEven', ['x'], ([x]) => isInt(x) && num(x) % 2 === 0),
  builtin('isOdd', ['x'], ([x]) => isInt(x) && Math.abs(num(x) % 2) === 1),
  builtin('isInteger', ['x'], ([x]) => isInt(x)),
  builtin('isDecimal', ['x'], ([x]) => !isInt(x)),
];

function isInt(x: Value): boolean {
  return Number.isInteger(num(x));
}
