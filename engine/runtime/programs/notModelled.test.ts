// Applets of the busybox:1.36 image that the playground does not model: present in /bin, honest when run.
import { describe, expect, it } from 'vitest';
import { runScript } from '../shell/driver';
import { IMAGE_APPLETS, notModelledText } from './notModelled';
import { APPLET_NAMES } from './registry';

describe('applets of the image that are not modelled', () => {
  it('exist in /bin and say so on stderr with status 127, never as busybox would', () => {
    const r = runScript('ls /bin/tar && tar cf x.tar /etc; echo rc=$?; nosuch; echo rc=$?');
    expect(r.stdout).toBe('/bin/tar\nrc=127\nrc=127\n');
    expect(r.stderr).toBe(notModelledText('tar') + 'sh: nosuch: not found\n');
    expect(r.stderr.startsWith('playground: ')).toBe(true);
  });

  it('lists every name once and links each into /bin', () => {
    expect(new Set(IMAGE_APPLETS).size).toBe(IMAGE_APPLETS.length);
    for (const n of ['vi', 'tar', 'gzip', 'xargs', 'find', 'ps', 'df']) expect(APPLET_NAMES).toContain(n);
  });

  it('runs the modelled applets themselves (find, xargs) rather than the notice', () => {
    const r = runScript('mkdir -p /w/d && touch /w/d/f && find /w/d -type f | xargs echo got');
    expect(r.stdout).toBe('got /w/d/f\n');
    expect(r.stderr).toBe('');
  });
});
