/**
 * Image pulls on the node (k8s-semantics §3.3 and DESIGN.md timing): IfNotPresent images of the
 * catalog are already present; Always pulls take `imagePullMs` on every start; an unknown tag of a
 * known image fails with ErrImagePull, then ImagePullBackOff with its own back-off.
 * Models pkg/kubelet/images/image_manager.go EnsureImageExists.
 */
import { PRIORITY } from '../sim/scheduler';
import { defaultPullPolicy } from '../scenario/defaults';
import { Backoff, CONTAINER_BACKOFF, goDuration } from './backoff';
import type { ImageService } from './nodeContext';
import type { ContainerState2 } from './podState';
import type { PodWorker } from './podWorker';
import type { Kubelet } from './kubelet';


export class ImagePuller implements ImageService {
  private readonly backoff = new Backoff(CONTAINER_BACKOFF);
  private readonly present = new Set<string>();

  constructor(private readonly kubelet: Kubelet) {}

  ensure(worker: PodWorker, c: ContainerState2, done: (ok: boolean) => void): void {
    const k = this.kubelet;
    const image = c.spec.image ?? '';
    const policy = c.spec.imagePullPolicy ?? defaultPullPolicy(image);
    const info = k.world.images.lookup(image);
    const onNode = this.present.has(image) || (info.exists && info.preloaded);
    const msg = k.world.profile.eventMessages;
    if (policy === 'Never' && !onNode) {
      const text = `Container image "${image}" is not present with pull policy of Never`;
      c.waiting = { reason: 'ErrImageNeverPull', message: text };
      k.event(worker, c, 'Warning', 'ErrImageNeverPull', text);
      k.explain(worker, c, { type: 'image-pull-failed', image, message: text });
      k.postStatus(worker);
      done(false);
      return;
    }
    if (policy !== 'Always' && onNode) {
      k.event(worker, c, 'Normal', 'Pulled', msg.alreadyPresent(image));
      done(true);
      return;
    }
    const now = k.scheduler.now();
    const key = `${worker.rt.pod.metadata!.uid}/${image}`;
    const failedBefore = c.waiting?.reason === 'ErrImagePull' || c.waiting?.reason === 'ImagePullBackOff';
    const entry0 = this.backoff.get(key);
    if (failedBefore && entry0 && this.backoff.inBackoffSince(key, entry0.lastUpdate, now)) {
      // Models EnsureImageExists during back-off: "Back-off pulling image", then Error: ImagePullBackOff.
      const backMsg = `Back-off pulling image "${image}"`;
      c.waiting = { reason: 'ImagePullBackOff', message: backMsg };
      k.event(worker, c, 'Normal', 'BackOff', backMsg);
      k.event(worker, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      k.postStatus(worker);
      const entry = this.backoff.get(key)!;
      k.scheduler.at(entry.lastUpdate + entry.backoffMs, PRIORITY.kubelet, () => worker.requestSync());
      done(false);
      return;
    }
    k.event(worker, c, 'Normal', 'Pulling', `Pulling image "${image}"`);
    k.explain(worker, c, { type: 'pulling', image });
    const pullMs = k.settings.imagePullMs;
    k.scheduler.after(pullMs, PRIORITY.kubelet, () => {
      if (worker.gone) { done(false); return; }
      if (info.exists) {
        this.present.add(image);
        this.backoff.delete(key);
        k.event(worker, c, 'Normal', 'Pulled', msg.pulled(image, goDuration(pullMs), info.sizeBytes));
        done(true);
        return;
      }
      const reason = info.reason;
      const text = `Failed to pull image "${image}": ${reason}`;
      c.waiting = { reason: 'ErrImagePull', message: text };
      k.event(worker, c, 'Warning', 'Failed', text);
      k.event(worker, c, 'Warning', 'Failed', 'Error: ErrImagePull');
      k.explain(worker, c, { type: 'image-pull-failed', image, message: text });
      this.backoff.next(key, k.scheduler.now(), k.scheduler.now());
      k.postStatus(worker);
      // The next sync (one status lag later) finds the image in back-off and reports ImagePullBackOff.
      k.scheduler.after(1000, PRIORITY.kubelet, () => worker.requestSync());
      done(false);
    });
  }
}
