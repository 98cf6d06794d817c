import { describe, expect, test } from 'vitest'
import { bodyWithNonce, createPageCache } from './page-cache.server'

describe('page cache', () => {
  test('concurrent misses share one render, and hits reuse it until it expires', async () => {
    const cache = createPageCache({ ttlMs: 60_000 })
    let renders = 0
    const render = async () => {
      renders++
      await new Promise((resolve) => setTimeout(resolve, 10))
      return { status: 200, headers: [], body: `<script nonce="N1">x</script> render ${renders}`, nonce: 'N1' }
    }
    const pages = await Promise.all(Array.from({ length: 20 }, () => cache.get('/c/x', render)))
    expect(renders).toBe(1)
    expect(new Set(pages).size).toBe(1)
    await cache.get('/c/x', render)
    expect(renders).toBe(1)
  })

  test('error pages are not kept', async () => {
    const cache = createPageCache({ ttlMs: 60_000 })
    let renders = 0
    const render = async () => ({ status: 404 + 0 * renders++, headers: [], body: 'not found', nonce: '' })
    await cache.get('/c/missing', render)
    await cache.get('/c/missing', render)
    expect(renders).toBe(2)
  })

  test('every response gets its own nonce in place of the render-time one', () => {
    const page = { status: 200, headers: [], body: '<script nonce="abc">1</script><script nonce="abc">2</script>', nonce: 'abc' }
    expect(bodyWithNonce(page, 'fresh')).toBe('<script nonce="fresh">1</script><script nonce="fresh">2</script>')
  })
})
