/** md5sum, sha1sum, sha256sum, sha512sum (busybox coreutils/md5_sha1_sum.c): sums of files, and -c to check them. */
import type { Ctx } from '../shell/sys';
import { badOption, err, getopts, out, readInput, splitLines, chomp, type Applet, type G } from './lib';
import { md5, sha1, sha256, sha512 } from './hashes';
import { utf8Bytes } from './utf8';

const HASHES: Record<string, (bytes: string) => string> = { md5sum: md5, sha1sum: sha1, sha256sum: sha256, sha512sum: sha512 };

/** The sum of a file operand ('-' = stdin); null after busybox's open_or_warn message. */
function* sumOf(ctx: Ctx, hash: (b: string) => string, name: string): G<string | null> {
  const text = yield* readInput(ctx, name);
  return text === null ? null : hash(utf8Bytes(text));
}

function sumApplet(hash: (b: string) => string): Applet {
  return function* (ctx) {
    const o = getopts(ctx.argv, 'scwbt');
    if (o.bad) return badOption(ctx, o.bad, o.missing);
    const files = o.rest.length ? o.rest : ['-'];
    let status = 0;
    for (const f of files) {
      if (!o.flags.has('c')) {
        const h = yield* sumOf(ctx, hash, f);
        if (h === null) status = 1; else yield* out(ctx, `${h}  ${f}\n`);
        continue;
      }
      const list = yield* readInput(ctx, f);
      if (list === null) return 1;
      let total = 0;
      let failed = 0;
      for (const raw of splitLines(list)) {
        const line = chomp(raw);
        total++;
        const sp = line.indexOf(' ');
        if (sp < 0) {
          if (o.flags.has('w')) err(ctx, 'invalid format');
          failed++;
          status = 1;
          continue;
        }
        let name = line.slice(sp + 1);
        if (name[0] === ' ' || name[0] === '*') name = name.slice(1);
        const h = yield* sumOf(ctx, hash, name);
        const ok = h !== null && h === line.slice(0, sp);
        if (!o.flags.has('s')) yield* out(ctx, `${name}: ${ok ? 'OK' : 'FAILED'}\n`);
        if (!ok) { failed++; status = 1; }
      }
      if (failed && !o.flags.has('s')) err(ctx, `WARNING: ${failed} of ${total} computed checksums did NOT match`);
      if (total === 0) { status = 1; err(ctx, `${f}: no checksum lines found`); }
    }
    return status;
  };
}

export const DIGEST_APPLETS: [string, Applet][] = Object.entries(HASHES).map(([name, h]) => [name, sumApplet(h)]);
