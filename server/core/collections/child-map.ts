/**
 * The map under `key` in a map of maps, created when missing. Rows keyed by several strings are
 * kept in nested maps (experiment → metric → unit) on the intake's hot path: a lookup then hashes
 * strings that already carry their hash, instead of building and hashing a composite key string.
 */
export function childMap<K, K2, V>(outer: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let map = outer.get(key);
  if (map === undefined) {
    map = new Map<K2, V>();
    outer.set(key, map);
  }
  return map;
}
