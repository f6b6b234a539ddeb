/** Signal names and numbers as busybox reads them (libbb/u_signal_names.c): kill, trap, timeout. */

/** glibc's signal names as busybox lists them (libbb/u_signal_names.c); 0 is EXIT. */
export const ALL_SIGNALS = ['EXIT', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE',
  'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH',
  'POLL', 'PWR', 'SYS'];
/** glibc's SIGRTMIN/SIGRTMAX (the two below 34 are its own), which busybox 1.36's default config names. */
export const [RTMIN, RTMAX] = [34, 64];

/** busybox's get_signum: a number below NSIG, else a name with or without SIG (any case), IO/IOT, RTMIN+n, RTMAX-n. */
export function getSignum(spec: string): number | null {
  if (/^\d+$/.test(spec) && Number(spec) <= RTMAX) return Number(spec);
  const up = spec.toUpperCase().replace(/^SIG/, '');
  const i = ALL_SIGNALS.indexOf(up);
  if (i >= 0) return i;
  if (up === 'IO') return 29;
  if (up === 'IOT') return 6;
  const rt = /^RT(MIN|MAX)(?:([+-])(\d+))?$/.exec(up);
  if (!rt || (rt[2] && rt[2] !== (rt[1] === 'MIN' ? '+' : '-'))) return null;
  const off = rt[3] === undefined ? 0 : Number(rt[3]);
  if (off > RTMAX - RTMIN) return null;
  return rt[1] === 'MIN' ? RTMIN + off : RTMAX - off;
}
