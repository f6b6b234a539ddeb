/**
 * Evaluating the tree. Models ash.c evaltree and friends (evalloop, evalfor, evalcase,
 * evalsubshell, evalpipe): loops re-run the parsed nodes, subshells and pipeline stages are forked
 * processes, `set -e` is suppressed in conditions, traps run between commands (dotrap).
 */
import type { Node } from './ast';
import { expandPattern, expandString, expandWords } from './expand';
import { cloneFds, retain } from './io';
import type { Block } from './kernel';
import { matchPattern } from './pattern';
import { applyRedirs, restore } from './redirect';
import type { Shell } from './shell';
import { BreakErr, ExitErr } from './state';
import { evalSimple, simpleFast, SLOW } from './simple';
import { evalArithCmd, evalCond, setArray } from './bashEval';

type G<T> = Generator<Block, T, unknown>;

/**
 * Models ash evaltree: dispatch on the node type. A plain function handing back the case's own
 * generator: a generator object holds a slot for every local of its function, so one big generator
 * for every node type made each simple command in a loop allocate a large frame.
 */
export function evalNode(sh: Shell, node: Node): G<number> {
  switch (node.type) {
    case 'simple': return evalSimpleNode(sh, node);
    case 'seq': return evalSeq(sh, node.items);
    case 'and': case 'or': return evalAndOr(sh, node.left, node.right, node.type === 'and');
    case 'if': return evalIf(sh, node);
    case 'case': return evalCase(sh, node);
    case 'group': return evalGroup(sh, node.body, node.redirs);
    default: return evalOther(sh, node);
  }
}

type NodeOf<T extends Node['type']> = Extract<Node, { type: T }>;

/** After a command: $? is set, a failure outside a condition runs the ERR trap / `set -e`, pending traps run. */
function* settle(sh: Shell, status: number, bg: boolean): G<number> {
  sh.d.status = status;
  if (status !== 0 && sh.d.condDepth === 0 && !bg) yield* onFailure(sh, status);
  if (sh.p.pending.length) yield* sh.runTraps();
  return status;
}

function* evalSimpleNode(sh: Shell, node: NodeOf<'simple'>): G<number> {
  const fast = simpleFast(sh, node);
  let status = fast;
  if (fast === SLOW) {
    try {
      status = yield* evalSimple(sh, node);
    } finally {
      // An applet evalSimple handed back (external's) is over.
      sh.p.fg = null;
    }
  }
  const d = sh.d;
  if (d.dialect.bashVariables) setArray(sh, 'PIPESTATUS', [String(status)]);
  d.status = status;
  // settle, inline: nearly every command succeeds with no trap pending.
  if ((status !== 0 && d.condDepth === 0) || sh.p.pending.length) return yield* settle(sh, status, false);
  return status;
}

function* evalSeq(sh: Shell, items: readonly Node[]): G<number> {
  let status = 0;
  for (const item of items) {
    const fast = fastStatus(sh, item);
    status = fast !== SLOW ? fast : yield* evalNode(sh, item);
  }
  return status;
}

function* evalAndOr(sh: Shell, left: Node, right: Node, and: boolean): G<number> {
  const d = sh.d;
  let status: number;
  d.condDepth++;
  try {
    status = yield* evalNode(sh, left);
  } finally {
    d.condDepth--;
  }
  if ((status === 0) === and) status = yield* evalNode(sh, right);
  d.status = status;
  return status;
}

function* evalIf(sh: Shell, node: NodeOf<'if'>): G<number> {
  const d = sh.d;
  let status: number;
  d.condDepth++;
  let c: number;
  try {
    const fast = fastStatus(sh, node.cond);
    c = fast !== SLOW ? fast : yield* evalNode(sh, node.cond);
  } finally {
    d.condDepth--;
  }
  if (c === 0) {
    const fast = fastStatus(sh, node.then);
    status = fast !== SLOW ? fast : yield* evalNode(sh, node.then);
  }
  else if (node.else) {
    const fast = fastStatus(sh, node.else);
    status = fast !== SLOW ? fast : yield* evalNode(sh, node.else);
  } else status = 0;
  d.status = status;
  return status;
}

