/** grep (busybox findutils/grep.c): -q -v -i -c -n -E -F -o -r -l -h -H -w -x -s -e. */
import type { Ctx } from '../shell/sys';
import { badOption, chomp, err, errnoMsg, errRaw, getopts, out, readInput, splitLines, type Applet, type G } from './lib';
import { wording } from './wording';

/** POSIX BRE → JS regex source (\( \) \{ \} \| groups; bare + ? | ( ) literal). */
export function breToJs(re: string): string {
  let outS = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i];
      if ('(){}|+?'.includes(n)) outS += n;
      else if (n === '<' || n === '>') outS += '\\b';
      else outS += '\\' + n;
    } else if ('(){}|+?'.includes(c)) outS += '\\' + c;
    else if (c === '*' && (i === 0 || re[i - 1] === '^')) outS += '\\*';
    else if (c === '[') {
      let j = i + 1;
      if (re[j] === '^') j++;
      if (re[j] === ']') j++;
      while (j < re.length && re[j] !== ']') j += re[j] === '[' && re[j + 1] === ':' ? re.indexOf(':]', j) + 2 - j : 1;
      outS += classes(re.slice(i, j + 1).replace(/\\/g, '\\\\'));
      i = j;
    } else outS += c;
  }
  return outS;
}

function classes(s: string): string {
  const map: Record<string, string> = { alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f' };
  return s.replace(/\[:([a-z]+):\]/g, (m, c: string) => map[c] ?? m);
}

export function ereToJs(re: string): string {
  return classes(re).replace(/\\<|\\>/g, '\\b');
}

export const grep: Applet = function* (ctx) {
  const argv = [...ctx.argv];
  const name = argv[0].slice(argv[0].lastIndexOf('/') + 1);
  const o = getopts(argv, 'qvicnEForRlLhHwxse:f:m:A:B:C:a');
  if (o.bad) return badOption(ctx, o.bad, o.missing);
  const ext = o.flags.has('E') || name === 'egrep';
  const fixed = o.flags.has('F') || name === 'fgrep';
  let pats = o.values.get('e') ?? [];
  let files = o.rest;
  if (pats.length === 0) {
    if (files.length === 0) { errRaw(ctx, wording(ctx).grepUsage); return 2; }
    pats = [files[0]];
    files = files.slice(1);
  }
  pats = pats.flatMap((p) => p.split('\n'));
  const src = pats.map((p) => {
    let s = fixed ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : ext ? ereToJs(p) : breToJs(p);
    if (o.flags.has('w')) s = `(?<![A-Za-z0-9_])(?:${s})(?![A-Za-z0-9_])`;
    if (o.flags.has('x')) s = `^(?:${s})$`;
    return `(?:${s})`;
  }).join('|');
  let re: RegExp;
  try {
    re = new RegExp(src, o.flags.has('i') ? 'gi' : 'g');
  } catch {
    err(ctx, `bad regex '${pats[0]}'`);
    return 2;
  }
  const recursive = o.flags.has('r') || o.flags.has('R');
  if (files.length === 0) files = recursive ? ['.'] : ['-'];
  const showName = o.flags.has('H') || (!o.flags.has('h') && (files.length > 1 || recursive));
  let matched = false;
  let errors = false;
  const maxCount = o.values.has('m') ? Number(o.values.get('m')![0]) : Infinity;
  function* one(file: string, data: string): G<boolean> {
    let count = 0;
    let text = '';
    const lines = splitLines(data);
    for (let i = 0; i < lines.length && count < maxCount; i++) {
      const line = chomp(lines[i]);
      re.lastIndex = 0;
      const hit = re.test(line) !== o.flags.has('v');
      if (!hit) continue;
      count++;
      matched = true;
      if (o.flags.has('q')) return true;
      if (o.flags.has('l') || o.flags.has('L') || o.flags.has('c')) continue;
      const prefix = (showName ? file + ':' : '') + (o.flags.has('n') ? `${i + 1}:` : '');
      if (o.flags.has('o') && !o.flags.has('v')) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0] !== '') text += prefix + m[0] + '\n';
      } else text += prefix + line + '\n';
    }
    if (o.flags.has('c')) text += (showName ? file + ':' : '') + count + '\n';
    if (o.flags.has('l') && count > 0) text += file + '\n';
    if (o.flags.has('L') && count === 0) text += file + '\n';
    yield* out(ctx, text);
    return false;
  }
  function* walk(path: string): G<boolean> {
    const n = ctx.fs.exists(path, ctx.cwd, ctx.cred);
    if (n && n.kind === 'dir') {
      for (const e of ctx.fs.readdir(path, ctx.cwd, ctx.cred).sort()) if (yield* walk(path.replace(/\/$/, '') + '/' + e)) return true;
      return false;
    }
    return yield* one(path, ctx.fs.readFile(path, ctx.cwd, ctx.cred));
  }
  for (const f of files) {
    if (f !== '-' && recursive) { if (yield* walk(f)) return 0; continue; }
    if (f !== '-') {
      const n = ctx.fs.exists(f, ctx.cwd, ctx.cred);
      if (n && n.kind === 'dir') { if (!o.flags.has('s')) err(ctx, `${f}: Is a directory`); continue; }
    }
    let data: string | null;
    if (f === '-') data = yield* readInput(ctx, '-');
    else {
      try {
        data = ctx.fs.readFile(f, ctx.cwd, ctx.cred);
      } catch (e) {
        if (!o.flags.has('s')) err(ctx, `${f}: ${errnoMsg(e)}`);
        errors = true;
        continue;
      }
    }
    if (yield* one(f === '-' ? '(standard input)' : f, data ?? '')) return 0;
  }
  return errors && !(o.flags.has('q') && matched) ? 2 : matched ? 0 : 1;
};

export type { Ctx };
