/**
 * dd (busybox 1.36 coreutils/dd.c, defconfig: FEATURE_DD_IBS_OBS, FEATURE_DD_STATUS, FEATURE_DD_THIRD_STATUS_LINE).
 * Operands KEY=VALUE: if of bs ibs obs count skip seek conv=notrunc,sync,noerror,fsync,swab
 * iflag=skip_bytes,count_bytes,fullblock,direct oflag=seek_bytes,append,direct status=none|noxfer.
 * (busybox has no conv=lcase/ucase: they are invalid arguments.) A read from a pipe returns what the
 * writer has put in it so far (a short block) unless iflag=fullblock; files and devices fill whole blocks.
 * The end report's time is the virtual time dd ran; each block read costs CPU like a command.
 */
import { strerror } from '../fs/errors';
import type { StatInfo } from '../fs/view';
import type { OpenFile } from '../shell/io';
import { openPath, readOf, writeOf, type Ctx } from '../shell/sys';
import { humanReadable } from './du';
import { BB_BANNER, err, errnoMsg, errRaw, type Applet, type G } from './lib';
import { CWBKMG_SUFFIXES, xatouSfx } from './sizeArgs';
import { truncateTo } from './tempfiles';

const USAGE = `${BB_BANNER}Usage: dd [if=FILE] [of=FILE] [ibs=N obs=N/bs=N] [count=N] [skip=N] [seek=N]
\t[conv=notrunc|noerror|sync|fsync]
\t[iflag=skip_bytes|count_bytes|fullblock|direct] [oflag=seek_bytes|append|direct]

Copy a file with converting and formatting

\tif=FILE\t\tRead from FILE instead of stdin
\tof=FILE\t\tWrite to FILE instead of stdout
\tbs=N\t\tRead and write N bytes at a time
\tibs=N\t\tRead N bytes at a time
\tobs=N\t\tWrite N bytes at a time
\tcount=N\t\tCopy only N input blocks
\tskip=N\t\tSkip N input blocks
\tseek=N\t\tSkip N output blocks
\tconv=notrunc\tDon't truncate output file
\tconv=noerror\tContinue after read errors
\tconv=sync\tPad blocks with zeros
\tconv=fsync\tPhysically write data out before finishing
\tconv=swab\tSwap every pair of bytes
\tiflag=skip_bytes\tskip=N is in bytes
\tiflag=count_bytes\tcount=N is in bytes
\toflag=seek_bytes\tseek=N is in bytes
\tiflag=direct\tO_DIRECT input
\toflag=direct\tO_DIRECT output
\tiflag=fullblock\tRead full blocks
\toflag=append\tOpen output in append mode
\tstatus=noxfer\tSuppress rate output
\tstatus=none\tSuppress all output

N may be suffixed by c (1), w (2), b (512), kB (1000), k (1024), MB, M, GB, G
`;

const KEYWORDS = ['bs', 'count', 'seek', 'skip', 'if', 'of', 'status', 'ibs', 'obs', 'conv', 'iflag', 'oflag'];
const WORDS: Record<string, readonly string[]> = {
  conv: ['notrunc', 'sync', 'noerror', 'fsync', 'swab'],
  iflag: ['skip_bytes', 'count_bytes', 'fullblock', 'direct'],
  oflag: ['seek_bytes', 'append', 'direct'],
  status: ['none', 'noxfer'],
};
/** A block size must fit a positive ssize_t. */
const SSIZE_MAX = 2 ** 63 - 1;

class DdDie {
  constructor(readonly msg: string) {}
}

interface Opts {
  ibs: number; obs: number; count: number | null; seek: number; skip: number;
  infile: string | null; outfile: string | null; flags: Set<string>;
}

