/**
 * Cases where we knowingly differ from Debian's busybox 1.35, with the reason. The suite fails if
 * a listed case starts passing (so the list stays honest) or an unlisted one fails.
 */
export const KNOWN_GAPS: Readonly<Record<string, string>> = {
  'find-20': "Debian's 1.35 build leaves FEATURE_FIND_DELETE off (find: unrecognized: -delete); busybox 1.36's defconfig has it on (findutils/find.c: default y), as the image does",
  'find-21': "Debian's 1.35 build leaves FEATURE_FIND_DELETE off (find: unrecognized: -delete); busybox 1.36's defconfig has it on (findutils/find.c: default y), as the image does",
  'fix-kill-05':
    "busybox 1.36's image is built from defconfig (FEATURE_RTMINMAX, FEATURE_RTMINMAX_USE_LIBC_DEFINITIONS): `kill -l` ends with ' 34) RTMIN' and '64) RTMAX' (libbb/u_signal_names.c print_signames) and RTMIN/RTMAX names are known; Debian's 1.35 build has FEATURE_RTMINMAX off",
  'fix-nslookup-02':
    "bb_show_usage's first line names the build: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.' in the image, 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)' here; the usage text itself (NSLOOKUP_BIG) is the same",
};
