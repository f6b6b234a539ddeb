/**
 * Which interpreter release a python or node image tag installs. docker-library builds each tag from
 * the newest patch release of its line; a tag naming a full version (`python:3.12.4`, `node:22.11.0`)
 * is that release, a tag naming a line (`3.12`, `22`, `22.11`) is the line's newest, and a tag without
 * a version (`latest`, `slim`, `alpine`) is the newest line's. The registry has no tag for a release
 * that was never built (`python:3.12.99`, `python:3.0`).
 *
 * Each table maps a major version to the final (or, for a maintained line, newest) patch of each of its
 * minors, null where no image was built. Taken from docker-library/python's versions.json history as of
 * 2026-06-23 (commit 4f07059, "Update 3.15-rc to 3.15.0b3") and nodejs/docker-node's Dockerfiles as of
 * 2026-08-19 (commit f27d936); releases after those dates are not known here.
 */

type Releases = Readonly<Record<string, readonly (number | null)[]>>;

const PYTHON: Releases = { 3: [null, null, null, 7, 10, 10, 15, 17, 20, 25, 20, 15, 13, 14, 6] };

const NODE: Releases = {
  18: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 2, 0, 1, 1, 2, 1, 8],
  19: [1, 0, 0, 0, 0, 0, 1, 0, 1, 0],
  20: [0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 2, 1, 0, 1, 0, 0, 3, 6, 2],
  21: [0, 0, 0, 0, 0, 0, 2, 3],
  22: [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 3, 2],
  23: [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
  24: [2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0],
  25: [0, 0, 1, 0, 0, 0, 1, 0, 2, 0],
  26: [0, 0, 0, 1, 0, 1, 0, 0],
};

/** The numeric version at the start of a tag (`3.12` of `3.12-slim-bookworm`), as its parts. */
function tagVersion(tag: string): number[] {
  const m = /^\d+(\.\d+){0,2}(?=$|-)/.exec(tag);
  return m ? m[0].split('.').map(Number) : [];
}

function newestMajor(table: Releases): string {
  return Object.keys(table).sort((a, b) => Number(b) - Number(a))[0];
}

/** The release a tag names; `bare` is the major of a tag without a version. */
function releaseOf(table: Releases, tag: string, bare: string): string {
  const [major, minor, patch] = tagVersion(tag);
  const minors = table[String(major)] ?? table[bare];
  const m = minor !== undefined && minors[minor] !== undefined && minors[minor] !== null ? minor : minors.length - 1;
  return `${major !== undefined && table[String(major)] ? major : bare}.${m}.${patch ?? minors[m]}`;
}

/** Whether a tag's version was built: its line exists and its patch is no newer than the line's newest. */
function released(table: Releases, tag: string): boolean {
  const [major, minor, patch] = tagVersion(tag);
  if (major === undefined || minor === undefined) return true;
  const last = table[String(major)]?.[minor];
  return last !== undefined && last !== null && (patch === undefined || patch <= last);
}

/** The CPython release of a python image tag (`3.12` → 3.12.13, `latest` → 3.14.6). */
export function pythonReleaseOf(tag: string): string {
  return releaseOf(PYTHON, tag, newestMajor(PYTHON));
}

/** The `lts` tag's line: the newest in Active LTS on 2026-08-19 (26 enters LTS on 2026-10-28). */
const NODE_LTS = '24';

/** The Node.js release of a node image tag (`22` → 22.23.2, `lts` → 24.19.0, `latest` → 26.7.0). */
export function nodeReleaseOf(tag: string): string {
  return releaseOf(NODE, tag, /^lts(-|$)/.test(tag) ? NODE_LTS : newestMajor(NODE));
}

/** Whether the registry has a python tag's release (python:3.12.99 and python:3.0 do not exist). */
export function pythonTagReleased(tag: string): boolean {
  return released(PYTHON, tag);
}

/** Whether the registry has a node tag's release (node:22.99 does not exist). */
export function nodeTagReleased(tag: string): boolean {
  return released(NODE, tag);
}
