/** The JavaScript AST of the subset: ESTree's node kinds, trimmed, with 1-based lines and 0-based columns. */

export interface At { line: number; col: number; end: number }

export type Node = At & (
  | { type: 'Num'; value: number }
  | { type: 'Str'; value: string }
  | { type: 'Tmpl'; parts: string[]; exprs: Node[] }
  | { type: 'Ident'; name: string }
  | { type: 'Lit'; value: boolean | null | undefined }
  | { type: 'This' }
  | { type: 'Arr'; elems: (Node | null)[] }
  | { type: 'Obj'; props: Prop[] }
  | { type: 'Func'; name: string; params: Node[]; body: Node[] | Node; arrow: boolean; isAsync: boolean; src: string }
  | { type: 'Class'; name: string; base: Node | null; methods: { name: string; fn: Node; isStatic: boolean }[] }
  | { type: 'Unary'; op: string; arg: Node }
  | { type: 'Update'; op: '++' | '--'; prefix: boolean; arg: Node }
  | { type: 'Bin'; op: string; left: Node; right: Node; opCol: number }
  | { type: 'Logical'; op: '&&' | '||' | '??'; left: Node; right: Node }
  | { type: 'Cond'; test: Node; then: Node; else: Node }
  | { type: 'Assign'; op: string; target: Node; value: Node; opCol: number }
  | { type: 'Call'; callee: Node; args: Node[]; optional: boolean; src: string }
  | { type: 'New'; callee: Node; args: Node[] }
  | { type: 'Member'; obj: Node; prop: string | Node; optional: boolean; propCol: number; src: string }
  | { type: 'Seq'; exprs: Node[] }
  | { type: 'Spread'; arg: Node }
  | { type: 'Await'; arg: Node }
  /** Patterns. */
  | { type: 'ArrPat'; elems: (Node | null)[] }
  | { type: 'ObjPat'; props: { key: string | Node; value: Node }[]; rest: Node | null }
  | { type: 'Default'; target: Node; value: Node }
  | { type: 'Rest'; arg: Node }
  /** Statements. */
  | { type: 'Var'; kind: 'var' | 'let' | 'const'; decls: { id: Node; init: Node | null }[] }
  | { type: 'FuncDecl'; fn: Node & { type: 'Func' } }
  | { type: 'ClassDecl'; cls: Node & { type: 'Class' } }
  | { type: 'Return'; value: Node | null }
  | { type: 'If'; test: Node; then: Node; else: Node | null }
  | { type: 'For'; init: Node | null; test: Node | null; update: Node | null; body: Node }
  | { type: 'ForOf' | 'ForIn'; decl: 'var' | 'let' | 'const' | null; target: Node; iter: Node; body: Node }
  | { type: 'While'; test: Node; body: Node }
  | { type: 'DoWhile'; test: Node; body: Node }
  | { type: 'Break' | 'Continue'; label: string | null }
  | { type: 'Throw'; value: Node }
  | { type: 'Try'; block: Node[]; param: Node | null; handler: Node[] | null; finalizer: Node[] | null }
  | { type: 'Block'; body: Node[] }
  | { type: 'ExprStmt'; expr: Node }
  | { type: 'Switch'; disc: Node; cases: { test: Node | null; body: Node[] }[] }
  | { type: 'Labeled'; label: string; body: Node }
  | { type: 'Empty' }
);

export interface Prop { kind: 'init' | 'spread' | 'get' | 'set'; key: string | Node; value: Node }

export type NodeOf<T extends Node['type']> = Extract<Node, { type: T }>;
