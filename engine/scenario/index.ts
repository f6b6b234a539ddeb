/**
 * engine/scenario: read a scenario — YAML → objects with source positions → the API server's
 * defaulting and validation, with kubectl-exact messages. Every export is total: bad input
 * becomes diagnostics or error values, never an exception.
 */
export { parseDuration } from './duration';
export { readScenario } from './readScenario';
export type { I18nText, Scenario, ScenarioAction, ScenarioSettings } from './readScenario';
export { parseManifests, MAX_DOCUMENTS, MAX_MANIFEST_CHARS } from './parseManifests';
export type { ManifestDoc, ParsedManifests } from './parseManifests';
export { positionOf, shiftPos } from './positions';
export type { FieldPos, PositionMap, SourcePos } from './positions';
export { applyDefaults, defaultPullPolicy } from './defaults';
export { checkObject, validateObject, objectDiagnostics, minorOf } from './validateObject';
export type { ObjectCheck, ValidationOptions } from './validateObject';
export type { FieldError, FieldErrorType } from './fieldErrors';
export { formatInvalid, formatInvalidAggregate, formatBadRequest, formatUnknownKind, formatMissingTypeInfo } from './kubectlMessages';
export { resourceRef, lookupKind, qualifiedKind } from './kinds';
export type { KindInfo } from './kinds';
