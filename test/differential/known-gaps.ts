/**
 * Cases where we knowingly differ from Debian's busybox 1.35, with the reason. The suite fails if
 * a listed case starts passing (so the list stays honest) or an unlisted one fails.
 */
export const KNOWN_GAPS: Readonly<Record<string, string>> = {
};
