/**
 * Redirections. Models ash.c redirect/openredirect: files are opened in order, a failure prints
 * `can't create X: nonexistent directory` / `can't open X: no such file` and the command is not
 * run (status 1). The previous fds are saved and put back after the command (popredir).
 */
import type { Redir } from './ast';
import { ERRNO } from '../fs/errors';
import type { FileInode } from '../fs/tree';
import { retain, type OpenFile } from './io';
import type { Block } from './kernel';
import { expandString, expandTarget } from './expand';
import type { Shell } from './shell';
import { openPath } from './sys';

export type Saved = [number, OpenFile | null][];

/** Apply `redirs` to the shell's fds. Returns what to restore, or null after an error (printed). */
export function* applyRedirs(sh: Shell, redirs: readonly Redir[]): Generator<Block, Saved | null, unknown> {
  const saved: Saved = [];
  const fds = sh.p.fds;
  for (const r of redirs) {
    let of: OpenFile | null;
    if (r.op === '<<' || r.op === '<<-' || r.op === '<<<') {
      // bash's here-string is its word, expanded, plus a newline.
      const body = r.op === '<<<' ? (yield* expandString(sh, r.target)) + '\n' : r.heredoc ? yield* expandString(sh, r.heredoc) : '';
      const node: FileInode = { kind: 'file', ino: 0, mode: 0o600, uid: 0, gid: 0, mtime: 0, nlink: 0, data: body };
      of = { kind: 'file', fs: sh.fs, info: { node, path: '', mount: null }, pos: 0, append: false, read: true, write: false, refs: 0 };
    } else {
      const target = yield* expandTarget(sh, r.target);
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') {
          of = null;
        } else if (/^[0-9]+$/.test(target)) {
          const src = fds[Number(target)];
          if (!src) { sh.errSync(`${target}: Bad file descriptor`); restore(sh, saved); return null; }
          of = src;
        } else {
          sh.errSync(`${target}: Bad file descriptor`);
          restore(sh, saved);
          return null;
        }
      } else {
        const mode = r.op === '<' ? 'r' : r.op === '>>' ? 'a' : r.op === '<>' ? 'rw' : 'w';
        if (r.op === '>' && sh.d.opt.C) {
          const ex = sh.fs.exists(target, sh.d.cwd, sh.cred);
          if (ex && ex.kind === 'file') { sh.errSync(sh.d.dialect.msg.redirect(target, true, ERRNO.EEXIST, 'EEXIST')); restore(sh, saved); return null; }
        }
        const res = openPath(sh.fs, sh.p, sh.d.cwd, sh.cred, target, mode);
        if ('err' in res) {
          const create = mode !== 'r';
          sh.errSync(sh.d.dialect.msg.redirect(target, create, ERRNO[res.err], res.err));
          restore(sh, saved);
          return null;
        }
        of = res.of;
      }
    }
    saved.push([r.fd, fds[r.fd] ?? null]);
    while (fds.length <= r.fd) fds.push(null);
    fds[r.fd] = of ? retain(of) : null;
  }
  return saved;
}

/** Put back the fds saved by applyRedirs (in reverse order). */
export function restore(sh: Shell, saved: Saved): void {
  const fds = sh.p.fds;
  for (let i = saved.length - 1; i >= 0; i--) {
    const [fd, old] = saved[i];
    const cur = fds[fd];
    if (cur) sh.k.closeOf(cur);
    fds[fd] = old;
  }
}

/** `exec >file`: make the redirections permanent (close what they replaced). */
export function commit(sh: Shell, saved: Saved): void {
  for (const [, old] of saved) if (old) sh.k.closeOf(old);
}
