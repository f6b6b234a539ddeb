/**
 * Word expansion in POSIX order: tilde, parameters, command substitution, arithmetic, then field
 * splitting on IFS and pathname expansion of unquoted results. Models ash.c expandarg/argstr/
 * ifsbreakup/expandmeta. There is no brace expansion in ash: `{1..3}` stays one word.
 */
import type { ParamPart, Part, Word } from './ast';
import type { Block } from './kernel';
import { escapeGlob, hasGlob, removeAffix, replacePattern, unescapeGlob } from './pattern';
import { globPath } from './glob';
import { braceWords } from './brace';
import { arrayElement, arrayKeys, arrayValues } from './bashEval';
import type { Shell } from './shell';

type G<T> = Generator<Block, T, unknown>;

/**
 * Fields under construction. `pat` mirrors `cur` with quoted characters escaped; it is built only once a live
 * glob character appears (escaping every quoted value is linear in its size: "$s x" in a loop was quadratic),
 * until then `quotedAt` keeps where the quoted pieces of `cur` start and end.
 */
class Fields {
  out: string[] = [];
  pats: (string | null)[] = [];
  cur = '';
  pat = '';
  private quotedAt: number[] = [];
  glob = false;
  has = false;
  justEnded = false;
  constructor(readonly splitting: boolean) {}

  quoted(s: string): void {
    if (this.glob) this.pat += escapeGlob(s);
    else if (s !== '') this.quotedAt.push(this.cur.length, this.cur.length + s.length);
    this.cur += s;
    this.has = true;
    this.justEnded = false;
  }
  literal(s: string): void {
    this.cur += s;
    if (this.glob) this.pat += s;
    else if (hasGlob(s)) this.startGlob();
    this.has = true;
    this.justEnded = false;
  }
  /** `cur` as a pattern: its quoted pieces escaped. */
  pattern(): string {
    if (this.glob) return this.pat;
    const q = this.quotedAt;
    let p = '';
    let at = 0;
    for (let i = 0; i < q.length; i += 2) { p += this.cur.slice(at, q[i]) + escapeGlob(this.cur.slice(q[i], q[i + 1])); at = q[i + 1]; }
    return p + this.cur.slice(at);
  }
  private startGlob(): void {
    this.pat = this.pattern();
    this.glob = true;
    this.quotedAt.length = 0;
  }
  end(): void {
    this.out.push(this.cur);
    this.pats.push(this.glob ? this.pat : null);
    this.cur = this.pat = '';
    this.quotedAt.length = 0;
    this.glob = this.has = false;
  }
  /** An unquoted expansion result: split on IFS, keep glob characters live. */
  split(s: string, ifs: string): void {
    if (!this.splitting || ifs === '') { if (s !== '') this.literal(s); return; }
    let plain = s !== '';
    for (let i = 0; i < s.length && plain; i++) if (ifs.indexOf(s[i]) >= 0) plain = false;
    if (plain) { this.literal(s); return; }
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (ifs.indexOf(c) < 0) {
        this.cur += c;
        if (this.glob) this.pat += c;
        else if (c === '*' || c === '?' || c === '[') this.startGlob();
        this.has = true;
        this.justEnded = false;
      } else if (c === ' ' || c === '\t' || c === '\n') {
        if (this.has) { this.end(); this.justEnded = true; }
      } else if (this.has) { this.end(); this.justEnded = false; } else if (this.justEnded) this.justEnded = false;
      else this.end();
    }
  }
}

/** Expand command arguments: a list of fields after splitting and globbing. */
export function* expandWords(sh: Shell, words: readonly Word[]): G<string[]> {
  const out: string[] = [];
  for (const w of sh.d.dialect.bashSyntax ? words.flatMap(braceWords) : words) {
    if (w.sync) { expandOneSync(sh, w, out); continue; }
    const f = new Fields(true);
    yield* addParts(sh, f, w.parts, false);
    fieldsOut(sh, f, out);
  }
  return out;
}

/** expandWords for words without command substitution: no generator on the way. */
export function expandWordsSync(sh: Shell, words: readonly Word[]): string[] {
  if (!sh.d.dialect.bashSyntax && allLiteral(words)) return words.map(literalOf);
  const out: string[] = [];
  if (sh.d.dialect.bashSyntax) words = words.flatMap(braceWords);
  for (let i = 0; i < words.length; i++) expandOneSync(sh, words[i], out);
  return out;
}

/** Words that expand to themselves (`sleep 30`): argv is made at its size instead of grown push by push. */
function allLiteral(words: readonly Word[]): boolean {
  for (let i = 0; i < words.length; i++) if (words[i].lit === null) return false;
  return true;
}

