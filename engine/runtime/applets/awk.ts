/* eslint-disable require-yield -- every builtin and applet is a generator with one signature; some never block. */
import type { Applet } from './lib';
export const awkApplet: Applet = function* () { return 2; };
