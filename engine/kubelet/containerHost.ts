/** The ContainerHost a running container instance sees: logs, DNS, network, volumes, wake-ups. */
import type { ConnectResult, ContainerHost, DnsQuery, DnsReply, FileOp, ListenerHandle, RuntimeNote } from '../runtime/seam';
import type { World } from '../sim/world';
import type { ContainerState2, Instance } from './podState';
import type { PodWorker } from './podWorker';

/**
 * @param sink where output goes instead of the container's log (exec probes and hooks: the kubelet
 *   keeps their output for its events, it never reaches `kubectl logs`).
 */
export function createContainerHost(world: World, worker: PodWorker, c: ContainerState2, inst: Instance,
  sink?: (stream: 'stdout' | 'stderr', text: string) => void): ContainerHost {
  return new InstanceHost(world, worker, c, inst, sink);
}

// A class rather than an object of closures: every container start (and exec probe, hook) makes one, and
// prototype methods cost nothing per instance.
class InstanceHost implements ContainerHost {
  private readonly uid: string;
  private readonly podName: string;

  constructor(private readonly world: World, private readonly worker: PodWorker, private readonly c: ContainerState2, private readonly inst: Instance,
    private readonly sink: ((stream: 'stdout' | 'stderr', text: string) => void) | undefined) {
    const pod = worker.rt.pod;
    this.uid = pod.metadata!.uid!;
    this.podName = pod.metadata!.name!;
  }

  private readonly alive = (): boolean => this.inst.state === 'running';

  now(): number {
    return this.world.scheduler.now();
  }

  output(stream: 'stdout' | 'stderr', text: string): void {
    if (!this.alive() || text.length === 0) return;
    if (this.sink) this.sink(stream, text);
    else this.world.appendLog(this.uid, this.c.name, this.inst.restartIndex, stream, text);
  }

  dns(query: DnsQuery): DnsReply {
    const world = this.world;
    const reply = world.dns(query);
    world.trace.push({ t: world.scheduler.now(), type: 'dns', uid: this.uid, pod: this.podName, container: this.c.name, name: query.name, qtype: query.type, rcode: reply.rcode, answers: reply.answers });
    return reply;
  }

  connect(ip: string, port: number): ConnectResult {
    const world = this.world;
    const result = world.network.connect(this.worker.rt.podIp, ip, port);
    world.trace.push({ t: world.scheduler.now(), type: 'connect', uid: this.uid, pod: this.podName, container: this.c.name, target: ip, port, ok: result.ok,
      ...(result.ok ? {} : { error: result.error }) });
    return result;
  }

  listen(port: number, handle: ListenerHandle): boolean {
    return this.world.network.listen(this.worker.rt.podIp, port, handle, this.alive);
  }

  unlisten(port: number): void {
    this.world.network.unlisten(this.worker.rt.podIp, port);
  }

  fileOp(op: FileOp): void {
    const world = this.world;
    world.trace.push({ t: world.scheduler.now(), type: 'file', uid: this.uid, pod: this.podName, container: this.c.name, ...op });
    world.kubelet.volumeChanged(this.worker, op.volume);
  }

  notify(key: string): void {
    this.world.processes.notify(key);
  }

  explain(note: RuntimeNote): void {
    const world = this.world;
    world.trace.push({ t: world.scheduler.now(), type: 'why', uid: this.uid, pod: this.podName, container: this.c.name, why: { type: 'runtime', note } });
    if (note.type === 'budget' && note.what === 'output') {
      world.addNotice(`Container ${this.c.name} of pod ${this.podName} printed more than ${Math.round(world.settings.outputBudget / 1024)} KiB at T+${Math.floor(world.now() / 1000)}s; the playground keeps the first ${Math.round(world.settings.outputBudget / 1024)} KiB of its log.`);
    }
  }
}