function parseOperands(argv: readonly string[]): Opts | 'usage' {
  const o: Opts = { ibs: 512, obs: 512, count: null, seek: 0, skip: 0, infile: null, outfile: null, flags: new Set() };
  const num = (v: string, lower: number, upper?: number): number => {
    const r = upper === undefined ? xatouSfx(v, CWBKMG_SUFFIXES, lower) : xatouSfx(v, CWBKMG_SUFFIXES, lower, upper, '9223372036854775807');
    if (typeof r !== 'number') throw new DdDie(r.msg);
    return r;
  };
  for (const arg of argv.slice(1)) {
    if (arg === '--') continue;
    const eq = arg.indexOf('=');
    if (eq < 0) return 'usage';
    const key = arg.slice(0, eq);
    const val = arg.slice(eq + 1);
    if (!KEYWORDS.includes(key)) return 'usage';
    switch (key) {
      case 'ibs': o.ibs = num(val, 1, SSIZE_MAX); break;
      case 'obs': o.obs = num(val, 1, SSIZE_MAX); break;
      case 'bs': o.ibs = o.obs = num(val, 1, SSIZE_MAX); break;
      case 'count': o.count = num(val, 0); break;
      case 'seek': o.seek = num(val, 0); break;
      case 'skip': o.skip = num(val, 0); break;
      case 'if': o.infile = val; break;
      case 'of': o.outfile = val; break;
      default:
        // conv, iflag, oflag: comma-separated words; status: one word.
        for (const w of key === 'status' ? [val] : val.split(',')) {
          if (!WORDS[key].includes(w)) throw new DdDie(`invalid argument '${w}' to '${key}'`);
          o.flags.add(`${key}=${w}`);
        }
    }
  }
  return o;
}

/** read(2) of up to `n` bytes from `of`: a pipe gives what it holds (all `n` with fullblock); null at the end. */
class Reader {
  private buf = '';
  private eof = false;
  constructor(private readonly ctx: Ctx, private readonly of: OpenFile | null, private readonly fullblock: boolean) {}

  *read(n: number): G<string> {
    this.ctx.k.charge();
    const short = this.of?.kind === 'pipe' && !this.fullblock;
    while (this.buf.length < n && !this.eof) {
      if (short && this.buf !== '') break;
      const s = this.of ? yield* readOf(this.ctx.k, this.of) : null;
      if (s === null) this.eof = true;
      else this.buf += s;
    }
    const r = this.buf.slice(0, n);
    this.buf = this.buf.slice(n);
    return r;
  }

  /** What was taken from the fd but not read goes back: the next reader of a shared pipe or file sees it. */
  giveBack(): void {
    const of = this.of;
    if (this.buf === '' || !of) return;
    if (of.kind === 'pipe') { of.pipe.buf = this.buf + of.pipe.buf; this.ctx.k.pipeChanged(of.pipe); }
    else if (of.kind === 'file') of.pos -= this.buf.length;
    this.buf = '';
  }
}

function swab(s: string): string {
  let r = '';
  for (let i = 0; i + 1 < s.length; i += 2) r += s[i + 1] + s[i];
  return s.length % 2 ? r + s[s.length - 1] : r;
}

