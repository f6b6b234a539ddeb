/**
 * The one node every pod of the playground runs on, as its kernel describes itself to a container
 * (uname(2), sched_getaffinity): a container shares the node's kernel, so these are the node's, not
 * the image's. Modelled on an Amazon EKS worker node of the AL2023 AMI (x86_64), a current Kubernetes
 * node: its kernel names itself `Linux 6.1.…amzn2023.x86_64 #1 SMP PREEMPT_DYNAMIC <build date>` (the
 * release and build date below are of that form, representative rather than copied from one node).
 * The fs does not model /proc/version; if it ever does, it should print these.
 * sysinfo.ts holds the same node's memory and disk.
 */
export const NODE_KERNEL = {
  sysname: 'Linux',
  release: '6.1.119-129.201.amzn2023.x86_64',
  version: '#1 SMP PREEMPT_DYNAMIC Tue Dec  3 21:07:35 UTC 2024',
  machine: 'x86_64',
} as const;

/**
 * The node's CPUs (an m5.xlarge: 4 vCPUs). A container's CPU limit is a CFS quota, not an affinity mask,
 * so nproc in a container limited to 500m still answers 4.
 */
export const NODE_CPUS = 4;
