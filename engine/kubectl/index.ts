/**
 * kubectl for the playground: the printers and command handling that turn API objects into the
 * exact text kubectl prints. Everything here is pure: objects and a virtual `now` in, strings out.
 */
export { humanDuration, shortHumanDuration, translateTimestampSince } from './duration';
export type { PodRow } from './printPod';
export { printPodRow } from './printPod';
export type { ApiObject, CommandOutput, GetOptions, GetOutput, ObjectStore, WatchEvent } from './get';
export { getOptionsFor, runGet, runGetWatch, wireObject } from './get';
export { headerFor, cellsFor, formatEndpoints } from './getPrinters';
export type { Table } from './table';
export { printTable, tabwrite, watchTable } from './table';
export { toJson, toYaml } from './yaml';
export type { KubectlProfile } from './describeWriter';
export { DEFAULT_PROFILE } from './describeWriter';
export { describePod } from './describePod';
export { describeDeployment, describeJob, describeService, deploymentReplicaSets } from './describeWorkloads';
export type { DescribeRequest } from './describe';
export { runDescribe } from './describe';
export { describeEvents, selectEvents } from './describeEvents';
export type { LogInstance, LogReader, LogsRequest } from './logs';
export { allContainerNames, byLoggingLess, defaultContainer, defaultedNote, findContainer, resolveLogsPod, runLogs, validateContainerLogStatus } from './logs';
export type { KubectlCommand, PortPair, Scope, Target, TcpPort } from './commands';
export type { ParseError } from './parseKubectl';
export { curlConnectionRefused, parseKubectl } from './parseKubectl';
export { tokenize } from './tokenize';
export type { ResourceInfo, ResourceName } from './resources';
export { findResource, kindPrefix, notFoundError, resourceInfo, RESOURCES } from './resources';
export { formatLabels, formatLabelSelector, matchesSelector, parseSelector, selectorString } from './selector';
export {
  createDeploymentObject, createNamespaceObject, createServiceObject, deletedMessage, FORCE_DELETE_WARNING, operationMessage,
  portForwardBanner, portForwardConnection, portForwardNotRunning, serviceTargetPort,
} from './messages';
export { podQOSClass, quantityValue } from './qos';
