/**
 * The engine's public surface. `app/` imports the engine only through this file (and the worker entry).
 * Times are integer virtual milliseconds unless a name says otherwise.
 */

/** Run a scenario; pure and deterministic (same input and seed → byte-identical trace). */
export { simulate, LIMITS } from './sim/simulate';
export type { ScenarioInput, ActionInput, SettingsInput, SimulateOptions } from './sim/simulate';
/** The worker protocol: typed messages and the pure request handler (also used on the main thread as a fallback). */
export { handleRequest, PROTOCOL_VERSION } from './protocol';
export type { EngineRequest, EngineResponse, SimulateRequest } from './protocol';
/** Trace types: the records every view folds up to the playhead. */
export type { Trace, TraceRecord, TracePod, TraceContainer, ContainerKind, ContainerStateName, Why } from './sim/trace';
export { TRACE_VERSION } from './sim/trace';
/** Diagnostics: errors as data, with 1-based line and column. */
export type { Diagnostic, DiagnosticCode } from './sim/diagnostics';
export { DIAGNOSTIC_CODES } from './sim/diagnostics';
/** kubectl's human durations (AGE, "(5s ago)"), for views that print them. */
export { humanDuration } from './kubectl/duration';
/** `T+12s` labels and the RESTARTS cell, as the command line prints them. */
export { tLabel, restartsCell } from './sim/format';
