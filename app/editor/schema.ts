// A small bundled schema for the manifests (nothing is fetched). Per-kind Kubernetes schemas
// replace it in the editor issue; this one already flags unknown kinds and non-list containers.
export const manifestSchema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string', description: 'The API group and version, e.g. v1 or apps/v1.' },
    kind: { type: 'string', enum: ['Pod', 'Deployment', 'ReplicaSet', 'Job', 'Service', 'ConfigMap', 'Secret', 'Namespace', 'List'] },
    metadata: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: { type: 'object' } } },
    spec: { type: 'object' },
  },
} as const;
