/** The ContainerHost a running container instance sees: logs, DNS, network, volumes, wake-ups. */
import type { ContainerHost } from '../runtime/seam';
import type { World } from '../sim/world';
import type { ContainerState2, Instance } from './podState';
import type { PodWorker } from './podWorker';

/**
 * @param sink where output goes instead of the container's log (exec probes and hooks: the kubelet
 *   keeps their output for its events, it never reaches `kubectl logs`).
 */
export function createContainerHost(world: World, worker: PodWorker, c: ContainerState2, inst: Instance,
  sink?: (stream: 'stdout' | 'stderr', text: string) => void): ContainerHost {
  const pod = worker.rt.pod;
  const uid = pod.metadata!.uid!;
  const podName = pod.metadata!.name!;
  const base = { uid, pod: podName, container: c.name };
  const alive = () => inst.state === 'running';
  return {
    now: () => world.scheduler.now(),
    output(stream, text) {
      if (!alive() || text.length === 0) return;
      if (sink) sink(stream, text);
      else world.appendLog(uid, c.name, inst.restartIndex, stream, text);
    },
    dns(query) {
      const reply = world.dns(query);
      world.trace.push({ t: world.scheduler.now(), type: 'dns', ...base, name: query.name, qtype: query.type, rcode: reply.rcode, answers: reply.answers });
      return reply;
    },
    connect(ip, port) {
      const result = world.network.connect(worker.rt.podIp, ip, port);
      world.trace.push({ t: world.scheduler.now(), type: 'connect', ...base, target: ip, port, ok: result.ok, ...(result.ok ? {} : { error: result.error }) });
      return result;
    },
    listen(port, handle) {
      return world.network.listen(worker.rt.podIp, port, handle, alive);
    },
    unlisten(port) {
      world.network.unlisten(worker.rt.podIp, port);
    },
    fileOp(op) {
      world.trace.push({ t: world.scheduler.now(), type: 'file', ...base, ...op });
      world.kubelet.volumeChanged(worker, op.volume);
    },
    notify(key) {
      world.processes.notify(key);
    },
    explain(note) {
      world.trace.push({ t: world.scheduler.now(), type: 'why', ...base, why: { type: 'runtime', note } });
      if (note.type === 'budget' && note.what === 'output') {
        world.addNotice(`Container ${c.name} of pod ${podName} printed more than ${Math.round(world.settings.outputBudget / 1024)} KiB at T+${Math.floor(world.now() / 1000)}s; the playground keeps the first ${Math.round(world.settings.outputBudget / 1024)} KiB of its log.`);
      }
    },
  };
}
