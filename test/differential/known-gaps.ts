/**
 * Cases where we knowingly differ from Debian's busybox 1.35, with the reason. The suite fails if
 * a listed case starts passing (so the list stays honest) or an unlisted one fails.
 */
export const KNOWN_GAPS: Readonly<Record<string, string>> = {
  'find-20': "Debian's 1.35 build leaves FEATURE_FIND_DELETE off (find: unrecognized: -delete); busybox 1.36's defconfig has it on (findutils/find.c: default y), as the image does",
  'find-21': "Debian's 1.35 build leaves FEATURE_FIND_DELETE off (find: unrecognized: -delete); busybox 1.36's defconfig has it on (findutils/find.c: default y), as the image does",
};
