import { createHash } from 'node:crypto'

// CSP hash sources for a page's inline scripts. A browser hashes a script element's text exactly
// as it stands between its tags, so the hash is taken over those bytes (scripts with `src` are
// covered by 'self').

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi

export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const [, attributes, text] of html.matchAll(SCRIPT)) {
    if (/\ssrc\s*=/i.test(attributes ?? '')) continue
    hashes.add(`'sha256-${createHash('sha256').update(text ?? '', 'utf8').digest('base64')}'`)
  }
  return [...hashes]
}
