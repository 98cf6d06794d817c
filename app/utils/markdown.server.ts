import MarkdownIt from 'markdown-it'
import footnote from 'markdown-it-footnote'

// Campaign texts are CommonMark with GFM footnotes ([^1] … [^1]: <url>). Raw HTML in the
// source is escaped (html: false) and markdown-it refuses javascript:/vbscript:/data: links, so
// the output is safe to insert into the page as is, whoever wrote the text.

const md = new MarkdownIt({ html: false, linkify: true, typographer: false })
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false }) // only URLs that carry a scheme
md.use(footnote)
// Show a URL exactly as written (markdown-it would percent-decode it for display).
md.normalizeLinkText = (url) => url

type Rule = NonNullable<typeof md.renderer.rules.footnote_ref>
const rules = md.renderer.rules

const anchorName: Rule = (tokens, idx, _options, env) => {
  const n = Number(tokens[idx]!.meta.id) + 1
  return typeof env.docId === 'string' ? `${env.docId}-${n}` : String(n)
}
const subSuffix = (subId: number) => (subId > 0 ? `-${subId + 1}` : '')

rules.footnote_anchor_name = anchorName
rules.footnote_ref = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!
  const id = anchorName(tokens, idx, options, env, self)
  const n = Number(token.meta.id) + 1
  return `<sup class="footnote-ref"><a href="#fn-${id}" id="fnref-${id}${subSuffix(token.meta.subId)}" aria-label="Footnote ${n}">${n}</a></sup>`
}
rules.footnote_block_open = (_tokens, _idx, _options, env) => {
  const headingId = `${typeof env.docId === 'string' ? env.docId : 'doc'}-footnotes`
  return `<section class="footnotes" aria-labelledby="${headingId}">\n<h3 id="${headingId}">Footnotes</h3>\n<ol class="footnotes-list">\n`
}
rules.footnote_open = (tokens, idx, options, env, self) =>
  `<li id="fn-${anchorName(tokens, idx, options, env, self)}" class="footnote-item">`
rules.footnote_anchor = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!
  const id = anchorName(tokens, idx, options, env, self)
  const n = Number(token.meta.id) + 1
  const which = token.meta.subId > 0 ? ` (reference ${token.meta.subId + 1})` : ''
  return ` <a href="#fnref-${id}${subSuffix(token.meta.subId)}" class="footnote-backref" aria-label="Back to the text of footnote ${n}${which}">↩\uFE0E</a>`
}

// Images in an email load when it is opened: one from a server the writer picked is a tracking
// pixel. Where `imageOrigins` is given (update emails), an image from any other origin is
// replaced by its alt text; allowed ones get an absolute address (mail has no base URL).
const renderImage = rules.image!
rules.image = (tokens, idx, options, env, self) => {
  const allowed = env.imageOrigins as { base: string; origins: string[] } | undefined
  if (!allowed) return renderImage(tokens, idx, options, env, self)
  const token = tokens[idx]!
  const src = imageUrl(token.attrGet('src') ?? '', allowed.base)
  if (!src || !allowed.origins.includes(src.origin)) return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env))
  token.attrSet('src', src.href)
  return renderImage(tokens, idx, options, env, self)
}

function imageUrl(src: string, base: string): URL | null {
  try {
    const url = new URL(src, base)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null
  } catch {
    return null
  }
}

export interface MarkdownOptions {
  /** Only images from these origins are kept (relative ones resolve against `base`); others become their alt text. */
  imageOrigins?: { base: string; origins: string[] }
}

/** Renders campaign markdown to safe HTML; `docId` keeps footnote ids unique on a page. */
export function renderMarkdown(source: string, docId: string, options: MarkdownOptions = {}): string {
  return md.render(source, { docId, imageOrigins: options.imageOrigins })
}

const cache = new Map<string, string>()

/**
 * renderMarkdown, remembered by `key` (which must change whenever the text can: e.g. the
 * campaign id and its updated_at). A page render never re-parses unchanged text.
 */
export function renderMarkdownCached(key: string, source: string, docId: string): string {
  const cacheKey = `${key}|${docId}`
  let html = cache.get(cacheKey)
  if (html === undefined) {
    html = renderMarkdown(source, docId)
    if (cache.size > 200) cache.delete(cache.keys().next().value as string)
    cache.set(cacheKey, html)
  }
  return html
}
