/**
 * Version profiles (issue: `settings.kubernetesVersion`): what changed between releases and is
 * flagged [ver] in k8s-semantics.md. The default is the newest the semantics cover.
 */

export const DEFAULT_KUBERNETES_VERSION = '1.36';
export const SUPPORTED_MINORS = [24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36] as const;

export interface VersionProfile {
  readonly version: string;
  readonly minor: number;
  /** Native sidecars (restartPolicy: Always init containers): beta and on by default from 1.29. */
  readonly nativeSidecars: boolean;
  readonly eventMessages: {
    created(name: string): string;
    started(name: string): string;
    /** "Container image … already present on machine" (newest adds "and can be accessed by the pod"). */
    alreadyPresent(image: string): string;
    pulled(image: string, seconds: string, sizeBytes: number): string;
    backOffRestart(container: string, podRef: string): string;
  };
  /** kubectl ≥1.35 prefixes describe's event messages with the container fieldPath. */
  readonly describeFieldPathPrefix: boolean;
  /** kubectl ≥1.36 lists the containers when `-c` names none of them. */
  readonly logsListsContainers: boolean;
  /**
   * Feature gate SizeMemoryBackedVolumes (pkg/features/kube_features.go: alpha 1.20, beta and on by default 1.22,
   * GA 1.32): a Memory emptyDir's tmpfs gets size= (its sizeLimit, capped by the pod's memory limit). Before it
   * the tmpfs has the kernel's default size, and a sizeLimit is only enforced by eviction.
   */
  readonly sizeMemoryBackedVolumes: boolean;
}

export function parseMinor(version: string | number | undefined): number | null {
  if (version === undefined) return null;
  const m = /^v?1\.(\d+)(?:\.\d+)?$/.exec(String(version).trim());
  return m ? Number(m[1]) : null;
}

export function profileFor(version: string = DEFAULT_KUBERNETES_VERSION): VersionProfile {
  const minor = parseMinor(version) ?? 36;
  return {
    version: `1.${minor}`,
    minor,
    nativeSidecars: minor >= 29,
    eventMessages: {
      // Models kubelet events: ≤1.31 "Created container X", 1.32–1.34 "Created container: X", ≥1.35 "Container created".
      created: (name) => (minor >= 35 ? 'Container created' : minor >= 32 ? `Created container: ${name}` : `Created container ${name}`),
      started: (name) => (minor >= 35 ? 'Container started' : minor >= 32 ? `Started container: ${name}` : `Started container ${name}`),
      alreadyPresent: (image) => (minor >= 35 ? `Container image "${image}" already present on machine and can be accessed by the pod` : `Container image "${image}" already present on machine`),
      pulled: (image, seconds, size) => (minor >= 30
        ? `Successfully pulled image "${image}" in ${seconds} (${seconds} including waiting). Image size: ${size} bytes.`
        : minor >= 26 ? `Successfully pulled image "${image}" in ${seconds} (${seconds} including waiting)` : `Successfully pulled image "${image}" in ${seconds}`),
      // Models PR #113216 (1.26): the pod reference was added to the back-off message.
      backOffRestart: (container, podRef) => (minor >= 26 ? `Back-off restarting failed container ${container} in pod ${podRef}` : 'Back-off restarting failed container'),
    },
    describeFieldPathPrefix: minor >= 35,
    logsListsContainers: minor >= 36,
    sizeMemoryBackedVolumes: minor >= 22,
  };
}
