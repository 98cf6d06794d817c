import { useEffect, useRef } from 'react'
import { ProposalText } from './proposal-text'

export interface MarkdownPreview {
  title: string
  resolvedHtml: string
  supportingHtml: string
}

/**
 * The Resolved clause and supporting statement as the public page shows them: the same markup
 * and classes, from the same renderer (raw HTML in the source is escaped there, so this HTML is
 * safe to insert). Nothing is saved by previewing.
 */
export function EditorPreview({ preview }: { preview: MarkdownPreview }) {
  const ref = useRef<HTMLElement>(null)
  // With JavaScript the page does not reload: bring a fresh preview into view and move focus
  // to it, so that keyboard and screen reader users land on it too.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' })
    ref.current?.focus({ preventScroll: true })
  }, [preview.resolvedHtml, preview.supportingHtml, preview.title])
  return (
    <section ref={ref} id="editor-preview" className="editor-preview" aria-labelledby="editor-preview-heading" tabIndex={-1}>
      <div className="editor-preview__bar">
        <h2 id="editor-preview-heading">Preview</h2>
        <p className="field-hint">As the public page will show it. Not saved yet.</p>
      </div>
      <div className="editor-preview__page">
        {preview.title ? <p className="editor-preview__title">{preview.title}</p> : null}
        <ProposalText resolvedHtml={preview.resolvedHtml} supportingHtml={preview.supportingHtml} idPrefix="preview-" />
      </div>
    </section>
  )
}

/** After "Preview": where to find it (the page may have reloaded at the top). */
export function PreviewNotice() {
  return (
    <p className="notice notice--strong" role="status">
      The preview is below the supporting statement: <a href="#editor-preview">go to the preview</a>.
    </p>
  )
}
