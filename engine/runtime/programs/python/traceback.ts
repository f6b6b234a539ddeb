/**
 * CPython 3.13's exception display (Lib/traceback.py, which the default excepthook uses): the
 * `Traceback (most recent call last):` header, one `File "…", line N, in NAME` entry per frame with the
 * source line and its caret line (`~` around, `^` at the anchor of a binary operator, subscript or
 * call; none when the instruction is the whole line), chained exceptions, and SyntaxError's
 * caret display.
 */
import type { Expr, Pos, Stmt } from './ast';
import type { PySyntaxError } from './lexer';
import { str, type InstHook } from './ops';
import type { PyInst, TbEntry } from './values';

function qualifiedName(e: PyInst): string {
  const m = e.cls.module;
  return m === 'builtins' || m === '__main__' ? e.cls.name : `${m}.${e.cls.name}`;
}

/** The caret anchors [start, end) within the line, for BinOp, Subscript and Call nodes. */
function anchors(node: Expr | Stmt, line: string): [number, number] | null {
  const after = (from: number, ok: (c: string) => boolean) => {
    let i = from;
    while (i < line.length && !ok(line[i])) i++;
    return i;
  };
  switch (node.type) {
    case 'Bin': {
      if (node.left.endLine !== node.line) return null;
      const op = after(node.left.endCol, (c) => !/\s/.test(c) && c !== ')');
      let right = op + 1;
      if (right < line.length && right < node.right.col && !/\s/.test(line[right]) && !'\\#'.includes(line[right])) right++;
      return [op, right];
    }
    case 'Sub': return node.obj.endLine === node.line ? [after(node.obj.endCol, (c) => c === '['), node.endCol] : null;
    case 'Call': return node.fn.endLine === node.line ? [after(node.fn.endCol, (c) => c === '('), node.endCol] : null;
  }
  return null;
}

/** `return f(…)` and `x = f(…)` spanning the whole line show no carets (traceback._should_show_carets). */
function fullLineCall(stmt: Stmt | null, node: Pos): boolean {
  if (!stmt) return false;
  const v = stmt.type === 'Return' && stmt.value?.type === 'Call' && stmt.value.fn.type === 'Name' ? stmt.value
    : stmt.type === 'Assign' && stmt.targets.length === 1 && stmt.targets[0].type === 'Name' && stmt.value.type === 'Call' ? stmt.value : null;
  return v !== null && v.line === node.line && v.endLine === node.endLine && v.col === node.col && v.endCol === node.endCol;
}

function frameLines(entry: TbEntry, source: string | undefined): string {
  let out = `  File "${entry.file}", line ${entry.line}, in ${entry.name}\n`;
  if (source === undefined) return out;
  const raw = source.split('\n')[entry.line - 1];
  if (raw === undefined || raw.trim() === '') return out;
  const text = raw.replace(/\s+$/, '');
  const indent = text.length - text.replace(/^[ \t\f]+/, '').length;
  const shown = text.slice(indent);
  out += `    ${shown}\n`;
  const node = entry.node;
  if (!node || node.line !== entry.line || node.endLine !== node.line) return out;
  const start = node.col;
  const end = Math.min(node.endCol, text.length);
  const anc = anchors(node, text);
  // traceback.py parses the whole line: the return/assign rule applies only to a statement that starts it.
  const show = !(fullLineCall(entry.stmt ?? null, node) && entry.stmt?.col === indent) && (anc !== null || text.slice(0, start).trim() !== '' || text.slice(end).trim() !== '');
  if (!show) return out;
  let carets = '';
  for (let c = indent; c < end; c++) {
    if (c < start) carets += ' ';
    else if (anc && c >= anc[0] && c < anc[1]) carets += '^';
    else carets += anc ? '~' : '^';
  }
  return out + `    ${carets}\n`;
}

function oneException(e: PyInst, sources: ReadonlyMap<string, string>, hook: InstHook): string {
  let out = '';
  if (e.tb && e.tb.length) {
    out += 'Traceback (most recent call last):\n';
    // traceback.py shows a line repeated more than 3 times in a row once per repetition up to 3, then a count.
    let last = '';
    let repeats = 0;
    const flush = () => { if (repeats > 3) out += `  [Previous line repeated ${repeats - 3} more time${repeats - 3 > 1 ? 's' : ''}]\n`; };
    for (const entry of e.tb) {
      const text = frameLines(entry, sources.get(entry.file));
      if (text === last) { repeats++; if (repeats <= 3) out += text; continue; }
      flush();
      last = text;
      repeats = 1;
      out += text;
    }
    flush();
  }
  const msg = str(e, hook);
  return out + (msg === '' ? `${qualifiedName(e)}\n` : `${qualifiedName(e)}: ${msg}\n`);
}

/** The whole display of an uncaught exception, causes and contexts first. */
export function formatException(e: PyInst, sources: ReadonlyMap<string, string>, hook: InstHook, seen = new Set<PyInst>()): string {
  seen.add(e);
  let prefix = '';
  if (e.cause && !seen.has(e.cause)) {
    prefix = formatException(e.cause, sources, hook, seen) + '\nThe above exception was the direct cause of the following exception:\n\n';
  } else if (e.context && !e.suppress && !seen.has(e.context)) {
    prefix = formatException(e.context, sources, hook, seen) + '\nDuring handling of the above exception, another exception occurred:\n\n';
  }
  return prefix + oneException(e, sources, hook);
}

/** A SyntaxError as CPython prints it: file and line, the stripped source line, carets, the message. */
export function formatSyntaxError(err: PySyntaxError, file: string, source: string): string {
  const raw = source.split('\n')[err.line - 1] ?? '';
  const text = raw.replace(/\n$/, '');
  const stripped = text.replace(/^[ \n\f\t]+/, '');
  const spaces = text.length - stripped.length;
  let out = `  File "${file}", line ${err.line}\n`;
  if (stripped.trim() !== '' || err.col >= 0) out += `    ${stripped.replace(/\s+$/, '')}\n`;
  if (err.col >= 0) {
    const start = Math.max(0, err.col - spaces);
    const width = Math.max(1, err.endCol - err.col);
    out += `    ${' '.repeat(start)}${'^'.repeat(width)}\n`;
  }
  return out + `${err.kind}: ${err.message}\n`;
}
