// Supplementary groups as containerd sets them (primary gid, fsGroup, supplementalGroups, image /etc/group under Merge), sorted.
import { describe, expect, it } from 'vitest';
import { createBaseLayer } from './fs/index';
import { processGroups } from './groups';

describe('processGroups', () => {
  const layer = createBaseLayer('image:test', { applets: [], files: {} });
  it('the docs example: runAsGroup 3000, fsGroup 2000, supplementalGroups [4000] → 2000,3000,4000', () => {
    expect(processGroups(layer, { uid: 1000, gid: 3000, fsGroup: 2000, supplementalGroups: [4000] })).toEqual([2000, 3000, 4000]);
  });
  it('root in busybox: /etc/group lists root in wheel (Merge); Strict drops it', () => {
    expect(processGroups(layer, { uid: 0, gid: 0 })).toEqual([0, 10]);
    expect(processGroups(layer, { uid: 0, gid: 0, supplementalGroupsPolicy: 'Strict' })).toEqual([0]);
  });
});
