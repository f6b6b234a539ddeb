// Every fast-check property runs from a fixed seed, so `npm test` explores the same inputs on every run and a
// failure reproduces. FC_SEED=<n> runs them from another seed, FC_SEED=random from the clock (fast-check
// prints the seed of a failing run); scripts/hunt.ts replays the bad-input generators to catch a hang.
import fc from 'fast-check';

const raw = process.env.FC_SEED;
fc.configureGlobal({ seed: raw === 'random' ? Date.now() ^ (process.pid << 8) : Number(raw ?? 20_261_123) });