const literalOf = (w: Word): string => w.lit!;

function expandOneSync(sh: Shell, w: Word, out: string[]): void {
  if (w.lit !== null) { out.push(w.lit); return; }
  const parts = w.parts;
  // Hot shapes ($x, "$x", $((…))): skip the field builder when nothing can split or glob.
  if (parts.length === 1) {
    const p = parts[0];
    if (p.t === 'param' && p.op === null && !p.index && p.name !== '@' && p.name !== '*') {
      const val = sh.getParam(p.name);
      if (val !== undefined && (p.quoted || (isPlain(val) && ifsOf(sh) === ' \t\n'))) {
        if (p.quoted || val !== '') out.push(val);
        return;
      }
    } else if (p.t === 'arith' && ifsOf(sh) === ' \t\n') {
      out.push(String(arithValue(sh, expandStringSync(sh, p.expr))));
      return;
    }
  }
  const f = new Fields(true);
  addPartsSync(sh, f, parts, false);
  fieldsOut(sh, f, out);
}

/** Text without blanks or glob characters: one field, unchanged, under the default IFS. */
function isPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // space, tab, newline, *, ?, [
    if (c === 32 || c === 9 || c === 10 || c === 42 || c === 63 || c === 91) return false;
  }
  return true;
}

function fieldsOut(sh: Shell, f: Fields, out: string[]): void {
  if (f.has) f.end();
  for (let i = 0; i < f.out.length; i++) {
    const pat = f.pats[i];
    if (pat !== null && !sh.d.opt.f) {
      const matches = globPath(sh, pat);
      if (matches.length) { out.push(...matches); continue; }
      out.push(unescapeGlob(pat));
      continue;
    }
    out.push(f.out[i]);
  }
}

/** Expand to one string without splitting or globbing (assignments, case words, here-docs). */
export function* expandString(sh: Shell, w: Word): G<string> {
  if (w.lit !== null) return w.lit;
  if (w.sync) return expandStringSync(sh, w);
  const f = new Fields(false);
  yield* addParts(sh, f, w.parts, false);
  return f.cur;
}

export function expandStringSync(sh: Shell, w: Word): string {
  if (w.lit !== null) return w.lit;
  const parts = w.parts;
  if (parts.length === 1) {
    const p = parts[0];
    if (p.t === 'arith') return String(arithValue(sh, expandStringSync(sh, p.expr)));
    if (p.t === 'param' && p.op === null && !p.index && p.name !== '@' && p.name !== '*') {
      const val = sh.getParam(p.name);
      if (val !== undefined) return val;
    }
  }
  const f = new Fields(false);
  addPartsSync(sh, f, parts, false);
  return f.cur;
}

/** Expand as a pattern: quoted characters escaped, unquoted ones live. */
export function* expandPattern(sh: Shell, w: Word): G<string> {
  if (w.lit !== null) return escapeGlob(w.lit);
  const f = new Fields(false);
  if (w.sync) addPartsSync(sh, f, w.parts, false);
  else yield* addParts(sh, f, w.parts, false);
  return f.pattern();
}

/** Redirection target: one field (ash does not glob it in a non-interactive shell). */
export function* expandTarget(sh: Shell, w: Word): G<string> {
  return yield* expandString(sh, w);
}

function ifsOf(sh: Shell): string {
  const v = sh.d.vars.get('IFS');
  return v === undefined ? ' \t\n' : v;
}

function arithValue(sh: Shell, text: string): number {
  return sh.arithOf(text);
}

/** Drive a generator that cannot block (its words are sync) to its result. */
function runSync<T>(g: G<T>): T {
  const r = g.next();
  if (r.done) return r.value;
  throw new Error('internal: a synchronous expansion tried to block');
}

function addPartsSync(sh: Shell, f: Fields, parts: readonly Part[], inDq: boolean): void {
  for (let i = 0; i < parts.length; i++) addPartSync(sh, f, parts[i], inDq);
}

