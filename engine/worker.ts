/// <reference lib="webworker" />
// The engine's web worker: wiring only; the work is handleRequest() in protocol.ts.
import { handleRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (ev: MessageEvent) => scope.postMessage(handleRequest(ev.data));
