/** Network applets (nslookup, wget, nc) and the curl program of curl images. */
import type { Applet } from './lib';
import { nslookup } from './nslookup';
import { wget, nc, curl } from './http';

export const NET_APPLETS: [string, Applet][] = [['nslookup', nslookup], ['wget', wget], ['nc', nc]];
export const EXTRA_APPLETS: ReadonlyMap<string, Applet> = new Map([['curl', curl]]);
