import { manifestIni, manifestPython, manifestPythonVars, manifestXmlJsonml, manifestYamlDoc, manifestYamlStream } from '../manifest-formats.js';
import { manifestTomlEx } from '../manifest-toml.js';
import { manifestJson } from '../manifest.js';
import { type Builtin, type Value } from '../values.js';
import { bool, builtin, str } from './builtin.js';

const opt = (v: Value | undefined, dflt: boolean) => (v === undefined ? dflt : bool(v));

/** std.manifest* builtins. */
export const manifestBuiltins: Builtin[] = [
  builtin('manifestJson', ['value'], ([v]) => manifestJson(v, { indent: '    ', newline: '\n', kvSep: ': ' })),
  builtin('manifestJsonMinified', ['value'], ([v]) => manifestJson(v, { indent: '', newline: '', kvSep: ':' })),
  builtin('manifestJsonEx', ['value', 'indent', 'newline?', 'key_val_sep?'], ([v, i, n, s]) =>
    manifestJson(v, { indent: str(i), newline: n === undefined ? '\n' : str(n), kvSep: s === undefined ? ': ' : str(s) })),
  builtin('manifestYamlDoc', ['value', 'indent_array_in_object?', 'quote_keys?'], ([v, i, q]) =>
    manifestYamlDoc(v, opt(i, false), opt(q, true))),
  builtin('manifestYamlStream', ['value', 'indent_array_in_object?', 'c_document_end?', 'quote_keys?'], ([v, i, d, q]) =>
    manifestYamlStream(v, opt(i, false), opt(d, true), opt(q, true))),
  builtin('manifestIni', ['ini'], ([v]) => manifestIni(v)),
  builtin('manifestPython', ['v'], ([v]) => manifestPython(v)),
  builtin('manifestPythonVars', ['conf'], ([v]) => manifestPythonVars(v)),
  builtin('manifestXmlJsonml', ['value'], ([v]) => manifestXmlJsonml(v)),
  builtin('manifestTomlEx', ['value', 'indent'], ([v, i]) => manifestTomlEx(v, str(i))),
  builtin('manifestToml', ['value'], ([v]) => manifestTomlEx(v, '  ')),
];
