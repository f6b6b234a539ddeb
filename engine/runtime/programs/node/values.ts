/**
 * The object model of the JavaScript subset: primitives are JS primitives, objects carry their own
 * properties in insertion order, a prototype, array elements, and a call implementation for functions.
 * A thrown JS value travels as JsThrow.
 */
import type { Node, NodeOf } from './ast';
import type { Block } from '../../shell/kernel';

export type G<T> = Generator<Block, T, unknown>;
export type JsVal = undefined | null | boolean | number | string | JsObj;

export type NativeCall = (self: JsVal, args: JsVal[], newTarget: JsObj | null) => G<JsVal>;

export interface Binding { value: JsVal; kind: 'var' | 'let' | 'const' | 'param'; init: boolean }
export interface Env { vars: Map<string, Binding>; parent: Env | null; fn: boolean }

export interface Closure {
  node: NodeOf<'Func'>; env: Env; self: JsVal; file: string;
  /** A class constructor: its methods' home and whether it extends another. */
  cls?: { base: JsObj | null; ctorNode: NodeOf<'Func'> | null };
  home?: JsObj;
}

export interface JsObj {
  props: Map<string, JsVal>;
  proto: JsObj | null;
  /** 'Object', 'Array', 'Function', 'Error', a class name … (what inspect shows). */
  cls: string;
  arr?: JsVal[];
  native?: NativeCall;
  closure?: Closure;
  /** Properties not shown by inspect or Object.keys (an error's stack and message). */
  hidden?: Set<string>;
  getters?: Map<string, JsObj>;
  /** Host data (timers, servers, promises, buffers). */
  internal?: unknown;
  isClass?: boolean;
  /** An error's construction site (its first stack frame): the header of an unhandled rejection. */
  site?: { file: string; line: number; col: number };
}

/** A thrown value unwinding the JS stack. */
export class JsThrow extends Error {
  constructor(readonly value: JsVal) {
    super('JsThrow');
  }
}

/** Something Node has that the playground does not implement: stops the program with that said plainly. */
export class JsNotModelled extends Error {
  /** The script line, for syntax the parser meets (runtime cases name the running frame's line). */
  constructor(what: string, readonly line?: number) {
    super(what);
  }
}

export const isObj = (v: JsVal): v is JsObj => typeof v === 'object' && v !== null;
/** A function object (native or closure). */
export type JsFn = JsObj & ({ native: NativeCall } | { closure: Closure });
export const isCallable = (v: JsVal): v is JsFn => isObj(v) && (v.native !== undefined || v.closure !== undefined);

export function typeOf(v: JsVal): string {
  if (v === null) return 'object';
  if (isObj(v)) return isCallable(v) ? 'function' : 'object';
  return typeof v;
}

export function toBool(v: JsVal): boolean {
  if (isObj(v)) return true;
  return Boolean(v);
}

/** ECMAScript Number::toString. */
export function numStr(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/** OrdinaryOwnPropertyKeys: integer-like keys in ascending order first, then the rest in insertion order. */
export function orderedKeys(keys: Iterable<string>): string[] {
  const ints: string[] = [];
  const rest: string[] = [];
  for (const k of keys) (/^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295 ? ints : rest).push(k);
  return [...ints.sort((a, b) => Number(a) - Number(b)), ...rest];
}

/** Where a function was defined, for stack frames: its name as V8 shows it. */
export interface Frame { name: string; file: string; line: number; col: number; node: Node | null; skip?: boolean }
