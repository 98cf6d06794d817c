import { type IncomingMessage, type ServerResponse } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { chooseEncoding, matchesEtag, prepareSharedPage, sendSharedPage } from './shared-page.server'

const html = `<!DOCTYPE html><html><body>${'<p>The proposal, word for word.</p>'.repeat(200)}</body></html>`

function headersOf(head: string[]) {
  const headers: Record<string, string> = {}
  for (let i = 0; i < head.length; i += 2) headers[head[i]!] = head[i + 1]!
  return headers
}

function answer(page: Awaited<ReturnType<typeof prepareSharedPage>>, method: string, headers: Record<string, string>, languageNegotiated = false) {
  const sent: { status?: number; head?: string[]; body?: Buffer } = {}
  const res = {
    writeHead: (status: number, head: string[]) => Object.assign(sent, { status, head }),
    end: (body?: Buffer) => Object.assign(sent, { body }),
  }
  sendSharedPage({ method, headers } as unknown as IncomingMessage, res as unknown as ServerResponse, page, languageNegotiated)
  return { status: sent.status, headers: headersOf(sent.head ?? []), body: sent.body }
}

describe('a shared page', () => {
  test('carries the same bytes in every coding, each with its own strong tag, its length and Vary', async () => {
    const page = await prepareSharedPage({ html, headers: { 'content-type': 'text/html; charset=utf-8', 'x-frame-options': 'DENY', 'content-length': '1' } })
    const { identity, br, gzip } = page.variants
    expect(identity.body.toString()).toBe(html)
    expect(brotliDecompressSync(br.body).toString()).toBe(html)
    expect(gunzipSync(gzip.body).toString()).toBe(html)
    expect(br.body.length).toBeLessThan(identity.body.length / 5)

    const plain = headersOf(identity.head)
    expect(plain).toMatchObject({ 'x-frame-options': 'DENY', vary: 'Accept-Encoding', 'content-length': String(identity.body.length) })
    expect(plain.etag).toMatch(/^"[\w-]{32}"$/)
    expect(headersOf(br.head)).toMatchObject({ 'content-encoding': 'br', etag: plain.etag!.replace(/"$/, '-br"'), 'content-length': String(br.body.length) })
    expect(headersOf(gzip.head)).toMatchObject({ 'content-encoding': 'gzip', etag: plain.etag!.replace(/"$/, '-gzip"') })
    expect(page.etags.size).toBe(3)
  })

  test('brotli when accepted, then gzip, else none; q=0 refuses a coding', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip')
    expect(chooseEncoding('gzip;q=0.5, br;q=0.1')).toBe('gzip')
    expect(chooseEncoding('deflate')).toBe('identity')
    expect(chooseEncoding(undefined)).toBe('identity')
    expect(chooseEncoding('*')).toBe('br')
  })

  test('If-None-Match with one of its tags (weak or in a list, or *) matches; another render’s does not', async () => {
    const page = await prepareSharedPage({ html, headers: {} })
    const tag = [...page.etags][0]!
    expect(matchesEtag(tag, page.etags)).toBe(true)
    expect(matchesEtag(`"other", W/${tag}`, page.etags)).toBe(true)
    expect(matchesEtag('*', page.etags)).toBe(true)
    expect(matchesEtag('"other"', page.etags)).toBe(false)
    expect(matchesEtag(undefined, page.etags)).toBe(false)
  })

  test('GET and HEAD get the chosen coding; a reader who has it gets a 304 with no body', async () => {
    const page = await prepareSharedPage({ html, headers: { 'cache-control': 'public, max-age=0', 'content-type': 'text/html' } })
    const get = answer(page, 'GET', { 'accept-encoding': 'gzip, br' })
    expect(get.status).toBe(200)
    expect(get.body).toBe(page.variants.br.body)
    expect(answer(page, 'HEAD', {}).headers['content-length']).toBe(String(html.length))
    const notModified = answer(page, 'GET', { 'accept-encoding': 'gzip, br', 'if-none-match': get.headers.etag! })
    expect(notModified.status).toBe(304)
    expect(notModified.body).toBeUndefined()
    expect(notModified.headers).toMatchObject({ etag: get.headers.etag, 'cache-control': 'public, max-age=0', vary: 'Accept-Encoding' })
    expect(notModified.headers['content-length']).toBeUndefined()
  })
})

describe('a shared page in a language', () => {
  test('its plain address (language from the reader’s headers) sends the same bytes and tags with Vary naming what chose the language; its ?lang= address only Accept-Encoding', async () => {
    const page = await prepareSharedPage({ html, headers: { 'content-type': 'text/html; charset=utf-8', 'content-language': 'de' }, inALanguage: true })
    const explicit = answer(page, 'GET', { 'accept-encoding': 'br' })
    const negotiated = answer(page, 'GET', { 'accept-encoding': 'br' }, true)
    expect(negotiated.body).toBe(explicit.body)
    expect(negotiated.headers.etag).toBe(explicit.headers.etag)
    expect(explicit.headers).toMatchObject({ vary: 'Accept-Encoding', 'content-language': 'de' })
    expect(negotiated.headers).toMatchObject({ vary: 'Accept-Encoding, Accept-Language, Cookie', 'content-language': 'de' })
    const notModified = answer(page, 'GET', { 'accept-encoding': 'br', 'if-none-match': explicit.headers.etag! }, true)
    expect(notModified).toMatchObject({ status: 304, headers: { vary: 'Accept-Encoding, Accept-Language, Cookie' } })
  })

  test('an image has no language: its one variant whatever chose the page', async () => {
    const page = await prepareSharedPage({ bytes: Buffer.from([137, 80, 78, 71]), headers: { 'content-type': 'image/png' } })
    expect(page.negotiated).toBeUndefined()
    expect(answer(page, 'GET', {}, true).headers.vary).toBeUndefined()
  })
})

describe('a shared image', () => {
  // A PNG's signature and bytes that are not UTF-8: read or written as text, they would change.
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x80]), Buffer.alloc(2000, 0x9a)])

  test('a PNG is served as its exact bytes, uncompressed and without Vary, whatever the reader accepts, and revalidates to a 304', async () => {
    const page = await prepareSharedPage({ bytes: new Uint8Array(png), headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=0', 'content-length': '1' } })
    expect(page.etags.size).toBe(1)
    for (const accept of ['gzip, deflate, br', 'gzip', undefined]) {
      const get = answer(page, 'GET', accept ? { 'accept-encoding': accept } : {})
      expect(get.status).toBe(200)
      expect(get.body!.equals(png), String(accept)).toBe(true)
      expect(get.headers).toMatchObject({ 'content-type': 'image/png', 'content-length': String(png.length), etag: [...page.etags][0] })
      expect(get.headers['content-encoding']).toBeUndefined()
      expect(get.headers.vary).toBeUndefined()
    }
    const notModified = answer(page, 'GET', { 'accept-encoding': 'br', 'if-none-match': [...page.etags][0]! })
    expect(notModified.status).toBe(304)
    expect(notModified.body).toBeUndefined()
    expect(notModified.headers['content-type']).toBeUndefined()
  })

  test('bytes of a type that compresses (the SVG badge) are still offered in brotli and gzip', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg">${'<rect width="1" height="1"/>'.repeat(100)}</svg>`
    const page = await prepareSharedPage({ bytes: Buffer.from(svg), headers: { 'content-type': 'image/svg+xml; charset=utf-8' } })
    expect(brotliDecompressSync(page.variants.br.body).toString()).toBe(svg)
    expect(headersOf(page.variants.gzip.head)).toMatchObject({ 'content-encoding': 'gzip', vary: 'Accept-Encoding' })
    expect(page.etags.size).toBe(3)
  })
})
