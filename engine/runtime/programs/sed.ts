/**
 * sed (busybox editors/sed.c subset): -n -e -i -E/-r, addresses (N, $, /re/, ranges), commands
 * s///[gpN I], p, d, q, =, y, a/i/c text; several -e scripts and `;`-separated commands.
 */
import { breToJs, ereToJs } from './grep';
import { badOption, chomp, err, getopts, readInput, splitLines, type Applet } from './lib';
import { sedInPlace, sedOut } from './sedOutput';
import { wording } from './wording';

type Addr = { line: number } | { last: true } | { re: RegExp } | null;
interface Cmd { a1: Addr; a2: Addr; neg: boolean; c: string; re?: RegExp; rep?: string; global?: boolean; nth?: number; print?: boolean; text?: string; from?: string; to?: string; inRange?: boolean }

function parseRe(src: string, i: number, ext: boolean): [string, number] {
  const delim = src[i];
  let j = i + 1;
  let re = '';
  while (j < src.length && src[j] !== delim) {
    if (src[j] === '\\' && j + 1 < src.length) { re += src[j + 1] === delim ? delim : src[j] + src[j + 1]; j += 2; continue; }
    if (src[j] === '\n' && !ext) break;
    re += src[j++];
  }
  return [re, j + 1];
}

function compileRe(re: string, ext: boolean, flags: string): RegExp {
  return new RegExp(ext ? ereToJs(re) : breToJs(re), flags);
}

function parse(script: string, ext: boolean): Cmd[] {
  const cmds: Cmd[] = [];
  let i = 0;
  const ws = () => { while (i < script.length && /[ \t\n;]/.test(script[i])) i++; };
  const addr = (): Addr => {
    if (/[0-9]/.test(script[i] ?? '')) { const m = /^[0-9]+/.exec(script.slice(i))!; i += m[0].length; return { line: Number(m[0]) }; }
    if (script[i] === '$') { i++; return { last: true }; }
    if (script[i] === '/' || script[i] === '\\') {
      if (script[i] === '\\') i++;
      const [re, j] = parseRe(script, i, ext);
      i = j;
      return { re: compileRe(re, ext, '') };
    }
    return null;
  };
  for (;;) {
    ws();
    if (i >= script.length) break;
    const a1 = addr();
    let a2: Addr = null;
    if (a1 && script[i] === ',') { i++; a2 = addr(); }
    while (script[i] === ' ') i++;
    let neg = false;
    if (script[i] === '!') { neg = true; i++; while (script[i] === ' ') i++; }
    const c = script[i++];
    const cmd: Cmd = { a1, a2, neg, c };
    if (c === 's') {
      const [re, j] = parseRe(script, i, ext);
      const [rep, k] = parseRe(script, j - 1, ext);
      i = k;
      let flags = '';
      while (i < script.length && /[gpIi0-9]/.test(script[i])) flags += script[i++];
      cmd.global = flags.includes('g');
      cmd.print = flags.includes('p');
      const nth = /[0-9]+/.exec(flags);
      cmd.nth = nth ? Number(nth[0]) : 1;
      cmd.re = compileRe(re, ext, 'g' + (/[Ii]/.test(flags) ? 'i' : ''));
      cmd.rep = rep;
    } else if (c === 'y') {
      const [from, j] = parseRe(script, i, ext);
      const [to, k] = parseRe(script, j - 1, ext);
      i = k;
      cmd.from = from;
      cmd.to = to;
    } else if (c === 'a' || c === 'i' || c === 'c') {
      if (script[i] === '\\') i++;
      if (script[i] === '\n') i++;
      while (script[i] === ' ') i++;
      let end = script.indexOf('\n', i);
      if (end < 0) end = script.length;
      cmd.text = script.slice(i, end).replace(/\\(.)/g, '$1');
      i = end;
    } else if (c === '{' || c === '}') {
      continue;
    } else if (!'pdqP=nNhHgGxlD'.includes(c ?? '')) throw new Error(`unknown command: '${c}'`);
    cmds.push(cmd);
  }
  return cmds;
}

