/**
 * The image catalog: which images and tags exist, what each contains and does by default.
 * An image not in the catalog runs as a busybox-like image (the trace says so); an unknown tag of a
 * catalogued image fails to pull, as the registry would answer.
 */

import type { ImageUser } from './fs/distro';
import { nodeReleaseOf, nodeTagReleased, pythonReleaseOf, pythonTagReleased } from './releases';

/** Programs in /usr/local/bin (each its own file) and symlinks there (name → target). */
export interface LocalPrograms {
  readonly programs: readonly string[];
  readonly links: Readonly<Record<string, string>>;
}

/**
 * The OS userland of an image that is not busybox-based: Debian (GNU coreutils, grep, sed, mawk,
 * dash as /bin/sh, bash) or Oracle Linux (mysql; bash as /bin/sh).
 */
export interface Distro {
  readonly id: 'debian' | 'oraclelinux';
  /** Debian codename (Oracle Linux images are modelled on Debian's GNU tools, see `sh`). */
  readonly release: 'bookworm' | 'trixie';
  /** The program /bin/sh runs. */
  readonly sh: 'dash' | 'bash';
  /** Programs beyond the base system, e.g. curl, wget, git in buildpack-deps based tags, python3, node. */
  readonly extraApplets: readonly string[];
  /** Service users the image's Dockerfile adds (nginx, redis, postgres, node …). */
  readonly users: readonly ImageUser[];
  /** Programs the image builds from source into /usr/local/bin (python3.N, node) and the symlinks there to them. */
  readonly local?: LocalPrograms;
}

/** The interpreter releases a language image installs, e.g. { python: '3.12.13' } (engine/runtime/releases). */
export type Versions = Readonly<Record<string, string>>;

export type ImageFlavor =
  | { readonly kind: 'busybox'; readonly version: string; readonly extraApplets: readonly string[]; readonly versions?: Versions }
  | { readonly kind: 'alpine'; readonly version: string }
  /** `distro` is absent for the alpine-based tags, which ship busybox. */
  | { readonly kind: 'server'; readonly server: 'nginx' | 'httpd' | 'http-echo' | 'redis' | 'mysql' | 'postgres'; readonly distro?: Distro;
      /** The server's version as its entrypoint logs it (mysql's MYSQL_VERSION). */
      readonly version?: string }
  /** A language image (python, node) whose default command is its interpreter. */
  | { readonly kind: 'distro'; readonly distro: Distro; readonly versions: Versions }
  | { readonly kind: 'pause' }
  | { readonly kind: 'generic' };

/** Debian codename of a docker-library tag: an explicit -bookworm/-trixie suffix, else the image's default. */
function releaseOf(tag: string, fallback: 'bookworm' | 'trixie'): 'bookworm' | 'trixie' {
  if (/(^|-)bookworm$/.test(tag)) return 'bookworm';
  if (/(^|-)trixie$/.test(tag)) return 'trixie';
  return fallback;
}

function debian(release: 'bookworm' | 'trixie', users: readonly ImageUser[] = [], extraApplets: readonly string[] = []): Distro {
  return { id: 'debian', release, sh: 'dash', extraApplets, users };
}

// buildpack-deps:*-curl adds curl and wget, *-scm adds git and procps (kill); the full python and node tags
// are built FROM buildpack-deps:<release> (scm included); their -slim tags start from debian:*-slim.
const BUILDPACK_PROGRAMS = ['curl', 'wget', 'git', 'kill'];
/**
 * The clients a database image ships (pg_isready and psql in /usr/bin through postgresql-common's wrapper, redis-cli
 * built into /usr/local/bin, mysqladmin and mysql from the rpm in /usr/bin); in the alpine tags they sit beside busybox.
 */
export const SERVER_CLIENTS: Readonly<Record<string, readonly string[]>> = { postgres: ['pg_isready', 'psql'], redis: ['redis-cli'], mysql: ['mysqladmin', 'mysql'] };
const ALPINE_TAG = /-alpine(\d+(\.\d+)*)?$|^alpine(\d+(\.\d+)*)?$/;

// Users the docker-library Dockerfiles create (groupadd/useradd --system picks the ids shown).
const NGINX_USER: ImageUser = { name: 'nginx', uid: 101, gid: 101, home: '/nonexistent', shell: '/bin/false', gecos: 'nginx user' };
const REDIS_USER: ImageUser = { name: 'redis', uid: 999, gid: 999, home: '/home/redis', shell: '/bin/sh' };
const POSTGRES_USER: ImageUser = { name: 'postgres', uid: 999, gid: 999, home: '/var/lib/postgresql', shell: '/bin/bash' };
const NODE_USER: ImageUser = { name: 'node', uid: 1000, gid: 1000, home: '/home/node', shell: '/bin/bash' };

