// Shared checks for the property suites: what every run of simulate() must satisfy, whatever the input
// (DESIGN.md "Engine principles": no throw, diagnostics not exceptions, bounded, deterministic).
import { expect } from 'vitest';
import { simulate, type ScenarioInput, type SimulateOptions } from '../../engine/sim/simulate';
import type { Trace } from '../../engine/sim/trace';

/** Runs twice and checks every invariant; returns the trace for further checks. */
export function runChecked(input: ScenarioInput, options: SimulateOptions = {}): Trace {
  const trace = simulate(input, options);
  checkTrace(trace);
  // Same input, same seed → byte-identical trace.
  expect(JSON.stringify(simulate(input, options))).toBe(JSON.stringify(trace));
  return trace;
}

export function checkTrace(trace: Trace): void {
  expect(Number.isInteger(trace.until)).toBe(true);
  expect(trace.until).toBeGreaterThanOrEqual(0);
  let last = 0;
  for (const r of trace.records) {
    // Time-ordered within [0, until].
    expect(Number.isFinite(r.t)).toBe(true);
    expect(r.t).toBeGreaterThanOrEqual(last);
    expect(r.t).toBeLessThanOrEqual(trace.until);
    last = r.t;
  }
  for (const d of trace.diagnostics) {
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
    if (d.line !== undefined) { expect(Number.isInteger(d.line)).toBe(true); expect(d.line).toBeGreaterThanOrEqual(1); }
    if (d.column !== undefined) { expect(Number.isInteger(d.column)).toBe(true); expect(d.column).toBeGreaterThanOrEqual(1); }
    // An internal error caught at the boundary is a crash in disguise.
    expect(d.code, d.message).not.toBe('internal');
  }
  if (trace.truncated) {
    expect(typeof trace.notice).toBe('string');
    expect(trace.diagnostics.some((d) => d.code === 'budget')).toBe(true);
  }
  expect(() => JSON.stringify(trace)).not.toThrow();
}