function replacement(rep: string, m: RegExpExecArray): string {
  return rep.replace(/\\([0-9&n\\])|&/g, (all, g: string | undefined) => {
    if (all === '&') return m[0];
    if (g === '&') return '&';
    if (g === 'n') return '\n';
    if (g === '\\') return '\\';
    return m[Number(g)] ?? '';
  });
}

function subst(line: string, c: Cmd): [string, boolean] {
  const re = c.re!;
  re.lastIndex = 0;
  let outS = '';
  let last = 0;
  let count = 0;
  let did = false;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    count++;
    if (count >= c.nth! && (c.global || count === c.nth)) {
      outS += line.slice(last, m.index) + replacement(c.rep!, m);
      last = m.index + m[0].length;
      did = true;
      if (!c.global) break;
    }
    if (m[0] === '') re.lastIndex++;
  }
  return [did ? outS + line.slice(last) : line, did];
}

export const sedApplet: Applet = function* (ctx) {
  const o = getopts(ctx.argv, 'ne:f:iErs');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const ext = o.flags.has('E') || o.flags.has('r');
  const scripts = o.values.get('e') ?? [];
  let files = o.rest;
  if (scripts.length === 0) {
    if (files.length === 0) { err(ctx, 'no script specified'); return 1; }
    scripts.push(files[0]);
    files = files.slice(1);
  }
  let cmds: Cmd[];
  try {
    cmds = parse(scripts.join('\n'), ext);
  } catch (e) {
    err(ctx, (e as Error).message);
    return 1;
  }
  const quiet = o.flags.has('n');
  const run = (input: string): string => {
    const lines = splitLines(input).map(chomp);
    let res = '';
    const matches = (a: Addr, n: number, line: string): boolean => {
      if (!a) return true;
      if ('line' in a) return n === a.line;
      if ('last' in a) return n === lines.length;
      return a.re.test(line);
    };
    for (let n = 1; n <= lines.length; n++) {
      let line = lines[n - 1];
      let deleted = false;
      let append = '';
      let quit = false;
      for (const c of cmds) {
        let sel: boolean;
        if (!c.a2) sel = matches(c.a1, n, line);
        else if (c.inRange) {
          sel = true;
          const a2 = c.a2;
          if ('line' in a2 ? n >= a2.line : matches(a2, n, line)) c.inRange = false;
        } else if (matches(c.a1, n, line)) {
          sel = true;
          const a2 = c.a2;
          c.inRange = !('line' in a2 && a2.line <= n);
        } else sel = false;
        if (sel === c.neg) continue;
        switch (c.c) {
          case 's': { const [r, did] = subst(line, c); line = r; if (did && c.print) res += line + '\n'; break; }
          case 'y': line = [...line].map((ch) => { const k = c.from!.indexOf(ch); return k < 0 ? ch : c.to![k] ?? ch; }).join(''); break;
          case 'p': res += line + '\n'; break;
          case 'd': deleted = true; break;
          case 'q': quit = true; break;
          case '=': res += n + '\n'; break;
          case 'a': append += c.text + '\n'; break;
          case 'i': res += c.text + '\n'; break;
          case 'c': res += c.text + '\n'; deleted = true; break;
        }
        if (deleted || quit) break;
      }
      if (!deleted && !quiet) res += line + (n === lines.length && !input.endsWith('\n') ? '' : '\n');
      res += append;
      if (quit) break;
    }
    return res;
  };
  if (o.flags.has('i')) {
    for (const f of files) {
      const data = yield* readInput(ctx, f);
      if (data === null) return 1;
      const status = sedInPlace(ctx, f, run(data));
      if (status !== 0) return status;
    }
    return 0;
  }
  let all = '';
  let status = 0;
  for (const f of files.length ? files : ['-']) {
    const data = yield* readInput(ctx, f);
    if (data === null) { status = wording(ctx).sedMissingStatus; continue; }
    all += data;
  }
  return yield* sedOut(ctx, run(all), status);
};
