/** Network applets (nslookup, wget, nc) and the curl program of curl images. */
import { git } from './git';
import type { Applet } from './lib';
import { nslookup } from './nslookup';
import { wget } from './wget';
import { nc } from './nc';
import { curl } from './curl';

export const NET_APPLETS: [string, Applet][] = [['nslookup', nslookup], ['wget', wget], ['nc', nc]];
export const EXTRA_APPLETS: ReadonlyMap<string, Applet> = new Map([['curl', curl], ['git', git]]);
