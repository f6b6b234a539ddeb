/** Which shell dialect a program name runs (the shells' own modules import dialect.ts). */
import { ASH, type Dialect } from './dialect';
import { BASH } from './dialectBash';
import { DASH } from './dialectDash';

const BY_PROGRAM: ReadonlyMap<string, Dialect> = new Map([['sh', ASH], ['ash', ASH], ['dash', DASH], ['bash', BASH]]);

/** The dialect of shell program `name` (a busybox applet name, or dash/bash); null when it is no shell. */
export function dialectFor(name: string): Dialect | null {
  return BY_PROGRAM.get(name) ?? null;
}
