import type { Applet } from './lib';
export const wget: Applet = function* () { return 1; };
export const nc: Applet = function* () { return 1; };
export const curl: Applet = function* () { return 1; };
