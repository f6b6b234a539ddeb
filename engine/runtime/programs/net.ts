/** Network applets (nslookup, wget, nc); the programs images add (curl, git, the python and node interpreters). */
import { git } from './git';
import type { Applet } from './lib';
import { nslookup } from './nslookup';
import { wget } from './wget';
import { nc } from './nc';
import { curl } from './curl';
import { python, PYTHON_PROGRAMS } from './python/main';
import { node, NODE_PROGRAMS } from './node/main';

export const NET_APPLETS: [string, Applet][] = [['nslookup', nslookup], ['wget', wget], ['nc', nc]];
export const EXTRA_APPLETS: ReadonlyMap<string, Applet> = new Map([['curl', curl], ['git', git], ...PYTHON_PROGRAMS.map((n): [string, Applet] => [n, python]),
  ...NODE_PROGRAMS.map((n): [string, Applet] => [n, node])]);
