/**
 * Jsonnet abstract syntax tree. Every node carries the position of its first token;
 * binary and postfix nodes start at their left operand, as in go-jsonnet.
 */

/** A 1-based source position. `file` is shared by all nodes of one file. */
export interface Loc {
  file: string;
  line: number;
  col: number;
}

/** A function parameter, with an optional default expression. */
export interface Param {
  name: string;
  def: Node | null;
}

/** One `name = body` binding of a `local`. Functions are desugared to `Function` bodies. */
export interface Bind {
  name: string;
  body: Node;
  loc: Loc;
}

/** Field visibility as written: `:` inherits, `::` hides, `:::` forces visible. */
export const Hide = { Inherit: 0, Hidden: 1, Visible: 2 } as const;
export type Hide = (typeof Hide)[keyof typeof Hide];

/** An object field: a fixed name or a computed `[expr]` name. */
export interface FieldNode {
  name: string | null;
  nameExpr: Node | null;
  hide: Hide;
  plus: boolean;
  body: Node;
  loc: Loc;
}

/** An object-level `assert cond : msg`. */
export interface AssertNode {
  cond: Node;
  msg: Node | null;
  loc: Loc;
}

/** One `for x in e` or `if e` clause of a comprehension. */
export type CompSpec = { kind: 'for'; id: string; expr: Node; loc: Loc } | { kind: 'if'; cond: Node; loc: Loc };

/** An expression. `k` discriminates the kind; desugaring is minimal (`a {..}` becomes `a + {..}`). */
export type Node =
  | { k: 'lit'; v: null | boolean | number | string; loc: Loc }
  | { k: 'self'; loc: Loc }
  | { k: 'dollar'; loc: Loc }
  | { k: 'var'; name: string; loc: Loc }
  | { k: 'superIndex'; index: Node; loc: Loc }
  | { k: 'inSuper'; field: Node; loc: Loc }
  | { k: 'array'; elems: Node[]; loc: Loc }
  | { k: 'arrayComp'; body: Node; specs: CompSpec[]; loc: Loc }
  | { k: 'object'; locals: Bind[]; asserts: AssertNode[]; fields: FieldNode[]; loc: Loc }
  | { k: 'objectComp'; locals: Bind[]; field: FieldNode; specs: CompSpec[]; loc: Loc }
  | { k: 'local'; binds: Bind[]; body: Node; loc: Loc }
  | { k: 'function'; params: Param[]; body: Node; name: string; loc: Loc }
  | { k: 'call'; fn: Node; args: Node[]; named: { name: string; expr: Node }[]; tailstrict: boolean; loc: Loc }
  | { k: 'index'; target: Node; index: Node; loc: Loc }
  | { k: 'slice'; target: Node; start: Node | null; end: Node | null; step: Node | null; loc: Loc }
  | { k: 'binary'; op: string; left: Node; right: Node; loc: Loc }
  | { k: 'unary'; op: string; expr: Node; loc: Loc }
  | { k: 'if'; cond: Node; then: Node; else: Node | null; loc: Loc }
  | { k: 'error'; expr: Node; loc: Loc }
  | { k: 'assert'; cond: Node; msg: Node | null; rest: Node; loc: Loc }
  | { k: 'import'; kind: 'import' | 'importstr' | 'importbin'; path: string; loc: Loc };

/** The node type for a given `k`. */
export type NodeOf<K extends Node['k']> = Extract<Node, { k: K }>;
