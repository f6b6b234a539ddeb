/**
 * Cases where we knowingly differ from the real dash/bash and GNU tools of Debian 12, with the
 * reason. The suite fails if a listed case starts passing (so the list stays honest) or an unlisted
 * one fails. Every entry here is a defect of ours still to fix, not a version difference.
 */
const GNU_USAGE = 'GNU usage/missing-operand wording (with the `Try --help` line) not yet given to this program';

export const KNOWN_GAPS: Readonly<Record<'sh' | 'bash', Readonly<Record<string, string>>>> = {
  sh: {
    d022: "printf's `%q` is read as a length modifier: dash stops with `%q: invalid directive`",
    d126: "kill builtin: dash's wording (`sh: 1: kill: No such process` and an empty line) not modelled",
    d161: GNU_USAGE + ' (mkdir without operands is silent here)',
    d182: 'GNU wc column widths (width of the largest count, at least 7 for stdin) not modelled',
    d192: 'sed: a missing input file makes GNU sed exit 2; ours exits 0',
    d200: GNU_USAGE, d201: GNU_USAGE, d206: GNU_USAGE, d218: GNU_USAGE, d238: GNU_USAGE,
    d207: "env's GNU wording (`env: 'nope': No such file or directory`) not modelled",
    d209: 'GNU id prints `groups=` for the supplementary groups; busybox id without groups is used',
    d236: "timeout's GNU wording (`failed to run command`) not modelled",
    d237: "chmod's GNU wording (`cannot access 'x'`) not modelled",
    d240: "stat's GNU wording (`cannot statx 'x'`) not modelled",
  },
  bash: {
    b024: 'bash arithmetic errors name the error token (`(error token is "0")`); ours does not track token positions',
    b064: 'diagnostics inside a sourced file name that file (`f: line 1: x: command not found`); ours use the shell\'s own prefix',
  },
};
