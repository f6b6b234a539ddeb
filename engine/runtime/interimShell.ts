/**
 * INTERIM: a minimal command runner (echo, sleep, exit, true, false; `;`, `&&`, `||`) that lets the
 * walking skeleton run its slice until the busybox interpreter in runtime/shell/ is wired in.
 * It follows the same seam and will be deleted then.
 */
import type { ContainerHost, ContainerProcess, ExitStatus } from './seam';

function words(text: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

export function* runInterim(argv: readonly string[], host: ContainerHost): ContainerProcess {
  const script = argv.length >= 3 && /(^|\/)(sh|ash|bash)$/.test(argv[0]) && argv[1] === '-c' ? argv[2] : argv.join(' ');
  let status = 0;
  const parts = script.split(/(&&|\|\||;|\n)/);
  for (let i = 0; i < parts.length; i += 2) {
    const cmd = words(parts[i].trim());
    const op = parts[i - 1];
    const skip = op === '&&' ? status !== 0 : op === '||' ? status === 0 : false;
    if (skip || cmd.length === 0) continue;
    const [name, ...args] = cmd;
    if (name === 'echo') { host.output('stdout', args.join(' ') + '\n'); status = 0; }
    else if (name === 'sleep') {
      let left = Math.round(Number(args[0] ?? 0) * 1000);
      while (left > 0) {
        const before = host.now();
        const wake = yield { type: 'sleep', ms: left };
        left -= host.now() - before;
        if (wake.type === 'signal' && wake.signal !== 'TERM') return { code: 130, signal: 2 };
      }
      status = 0;
    } else if (name === 'exit') return { code: Number(args[0] ?? status) & 255 };
    else if (name === 'true') status = 0;
    else if (name === 'false') status = 1;
    else { host.output('stderr', `sh: ${name}: not found\n`); status = 127; }
  }
  const exit: ExitStatus = { code: status };
  return exit;
}
