/** The Python AST the parser builds: CPython's `ast` node kinds for the subset, with their positions. */

/** Position as CPython's ast: 1-based lines, 0-based columns, end exclusive. */
export interface Pos { line: number; col: number; endLine: number; endCol: number }

export type Expr = Pos & (
  | { type: 'Const'; value: null | boolean | bigint | number | string; bytes?: boolean }
  | { type: 'FStr'; parts: (string | { expr: Expr; conv: string; spec: Expr | null; self: string })[] }
  | { type: 'Name'; id: string }
  | { type: 'Attr'; obj: Expr; attr: string }
  | { type: 'Sub'; obj: Expr; index: Expr }
  | { type: 'Slice'; lo: Expr | null; hi: Expr | null; step: Expr | null }
  | { type: 'Call'; fn: Expr; args: Arg[] }
  | { type: 'Bin'; op: string; left: Expr; right: Expr }
  | { type: 'Unary'; op: string; arg: Expr }
  | { type: 'Bool'; op: 'and' | 'or'; values: Expr[] }
  | { type: 'Cmp'; left: Expr; ops: string[]; rights: Expr[] }
  | { type: 'IfExp'; test: Expr; body: Expr; orelse: Expr }
  | { type: 'List' | 'Tuple' | 'Set'; items: Expr[] }
  | { type: 'Dict'; keys: (Expr | null)[]; values: Expr[] }
  | { type: 'Comp'; kind: 'list' | 'set' | 'gen' | 'dict'; elt: Expr; value: Expr | null; gens: CompFor[] }
  | { type: 'Lambda'; params: Param[]; body: Expr }
  | { type: 'Starred'; value: Expr }
  | { type: 'Walrus'; target: string; value: Expr }
);

export interface CompFor { target: Expr; iter: Expr; ifs: Expr[] }
export interface Arg { name: string | null; star: '' | '*' | '**'; value: Expr }
export interface Param { name: string; star: '' | '*' | '**'; def: Expr | null }

export interface Handler { types: Expr | null; name: string | null; body: Stmt[]; line: number }

export type Stmt = Pos & (
  | { type: 'Expr'; value: Expr }
  | { type: 'Assign'; targets: Expr[]; value: Expr }
  | { type: 'AugAssign'; target: Expr; op: string; value: Expr }
  | { type: 'AnnAssign'; target: Expr; value: Expr | null }
  | { type: 'If'; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { type: 'While'; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { type: 'For'; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
  | { type: 'Break' | 'Continue' | 'Pass' }
  | { type: 'Def'; name: string; params: Param[]; body: Stmt[]; decorators: Expr[] }
  | { type: 'Class'; name: string; bases: Expr[]; body: Stmt[] }
  | { type: 'Return'; value: Expr | null }
  | { type: 'Try'; body: Stmt[]; handlers: Handler[]; orelse: Stmt[]; final: Stmt[] }
  | { type: 'Raise'; exc: Expr | null; cause: Expr | null }
  | { type: 'Import'; names: { name: string; as: string | null }[] }
  | { type: 'ImportFrom'; module: string; names: { name: string; as: string | null }[] }
  | { type: 'Global' | 'Nonlocal'; names: string[] }
  | { type: 'With'; items: { ctx: Expr; as: Expr | null }[]; body: Stmt[] }
  | { type: 'Assert'; test: Expr; msg: Expr | null }
  | { type: 'Del'; targets: Expr[] }
);

export type ExprOf<T extends Expr['type']> = Extract<Expr, { type: T }>;
export type StmtOf<T extends Stmt['type']> = Extract<Stmt, { type: T }>;
