/**
 * The container runtime: turns a ContainerStart into the container's main process (a coroutine).
 * Decides the argv the way the kubelet and the runtime do (command overrides ENTRYPOINT, args
 * override CMD), builds the container's filesystem (image layer, writable layer, mounts) and hands
 * the argv to the program the image runs: the busybox shell and applets, or an image's server.
 */
import { containerEnv, imageHome } from './containerEnv';
import { createBaseLayer, createContainerFs, createDistroLayer, createPodFilesTree, type FileSpec, type Tree } from './fs/index';
import { APPLET_NAMES, appletFor, DISTRO_PROGRAMS } from './programs/registry';
import { ImageCatalog, SERVER_CLIENTS, type Distro, type ImageFlavor, type ImageLookup } from './images';
import type { ImageFlavor as ShellFlavor } from './shell/sys';
import { runShell } from './shell/start';
import { ScriptCache } from './shell/scriptCache';
import type { ContainerHost, ContainerProcess, ContainerStart, PodFacts } from './seam';
import { imageFiles, runServer } from './servers';
import { perLayerAndUid, processGroups, type ImageGroupsCache } from './groups';
import { shapeCopy } from '../sim/shapeCopy';

/** A started container: its main process, and a way to run more processes inside it. */
export interface RunningContainer {
  readonly main: ContainerProcess;
  /**
   * Runs `argv` inside the container (same filesystem, environment and user), as `kubectl exec`,
   * exec probes and exec lifecycle hooks do. The process reports to `host`; `stdin` is what it reads
   * (`kubectl exec -i` with input), else it reads end of file at once.
   */
  exec(argv: readonly string[], host: ContainerHost, stdin?: string): ContainerProcess;
}

export interface ContainerRuntime {
  start(spec: ContainerStart, host: ContainerHost): RunningContainer;
}

/** Models the kubelet's kuberuntime command/args resolution: `command` replaces ENTRYPOINT, `args` replace CMD. */
export function resolveArgv(spec: Pick<ContainerStart, 'command' | 'args'>, entrypoint: readonly string[] = [], cmd: readonly string[] = []): string[] {
  if (spec.command && spec.command.length > 0) return [...spec.command, ...(spec.args ?? [])];
  return [...entrypoint, ...(spec.args && spec.args.length > 0 ? spec.args : cmd)];
}

/** The OS userland of a Debian/Oracle Linux based image; undefined for busybox-based ones. */
function distroOf(flavor: ImageFlavor): Distro | undefined {
  return flavor.kind === 'distro' || flavor.kind === 'server' ? flavor.distro : undefined;
}

// Image lookups are kept per catalog, so their flavor objects are too: every start of the same image shares one shell flavor.
const SHELL_FLAVORS = new WeakMap<ImageFlavor, ShellFlavor>();

/** The busybox version (or GNU userland) and extra programs the shell models for an image (made once per flavor object). */
function shellFlavor(flavor: ImageFlavor): ShellFlavor {
  let made = SHELL_FLAVORS.get(flavor);
  if (!made) SHELL_FLAVORS.set(flavor, (made = makeShellFlavor(flavor)));
  return made;
}

function makeShellFlavor(flavor: ImageFlavor): ShellFlavor {
  if (flavor.kind === 'busybox') return { busyboxVersion: flavor.version, extraApplets: flavor.extraApplets, ...(flavor.versions ? { versions: flavor.versions } : {}) };
  const distro = distroOf(flavor);
  if (distro) {
    return { busyboxVersion: '1.36', extraApplets: [...distro.extraApplets, ...(distro.local?.programs ?? [])], userland: 'gnu', release: distro.release,
      ...(flavor.kind === 'distro' ? { versions: flavor.versions } : flavor.kind === 'server' && flavor.server === 'postgres' && flavor.version ? { versions: { postgres: flavor.version } } : {}) };
  }
  // alpine, the alpine-based servers' tags (with their database client) and unknown images ship a busybox shell.
  if (flavor.kind === 'server' && SERVER_CLIENTS[flavor.server]) return { busyboxVersion: '1.36', extraApplets: SERVER_CLIENTS[flavor.server] };
  return { busyboxVersion: '1.36' };
}

/**
 * Image layers by `repo:tag`, the same layers with mount points (createContainerFs) and what their /etc/group
 * says, kept from one run to the next: a layer is a pure function of its key (the catalog is fixed) and is never
 * written (a container's first write to its root copies it), so every run would build the same trees again
 * (a busybox layer is ~400 inodes, copied once more per set of mount points). Bounded: cleared when full.
 */
