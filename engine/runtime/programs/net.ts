/** Network applets (nslookup, wget, nc); the programs images add (curl, git, the database clients, the python and node interpreters). */
import { git } from './git';
import type { Applet } from './lib';
import { nslookup } from './nslookup';
import { wget } from './wget';
import { nc } from './nc';
import { curl } from './curl';
import { pgIsready } from './pgIsready';
import { redisCli } from './redisCli';
import { mysqladmin } from './mysqladmin';
import { psql } from './psql';
import { mysql } from './mysql';
import { python, PYTHON_PROGRAMS } from './python/main';
import { node, NODE_PROGRAMS } from './node/main';

export const NET_APPLETS: [string, Applet][] = [['nslookup', nslookup], ['wget', wget], ['nc', nc]];
export const EXTRA_APPLETS: ReadonlyMap<string, Applet> = new Map([['curl', curl], ['git', git],
  ['pg_isready', pgIsready], ['redis-cli', redisCli], ['mysqladmin', mysqladmin], ['psql', psql], ['mysql', mysql], ...PYTHON_PROGRAMS.map((n): [string, Applet] => [n, python]),
  ...NODE_PROGRAMS.map((n): [string, Applet] => [n, node])]);