function* evalCase(sh: Shell, node: NodeOf<'case'>): G<number> {
  const d = sh.d;
  let status: number;
  sh.line = node.line;
  const word = yield* expandString(sh, node.word);
  status = 0;
  let falling = false;
  for (const item of node.items) {
    let hit = falling;
    for (const p of item.pats) {
      if (hit) break;
      hit = matchPattern(sh.k.pat, yield* expandPattern(sh, p), word);
    }
    if (!hit) continue;
    status = item.body ? yield* evalNode(sh, item.body) : 0;
    falling = item.next === 'fall';
    if (!item.next) break;
  }
  d.status = status;
  return status;
}

function* evalGroup(sh: Shell, body: Node, redirs: NodeOf<'group'>['redirs']): G<number> {
  const d = sh.d;
  let status: number;
  const saved = redirs.length ? yield* applyRedirs(sh, redirs) : [];
  if (saved === null) return (d.status = d.dialect.redirStatus);
  try {
    status = yield* evalNode(sh, body);
  } finally {
    if (saved.length) restore(sh, saved);
  }
  return status;
}

/** The other node types, then settle. */
function* evalOther(sh: Shell, node: Exclude<Node, NodeOf<'simple' | 'seq' | 'and' | 'or' | 'if' | 'case' | 'group'>>): G<number> {
  const d = sh.d;
  let status: number;
  switch (node.type) {
    case 'bg': {
      const fds = cloneFds(sh.p.fds);
      // Models ash.c forkchild: a background job of a non-interactive shell reads /dev/null.
      if (fds[0]) sh.k.closeOf(fds[0]);
      fds[0] = retain({ kind: 'null', refs: 0 });
      const child = sh.spawn(node.body, fds, true);
      d.bgPid = child.pid;
      sh.rt.jobs(sh).add(child);
      status = 0;
      break;
    }
    case 'pipe':
      status = yield* evalPipe(sh, node.cmds, node.bang);
      break;
    case 'while':
      status = yield* evalWhile(sh, node.cond, node.body, node.until);
      break;
    case 'for':
      status = yield* evalFor(sh, node.name, node.words, node.body, node.line);
      break;
    case 'subshell': {
      const saved = node.redirs.length ? yield* applyRedirs(sh, node.redirs) : [];
      if (saved === null) return (d.status = d.dialect.redirStatus);
      sh.jobs.forked();
      const child = sh.spawn(node.body, cloneFds(sh.p.fds), false, true);
      if (saved.length) restore(sh, saved);
      yield { k: 'child', pid: child.pid, intr: false };
      status = sh.reaped(child);
      break;
    }
    case 'func':
      d.funcs.set(node.name, node.body);
      status = 0;
      break;
    case 'cond':
      status = yield* evalCond(sh, node);
      break;
    case 'arith':
      status = yield* evalArithCmd(sh, node);
      break;
    case 'cfor':
      status = yield* evalCFor(sh, node);
      break;
    case 'empty':
      status = 0;
      break;
  }
  return yield* settle(sh, status, node.type === 'bg');
}

/** A command failed outside a condition: bash's ERR trap runs, then `set -e` ends the shell. */
function* onFailure(sh: Shell, status: number): G<void> {
  const d = sh.d;
  const trap = d.traps.get('ERR');
  if (trap) {
    // Commands failing inside the trap do not run it again.
    d.traps.delete('ERR');
    try {
      yield* sh.rt.evalString(sh, trap, false);
    } finally {
      d.traps.set('ERR', trap);
    }
    d.status = status;
  }
  if (d.opt.e) throw new ExitErr(status);
}

function* evalPipe(sh: Shell, cmds: readonly Node[], bang: boolean): G<number> {
  const d = sh.d;
  if (cmds.length === 1) {
    if (bang) d.condDepth++;
    let s: number;
    try {
      s = yield* evalNode(sh, cmds[0]);
    } finally {
      if (bang) d.condDepth--;
    }
    return bang ? (s === 0 ? 1 : 0) : s;
  }
  const procs = [];
  let prevRead = null;
  sh.jobs.forked();
  for (let i = 0; i < cmds.length; i++) {
    const fds = cloneFds(sh.p.fds);
    let next = null;
    if (prevRead) {
      if (fds[0]) sh.k.closeOf(fds[0]);
      fds[0] = retain(prevRead);
    }
    if (i < cmds.length - 1) {
      next = sh.k.newPipe();
      if (fds[1]) sh.k.closeOf(fds[1]);
      fds[1] = retain(next.w);
    }
    procs.push(sh.spawn(cmds[i], fds, false));
    // The parent keeps no pipe ends: only the stages hold them, so EOF and EPIPE happen.
    prevRead = next ? next.r : null;
  }
  let status = 0;
  let failed = 0;
  const statuses: string[] = [];
  for (const p of procs) {
    yield { k: 'child', pid: p.pid, intr: false };
    status = p === procs[procs.length - 1] ? sh.reaped(p) : p.status;
    statuses.push(String(status));
    if (status !== 0) failed = status;
    sh.k.procs.delete(p.pid);
  }
  if (d.dialect.bashVariables) setArray(sh, 'PIPESTATUS', statuses);
  if (d.opt.pipefail) status = failed;
  return bang ? (status === 0 ? 1 : 0) : status;
}

