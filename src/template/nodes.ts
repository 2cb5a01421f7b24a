/**
 * The parse tree, shaped like Go's text/template/parse nodes. Every node keeps `pos` (offset
 * in the original text) for error positions; operands also keep `end` so messages can quote
 * their source text exactly as written.
 */

/** A name being declared or assigned by a pipeline (`$x :=` / `$x =`). */
export interface VarDecl {
  name: string;
  pos: number;
}

/** `decl? command ('|' command)*` */
export interface PipeNode {
  kind: 'pipe';
  pos: number;
  end: number;
  decl: VarDecl[];
  isAssign: boolean;
  cmds: CommandNode[];
}

/** One pipeline stage: an operand followed by arguments. */
export interface CommandNode {
  pos: number;
  args: ArgNode[];
}

export type ArgNode =
  | { kind: 'field'; pos: number; end: number; idents: string[] }
  | { kind: 'variable'; pos: number; end: number; name: string; idents: string[] }
  | { kind: 'chain'; pos: number; end: number; node: ArgNode; idents: string[] }
  | { kind: 'ident'; pos: number; end: number; name: string }
  | { kind: 'dot'; pos: number; end: number }
  | { kind: 'nil'; pos: number; end: number }
  | { kind: 'bool'; pos: number; end: number; value: boolean }
  | { kind: 'number'; pos: number; end: number; value: number }
  | { kind: 'string'; pos: number; end: number; value: string }
  | PipeNode;

export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pos: number; pipe: PipeNode }
  | { kind: 'if' | 'with' | 'range'; pos: number; pipe: PipeNode; list: Node[]; elseList?: Node[] }
  | { kind: 'template'; pos: number; name: string; pipe?: PipeNode }
  | { kind: 'break' | 'continue'; pos: number };

/** Whether a list holds only blank text (Go lets such a definition be replaced). */
export function isEmptyList(list: Node[]): boolean {
  return list.every((n) => n.kind === 'text' && n.text.trim() === '');
}
