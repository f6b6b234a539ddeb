/**
 * The container runtime: turns a ContainerStart into the container's main process (a coroutine).
 * Decides the argv the way the kubelet and the runtime do (command overrides ENTRYPOINT, args
 * override CMD) and hands it to the program the image runs.
 */
import { ImageCatalog } from './images';
import { runInterim } from './interimShell';
import type { ContainerHost, ContainerProcess, ContainerStart } from './seam';

export interface ContainerRuntime {
  start(spec: ContainerStart, host: ContainerHost): ContainerProcess;
}

/** Models the kubelet's kuberuntime command/args resolution: `command` replaces ENTRYPOINT, `args` replace CMD. */
export function resolveArgv(spec: Pick<ContainerStart, 'command' | 'args'>, entrypoint: readonly string[] = [], cmd: readonly string[] = []): string[] {
  if (spec.command && spec.command.length > 0) return [...spec.command, ...(spec.args ?? [])];
  return [...entrypoint, ...(spec.args && spec.args.length > 0 ? spec.args : cmd)];
}

export function createRuntime(catalog: ImageCatalog): ContainerRuntime {
  return {
    start(spec, host) {
      const image = catalog.lookup(spec.image);
      if (image.fallback) host.explain({ type: 'image-fallback', image: spec.image });
      const argv = resolveArgv(spec, image.def?.entrypoint, image.def?.cmd ?? ['sh']);
      return runInterim(argv, host);
    },
  };
}

export { ImageCatalog } from './images';
export type { ContainerHost, ContainerProcess, ContainerStart } from './seam';
