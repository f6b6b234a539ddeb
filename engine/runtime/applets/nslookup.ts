import type { Applet } from './lib';
export const nslookup: Applet = function* () { return 1; };
