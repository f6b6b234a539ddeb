/**
 * `{ ...obj, ...extra }` for objects that live long and are read often (pods' metadata and containers).
 * V8 gives each object made by a spread and then added to (`{ ...c, volumeMounts }`, or `{ ...m }` then
 * `m.uid = …`) a hidden class of its own: a thousand replicas' containers then have a thousand shapes, and
 * every read of them anywhere in the engine goes megamorphic. Object.assign into a literal keeps them
 * on shared shapes. Same result field for field (a `__proto__` key, which assignment would not copy as a
 * field, takes the spread).
 */
export function shapeCopy<T extends object, U extends object = Record<never, never>>(obj: T, extra?: U): T & U {
  if (Object.hasOwn(obj, '__proto__') || (extra !== undefined && Object.hasOwn(extra, '__proto__'))) return { ...obj, ...extra } as T & U;
  return Object.assign({}, obj, extra);
}