export interface ImageDef {
  /** Normalised repository, e.g. `docker.io/library/busybox`. */
  readonly repo: string;
  readonly tag: (tag: string) => boolean;
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly sizeBytes: number;
  readonly flavor: (tag: string) => ImageFlavor;
}

export interface ImageRef {
  readonly repo: string;
  readonly tag: string;
  readonly digest?: string;
}

/** Splits an image reference as the container runtime normalises it (docker.io/library/ for bare names). */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag = 'latest';
  if (colon > slash) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  const first = rest.split('/')[0];
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const repo = hasRegistry ? rest : rest.includes('/') ? `docker.io/${rest}` : `docker.io/library/${rest}`;
  return { repo, tag, digest };
}

const BUSYBOX_TAG = /^(latest|stable|musl|glibc|uclibc|unstable|1\.(2[0-9]|3[0-7])(\.\d+)?)(-(musl|glibc|uclibc))?$/;

/** busybox's version for a tag: `latest`/`stable` are 1.37 today. */
export function busyboxVersionOf(tag: string): string {
  const m = /^1\.(\d+)/.exec(tag);
  return m ? `1.${m[1]}` : '1.37';
}

const CATALOG: readonly ImageDef[] = [
  { repo: 'docker.io/library/busybox', tag: (t) => BUSYBOX_TAG.test(t), cmd: ['sh'], sizeBytes: 2_155_464,
    flavor: (t) => ({ kind: 'busybox', version: busyboxVersionOf(t), extraApplets: [] }) },
  { repo: 'docker.io/lqshow/busybox-curl', tag: (t) => t === '1.28' || t === 'latest', cmd: ['sh'], sizeBytes: 5_403_288,
    flavor: (t) => ({ kind: 'busybox', version: t === 'latest' ? '1.28' : busyboxVersionOf(t), extraApplets: ['curl'] }) },
  // alpine/git: ENTRYPOINT ["git"], CMD ["--help"]; an alpine base with busybox and git.
  { repo: 'docker.io/alpine/git', tag: (t) => /^(latest|v?2(\.\d+){1,2}|\d+\.\d+\.\d+)$/.test(t), entrypoint: ['git'], cmd: ['--help'], sizeBytes: 38_145_627,
    flavor: () => ({ kind: 'busybox', version: '1.36', extraApplets: ['git'] }) },
  { repo: 'docker.io/library/alpine', tag: (t) => /^(latest|edge|3(\.(\d|1\d|2[01])(\.\d{1,2})?)?)$/.test(t), cmd: ['/bin/sh'], sizeBytes: 3_653_012,
    flavor: (t) => ({ kind: 'alpine', version: t }) },
  // nginx 1.29 (mainline, latest) and 1.28 (stable) are built on trixie, older tags on bookworm.
  { repo: 'docker.io/library/nginx', tag: (t) => /^(latest|stable|mainline|alpine|perl|bookworm|trixie|(1|1\.(\d|1\d|2[0-9])(\.\d{1,2})?)(-alpine|-perl|-bookworm|-trixie)?)$/.test(t), entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'], sizeBytes: 72_223_946,
    flavor: (t) => ({ kind: 'server', server: 'nginx', distro: ALPINE_TAG.test(t) ? undefined
      : debian(releaseOf(t, /^1\.(\d|1\d|2[0-7])(\.|$|-)/.test(t) ? 'bookworm' : 'trixie'), [NGINX_USER]) }) },
  { repo: 'docker.io/library/httpd', tag: (t) => /^(latest|alpine|bookworm|trixie|(2|2\.[24](\.\d{1,2})?)(-alpine|-bookworm|-trixie)?)$/.test(t), cmd: ['httpd-foreground'], sizeBytes: 58_214_111,
    flavor: (t) => ({ kind: 'server', server: 'httpd', distro: ALPINE_TAG.test(t) ? undefined : debian(releaseOf(t, 'trixie')) }) },
  { repo: 'docker.io/hashicorp/http-echo', tag: (t) => /^(latest|0\.2\.\d|1\.0(\.\d)?)$/.test(t), entrypoint: ['/http-echo'], sizeBytes: 3_548_112,
    flavor: () => ({ kind: 'server', server: 'http-echo' }) },
  { repo: 'docker.io/library/redis', tag: (t) => /^(latest|alpine|bookworm|[2-8](\.\d{1,2}){0,2}(-alpine|-bookworm)?)$/.test(t), entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'],
    sizeBytes: 45_012_882, flavor: (t) => ({ kind: 'server', server: 'redis', distro: ALPINE_TAG.test(t) ? undefined
      : { ...debian('bookworm', [REDIS_USER]), local: { programs: SERVER_CLIENTS.redis, links: {} } } }) },
  // mysql 8 and 9 (and 5.7) are built on oraclelinux:*-slim, whose /bin/sh is bash; the GNU tools stand in for
  // its coreutils-single.
  { repo: 'docker.io/library/mysql', tag: (t) => /^(latest|lts|innovation|5\.7(\.\d{1,2})?|8(\.[0-4](\.\d{1,2})?)?|9(\.[0-4](\.\d{1,2})?)?)$/.test(t), entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'],
    sizeBytes: 172_101_521, flavor: (t) => ({ kind: 'server', server: 'mysql', version: mysqlVersion(t),
      distro: { id: 'oraclelinux', release: 'bookworm', sh: 'bash', extraApplets: SERVER_CLIENTS.mysql, users: [{ name: 'mysql', uid: 999, gid: 999, home: '/var/lib/mysql', shell: '/bin/bash' }] } }) },
  { repo: 'docker.io/library/postgres', tag: (t) => /^(latest|alpine|bookworm|trixie|(9(\.[3-6](\.\d{1,2})?)?|1[0-8](\.\d{1,2})?)(-alpine|-bookworm|-trixie)?)$/.test(t), entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'],
    sizeBytes: 158_772_412, flavor: (t) => ({ kind: 'server', server: 'postgres', version: postgresMajor(t), distro: ALPINE_TAG.test(t) ? undefined : debian(releaseOf(t, 'trixie'), [POSTGRES_USER], SERVER_CLIENTS.postgres) }) },
  // python: CMD ["python3"]; full tags FROM buildpack-deps (curl, wget, git), -slim tags FROM debian:*-slim.
  { repo: 'docker.io/library/python', tag: (t) => /^(latest|slim|alpine|bookworm|trixie|slim-bookworm|slim-trixie|3(\.(\d|1[0-4])(\.\d{1,2})?)?(-slim|-alpine)?(-bookworm|-trixie)?)$/.test(t) && pythonTagReleased(t),
    cmd: ['python3'], sizeBytes: 1_019_325_440, flavor: (t) => languageFlavor(t, 'python', [], 'trixie') },
  // node: ENTRYPOINT ["docker-entrypoint.sh"], CMD ["node"]; full tags FROM buildpack-deps, -slim FROM debian:*-slim.
  // node 26 (latest, current) is built on trixie by default, older lines on bookworm.
  { repo: 'docker.io/library/node', tag: (t) => /^(latest|lts|current|slim|alpine|bookworm|trixie|bookworm-slim|trixie-slim|(1[89]|2[0-6])(\.\d{1,2}){0,2}(-slim|-alpine)?(-bookworm|-trixie)?(-slim)?)$/.test(t) && nodeTagReleased(t),
    entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], sizeBytes: 1_114_980_352,
    flavor: (t) => languageFlavor(t, 'node', [NODE_USER], nodeReleaseOf(t).startsWith('26.') ? 'trixie' : 'bookworm') },
  { repo: 'registry.k8s.io/pause', tag: (t) => /^(latest|3\.\d+)$/.test(t), entrypoint: ['/pause'], sizeBytes: 320_368,
    flavor: () => ({ kind: 'pause' }) },
];