export const dd: Applet = function* (ctx) {
  let o: Opts | 'usage';
  try {
    o = parseOperands(ctx.argv);
  } catch (e) {
    if (e instanceof DdDie) { err(ctx, e.msg); return 1; }
    throw e;
  }
  if (o === 'usage') { errRaw(ctx, USAGE); return 1; }
  const f = o.flags;
  const begin = ctx.k.clock();
  const st = { inFull: 0, inPart: 0, outFull: 0, outPart: 0, total: 0 };
  const status = (): void => {
    if (f.has('status=none')) return;
    let text = `${st.inFull}+${st.inPart} records in\n${st.outFull}+${st.outPart} records out\n`;
    if (!f.has('status=noxfer')) {
      const seconds = (ctx.k.clock() - begin) / 1e6;
      const rate = Math.floor(st.total / seconds);
      text += `${st.total} bytes (${humanReadable(st.total, 1, 0)}B) copied, ${seconds.toFixed(6)} seconds, ${humanReadable(rate, 1, 0)}B/s\n`;
    }
    errRaw(ctx, text);
  };
  const inName = o.infile ?? 'standard input';
  const outName = o.outfile ?? 'standard output';
  const die = (name: string, why: string): number => { err(ctx, `${name}: ${why}`); return 1; };

  let input: OpenFile | null = ctx.p.fds[0];
  let opened: OpenFile | null = null;
  if (o.infile !== null) {
    const r = openPath(ctx.fs, ctx.p, ctx.cwd, ctx.cred, o.infile, 'r');
    if ('err' in r) { err(ctx, `can't open '${o.infile}': ${strerror(r.err)}`); return 1; }
    input = opened = r.of;
    if (r.of.kind === 'file' && r.of.info.node.kind === 'dir') return die(inName, strerror('EISDIR'));
  }
  let output: OpenFile | null = ctx.p.fds[1];
  let outOpened: OpenFile | null = null;
  if (o.outfile !== null) {
    let info: StatInfo;
    try {
      info = ctx.fs.openWrite(o.outfile, ctx.cwd, ctx.cred, { truncate: !o.seek && !f.has('conv=notrunc') });
    } catch (e) {
      if (opened) ctx.k.closeOf(opened);
      err(ctx, `can't open '${o.outfile}': ${errnoMsg(e)}`);
      return 1;
    }
    if (info.node.kind === 'dev') {
      const r = openPath(ctx.fs, ctx.p, ctx.cwd, ctx.cred, o.outfile, 'w');
      output = outOpened = 'err' in r ? null : r.of;
    } else {
      output = { kind: 'file', fs: ctx.fs, info, pos: 0, append: f.has('oflag=append'), read: false, write: true, refs: 0 };
      if (o.seek && !f.has('conv=notrunc')) {
        try {
          truncateTo(ctx, info, o.seek * (f.has('oflag=seek_bytes') ? 1 : o.obs));
        } catch (e) {
          if (opened) ctx.k.closeOf(opened);
          return die(outName, errnoMsg(e));
        }
      }
    }
  }
  try {
    return yield* copy();
  } finally {
    // /dev/stdin and friends open the process's own fds: those stay open.
    if (opened && !ctx.p.fds.includes(opened)) ctx.k.closeOf(opened);
    if (outOpened && !ctx.p.fds.includes(outOpened)) ctx.k.closeOf(outOpened);
  }

  function* copy(): G<number> {
    if (o === 'usage') return 1;
    const reader = new Reader(ctx, input, f.has('iflag=fullblock'));
    try {
      return yield* copyFrom(reader);
    } finally {
      reader.giveBack();
    }
  }

  function* copyFrom(reader: Reader): G<number> {
    if (o === 'usage') return 1;
    const { ibs, obs } = o;
    if (o.skip) {
      const bs = f.has('iflag=skip_bytes') ? 1 : ibs;
      if (input?.kind === 'file') input.pos += o.skip * bs;
      else if (input?.kind === 'pipe' || input?.kind === 'console') {
        // lseek fails on a pipe: read and drop the blocks.
        for (let i = 0; i < o.skip; i++) if ((yield* reader.read(bs)) === '') break;
      }
    }
    if (o.seek) {
      const at = o.seek * (f.has('oflag=seek_bytes') ? 1 : obs);
      if (output?.kind === 'file') output.pos += at;
      else if (output?.kind === 'pipe' || output?.kind === 'console' || output?.kind === 'capture') return die(outName, 'Illegal seek');
    }
    /** write_and_stats: false after a failed write (reported). */
    const write = function* (s: string): G<boolean> {
      if (!output) { err(ctx, `error writing '${outName}': ${strerror('EBADF')}`); return false; }
      const before = output.kind === 'file' ? output.pos : 0;
      const e = yield* writeOf(ctx.k, output, s);
      const n = e === null ? s.length : output.kind === 'file' ? Math.max(0, output.pos - before) : 0;
      st.total += n;
      if (n === obs) st.outFull++;
      else if (n === s.length) st.outPart++;
      if (e) { err(ctx, `error writing '${outName}': ${strerror(e)}`); return false; }
      return true;
    };
    let count = o.count;
    const countBytes = f.has('iflag=count_bytes');
    let pending = '';
    let prevRead = 0;
    for (;;) {
      let want = ibs;
      if (count !== null) {
        if (count <= 0) break;
        if (countBytes && count < ibs) want = count;
      }
      let block = yield* reader.read(want);
      if (block === '') break;
      if (f.has('conv=swab')) {
        if (prevRead % 2) { err(ctx, `can't swab ${prevRead} byte buffer`); return 1; }
        prevRead = block.length;
        block = swab(block);
      }
      if (count !== null) count -= countBytes ? block.length : 1;
      if (block.length === ibs) st.inFull++;
      else {
        st.inPart++;
        if (f.has('conv=sync')) block += '\0'.repeat(ibs - block.length);
      }
      if (ibs === obs) {
        if (!(yield* write(block))) { status(); return 1; }
        continue;
      }
      pending += block;
      while (pending.length >= obs) {
        const chunk = pending.slice(0, obs);
        pending = pending.slice(obs);
        if (!(yield* write(chunk))) { status(); return 1; }
      }
    }
    // conv=fsync: fsync(2) of a pipe or a terminal fails with EINVAL.
    if (f.has('conv=fsync') && output && output.kind !== 'file') return die(outName, strerror('EINVAL'));
    if (pending !== '' && !(yield* write(pending))) { status(); return 1; }
    status();
    return 0;
  }
};
