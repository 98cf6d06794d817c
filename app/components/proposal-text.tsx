import { useTranslation } from 'react-i18next'

/**
 * The proposal as the public page shows it: the Resolved clause set apart, then the supporting
 * statement with its footnotes. The campaign editor's preview uses this same component, so the
 * preview cannot drift from the page. The HTML comes from renderMarkdown (raw HTML escaped).
 * `textLang` marks the campaign's own words when the page around them is in another language.
 */
export function ProposalText({ resolvedHtml, supportingHtml, idPrefix = '', textLang }: { resolvedHtml: string; supportingHtml: string; idPrefix?: string; textLang?: string }) {
  const { t } = useTranslation()
  return (
    <>
      <section className="resolved" aria-labelledby={`${idPrefix}resolved-heading`}>
        <h3 id={`${idPrefix}resolved-heading`} className="resolved__label">
          {t('proposal.resolved')}
        </h3>
        <div className="prose" lang={textLang} dangerouslySetInnerHTML={{ __html: resolvedHtml }} />
      </section>
      <section aria-labelledby={`${idPrefix}statement-heading`}>
        <h3 id={`${idPrefix}statement-heading`} className="section-label">
          {t('proposal.supportingStatement')}
        </h3>
        <div className="prose" lang={textLang} dangerouslySetInnerHTML={{ __html: supportingHtml }} />
      </section>
    </>
  )
}
