export const KNOWN_GAPS: Readonly<Record<string, string>> = {};
