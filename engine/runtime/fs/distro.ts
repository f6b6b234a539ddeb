/**
 * The read-only layer of a Debian-based image (debian:bookworm / debian:trixie and the images built
 * FROM them: nginx, httpd, redis, postgres, python, node): a merged-/usr root (/bin → usr/bin), one
 * program file per GNU tool instead of busybox links, /bin/sh → dash, and Debian's base-passwd
 * accounts plus the service user the image's Dockerfile adds.
 */
import { addDevices, ensureDir, populate, type FileSpec } from './image';
import { createTree, newFile, newSymlink, type Tree } from './tree';

/** A user (and its primary group) that an image's Dockerfile adds with useradd/groupadd. */
export interface ImageUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly shell: string;
  readonly gecos?: string;
}

export interface DistroLayerOptions {
  readonly release: 'bookworm' | 'trixie';
  /** What /bin/sh links to (dash in Debian; bash in Oracle Linux). */
  readonly sh: 'dash' | 'bash';
  /** Programs in /usr/bin, or at an absolute path (each its own file; `sh` becomes the symlink to the shell). */
  readonly programs: readonly string[];
  readonly users?: readonly ImageUser[];
  readonly files?: Readonly<Record<string, FileSpec>>;
}

// Models Debian's base-passwd master files (/usr/share/base-passwd/passwd.master, group.master) as
// debian:bookworm ships them.
const DEBIAN_PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
  'sys:x:3:3:sys:/dev:/usr/sbin/nologin',
  'sync:x:4:65534:sync:/bin:/bin/sync',
  'games:x:5:60:games:/usr/games:/usr/sbin/nologin',
  'man:x:6:12:man:/var/cache/man:/usr/sbin/nologin',
  'lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin',
  'mail:x:8:8:mail:/var/mail:/usr/sbin/nologin',
  'news:x:9:9:news:/var/spool/news:/usr/sbin/nologin',
  'uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin',
  'proxy:x:13:13:proxy:/bin:/usr/sbin/nologin',
  'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
  'backup:x:34:34:backup:/var/backups:/usr/sbin/nologin',
  'list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin',
  'irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin',
  '_apt:x:42:65534::/nonexistent:/usr/sbin/nologin',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
];

const DEBIAN_GROUP = [
  'root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'tty:x:5:', 'disk:x:6:', 'lp:x:7:', 'mail:x:8:',
  'news:x:9:', 'uucp:x:10:', 'man:x:12:', 'proxy:x:13:', 'kmem:x:15:', 'dialout:x:20:', 'fax:x:21:', 'voice:x:22:',
  'cdrom:x:24:', 'floppy:x:25:', 'tape:x:26:', 'sudo:x:27:', 'audio:x:29:', 'dip:x:30:', 'www-data:x:33:',
  'backup:x:34:', 'operator:x:37:', 'list:x:38:', 'irc:x:39:', 'src:x:40:', 'shadow:x:42:', 'utmp:x:43:',
  'video:x:44:', 'sasl:x:45:', 'plugdev:x:46:', 'staff:x:50:', 'games:x:60:', 'users:x:100:', 'nogroup:x:65534:',
];

const RELEASES = {
  bookworm: { version: '12', full: '12.12' },
  trixie: { version: '13', full: '13.2' },
} as const;

/** /etc/os-release of the release (base-files). */
function osRelease(release: 'bookworm' | 'trixie'): string {
  const r = RELEASES[release];
  return [
    `PRETTY_NAME="Debian GNU/Linux ${r.version} (${release})"`, 'NAME="Debian GNU/Linux"', `VERSION_ID="${r.version}"`,
    `VERSION="${r.version} (${release})"`, `VERSION_CODENAME=${release}`,
    ...(release === 'trixie' ? [`DEBIAN_VERSION_FULL=${r.full}`] : []),
    'ID=debian', 'HOME_URL="https://www.debian.org/"', 'SUPPORT_URL="https://www.debian.org/support"',
    'BUG_REPORT_URL="https://bugs.debian.org/"',
  ].join('\n') + '\n';
}

/** Apparent sizes (bytes) of the amd64 binaries `ls -l` shows; other programs get a typical coreutils size. */
const SIZES: Readonly<Record<string, number>> = {
  bash: 1_265_648, dash: 125_640, ls: 151_344, cat: 44_016, cp: 151_152, mv: 142_968, rm: 72_752, mkdir: 97_552,
  grep: 203_152, sed: 126_424, mawk: 158_376, sort: 118_456, env: 48_536, timeout: 48_632, sleep: 43_888,
};

/** A merged-/usr Debian root with the given programs, users and files. */
export function createDistroLayer(key: string, opts: DistroLayerOptions): Tree {
  const tree = createTree(key, { mode: 0o755 });
  for (const d of ['/dev', '/etc', '/home', '/proc', '/run', '/srv', '/sys', '/usr/bin', '/usr/sbin', '/usr/lib',
    '/usr/local/bin', '/usr/share', '/var/lib', '/var/log', '/var/mail', '/var/spool', '/opt', '/mnt', '/media']) {
    ensureDir(tree, d);
  }
  ensureDir(tree, '/root').mode = 0o700;
  ensureDir(tree, '/tmp').mode = 0o1777;
  for (const [link, target] of [['bin', 'usr/bin'], ['sbin', 'usr/sbin'], ['lib', 'usr/lib'], ['lib64', 'usr/lib64']]) {
    tree.root.entries.set(link, newSymlink(tree, target, 0, 0, 0));
  }
  const bin = ensureDir(tree, '/usr/bin');
  for (const program of opts.programs) {
    if (program === 'sh') { bin.entries.set('sh', newSymlink(tree, opts.sh, 0, 0, 0)); continue; }
    const slash = program.lastIndexOf('/');
    const dir = slash < 0 ? bin : ensureDir(tree, program.slice(0, slash));
    const name = program.slice(slash + 1);
    if (dir.entries.has(name)) continue;
    const f = newFile(tree, '', 0o755, 0, 0, 0);
    f.fixedSize = SIZES[name] ?? 43_952;
    f.exe = name;
    dir.entries.set(name, f);
  }
  addDevices(tree);
  const users = opts.users ?? [];
  const passwd = [...DEBIAN_PASSWD, ...users.map((u) => `${u.name}:x:${u.uid}:${u.gid}:${u.gecos ?? ''}:${u.home}:${u.shell}`)];
  const group = [...DEBIAN_GROUP, ...users.map((u) => `${u.name}:x:${u.gid}:`)];
  populate(tree, {
    '/etc/passwd': passwd.join('\n') + '\n',
    '/etc/group': group.join('\n') + '\n',
    '/etc/os-release': { symlink: '../usr/lib/os-release' },
    '/usr/lib/os-release': osRelease(opts.release),
    '/etc/debian_version': opts.release === 'bookworm' ? `${RELEASES.bookworm.full}\n` : `${RELEASES.trixie.full}\n`,
    ...(opts.files ?? {}),
  });
  return tree;
}
