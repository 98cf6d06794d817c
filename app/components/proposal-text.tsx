/**
 * The proposal as the public page shows it: the Resolved clause set apart, then the supporting
 * statement with its footnotes. The campaign editor's preview uses this same component, so the
 * preview cannot drift from the page. The HTML comes from renderMarkdown (raw HTML escaped).
 */
export function ProposalText({ resolvedHtml, supportingHtml, idPrefix = '' }: { resolvedHtml: string; supportingHtml: string; idPrefix?: string }) {
  return (
    <>
      <section className="resolved" aria-labelledby={`${idPrefix}resolved-heading`}>
        <h3 id={`${idPrefix}resolved-heading`} className="resolved__label">
          The resolution shareholders vote on
        </h3>
        <div className="prose" dangerouslySetInnerHTML={{ __html: resolvedHtml }} />
      </section>
      <section aria-labelledby={`${idPrefix}statement-heading`}>
        <h3 id={`${idPrefix}statement-heading`} className="section-label">
          Supporting statement
        </h3>
        <div className="prose" dangerouslySetInnerHTML={{ __html: supportingHtml }} />
      </section>
    </>
  )
}
