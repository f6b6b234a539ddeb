/**
 * sed's script and its run, as busybox editors/sed.c (1.36) does them: the script is read one line at a
 * time (a line ending in an odd number of backslashes continues), each command `[addr[,addr]][!]cmd`;
 * commands s y a i c r w : b t T d D g G h H l n N p P q x = { }. Lines are processed as process_files
 * does: one line read ahead (for `$`), ranges per command (`in_match`, a numeric start that has matched is
 * spent, `addr,+N`), the hold space, the append queue, and the missing newline of a last line.
 */
import { POSIX_BASIC, POSIX_EXTENDED, Regex, RegexError } from './regex/index';

type Addr = { line: number } | { last: true } | { re: Regex } | null;

export interface Cmd {
  c: string;
  a1: Addr;
  a2: Addr;
  /** `addr,+N`. */
  plus: number | null;
  neg: boolean;
  /** s: its regex; null when the pattern is empty (the last regex used). */
  re?: Regex | null;
  rep?: string;
  nth?: number;
  /** GNU's `Ng`: the Nth match and every later one. */
  fromNth?: boolean;
  print?: boolean;
  /** a/i/c text, r/w file, b/t/T/: label, y's pairs (from+to). */
  text?: string;
  from?: string;
  to?: string;
  /** `{`: index of its `}`. */
  close?: number;
  /** GNU's `q N` / `Q N`: the exit status. */
  exit?: number;
  // Run state (process_files' in_match, beg_line, end_line).
  inMatch?: boolean;
  begLine?: number;
  endLine?: number;
}

export class SedError extends Error {}

/**
 * The text between the delimiter at src[i] and the next one (parse_regex_delim): the scan skips escaped
 * characters and, with `brackets` (a pattern, in busybox), bracket expressions, so `s/[/]/x/` works and
 * `s/a[b/x/` is "unmatched '/'". Then copy_parsing_escapes: \n, \t and \r become the characters, and with
 * `unescape` an escaped delimiter becomes the delimiter; other escapes stay for regcomp or the replacement.
 */
function parseRe(src: string, i: number, brackets: boolean, unescape = true): [string, number] {
  const delim = src[i];
  if (delim === undefined || delim === '\n' || delim === '\\') throw new SedError('bad format in substitution expression');
  let j = i + 1;
  let bracket = -1;
  let escaped = false;
  for (; j < src.length; j++) {
    const ch = src[j];
    if (bracket >= 0) {
      if (ch === ']' && !(bracket === j - 1 || (bracket === j - 2 && src[j - 1] === '^'))) bracket = -1;
    } else if (escaped) escaped = false;
    else if (ch === '\\') escaped = true;
    else if (brackets && ch === '[') bracket = j;
    else if (ch === delim) break;
  }
  if (j >= src.length) throw new SedError(`unmatched '${delim}'`);
  const raw = src.slice(i + 1, j);
  let text = '';
  for (let k = 0; k < raw.length; k++) {
    const c = raw[k];
    if (c !== '\\' || k + 1 >= raw.length) { text += c; continue; }
    const n = raw[++k];
    text += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : unescape && n === delim ? delim : c + n;
  }
  return [text, j + 1];
}

/** xregcomp: a pattern that does not compile ends sed with regerror's reason. */
function compileRe(re: string, ext: boolean, icase: boolean): Regex {
  try {
    return new Regex(re, ext ? POSIX_EXTENDED : POSIX_BASIC, icase);
  } catch (e) {
    if (e instanceof RegexError) throw new SedError(`bad regex '${re}': ${e.message}`);
    throw e;
  }
}

/** The script's logical lines: a line ending in an odd number of backslashes is joined to the next (add_cmd). */
function logicalLines(script: string): string[] {
  const out: string[] = [];
  let held: string | null = null;
  for (const raw of script.split('\n')) {
    const line: string = held === null ? raw : `${held}\n${raw}`;
    const trailing = /\\*$/.exec(line)![0].length;
    if (trailing % 2 === 1) { held = line.slice(0, -1); continue; }
    held = null;
    out.push(line);
  }
  if (held !== null) out.push(held);
  return out;
}

