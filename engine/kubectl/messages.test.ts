import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createDeploymentObject, createServiceObject, deletedMessage, operationMessage, portForwardBanner, serviceTargetPort } from './messages';
import { parseKubectl } from './parseKubectl';
import { resourceInfo } from './resources';
import { webService } from './fixtures/workloads';

describe('messages', () => {
  it('operations and deletes', () => {
    expect(operationMessage(resourceInfo('services'), 'myservice', 'created')).toBe('service/myservice created');
    expect(operationMessage(resourceInfo('deployments'), 'web', 'scaled')).toBe('deployment.apps/web scaled');
    expect(deletedMessage(resourceInfo('pods'), 'x', 'default', -1)).toBe('pod "x" deleted from default namespace');
    expect(deletedMessage(resourceInfo('pods'), 'x', 'default', 0)).toBe('pod "x" force deleted from default namespace');
    expect(deletedMessage(resourceInfo('pods'), 'x', 'default', -1, false, { kubectlMinor: 33 })).toBe('pod "x" deleted');
    expect(deletedMessage(resourceInfo('namespaces'), 'team', 'default', -1)).toBe('namespace "team" deleted');
    expect(deletedMessage(resourceInfo('deployments'), 'web', 'default', -1, true)).toBe('deployment.apps/web');
  });
  it('port-forward lines and service port translation', () => {
    expect(portForwardBanner([{ local: 3000, remote: 8080 }])).toBe('Forwarding from 127.0.0.1:3000 -> 8080\nForwarding from [::1]:3000 -> 8080\n');
    const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] } };
    expect(serviceTargetPort(webService, pod, 80)).toBe(80);
    expect(serviceTargetPort({ ...webService, spec: { ...webService.spec, ports: [{ name: 'web', port: 80, targetPort: 'http' }] } }, pod, 'web')).toBe(8080);
    expect(serviceTargetPort(webService, pod, 81)).toEqual({ error: 'error: Service web does not have a service port 81' });
  });
  it('objects the create generators send', () => {
    const svc = parseKubectl('kubectl create service clusterip myservice --tcp=80:9376');
    if ('error' in svc || svc.type !== 'create-service') throw new Error('parse');
    expect(createServiceObject(svc)).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'myservice', labels: { app: 'myservice' } },
      spec: { type: 'ClusterIP', selector: { app: 'myservice' }, ports: [{ name: '80-9376', port: 80, protocol: 'TCP', targetPort: 9376 }] } });
    const dep = parseKubectl('kubectl create deployment web --image=registry.k8s.io/e2e-test-images/agnhost:2.39 --image=my_app.v2:1 --port=80');
    if ('error' in dep || dep.type !== 'create-deployment') throw new Error('parse');
    expect(createDeploymentObject(dep, () => 'abcde').spec?.template.spec?.containers).toEqual([
      { name: 'agnhost', image: 'registry.k8s.io/e2e-test-images/agnhost:2.39', ports: [{ containerPort: 80 }] },
      { name: 'my-app-v2-abcde', image: 'my_app.v2:1' }]);
  });
});
