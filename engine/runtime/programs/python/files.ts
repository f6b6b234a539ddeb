/* eslint-disable require-yield -- native functions share the generator signature of Python calls; many never block. */
/**
 * open() on the container's filesystem: text and binary files for reading, writing and appending,
 * with io.TextIOWrapper's behaviour that matters to a learner: writes are buffered until close(),
 * flush(), the end of a `with` block or the interpreter's exit (another container on a shared volume
 * sees the data then); errors are the OSError subclasses CPython maps errno to.
 */
import { FsError, type Errno } from '../../fs/errors';
import type { Interp } from './interp';
import { osError, bytes, list, raise, typeName, type PyClass, type PyInst, type PyVal, type NativeFn, STOP } from './values';
import { decodeUtf8 } from './methods';
import { utf8Bytes } from '../utf8';

const ERRNO: Readonly<Partial<Record<Errno, [number, string]>>> = {
  ENOENT: [2, 'FileNotFoundError'], EACCES: [13, 'PermissionError'], EPERM: [1, 'PermissionError'], EISDIR: [21, 'IsADirectoryError'],
  ENOTDIR: [20, 'NotADirectoryError'], EEXIST: [17, 'FileExistsError'], EROFS: [30, 'OSError'], ENOTEMPTY: [39, 'OSError'],
  ELOOP: [40, 'OSError'], EINVAL: [22, 'OSError'], EBUSY: [16, 'OSError'], EXDEV: [18, 'OSError'], ENAMETOOLONG: [36, 'OSError'],
  ENOSPC: [28, 'OSError'], EBADF: [9, 'OSError'],
};

/** Runs a filesystem call, turning FsError into the OSError CPython raises (`[Errno 2] No such file or directory: 'x'`). */
export function fsCall<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    const [n, cls] = ERRNO[e.code] ?? [5, 'OSError'];
    throw osError(cls, n, e.message, path);
  }
}

const FILE_CLASS: PyClass = { kind: 'class', name: 'TextIOWrapper', bases: [], attrs: new Map(), module: '_io' };

export function openFile(ip: Interp, pathV: PyVal, modeV: PyVal): PyInst {
  if (typeof pathV !== 'string') raise('TypeError', `expected str, bytes or os.PathLike object, not ${typeName(pathV)}`);
  const path = pathV;
  const mode = typeof modeV === 'string' ? modeV : 'r';
  if (!/^[rwax]\+?[bt]?$|^[rwax][bt]\+?$/.test(mode)) raise('ValueError', `invalid mode: '${mode}'`);
  const { fs, cwd, cred } = ip.ctx;
  const binary = mode.includes('b');
  const kind = mode[0];
  if (kind === 'r') fsCall(path, () => { const st = fs.stat(path, cwd, cred); if (st.node.kind === 'dir') throw new FsError('EISDIR'); fs.readFile(path, cwd, cred); });
  else if (kind === 'x' && fs.exists(path, cwd, cred)) throw osError('FileExistsError', 17, 'File exists', path);
  else fsCall(path, () => fs.openWrite(path, cwd, cred, { truncate: kind === 'w' || kind === 'x' }));
  let pos = 0;
  let pending = '';
  let closed = false;
  const content = (): string => fsCall(path, () => fs.readFile(path, cwd, cred));
  const wrap = (s: string): PyVal => (binary ? bytes(s) : decodeUtf8(s) ?? s);
  const checkOpen = () => { if (closed) raise('ValueError', 'I/O operation on closed file.'); };
  const flush = () => {
    if (!pending) return;
    const data = pending;
    pending = '';
    // A failed write(2) is `OSError: [Errno 28] No space left on device`, without the file's name (what fit stays).
    try {
      fs.writeFile(path, cwd, cred, data, true);
    } catch (e) {
      if (e instanceof FsError && e.code === 'ENOSPC') throw osError('OSError', 28, e.message);
      fsCall(path, () => { throw e; });
    }
  };
  const readable = kind === 'r' || mode.includes('+');
  const writable = kind !== 'r' || mode.includes('+');
  const readRest = (): string => { checkOpen(); if (!readable) throw osError('OSError', 22, 'not readable'); const c = content(); const s = c.slice(pos); pos = c.length; return s; };
  const readLine = (): string => {
    checkOpen();
    const c = content();
    const nl = c.indexOf('\n', pos);
    const end = nl < 0 ? c.length : nl + 1;
    const s = c.slice(pos, end);
    pos = end;
    return s;
  };
  const inst: PyInst = { kind: 'inst', cls: FILE_CLASS, attrs: new Map(), args: [] };
  const m = (name: string, fn: NativeFn) => inst.attrs.set(name, { kind: 'builtin', name, fn, self: inst });
  m('read', function* (a) {
    const s = readRest();
    if (a.length && a[0] !== null && Number(a[0]) >= 0) { const n = Number(a[0]); pos -= s.length - n; return wrap(s.slice(0, n)); }
    return wrap(s);
  });
  m('readline', function* () { return wrap(readLine()); });
  m('readlines', function* () { const out: PyVal[] = []; for (;;) { const l = readLine(); if (!l) return list(out); out.push(wrap(l)); } });
  m('write', function* (a) {
    checkOpen();
    if (!writable) throw osError('OSError', 22, 'not writable');
    const v = a[0];
    if (binary ? !(v !== null && typeof v === 'object' && v.kind === 'bytes') : typeof v !== 'string') {
      raise('TypeError', binary ? `a bytes-like object is required, not '${typeName(v)}'` : `write() argument must be str, not ${typeName(v)}`);
    }
    const data = typeof v === 'string' ? utf8Bytes(v) : (v as { data: string }).data;
    pending += data;
    if (pending.length >= 8192) flush();
    return BigInt(typeof v === 'string' ? [...v].length : data.length);
  });
  m('writelines', function* (a) { const v = a[0]; if (v !== null && typeof v === 'object' && v.kind === 'list') for (const x of v.items) pending += utf8Bytes(String(x)); return null; });
  m('flush', function* () { checkOpen(); flush(); return null; });
  m('close', function* () { if (!closed) { flush(); closed = true; ip.openFiles.delete(flush); } return null; });
  m('__enter__', function* () { checkOpen(); return inst; });
  m('__exit__', function* () { flush(); closed = true; ip.openFiles.delete(flush); return false; });
  m('__iter__', function* () { return inst; });
  m('__next__', function* () { const l = readLine(); if (!l) return STOP as unknown as PyVal; return wrap(l); });
  inst.attrs.set('name', path);
  inst.attrs.set('mode', mode);
  ip.openFiles.add(flush);
  return inst;
}