/** `gnu`: GNU sed's readings where busybox differs (`Ng`, `#n` only as the script's first line). */
export function parseScript(script: string, ext: boolean, gnu = false): { cmds: Cmd[]; quiet: boolean; prevRe: Regex | null } {
  const cmds: Cmd[] = [];
  let quiet = false;
  // An empty address regex is the last one compiled before it (previous_regex_ptr).
  let prevRe: Regex | null = null;
  for (const line of logicalLines(script)) {
    let i = 0;
    const addr = (): Addr => {
      const m = /^[0-9]+/.exec(line.slice(i));
      if (m) { i += m[0].length; return { line: Number(m[0]) }; }
      if (line[i] === '$') { i++; return { last: true }; }
      if (line[i] === '/' || line[i] === '\\') {
        if (line[i] === '\\') i++;
        const [re, j] = parseRe(line, i, !gnu, false);
        i = j;
        if (re === '') {
          if (!prevRe) throw new SedError('no previous regexp');
          return { re: prevRe };
        }
        prevRe = compileRe(re, ext, false);
        return { re: prevRe };
      }
      return null;
    };
    for (;;) {
      while (i < line.length && /[\s;]/.test(line[i])) i++;
      if (i >= line.length) break;
      if (line[i] === '#') {
        // busybox takes any comment starting `#n` as -n, wherever it is.
        if (line[i + 1] === 'n' && (!gnu || (cmds.length === 0 && i === 0 && line.length === 2))) quiet = true;
        break;
      }
      const a1 = addr();
      let a2: Addr = null;
      let plus: number | null = null;
      if (line[i] === ',') {
        i++;
        const m = /^\+([0-9]+)/.exec(line.slice(i));
        if (m) { plus = Number(m[1]); i += m[0].length; } else {
          a2 = addr();
          if (!a2) throw new SedError('no address after comma');
        }
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
      let neg = false;
      if (line[i] === '!') { neg = true; i++; while (line[i] === ' ' || line[i] === '\t') i++; }
      if (i >= line.length) throw new SedError('missing command');
      const c = line[i++];
      const cmd: Cmd = { c, a1, a2, plus, neg };
      const ranged = a2 !== null || plus !== null;
      if (c === 's') {
        const [re, j] = parseRe(line, i, !gnu);
        // The replacement's scan has no brackets; `&` as the delimiter stays escaped (\& is a literal &).
        const [rep, k] = parseRe(line, j - 1, false, line[j - 1] !== '&');
        i = k;
        // Flags in order: `g` means every match (nth 0), a number the Nth; the later one wins.
        let flags = '';
        const flagsAt = i;
        cmd.nth = 1;
        for (;;) {
          while (!gnu && (line[i] === ' ' || line[i] === '\t')) i++;
          if (i >= line.length || !/[gpIi0-9]/.test(line[i])) break;
          const m = /^[0-9]+/.exec(line.slice(i));
          // busybox ignores a match number when the pattern starts with ^ (it can match only once).
          if (m) { if (gnu || re[0] !== '^') cmd.nth = Number(m[0]); i += m[0].length; continue; }
          if (line[i] === 'g') cmd.nth = 0;
          flags += line[i++];
        }
        // busybox ends the flags at ; } # or the line's end; anything else is an error.
        if (!gnu && i < line.length && !';}#w'.includes(line[i])) throw new SedError('bad option in substitution expression');
        const num = /[0-9]+/.exec(line.slice(flagsAt, i));
        if (gnu && flags.includes('g') && num) { cmd.nth = Number(num[0]); cmd.fromNth = true; }
        if (line[i] === 'w') { i++; while (line[i] === ' ') i++; cmd.text = line.slice(i); i = line.length; }
        cmd.print = flags.includes('p');
        cmd.re = re === '' ? null : compileRe(re, ext, /[Ii]/.test(flags));
        cmd.rep = rep;
      } else if (c === 'y') {
        const [from, j] = parseRe(line, i, !gnu);
        const [to, k] = parseRe(line, j - 1, false);
        i = k;
        cmd.from = from.replace(/\\\\/g, '\\');
        cmd.to = to.replace(/\\\\/g, '\\');
      } else if (c === 'a' || c === 'i' || c === 'c') {
        if (c !== 'c' && ranged) throw new SedError(`command '${c}' uses only one address`);
        for (;;) {
          if (line[i] === '\n' || line[i] === '\\') { i++; break; }
          if (line[i] === undefined || !/\s/.test(line[i])) break;
          i++;
        }
        cmd.text = line.slice(i).replace(/\\(.)/gs, '$1');
        i = line.length;
      } else if (c === 'r' || c === 'w') {
        if (c === 'r' && ranged) throw new SedError(`command '${c}' uses only one address`);
        while (line[i] === ' ' || line[i] === '\t') i++;
        cmd.text = line.slice(i);
        if (!cmd.text) throw new SedError('empty filename');
        i = line.length;
      } else if (c === ':' || c === 'b' || c === 't' || c === 'T') {
        while (line[i] === ' ' || line[i] === '\t') i++;
        const m = /^[^;\s]*/.exec(line.slice(i))![0];
        if (m) cmd.text = m;
        i += m.length;
      } else if (gnu && (c === 'q' || c === 'Q')) {
        // GNU: `q [EXIT]` and `Q [EXIT]` (Q quits without printing), with one address at most.
        if (ranged) throw new SedError(`command only uses one address`);
        while (line[i] === ' ' || line[i] === '\t') i++;
        const m = /^[0-9]+/.exec(line.slice(i));
        if (m) { cmd.exit = Number(m[0]); i += m[0].length; }
      } else if (!'dDgGhHlnNpPqx={}'.includes(c)) throw new SedError(`unsupported command ${c}`);
      cmds.push(cmd);
    }
  }
  // Pair the braces (a `{` whose `}` is missing fails only when the block is skipped).
  const open: number[] = [];
  cmds.forEach((cmd, k) => {
    if (cmd.c === '{') open.push(k);
    else if (cmd.c === '}') { const o = open.pop(); if (o !== undefined) cmds[o].close = k; }
  });
  return { cmds, quiet, prevRe };
}

function replacement(rep: string, line: string, m: Int32Array): string {
  const group = (n: number): string => (n * 2 + 1 < m.length && m[n * 2] >= 0 ? line.slice(m[n * 2], m[n * 2 + 1]) : '');
  return rep.replace(/\\([0-9&n\\])|&/g, (all, g: string | undefined) => {
    if (all === '&') return group(0);
    if (g === '&') return '&';
    if (g === 'n') return '\n';
    if (g === '\\') return '\\';
    return group(Number(g));
  });
}

/**
 * do_subst_command: matches from left to right; the Nth (nth) or every one (nth 0) is replaced, except an
 * empty match right after a non-empty one ("cccd" s/c*\/R/g is "RdR"); after an empty match one character
 * is copied before matching again.
 */
function subst(line: string, c: Cmd, re: Regex): [string, boolean] {
  const nth = c.nth!;
  let outS = '';
  let pos = 0;
  let count = 0;
  let did = false;
  let prevEmpty = true;
  let triedEol = false;
  for (;;) {
    // The first search sees the line's start; later ones the rest of it, with REG_NOTBOL.
    const m = re.exec(line, pos, count > 0);
    if (!m) break;
    const start = m[0];
    let end = m[1];
    count++;
    if (nth !== 0 && nth !== count && !(c.fromNth && count > nth)) {
      outS += line.slice(pos, end);
      if (start === end && end < line.length) outS += line[end++];
      pos = end;
    } else {
      outS += line.slice(pos, start);
      if (prevEmpty || start !== pos || start !== end) { outS += replacement(c.rep!, line, m); did = true; }
      prevEmpty = start === end;
      if (prevEmpty) {
        if (end >= line.length) triedEol = true;
        else outS += line[end++];
      }
      pos = end;
      if (nth !== 0 && !c.fromNth) break;
    }
    if (pos >= line.length) {
      if (triedEol) break;
      triedEol = true;
    }
  }
  return [did ? outS + line.slice(pos) : line, did];
}

/** One input line: its text and whether a newline ended it. */
export interface InLine { text: string; nl: boolean }

export interface SedIo {
  /** A file for `r` (null: unreadable, ignored). */
  read(file: string): string | null;
  /** What `w` commands wrote, by file (each is created empty when the script is read). */
  written: Map<string, string>;
  hold: string;
  /** The regex an empty s pattern uses: the last one an s command used, or the last address regex compiled. */
  prevRe: Regex | null;
}

/** Runs the script over `input` (one stream: several files' lines in a row); the text sed prints. */
export function runSed(cmds: Cmd[], input: readonly InLine[], quiet: boolean, io: SedIo): string {
  const sink = { res: '' };
  const co = sedStream(cmds, quiet, io, sink);
  let k = 0;
  for (let st = co.next(); !st.done; st = co.next(k < input.length ? input[k++] : null));
  return sink.res;
}

/** What a run printed and not yet written, and the exit status a `q N` asked for. */
export interface SedSink { res: string; exit?: number }

/**
 * The script as a coroutine over a stream of lines: it yields when it needs the next line and is resumed with
 * it (null at the end of the input), and appends what it prints to `sink.res`, which the caller drains. Like
 * busybox (process_files reads one line ahead to know the last line, `$`), it asks for the line after the
 * current one before running the script on it; it returns at `q` or when the input ends, so `yes | sed 5q`
 * ends. A SedError thrown from it leaves in `sink.res` what was printed before.
 */
export function* sedStream(cmds: Cmd[], quiet: boolean, io: SedIo, sink: SedSink): Generator<void, void, InLine | null> {
  for (const c of cmds) {
    c.inMatch = false;
    c.begLine = c.a1 && 'line' in c.a1 ? c.a1.line : c.a1 && 'last' in c.a1 ? -1 : 0;
    c.endLine = c.plus !== null ? -2 - c.plus : c.a2 && 'line' in c.a2 ? c.a2.line : c.a2 && 'last' in c.a2 ? -1 : 0;
  }
  let lastPut = '\n';
  // puts_maybe_newline: a line printed after one that lacked its newline gets one first.
  const put = (s: string, nl: boolean) => {
    let lpc = lastPut;
    if (lpc !== '\n' && lpc !== '') { sink.res += '\n'; lpc = '\n'; }
    sink.res += s;
    if (s) lpc = 'x';
    if (nl) { sink.res += '\n'; lpc = '\n'; }
    lastPut = lpc;
  };
  const write = (file: string, s: string, nl: boolean) => {
    if (file === '/dev/stdout') { put(s, nl); return; }
    io.written.set(file, (io.written.get(file) ?? '') + s + (nl ? '\n' : ''));
  };
  const labelAt = (name: string): number => {
    const k = cmds.findIndex((c) => c.c === ':' && c.text === name);
    if (k < 0) throw new SedError(`can't find label for jump to '${name}'`);
    return k;
  };
  let lineNo = 0;
  // The line after the current one (null: the input ended).
  let peek: InLine | null = yield;
  const endOfInput = () => peek === null;
  for (;;) {
    if (peek === null) break;
    let ps = peek.text;
    let nl = peek.nl;
    peek = yield;
    lineNo++;
    let substituted = false;
    const appended: string[] = [];
    let autoprint = true;
    let quit = false;
    restart: for (;;) {
      for (let pc = 0; pc < cmds.length; pc++) {
        const c = cmds[pc];
        const old = c.inMatch!;
        if (!old) c.endLine = c.plus !== null ? -2 - c.plus : c.a2 && 'line' in c.a2 ? c.a2.line : c.a2 && 'last' in c.a2 ? -1 : 0;
        const ranged = c.a2 !== null || c.plus !== null;
        const begRe = c.a1 && 're' in c.a1 ? c.a1.re : null;
        const endRe = c.a2 && 're' in c.a2 ? c.a2.re : null;
        c.inMatch = old || (!c.a1 && !ranged)
          || (c.begLine! > 0 && (ranged ? c.begLine! <= lineNo : c.begLine === lineNo))
          || (begRe !== null && begRe.test(ps))
          || (c.begLine === -1 && endOfInput());
        const matched = c.inMatch;
        if (matched) {
          if (c.endLine! <= -2) c.endLine = lineNo + (-c.endLine! - 2);
          if (c.begLine! > 0) c.begLine = -2;
          const ended = c.endLine ? (c.endLine === -1 ? endOfInput() : c.endLine <= lineNo) : !endRe;
          c.inMatch = !(ended || (endRe !== null && old && endRe.test(ps)));
        }
        if (c.c === '{') {
          if (c.neg ? matched : !matched) {
            if (c.close === undefined) throw new SedError('unterminated {');
            pc = c.close;
          }
          continue;
        }
        if (c.neg ? matched : !matched) continue;
        switch (c.c) {
          case '=': sink.res += `${lineNo}\n`; break;
          case 'P': {
            const k = ps.indexOf('\n');
            put(k >= 0 ? ps.slice(0, k) : ps, true);
            break;
          }
          case 'p': put(ps, true); break;
          case 'D': {
            const k = ps.indexOf('\n');
            if (k >= 0) { ps = ps.slice(k + 1); continue restart; }
            autoprint = false;
            break restart;
          }
          case 'd': autoprint = false; break restart;
          case 's': {
            const re = c.re ?? io.prevRe;
            if (!re) throw new SedError('no previous regexp');
            io.prevRe = re;
            const [r, did] = subst(ps, c, re);
            if (!did) break;
            ps = r;
            substituted = true;
            if (c.print) put(ps, nl);
            if (c.text) write(c.text, ps, nl);
            break;
          }
          case 'a': appended.push(c.text!); break;
          case 'i': put(c.text!, true); break;
          case 'c':
            if (!c.inMatch) put(c.text!, true);
            autoprint = false;
            break restart;
          case 'r': {
            const data = io.read(c.text!);
            if (data) appended.push(...data.split('\n').slice(0, data.endsWith('\n') ? -1 : undefined));
            break;
          }
          case 'w': write(c.text!, ps, nl); break;
          case 'n':
            if (!quiet) put(ps, nl);
            if (peek === null) { autoprint = false; break restart; }
            ps = peek.text;
            nl = peek.nl;
            peek = yield;
            lineNo++;
            substituted = false;
            break;
          case 'q': quit = true; if (c.exit !== undefined) sink.exit = c.exit; break restart;
          case 'Q': quit = true; autoprint = false; appended.length = 0; if (c.exit !== undefined) sink.exit = c.exit; break restart;
          case 'N':
            if (peek === null) break restart;
            ps += '\n' + peek.text;
            nl = peek.nl;
            peek = yield;
            lineNo++;
            break;
          case 't': case 'T': case 'b':
            if (c.c === 't') { if (!substituted) break; substituted = false; }
            if (c.c === 'T' && substituted) break;
            if (!c.text) break restart;
            pc = labelAt(c.text);
            break;
          case 'y':
            ps = [...ps].map((ch) => { const k = c.from!.indexOf(ch); return k < 0 ? ch : c.to![k] ?? ch; }).join('');
            break;
          case 'g': ps = io.hold; break;
          case 'G': ps += '\n' + io.hold; nl = true; break;
          case 'h': io.hold = ps; break;
          case 'H': io.hold += '\n' + ps; break;
          case 'x': [ps, io.hold] = [io.hold, ps]; nl = true; break;
        }
      }
      break;
    }
    if (autoprint && !quiet) put(ps, nl);
    for (const a of appended) put(a, true);
    if (quit) break;
  }
}

/** The regex steps the script's searches took since the last call (work like bytes moved). */
export function takeWork(cmds: readonly Cmd[], io: SedIo): number {
  const seen = new Set<Regex>();
  for (const c of cmds) for (const r of [c.re, c.a1 && 're' in c.a1 ? c.a1.re : null, c.a2 && 're' in c.a2 ? c.a2.re : null]) if (r) seen.add(r);
  if (io.prevRe) seen.add(io.prevRe);
  let steps = 0;
  for (const r of seen) { steps += r.work; r.work = 0; }
  return steps;
}
