/**
 * Cases where we knowingly differ from Debian's busybox 1.35, with the reason. The suite fails if
 * a listed case starts passing (so the list stays honest) or an unlisted one fails.
 */
/** grep's regex compilation differs with CONFIG_EXTRA_COMPAT, which Debian turns on and busybox's defconfig (the image) leaves off. */
const EXTRA_COMPAT_GREP =
  "busybox 1.36's image is built from defconfig, where EXTRA_COMPAT is off (Config.in: default n): grep compiles with regcomp, so -E is RE_SYNTAX_POSIX_EXTENDED (a leading * is 'Invalid preceding regular expression') and a bad pattern dies with xregcomp's \"bad regex 'P': REASON\". Debian's 1.35 build has EXTRA_COMPAT=y: re_compile_pattern with RE_SYNTAX_GREP/EGREP (a leading * is skipped) and \"bad regex 'P'\" without the reason";

/** grep -ow without EXTRA_COMPAT keeps a retried match's offsets relative to the retry. */
const KNOWN_GAPS_GREP_OW =
  "grep -ow without EXTRA_COMPAT (the image, defconfig): a match that touches a word character is retried with regexec on the rest of the line (opt_w_again), whose offsets stay relative to that rest, and -o then prints from the line's start with them: 'foobar foo' | grep -ow foo prints 'ar ' and 'foo' (findutils/grep.c 1.36). Debian's EXTRA_COMPAT=y build retries with re_search and absolute offsets";

/** bb_show_usage's first line names the build; the usage text after it is the same in 1.35 and 1.36. */
const USAGE_BANNER =
  "bb_show_usage's first line names the build: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.' in the image, 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)' here; the usage text itself (readlink, chmod, chown in coreutils/*.c 1.36) is the same";

export const KNOWN_GAPS: Readonly<Record<string, string>> = {
  'find-20': "Debian's 1.35 build leaves FEATURE_FIND_DELETE off (find: unrecognized: -delete); busybox 1.36's defconfig has it on (findutils/find.c: default y), as the image does",
  'find-21': "Debian's 1.35 build leaves FEATURE_FIND_DELETE off (find: unrecognized: -delete); busybox 1.36's defconfig has it on (findutils/find.c: default y), as the image does",
  'fix-kill-05':
    "busybox 1.36's image is built from defconfig (FEATURE_RTMINMAX, FEATURE_RTMINMAX_USE_LIBC_DEFINITIONS): `kill -l` ends with ' 34) RTMIN' and '64) RTMAX' (libbb/u_signal_names.c print_signames) and RTMIN/RTMAX names are known; Debian's 1.35 build has FEATURE_RTMINMAX off",
  'fix-nslookup-02':
    "bb_show_usage's first line names the build: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.' in the image, 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)' here; the usage text itself (NSLOOKUP_BIG) is the same",
  'ap3-06': "bb_perror_nomsg_and_die in busybox 1.36 prints 'mktemp: Invalid argument' (libbb/verror_msg.c: a NULL message gets no ': ' part, commit 95fec31be 'libbb: restore special handling of nomsg errors'); Debian's 1.35 prints 'mktemp: (null): Invalid argument'",
  'ap3-07': "bb_perror_nomsg_and_die in busybox 1.36 prints 'mktemp: Invalid argument' (libbb/verror_msg.c: a NULL message gets no ': ' part, commit 95fec31be 'libbb: restore special handling of nomsg errors'); Debian's 1.35 prints 'mktemp: (null): Invalid argument'",
  'ap3-32': "dd's third status line ('N bytes (XB) copied, T seconds, RB/s'): busybox 1.36's defconfig has FEATURE_DD_SIGNAL_HANDLING and FEATURE_DD_THIRD_STATUS_LINE on (coreutils/dd.c: default y), as the image does; Debian's 1.35 build has it off and prints only the records lines",
  'ap3-33': "dd's third status line ('N bytes (XB) copied, T seconds, RB/s'): busybox 1.36's defconfig has FEATURE_DD_SIGNAL_HANDLING and FEATURE_DD_THIRD_STATUS_LINE on (coreutils/dd.c: default y), as the image does; Debian's 1.35 build has it off and prints only the records lines",
  'regex-03': EXTRA_COMPAT_GREP,
  'regex-04': EXTRA_COMPAT_GREP,
  'regex-23': KNOWN_GAPS_GREP_OW,
  'timeout-03':
    "timeout -s RTMIN+1: busybox 1.36's defconfig (the image) has FEATURE_RTMINMAX, so get_signum knows RTMIN+n (libbb/u_signal_names.c) and the program ends by signal 35 ('Real-time signal 1'); Debian's 1.35 build has it off: unknown signal",
  'rx-004': KNOWN_GAPS_GREP_OW,
  'rx-022': EXTRA_COMPAT_GREP,
  'rx-023': EXTRA_COMPAT_GREP,
  'rx-025': EXTRA_COMPAT_GREP,
  'rx-026': EXTRA_COMPAT_GREP,
  'rx-027': EXTRA_COMPAT_GREP,
  'rx-038': EXTRA_COMPAT_GREP,
  'rx-204': EXTRA_COMPAT_GREP,
  'rx-205': EXTRA_COMPAT_GREP,
  'rx-206': EXTRA_COMPAT_GREP,
  'rx-207': EXTRA_COMPAT_GREP,
  'rx-208': EXTRA_COMPAT_GREP,
  'rx-209': EXTRA_COMPAT_GREP,
  'rx-222': EXTRA_COMPAT_GREP,
  'rx-223': EXTRA_COMPAT_GREP,
  'rx-224': EXTRA_COMPAT_GREP,
  'rx-225': EXTRA_COMPAT_GREP,
  'rx-226': EXTRA_COMPAT_GREP,
  'rx-227': EXTRA_COMPAT_GREP,
  'rx-244': EXTRA_COMPAT_GREP,
  'stdio-11': USAGE_BANNER,
  'stdio-13': USAGE_BANNER,
  'stdio-14': USAGE_BANNER,
  'stdio-31': USAGE_BANNER,
  'stdio-48': USAGE_BANNER,
  'stdio-66': USAGE_BANNER,
};
