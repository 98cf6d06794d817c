import { config } from '../config.server'

// Where a `redirectTo` may send a browser: a path of this app, read as a browser would read it.
// A browser drops tabs and line breaks inside a URL and treats "\" as "/", so "/\t/evil.example"
// is "//evil.example": only resolving the value with the WHATWG parser and comparing origins
// catches every such spelling. Whitespace and control characters are refused outright.

const appOrigin = new URL(config.appUrl).origin
// C0 and C1 controls, DEL, and every Unicode space or separator (U+3000 included).
const CONTROL_OR_SPACE = /[\p{Cc}\p{Zs}\p{Zl}\p{Zp}\u200b-\u200f\ufeff]/u

/** A same-origin path ("/organizer/c/x?y=1"), or `fallback` for anything else. */
export function safeRedirectPath(value: unknown, fallback = '/organizer'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000 || CONTROL_OR_SPACE.test(value)) return fallback
  let url: URL
  try {
    url = new URL(value, appOrigin)
  } catch {
    return fallback
  }
  if (url.origin !== appOrigin) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
