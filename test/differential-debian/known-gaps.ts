/**
 * Cases where we knowingly differ from the real dash/bash and GNU tools of Debian 12, with the
 * reason. The suite fails if a listed case starts passing (so the list stays honest) or an unlisted
 * one fails. Every entry here is a defect of ours still to fix, not a version difference.
 */

export const KNOWN_GAPS: Readonly<Record<'sh' | 'bash', Readonly<Record<string, string>>>> = {
  sh: {
    d022: "printf's `%q` is read as a length modifier: dash stops with `%q: invalid directive`",
    d126: "kill builtin: dash's wording (`sh: 1: kill: No such process` and an empty line) not modelled",
    d306: 'arithmetic is done in doubles: values past 2^53 lose precision and do not wrap at 2^63 as the shells\' intmax_t does',
  },
  bash: {
    b024: 'bash arithmetic errors name the error token (`(error token is "0")`); ours does not track token positions',
    b138: 'shopt (nullglob, extglob …) is not implemented',
    b214: 'shopt (nullglob, extglob …) is not implemented',
    b064: 'diagnostics inside a sourced file name that file (`f: line 1: x: command not found`); ours use the shell\'s own prefix',
  },
};