const IMAGE_LAYERS = new Map<string, Tree>();
const MOUNT_LAYERS = new Map<string, Tree>();
const IMAGE_GROUPS: ImageGroupsCache = new Map();
const MAX_SHARED_LAYERS = 64;

export function createRuntime(catalog: ImageCatalog): ContainerRuntime {
  const layers = IMAGE_LAYERS;
  // Replicas run the same scripts: parse each once per run.
  const scripts = new ScriptCache();
  // Image layers with mount points, shared until a container writes to its root (createContainerFs).
  const mountLayers = MOUNT_LAYERS;
  if (layers.size > MAX_SHARED_LAYERS || mountLayers.size > MAX_SHARED_LAYERS) { layers.clear(); mountLayers.clear(); IMAGE_GROUPS.clear(); }
  // Per pod: /etc/hosts, /etc/hostname, /etc/resolv.conf, shared by its containers and kept across restarts.
  const podFiles = new Map<string, Tree>();
  const imageGroups = IMAGE_GROUPS;
  const layerFor = (image: ImageLookup): Tree => {
    const key = `${image.ref.repo}:${image.ref.tag}`;
    let tree = layers.get(key);
    if (!tree) {
      const flavor = shellFlavor(image.flavor);
      const files: Record<string, FileSpec> = { ...imageFiles(image.flavor) };
      const distro = distroOf(image.flavor);
      if (distro) {
        const local = distro.local ?? { programs: [], links: {} };
        for (const [name, target] of Object.entries(local.links)) files[`/usr/local/bin/${name}`] = { symlink: target };
        tree = createDistroLayer(`image:${key}`, { release: distro.release, sh: distro.sh, users: distro.users, files,
          programs: [...DISTRO_PROGRAMS, ...distro.extraApplets, ...local.programs.map((p) => `/usr/local/bin/${p}`)] });
      } else {
        // busybox's applets plus the image's own programs (curl in curl images, git in alpine/git).
        const applets = [...APPLET_NAMES.filter((n) => appletFor(n, flavor) !== null), ...(flavor.extraApplets ?? [])];
        tree = createBaseLayer(`image:${key}`, { applets, files });
      }
      layers.set(key, tree);
    }
    return tree;
  };
  // Image layers never change: the home directory of a uid, per layer.
  const homes = new Map<Tree, Map<number, string>>();
  const filesOf = (pod: PodFacts): Tree => {
    // A new sandbox gets new files (a new IP in /etc/hosts).
    const key = `${pod.uid}/${pod.ip}`;
    let tree = podFiles.get(key);
    if (!tree) podFiles.set(key, (tree = createPodFilesTree(pod)));
    return tree;
  };
  return {
    start(spec, host) {
      const image = catalog.lookup(spec.image);
      if (image.fallback) host.explain({ type: 'image-fallback', image: spec.image });
      const fs = createContainerFs({
        image: layerFor(image),
        key: `${spec.pod.uid}/${spec.name}/${spec.restartCount}`,
        mounts: spec.mounts as ContainerStart<Tree>['mounts'],
        readOnlyRootFilesystem: spec.readOnlyRootFilesystem,
        podFiles: filesOf(spec.pod),
        layers: mountLayers,
      });
      const argv = resolveArgv(spec, image.def?.entrypoint, image.def?.cmd ?? ['sh']);
      const uid = spec.runAsUser ?? 0, gid = spec.runAsGroup ?? 0;
      const layer = layerFor(image);
      const groups = processGroups(layer, { uid, gid, fsGroup: spec.fsGroup, supplementalGroups: spec.supplementalGroups,
        supplementalGroupsPolicy: spec.supplementalGroupsPolicy }, imageGroups);
      const env = containerEnv(spec.env, spec.pod.hostname, perLayerAndUid(homes, layer, uid, imageHome));
      const shellOpts = {
        argv, env, cwd: spec.workingDir || '/', fs, uid, gid, groups, host,
        epochMs: spec.pod.epochMs, podIp: spec.pod.ip,
        budgets: { commandMicros: spec.commandMicros, stepBudget: spec.stepBudget, outputBudget: spec.outputBudget, memoryLimit: spec.memoryLimit },
        flavor: shellFlavor(image.flavor), scripts,
      };
      const server = runServer(image.flavor, argv, shapeCopy(shellOpts, { spec }));
      return {
        main: server ?? runShell(shellOpts),
        exec: (execArgv, execHost, stdin) => runShell({ ...shellOpts, argv: execArgv, host: execHost, ...(stdin ? { stdin } : {}) }),
      };
    },
  };
}

export { ImageCatalog } from './images';
export type { ContainerHost, ContainerProcess, ContainerStart } from './seam';
