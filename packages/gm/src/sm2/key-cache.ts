/**
 * Bounded LRU caches for per-key precomputation (native KeyObjects, pure point tables, Z values).
 * Keys are strings derived from the key bytes; every cache registers itself so that
 * `sm2ClearKeyCaches()` and `sm2KeyCacheStats()` see all of them.
 */
export class LruCache<V> {
  private readonly map = new Map<string, V>();
  private readonly keys = new WeakMap<Uint8Array, { readonly copy: Uint8Array; readonly key: string }>();
  hits = 0;
  misses = 0;

  constructor(
    readonly name: string,
    readonly capacity: number,
  ) {
    registry.add(this as LruCache<unknown>);
  }

  /**
   * The cache key for `bytes`, remembered per caller array (callers usually reuse one array per
   * key) so that hashing or encoding is skipped; the contents are compared on every call.
   */
  keyFor(bytes: Uint8Array, derive: (bytes: Uint8Array) => string): string {
    const known = this.keys.get(bytes);
    if (known && known.copy.length === bytes.length && known.copy.every((b, i) => b === bytes[i]))
      return known.key;
    const key = derive(bytes);
    this.keys.set(bytes, { copy: bytes.slice(), key });
    return key;
  }

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: string, value: V): V {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
    return value;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
    this.hits = 0;
    this.misses = 0;
  }
}

const registry = new Set<LruCache<unknown>>();

export interface Sm2KeyCacheStats {
  readonly name: string;
  readonly size: number;
  readonly capacity: number;
  readonly hits: number;
  readonly misses: number;
}

export function sm2KeyCacheStats(): Sm2KeyCacheStats[] {
  return [...registry].map(({ name, size, capacity, hits, misses }) => ({
    name,
    size,
    capacity,
    hits,
    misses,
  }));
}

export function sm2ClearKeyCaches(): void {
  for (const cache of registry) cache.clear();
}

export const cacheKey = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
