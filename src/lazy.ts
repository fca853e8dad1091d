// Properties computed when read. The long strings of an article (body HTML and text) are needed
// only by the pages a build renders, so they are kept as UTF-8 bytes and decoded on each read
// rather than held as strings (half the memory for German text, which V8 stores as UTF-16).

/** Defines `key` on `target` as a read-only property computed by `compute` on every read. */
export function defineComputed<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(target, key, { configurable: true, enumerable: true, get: compute });
}

/** A copy of `source`'s own properties except `omit`, without reading them (computed ones stay unread). */
export function copyWithout<T extends object, K extends keyof T>(source: T, omit: readonly K[]): Omit<T, K> {
  const descriptors = Object.getOwnPropertyDescriptors(source) as Record<PropertyKey, PropertyDescriptor>;
  for (const key of omit) delete descriptors[key as PropertyKey];
  return Object.defineProperties({}, descriptors) as Omit<T, K>;
}
