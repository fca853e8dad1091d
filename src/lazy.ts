// Properties computed on first read. The long strings of an article (body HTML and text) are
// needed only for the few pages a rebuild renders, so a cached article decodes them only then.

/** Defines `key` on `target` as computed by `compute` on first read, then an ordinary property. */
export function defineLazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get(this: T) {
      const value = compute();
      Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
    set(this: T, value: T[K]) {
      Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: true });
    },
  });
}

/** A copy of `source`'s own properties except `omit`, without reading them (lazy ones stay unread). */
export function copyWithout<T extends object, K extends keyof T>(source: T, omit: readonly K[]): Omit<T, K> {
  const descriptors = Object.getOwnPropertyDescriptors(source) as Record<PropertyKey, PropertyDescriptor>;
  for (const key of omit) delete descriptors[key as PropertyKey];
  return Object.defineProperties({}, descriptors) as Omit<T, K>;
}