/**
 * The interpreter a language image builds into /usr/local/bin and the names it links to it: python's
 * `make install` installs python3.N with python3 → python3.N and the Dockerfile adds python → python3
 * (`ln -svT "$src" "/usr/local/bin/$dst"`); node's Dockerfile adds nodejs → node. Not modelled: pip,
 * pip3, pip3.N, pydoc3, idle3, python3-config and their links; npm, npx, corepack and yarn.
 */
function interpreterOf(language: 'python' | 'node', version: string): LocalPrograms {
  if (language === 'node') return { programs: ['node'], links: { nodejs: '/usr/local/bin/node' } };
  const program = `python${version.split('.').slice(0, 2).join('.')}`;
  return { programs: [program], links: { python3: program, python: 'python3' } };
}

/** A python/node tag: busybox for -alpine, else Debian (full tags with buildpack-deps' programs). */
function languageFlavor(tag: string, language: 'python' | 'node', users: readonly ImageUser[], defaultRelease: 'bookworm' | 'trixie'): ImageFlavor {
  const version = language === 'python' ? pythonReleaseOf(tag) : nodeReleaseOf(tag);
  const versions = { [language]: version };
  const local = interpreterOf(language, version);
  if (ALPINE_TAG.test(tag)) return { kind: 'busybox', version: '1.37', extraApplets: [...local.programs, ...Object.keys(local.links)], versions };
  const slim = /(^|-)slim(-|$)/.test(tag);
  const distro = debian(releaseOf(tag.replace(/-slim$/, ''), defaultRelease), users, slim ? [] : BUILDPACK_PROGRAMS);
  return { kind: 'distro', distro: { ...distro, local }, versions };
}

