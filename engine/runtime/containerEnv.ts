/**
 * The environment a container's first process gets. containerd starts from its default spec's PATH, adds
 * HOSTNAME (the pod's hostname), then the image's and the kubelet's variables (a name already there keeps
 * its place with the new value); runc adds HOME from the image's /etc/passwd when nothing set it.
 * `kubectl exec -- env` in a busybox pod lists PATH, HOSTNAME, the service links, HOME in that order.
 */
import type { Tree } from './fs/index';
import { passwdFields } from './groups';

/** containerd's default OCI spec PATH (oci.populateDefaultUnixSpec); the busybox and Debian images set the same. */
export const CONTAINERD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

type EnvList = readonly (readonly [string, string])[];

/** What a kubelet env list became, per hostname and home (a pod's containers share one list and so one result). */
const made = new WeakMap<EnvList, Map<string, EnvList>>();

// Models containerd's CRI containerSpec (oci.WithEnv HOSTNAME, then image and config envs with
// replaceOrAppendEnvValues) and runc's setupUser (HOME when unset).
export function containerEnv(kubelet: EnvList, hostname: string, home: string): EnvList {
  let byFacts = made.get(kubelet);
  if (!byFacts) made.set(kubelet, (byFacts = new Map()));
  const key = `${hostname}\0${home}`;
  let env = byFacts.get(key);
  if (!env) {
    const out: [string, string][] = [['PATH', CONTAINERD_PATH], ['HOSTNAME', hostname]];
    for (const [name, value] of kubelet) {
      const at = out.findIndex(([n]) => n === name);
      if (at >= 0) out[at] = [name, value]; else out.push([name, value]);
    }
    if (!out.some(([n]) => n === 'HOME')) out.push(['HOME', home]);
    byFacts.set(key, (env = out));
  }
  return env;
}

/** The home directory /etc/passwd of the image gives the uid, `/` when it lists no such user (runc's default). */
export function imageHome(layer: Tree, uid: number): string {
  return passwdFields(layer, uid)?.[5] || '/';
}
