/**
 * Cases where we knowingly differ from the real dash/bash and GNU tools of Debian 12, with the
 * reason. The suite fails if a listed case starts passing (so the list stays honest) or an unlisted
 * one fails. Every entry here is a defect of ours still to fix, not a version difference.
 */

export const KNOWN_GAPS: Readonly<Record<'sh' | 'bash', Readonly<Record<string, string>>>> = {
  sh: {
    d022: "printf's `%q` is read as a length modifier: dash stops with `%q: invalid directive`",
    d126: "kill builtin: dash's wording (`sh: 1: kill: No such process` and an empty line) not modelled",
    d435: "grep -z (NUL-separated lines) is not implemented",
    d440: "cut: GNU's `only one list may be specified` check is not modelled",
    d441: "tr: GNU's `missing operand after 'a'` / `Two strings must be given` is not modelled",
    d454: 'dirname: GNU takes several operands; ours only the first',
    d464: "awk is modelled on busybox awk: mawk's usage text differs",
    d465: "awk is modelled on busybox awk: mawk's syntax error wording (`line 2: missing } near end of file`, status 2) differs",
    d466: "sed: GNU sed's usage text (no script) is not modelled",
    d467: "sed: GNU sed's script errors (`-e expression #1, char 5: unterminated `s' command`) are not modelled",
    d469: "sed: GNU sed's `y` length check is not modelled",
    d470: "hostname: net-tools hostname's usage for an unknown option is not modelled (ours ignores it)",
    d476: "printf: a conversion dash does not know (`%z: invalid directive`) is printed literally",
    d306: 'arithmetic is done in doubles: values past 2^53 lose precision and do not wrap at 2^63 as the shells\' intmax_t does',
  },
  bash: {
    b024: 'bash arithmetic errors name the error token (`(error token is "0")`); ours does not track token positions',
    b138: 'shopt (nullglob, extglob …) is not implemented',
    b214: 'shopt (nullglob, extglob …) is not implemented',
    b064: 'diagnostics inside a sourced file name that file (`f: line 1: x: command not found`); ours use the shell\'s own prefix',
  },
};