/** A simple command in a loop, run without generators when it can be (see simpleFast). */
function fastStatus(sh: Shell, node: Node): number {
  // An ERR trap needs the general path (it runs between commands).
  if (node.type !== 'simple' || sh.p.pending.length || sh.d.traps.has('ERR')) return SLOW;
  const s = simpleFast(sh, node);
  if (s === SLOW) return SLOW;
  const d = sh.d;
  d.status = s;
  if (d.dialect.bashVariables) setArray(sh, 'PIPESTATUS', [String(s)]);
  if (s !== 0 && d.opt.e && d.condDepth === 0) throw new ExitErr(s);
  return s;
}

/**
 * What a `break N` / `continue N` thrown out of a loop's condition or body means to this loop ('break' or
 * 'continue'), passed on (one level fewer) when it is for an outer loop; anything else is rethrown. The
 * loops catch it around the node's own generator: a generator of their own per condition and body run
 * was two objects per iteration.
 */
function loopOutcome(e: unknown): 'break' | 'continue' {
  if (!(e instanceof BreakErr)) throw e;
  if (e.n > 1) { e.n--; throw e; }
  return e.cont ? 'continue' : 'break';
}

function* evalWhile(sh: Shell, cond: Node, body: Node, until: boolean): G<number> {
  const d = sh.d;
  let status = 0;
  d.loopDepth++;
  try {
    for (;;) {
      d.condDepth++;
      let c: number | 'break' | 'continue';
      try {
        c = fastStatus(sh, cond);
        if (c === SLOW) {
          try { c = yield* evalNode(sh, cond); } catch (e) { c = loopOutcome(e); }
        }
      } finally {
        d.condDepth--;
      }
      if (c === 'break') break;
      if (c === 'continue') continue;
      if ((c === 0) === until) break;
      let r: number | 'break' | 'continue' = fastStatus(sh, body);
      if (r === SLOW) {
        try { r = yield* evalNode(sh, body); } catch (e) { r = loopOutcome(e); }
      }
      if (r === 'break') break;
      if (r !== 'continue') status = r;
    }
  } finally {
    d.loopDepth--;
  }
  return status;
}

function* evalCFor(sh: Shell, node: Extract<Node, { type: 'cfor' }>): G<number> {
  const d = sh.d;
  sh.line = node.line;
  if (node.init) sh.arithOf(yield* expandString(sh, node.init));
  let status = 0;
  d.loopDepth++;
  try {
    while (!node.cond || sh.arithOf(yield* expandString(sh, node.cond)) !== 0) {
      sh.k.charge();
      let r: number | 'break' | 'continue' = fastStatus(sh, node.body);
      if (r === SLOW) {
        try { r = yield* evalNode(sh, node.body); } catch (e) { r = loopOutcome(e); }
      }
      if (r === 'break') break;
      if (r !== 'continue') status = r;
      if (node.step) sh.arithOf(yield* expandString(sh, node.step));
    }
  } finally {
    d.loopDepth--;
  }
  return status;
}

function* evalFor(sh: Shell, name: string, words: Node extends never ? never : readonly import('./ast').Word[] | null, body: Node, line: number): G<number> {
  const d = sh.d;
  sh.line = line;
  const items = words === null ? d.pos.slice() : yield* expandWords(sh, words);
  let status = 0;
  d.loopDepth++;
  try {
    for (const v of items) {
      sh.assign(name, v);
      let r: number | 'break' | 'continue' = fastStatus(sh, body);
      if (r === SLOW) {
        try { r = yield* evalNode(sh, body); } catch (e) { r = loopOutcome(e); }
      }
      if (r === 'break') break;
      if (r !== 'continue') status = r;
    }
  } finally {
    d.loopDepth--;
  }
  return status;
}
