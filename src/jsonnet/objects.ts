import { Hide, type AssertNode, type Bind, type Loc, type Node } from './ast.js';
import { fail } from './errors.js';
import { cmpStr } from './strings.js';
import { DOLLAR, SELF, SUPER, childEnv, type Env, type Lazy, type Value } from './values.js';

/** What objects need from the interpreter: evaluate a node, and `+` for `field+:` composition. */
export interface ObjectHost {
  evalNode(node: Node, env: Env): Value;
  plus(a: Value, b: Value, loc: Loc): Value;
  lazy(node: Node, env: Env): Lazy;
  fieldFrame(err: unknown, loc: Loc, name: string): void;
  runAssert(a: AssertNode, env: Env): void;
}

/** One field of a layer: either a body evaluated against `self`, or a precomputed value. */
export interface FieldDef {
  hide: Hide;
  plus: boolean;
  body: Node | null;
  /** Captured environment of the body (without self; comprehension fields each have their own). */
  env: Env | null;
  value: Lazy | null;
  loc: Loc | null;
}

/** One object literal's contribution: `a + b` concatenates the layers of a and b. */
export interface Layer {
  fields: Map<string, FieldDef>;
  locals: Bind[];
  asserts: AssertNode[];
  env: Env | null;
  host: ObjectHost | null;
}

/** A field of a natively built object (visible unless `hidden`). */
export function valueField(value: Lazy, hidden = false): FieldDef {
  return { hide: hidden ? Hide.Hidden : Hide.Inherit, plus: false, body: null, env: null, value, loc: null };
}

/**
 * A Jsonnet object: a stack of layers (left = base, right = most derived) with late-bound
 * `self`. Field values are evaluated on demand and cached per object, so `self` always refers to
 * the composed object and `super` to the layers left of the one defining the field.
 */
export class JObject {
  private cache = new Map<string, Value>();
  private envs: (Map<Env | null, Env> | undefined)[] = [];
  private assertState = 0;
  private visibility: Map<string, boolean> | null = null;
  private sorted: { all: string[]; visible: string[] } | null = null;
  private evaluating: Set<string> | null = null;

  constructor(readonly layers: Layer[]) {}

  /** An object with one layer of precomputed fields (parseJson, std functions, ext vars). */
  static native(fields: Map<string, FieldDef>): JObject {
    return new JObject([{ fields, locals: [], asserts: [], env: null, host: null }]);
  }

  /** Builds a plain object from (name, lazy value) pairs, all visible. */
  static fromEntries(entries: Iterable<[string, Lazy]>): JObject {
    const m = new Map<string, FieldDef>();
    for (const [k, v] of entries) m.set(k, valueField(v));
    return JObject.native(m);
  }

  /** `this + right`: inheritance. */
  extend(right: JObject): JObject {
    return new JObject(this.layers.concat(right.layers));
  }

  /** Index of the right-most layer below `upTo` defining `name`, or -1. */
  find(name: string, upTo = this.layers.length): number {
    for (let i = upTo - 1; i >= 0; i--) if (this.layers[i].fields.has(name)) return i;
    return -1;
  }

  /** Whether the object has the field; hidden fields count only with `includeHidden`. */
  has(name: string, includeHidden: boolean): boolean {
    const v = this.visibleMap().get(name);
    return v === undefined ? false : includeHidden || v;
  }

  /** Field names sorted by code point; hidden ones only with `includeHidden`. */
  fields(includeHidden: boolean): string[] {
    if (!this.sorted) {
      const all = [...this.visibleMap().keys()].sort(cmpStr);
      this.sorted = { all, visible: all.filter((k) => this.visibility!.get(k)) };
    }
    return includeHidden ? this.sorted.all : this.sorted.visible;
  }

  private visibleMap(): Map<string, boolean> {
    if (this.visibility) return this.visibility;
    const m = new Map<string, boolean>();
    const decided = new Set<string>();
    for (let i = this.layers.length - 1; i >= 0; i--) {
      for (const [k, f] of this.layers[i].fields) {
        if (!m.has(k)) m.set(k, true);
        if (!decided.has(k) && f.hide !== Hide.Inherit) {
          decided.add(k);
          m.set(k, f.hide === Hide.Visible);
        }
      }
    }
    this.visibility = m;
    return m;
  }

  /** The value of field `name` (hidden or not). Fails with "Field does not exist" if absent. */
  get(name: string): Value {
    const c = this.cache.get(name);
    if (c !== undefined || this.cache.has(name)) return c as Value;
    this.checkAsserts();
    const i = this.find(name);
    if (i < 0) fail(`Field does not exist: ${name}`);
    // A field whose value needs itself can never finish: report it instead of overflowing.
    const busy = (this.evaluating ??= new Set());
    if (busy.has(name)) fail(`Infinite recursion: field ${name} depends on itself`);
    busy.add(name);
    try {
      const v = this.evalField(name, i);
      this.cache.set(name, v);
      return v;
    } finally {
      busy.delete(name);
    }
  }

  /** Where the most derived definition of `name` is, when it was written in Jsonnet. */
  fieldLoc(name: string): Loc | null {
    const i = this.find(name);
    return i < 0 ? null : this.layers[i].fields.get(name)!.loc;
  }

  /** `super[name]` as seen from layer `layer`: the field from the layers left of it. */
  getSuper(name: string, layer: number): Value {
    const i = this.find(name, layer);
    if (i < 0) fail(`Field does not exist: ${name}`);
    return this.evalField(name, i);
  }

  private evalField(name: string, i: number): Value {
    const layer = this.layers[i];
    const f = layer.fields.get(name)!;
    if (f.value) return f.value.get();
    const host = layer.host!;
    let v: Value;
    try {
      v = host.evalNode(f.body!, this.layerEnv(i, f.env));
    } catch (err) {
      host.fieldFrame(err, f.loc!, name);
      throw err;
    }
    if (f.plus && this.find(name, i) >= 0) v = host.plus(this.getSuper(name, i), v, f.loc!);
    return v;
  }

  /** The environment for bodies of layer `i`: captured env + self, super depth, $ and object locals. */
  layerEnv(i: number, captured: Env | null): Env {
    let m = this.envs[i];
    if (!m) m = this.envs[i] = new Map();
    let env = m.get(captured);
    if (env) return env;
    env = childEnv(captured);
    env[SELF] = this;
    env[SUPER] = i;
    if (!captured || captured[DOLLAR] === undefined) env[DOLLAR] = this;
    const layer = this.layers[i];
    for (const b of layer.locals) env[b.name] = layer.host!.lazy(b.body, env);
    m.set(captured, env);
    return env;
  }

  /** Runs the object's assertions once (they see this object as `self`). */
  checkAsserts(): void {
    if (this.assertState !== 0) return;
    this.assertState = 1;
    try {
      for (let i = 0; i < this.layers.length; i++) {
        const layer = this.layers[i];
        for (const a of layer.asserts) layer.host!.runAssert(a, this.layerEnv(i, layer.env));
      }
      this.assertState = 2;
    } finally {
      if (this.assertState === 1) this.assertState = 0;
    }
  }
}
