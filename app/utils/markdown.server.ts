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

/** Renders campaign markdown to safe HTML; `docId` keeps footnote ids unique on a page. */
export function renderMarkdown(source: string, docId: string): string {
  return md.render(source, { docId })
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
