/**
 * The prober for one container instance (pkg/kubelet/prober/worker.go): startup, readiness and
 * liveness probes on their own timers from the container's start (+initialDelaySeconds, every
 * periodSeconds). Readiness and liveness wait until the startup probe has succeeded. Thresholds
 * decide the result; each failure is a `Warning Unhealthy` event; a failed startup or liveness probe
 * kills the container so the kubelet restarts it.
 */
import type { Probe } from 'kubernetes-types/core/v1';
import { PRIORITY } from '../sim/scheduler';
import type { World } from '../sim/world';
import { runHandler } from './handlers';
import type { ContainerState2, Instance } from './podState';
import type { PodWorker } from './podWorker';

type ProbeType = 'startup' | 'readiness' | 'liveness';
const LABEL: Record<ProbeType, string> = { startup: 'Startup', readiness: 'Readiness', liveness: 'Liveness' };

export interface ProbeHooks {
  /** The container's readiness or started flag changed: post the status (and resync for sidecar gating). */
  changed(): void;
  /** A failed startup or liveness probe: kill the container with this Killing message. */
  kill(message: string): void;
}

export function startProbes(world: World, worker: PodWorker, c: ContainerState2, inst: Instance, hooks: ProbeHooks): void {
  const spec = c.spec;
  const probes: [ProbeType, Probe | undefined][] = [['startup', spec.startupProbe], ['readiness', spec.readinessProbe], ['liveness', spec.livenessProbe]];
  for (const [type, probe] of probes) {
    if (!probe) continue;
    const period = (probe.periodSeconds ?? 10) * 1000;
    const timeout = (probe.timeoutSeconds ?? 1) * 1000;
    const successThreshold = probe.successThreshold ?? 1;
    const failureThreshold = probe.failureThreshold ?? 3;
    let successes = 0, failures = 0;
    let done = false;
    const tick = () => {
      if (done || inst.state !== 'running' || worker.gone) return;
      // Models worker.doProbe: readiness and liveness are skipped until the startup probe succeeded.
      if (type !== 'startup' && !inst.started) { world.scheduler.after(period, PRIORITY.probe, tick); return; }
      runHandler(world, worker, c, inst, probe, timeout, (r) => {
        if (done || inst.state !== 'running') return;
        if (r.ok) {
          failures = 0;
          successes++;
          if (successes >= successThreshold) {
            if (type === 'startup' && !inst.started) { inst.started = true; if (!spec.readinessProbe) inst.ready = true; done = true; hooks.changed(); return; }
            if (type === 'readiness' && !inst.ready) { inst.ready = true; hooks.changed(); }
          }
        } else {
          successes = 0;
          failures++;
          world.kubelet.event(worker, c, 'Warning', 'Unhealthy', `${LABEL[type]} probe ${r.timedOut ? 'errored' : 'failed'}: ${r.message}`);
          world.kubelet.explain(worker, c, { type: 'probe-failing', probe: type, message: r.message });
          if (failures >= failureThreshold) {
            if (type === 'readiness' && inst.ready) { inst.ready = false; hooks.changed(); }
            if (type === 'startup' || type === 'liveness') {
              done = true;
              // Models kuberuntime computePodActions: a failed liveness/startup probe kills the container.
              hooks.kill(c.kind === 'app' ? `Container ${c.name} failed ${type} probe, will be restarted` : `Init container ${c.name} failed ${type} probe`);
              return;
            }
          }
        }
        world.scheduler.after(period, PRIORITY.probe, tick);
      });
    };
    world.scheduler.after((probe.initialDelaySeconds ?? 0) * 1000, PRIORITY.probe, tick);
  }
}
