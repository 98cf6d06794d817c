/**
 * Values kept for `ttlMs` in this process, at most `maxEntries` of them; concurrent misses share
 * one load. Only values that `keep` accepts are stored (the others are loaded each time).
 */
export function createTtlCache<V>(options: { ttlMs: number; maxEntries?: number; keep?: (value: V) => boolean }) {
  const entries = new Map<string, { value: V; expiresAt: number }>()
  const inFlight = new Map<string, Promise<V>>()
  const maxEntries = options.maxEntries ?? 500

  async function get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = entries.get(key)
    if (entry && entry.expiresAt > Date.now()) return entry.value
    const pending = inFlight.get(key)
    if (pending) return pending

    const loading = load()
      .then((value) => {
        if (options.ttlMs > 0 && (options.keep?.(value) ?? true)) {
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
          entries.set(key, { value, expiresAt: Date.now() + options.ttlMs })
        }
        return value
      })
      .finally(() => inFlight.delete(key))
    inFlight.set(key, loading)
    return loading
  }

  return { get, clear: () => entries.clear() }
}
