import type { Applet } from './lib';
export const awkApplet: Applet = function* () { return 2; };