function addPartSync(sh: Shell, f: Fields, p: Part, inDq: boolean): void {
  switch (p.t) {
    case 'lit':
      if (inDq) f.quoted(p.v);
      else f.literal(p.v);
      return;
    case 'q':
      f.quoted(p.v);
      return;
    case 'dq':
      // "$@" with no positional parameters produces no field at all.
      if (p.parts.length === 1 && p.parts[0].t === 'param' && p.parts[0].name === '@' && p.parts[0].op === null && sh.d.pos.length === 0) return;
      f.has = true;
      addPartsSync(sh, f, p.parts, true);
      return;
    case 'tilde': {
      const home = p.user === '' ? sh.d.vars.get('HOME') ?? '' : sh.homeOf(p.user);
      if (home === null) f.literal('~' + p.user);
      else f.quoted(home);
      return;
    }
    case 'param': {
      const quoted = inDq || p.quoted;
      if (p.op !== null || p.index || p.name === '@' || p.name === '*') { runSync(addParam(sh, f, p, quoted)); return; }
      const val = sh.getParam(p.name);
      if (val === undefined) {
        if (sh.d.opt.u && !isSpecial(p.name)) unbound(sh, p.name);
        return;
      }
      if (quoted) f.quoted(val);
      else f.split(val, ifsOf(sh));
      return;
    }
    case 'arith': {
      const n = String(arithValue(sh, expandStringSync(sh, p.expr)));
      if (inDq || p.quoted) f.quoted(n);
      else f.split(n, ifsOf(sh));
      return;
    }
    case 'cmd':
      throw new Error('internal: command substitution in a sync word');
  }
}

function* addParts(sh: Shell, f: Fields, parts: readonly Part[], inDq: boolean): G<void> {
  for (const p of parts) {
    switch (p.t) {
      case 'dq':
        if (p.parts.length === 1 && p.parts[0].t === 'param' && p.parts[0].name === '@' && p.parts[0].op === null && sh.d.pos.length === 0) break;
        f.has = true;
        yield* addParts(sh, f, p.parts, true);
        break;
      case 'param':
        yield* addParam(sh, f, p, inDq || p.quoted);
        break;
      case 'cmd': {
        let s = yield* sh.commandSubst(p.body);
        let e = s.length;
        while (e > 0 && s.charCodeAt(e - 1) === 10) e--;
        s = s.slice(0, e);
        if (inDq || p.quoted) f.quoted(s);
        else f.split(s, ifsOf(sh));
        break;
      }
      case 'arith': {
        const n = String(arithValue(sh, yield* expandString(sh, p.expr)));
        if (inDq || p.quoted) f.quoted(n);
        else f.split(n, ifsOf(sh));
        break;
      }
      default:
        addPartSync(sh, f, p, inDq);
    }
  }
}

/** "$@"-like fields from a list ($@, $*, ${a[@]}, ${a[*]}). */
function addList(sh: Shell, f: Fields, list: readonly string[], star: boolean, quoted: boolean): void {
  const ifs = ifsOf(sh);
  if (quoted && star) { f.quoted(list.join(ifs === '' ? '' : ifs[0] ?? ' ')); return; }
  for (let i = 0; i < list.length; i++) {
    if (i > 0 && (quoted || f.has)) f.end();
    if (quoted) f.quoted(list[i]);
    else f.split(list[i], ifs);
  }
}

