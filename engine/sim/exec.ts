/**
 * `kubectl exec POD -- COMMAND`: runs the command in a running container of the pod, as the kubelet's
 * exec does (same filesystem, environment and network), and prints what it printed. Not interactive: `-t`
 * gets kubectl's "Unable to use a TTY" note, `-i` gives the command the action's stdin.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubectlCommand } from '../kubectl/commands';
import { defaultContainer, defaultedNote, findContainer } from '../kubectl/index';
import { createContainerHost } from '../kubelet/containerHost';
import { last } from '../kubelet/podState';
import type { ActionContext } from './actions';
import type { CommandOutput, Finished } from './kubectl';
import { resolvePod } from './portForward';

type ExecCmd = Extract<KubectlCommand, { type: 'exec' }>;

const failed = (stderr: string, exit = 1): CommandOutput => ({ stdout: '', stderr, exit });

// Models kubectl exec.go Run, podcmd.FindOrDefaultContainerByName, the API server's exec validation and
// the kubelet's GetExec (the container must be running).
export function runExec(ctx: ActionContext, cmd: ExecCmd, stdin: string | undefined): CommandOutput {
  const found = resolvePod(ctx, cmd);
  if (!found.pod) return failed(`${found.error}\n`);
  const pod: Pod = found.pod;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return failed(`error: cannot exec into a container in a completed pod; current phase is ${phase}\n`);
  let note = '';
  let name = cmd.container ?? '';
  if (name === '') {
    const chosen = defaultContainer(pod);
    name = chosen.name;
    if (!chosen.annotated && chosen.ambiguous && !cmd.quiet) note = defaultedNote(pod, name);
  }
  // Unable to use a TTY: the console's input is not a terminal (kubectl then runs the command without one).
  if (cmd.tty && cmd.stdin && !cmd.quiet) note += 'Unable to use a TTY - input is not a terminal or the right kind of file\n';
  const lead = (out: CommandOutput): CommandOutput => (note ? { ...out, stderr: note + out.stderr, stderrFirst: note.length + (out.stderrFirst ?? 0) } : out);
  if (!findContainer(pod, name)) return lead(failed(`Error from server (BadRequest): container ${name} is not valid for pod ${pod.metadata?.name ?? ''}\n`));
  const worker = ctx.world.kubelet.workers.get(pod.metadata!.uid!);
  const c = worker && [...worker.rt.init, ...worker.rt.app].find((x) => x.name === name);
  const inst = c && last(c.instances);
  if (!worker || !c || !inst || inst.state !== 'running' || !inst.exec || worker.gone) {
    return lead(failed(`error: unable to upgrade connection: container not found ("${name}")\n`));
  }
  let stdout = '', stderr = '';
  let exit: number | undefined;
  const host = createContainerHost(ctx.world, worker, c, inst, (stream, text) => { if (stream === 'stdout') stdout += text; else stderr += text; });
  const id = ctx.world.processes.spawn(inst.exec(cmd.command, host, cmd.stdin ? stdin ?? '' : ''), (status) => {
    if (status.reason === 'StartError') {
      // Models containerd's exec start failure as the API server relays it (an Internal error, exit 1).
      const why = /unable to start container process: (.*)$/.exec(status.message ?? '')?.[1] ?? status.message ?? '';
      const execId = ctx.world.prng.fork(`${pod.metadata!.uid}/exec/${id}`).hex(64);
      stderr += `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${why}\n`;
      exit = 1;
      return;
    }
    exit = status.code;
    // Models remotecommand's exit error: kubectl says the code and exits with it.
    if (status.code !== 0) stderr += `command terminated with exit code ${status.code}\n`;
  });
  // The exec session ends with the container (runc kills every process in it).
  ctx.world.kubelet.onceExited(c, inst, () => ctx.world.processes.signal(id, 'KILL'));
  const finish = (): Finished => lead({ stdout, stderr, ...(exit !== undefined ? { exit } : {}) });
  return { ...finish(), watch: finish };
}