/** PG_MAJOR of a postgres tag (9.x majors have two parts); the newest, 18, for latest and the variant-only tags. */
function postgresMajor(tag: string): string {
  const m = /^(9\.\d|\d+)/.exec(tag);
  return m ? m[1] : '18';
}

/**
 * MYSQL_VERSION of a mysql tag, as the entrypoint's first log line names it. A full tag is its own version;
 * a line tag takes the newest release of that line we could confirm (5.7.44 is the last 5.7, 8.1 to 9.4 were
 * innovation releases with one patch each, 8.0.46 appears in a log of 2026-09, 8.4.7 and 9.5.0 are of
 * 2025-10). `latest` and `innovation` are the newest 9.x, `lts` and `8` the newest 8.4. The -1.elN suffix is the
 * package release on the image's Oracle Linux.
 */
function mysqlVersion(tag: string): string {
  const lines: Record<string, string> = {
    '5.7': '5.7.44', '8.0': '8.0.46', '8.1': '8.1.0', '8.2': '8.2.0', '8.3': '8.3.0', '8.4': '8.4.7', '8': '8.4.7', 'lts': '8.4.7',
    '9.0': '9.0.1', '9.1': '9.1.0', '9.2': '9.2.0', '9.3': '9.3.0', '9.4': '9.4.0', '9': '9.5.0', 'latest': '9.5.0', 'innovation': '9.5.0',
  };
  const version = /^\d+\.\d+\.\d+$/.test(tag) ? tag : lines[tag] ?? lines.latest;
  return `${version}-1.${version.startsWith('5.') ? 'el7' : 'el9'}`;
}

export interface ImageLookup {
  readonly exists: boolean;
  /** IfNotPresent images of the catalog count as already on the node (DESIGN.md timing defaults). */
  readonly preloaded: boolean;
  readonly sizeBytes: number;
  /** Why the pull fails, as containerd words it, when `exists` is false. */
  readonly reason: string;
  readonly def?: ImageDef;
  readonly ref: ImageRef;
  readonly flavor: ImageFlavor;
  /** True when the image is not in the catalog and runs as a busybox-like image. */
  readonly fallback: boolean;
}

export class ImageCatalog {
  /** Answers are a function of the reference alone (and read-only): each is worked out once per catalog. */
  private readonly answers = new Map<string, ImageLookup>();
  private readonly ids = new Map<string, string>();

  lookup(image: string): ImageLookup {
    let answer = this.answers.get(image);
    if (!answer) this.answers.set(image, (answer = this.resolve(image)));
    return answer;
  }

  private resolve(image: string): ImageLookup {
    const ref = parseImageRef(image);
    const def = CATALOG.find((d) => d.repo === ref.repo);
    if (!def) {
      return { exists: true, preloaded: true, sizeBytes: 4_000_000, reason: '', ref, fallback: true,
        flavor: { kind: 'busybox', version: '1.37', extraApplets: [] } };
    }
    const exists = ref.digest !== undefined || def.tag(ref.tag);
    const full = `${ref.repo}:${ref.tag}`;
    return {
      exists, preloaded: exists, sizeBytes: def.sizeBytes, def, ref, fallback: false, flavor: def.flavor(ref.tag),
      // Models containerd's resolver error for a tag the registry does not have.
      reason: exists ? '' : `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`,
    };
  }

  /** `imageID` as the runtime reports it: repo@sha256:… (stable per reference). */
  imageId(image: string): string {
    let id = this.ids.get(image);
    if (id === undefined) {
      const ref = parseImageRef(image);
      this.ids.set(image, (id = `${ref.repo}@sha256:${stableHex(`${ref.repo}:${ref.tag}`, 64)}`));
    }
    return id;
  }
}

function stableHex(text: string, length: number): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < length; round++) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ round, 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