function* addParam(sh: Shell, f: Fields, p: ParamPart, quoted: boolean): G<void> {
  const name = p.name;
  let val: string | undefined;
  if (p.op === 'bad') {
    // raise_error_syntax names the line the parser has reached, not the command's.
    if (sh.parseLine) sh.line = sh.parseLine();
    return sh.fatal(sh.d.dialect.msg.badSubst(name));
  }
  if (p.op === 'keys') { addList(sh, f, arrayKeys(sh, name), p.index?.raw === '*', quoted); return; }
  if (p.op === 'indirect') {
    // ${!x}: the value of the variable x names (which may be `a[1]`).
    const target = p.index ? arrayElement(sh, name, sh.arithOf(yield* expandString(sh, p.index))) : sh.getParam(name);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\[(.+)\]$/.exec(target ?? '');
    val = m ? arrayElement(sh, m[1], sh.arithOf(m[2])) : target === undefined || target === '' ? undefined : sh.getParam(target);
    if (val === undefined) return;
    if (quoted) f.quoted(val);
    else f.split(val, ifsOf(sh));
    return;
  }
  if (p.index) {
    const all = p.index.raw === '@' || p.index.raw === '*';
    if (all) {
      const list = arrayValues(sh, name);
      if (p.op === 'len') { f.quoted(String(list.length)); return; }
      if (p.op === null) { addList(sh, f, list, p.index.raw === '*', quoted); return; }
      if (p.op === 'sub') {
        // ${a[@]:offset:length} slices the elements.
        let off = p.arg ? sh.arithOf(yield* expandString(sh, p.arg)) : 0;
        if (off < 0) off = Math.max(0, list.length + off);
        const len = p.arg2 ? sh.arithOf(yield* expandString(sh, p.arg2)) : list.length;
        addList(sh, f, list.slice(off, len < 0 ? list.length + len : off + len), p.index.raw === '*', quoted);
        return;
      }
      val = list.join(' ');
    } else val = arrayElement(sh, name, sh.arithOf(yield* expandString(sh, p.index)));
  } else if ((name === '@' || name === '*') && (p.op === null || p.op === '-' || p.op === '+' || p.op === '=' || p.op === '?')) {
    const pos = sh.d.pos;
    if (p.op !== null) {
      const set = p.colon ? pos.length > 0 && pos.join('') !== '' : pos.length > 0;
      if ((p.op === '+') === set) { if (p.arg) yield* addParts(sh, f, p.arg.parts, quoted); return; }
      if (p.op === '+') return;
      if (p.op === '?') return sh.fatal(sh.d.dialect.msg.paramNull(name, p.colon), sh.d.dialect.fatalStatus.unset);
    }
    addList(sh, f, pos, name === '*', quoted);
    return;
  } else val = sh.getParam(name);
  // dash parses ${x/a/b} and ${x:1:2} but has no such expansion: the word fails when expanded.
  if (p.op !== null && sh.d.dialect.unsupportedOps.has(p.op)) return sh.fatal(sh.d.dialect.msg.badSubst(`\${${name}}`));
  switch (p.op) {
    case null:
      break;
    case 'len':
      if (val === undefined && sh.d.opt.u && !isSpecial(name)) return unbound(sh, name);
      f.quoted(String((val ?? '').length));
      return;
    case '-': case '=': case '?': case '+': {
      const set = p.colon ? val !== undefined && val !== '' : val !== undefined;
      if (p.op === '+') {
        if (set && p.arg) yield* addParts(sh, f, p.arg.parts, quoted);
        return;
      }
      if (set) break;
      if (p.op === '-') { if (p.arg) yield* addParts(sh, f, p.arg.parts, quoted); return; }
      const arg = p.arg ? yield* expandString(sh, p.arg) : '';
      if (p.op === '?') {
        return sh.fatal(arg !== '' ? `${name}: ${arg}` : sh.d.dialect.msg.paramNull(name, p.colon), sh.d.dialect.fatalStatus.unset);
      }
      if (/^[0-9]/.test(name)) return sh.fatal(sh.d.dialect.msg.badName(name));
      sh.assign(name, arg);
      val = arg;
      break;
    }
    case '%': case '%%': case '#': case '##': {
      const pat = p.arg ? yield* expandPattern(sh, p.arg) : '';
      val = removeAffix(sh.k.pat, val ?? '', pat, p.op, (n) => sh.k.io(n));
      break;
    }
    case '/': case '//': case '/#': case '/%': {
      const pat = p.arg ? yield* expandPattern(sh, p.arg) : '';
      const rep = p.arg2 ? yield* expandString(sh, p.arg2) : '';
      val = replacePattern(sh.k.pat, val ?? '', pat, rep, p.op, (n) => sh.k.io(n));
      break;
    }
    case ',': case ',,': case '^': case '^^': case '~': case '~~': {
      // bash's case modification (the optional pattern is not modelled: every character is converted).
      const s = val ?? '';
      const kind = p.op[0];
      const conv = (c: string) => (kind === ',' ? c.toLowerCase() : kind === '^' ? c.toUpperCase() : c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase());
      val = p.op.length === 2 ? conv(s) : conv(s.slice(0, 1)) + s.slice(1);
      break;
    }
    case 'sub': {
      const s = val ?? '';
      let off = p.arg ? sh.arithOf(yield* expandString(sh, p.arg)) : 0;
      if (off < 0) off = Math.max(0, s.length + off);
      let len = s.length;
      if (p.arg2) len = sh.arithOf(yield* expandString(sh, p.arg2));
      val = len < 0 ? s.slice(off, Math.max(off, s.length + len)) : s.substr(off, len);
      break;
    }
  }
  if (val === undefined) {
    if (sh.d.opt.u && !isSpecial(name) && p.op === null) return unbound(sh, name);
    return;
  }
  if (quoted) f.quoted(val);
  else f.split(val, ifsOf(sh));
}

/** `set -u` met an unset variable. */
function unbound(sh: Shell, name: string): never {
  return sh.fatal(sh.d.dialect.msg.unbound(name), sh.d.dialect.fatalStatus.unset);
}

function isSpecial(name: string): boolean {
  return name === '@' || name === '*' || name === '#' || name === '?' || name === '-' || name === '$' || name === '!' || name === '0';
}
