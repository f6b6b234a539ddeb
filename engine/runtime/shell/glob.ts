/**
 * Pathname expansion against the virtual filesystem. Models ash.c expmeta: one directory level
 * per pattern component, dotfiles only for a leading literal dot (readdir's . and .. included),
 * results sorted bytewise, and an unmatched pattern left as it is.
 */
import { compile, hasGlob, unescapeGlob } from './pattern';
import type { Shell } from './shell';

export function globPath(sh: Shell, pat: string): string[] {
  const abs = pat[0] === '/';
  const comps = pat.split('/');
  let bases: string[] = [abs ? '/' : ''];
  for (let i = abs ? 1 : 0; i < comps.length; i++) {
    const c = comps[i];
    const last = i === comps.length - 1;
    if (c === '') {
      if (last) bases = bases.map((b) => (b.endsWith('/') ? b : b + '/'));
      continue;
    }
    const next: string[] = [];
    if (!hasGlob(c)) {
      const lit = unescapeGlob(c);
      for (const b of bases) {
        const p = join(b, lit);
        if (sh.fs.exists(p, sh.d.cwd, sh.cred) || (last && lstatOk(sh, p))) next.push(p);
      }
    } else {
      const re = compile(sh.k.pat, c, 'path');
      const dotOk = c[0] === '.' || (c[0] === '\\' && c[1] === '.');
      for (const b of bases) {
        let names: string[];
        try {
          names = sh.fs.readdir(b === '' ? '.' : b, sh.d.cwd, sh.cred);
        } catch {
          continue;
        }
        if (dotOk) names = ['.', '..', ...names];
        const hits = names.filter((n) => (dotOk || n[0] !== '.') && re.test(n)).sort(byteOrder);
        for (const n of hits) {
          const p = join(b, n);
          if (!last && !isDir(sh, p)) continue;
          next.push(p);
        }
      }
    }
    bases = next;
    if (bases.length === 0) return [];
  }
  return bases;
}

function join(base: string, name: string): string {
  if (base === '') return name;
  return base.endsWith('/') ? base + name : base + '/' + name;
}

function isDir(sh: Shell, p: string): boolean {
  const n = sh.fs.exists(p, sh.d.cwd, sh.cred);
  return n !== null && n.kind === 'dir';
}

function lstatOk(sh: Shell, p: string): boolean {
  try {
    sh.fs.lstat(p, sh.d.cwd, sh.cred);
    return true;
  } catch {
    return false;
  }
}

export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
