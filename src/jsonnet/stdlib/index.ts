import { JObject, valueField, type FieldDef } from '../objects.js';
import { slice } from '../operators.js';
import { JFunction, ready, type Builtin } from '../values.js';
import { arrayBuiltins } from './arrays.js';
import { builtin } from './builtin.js';
import { coreBuiltins } from './core.js';
import { encodingBuiltins } from './encoding.js';
import { manifestBuiltins } from './manifest.js';
import { mathBuiltins } from './math.js';
import { stringBuiltins } from './strings.js';

const sliceBuiltin = builtin('slice', ['indexable', 'index', 'end', 'step'], ([x, i, e, s]) => slice(x, i, e, s));

/** Every std builtin, by name. */
export const ALL_BUILTINS: readonly Builtin[] = [
  ...coreBuiltins, ...arrayBuiltins, ...stringBuiltins, ...mathBuiltins, ...encodingBuiltins, ...manifestBuiltins, sliceBuiltin,
];

let base: JObject | null = null;

/** The shared `std` object (hidden fields, like go-jsonnet's). */
export function stdObject(): JObject {
  if (base) return base;
  const m = new Map<string, FieldDef>();
  for (const b of ALL_BUILTINS) m.set(b.name, valueField(ready(JFunction.fromBuiltin(b, `std.${b.name}`)), true));
  m.set('pi', valueField(ready(Math.PI), true));
  base = JObject.native(m);
  return base;
}

/** `std` as seen from one file: the shared object plus a hidden `thisFile`. */
export function stdForFile(file: string): JObject {
  const m = new Map<string, FieldDef>([['thisFile', valueField(ready(file), true)]]);
  return stdObject().extend(JObject.native(m));
}
