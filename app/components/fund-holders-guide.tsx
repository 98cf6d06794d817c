import { useTranslation } from 'react-i18next'
import { FUND_HOLDER_STEPS, PASS_THROUGH_PROGRAMS } from '~/utils/fund-voting'

// For a shareholder who holds the company only through a fund: the plain truth (the fund votes,
// not you) and what can still be done. On the voting guide, and on a fund holder's own page.

export function FundHoldersGuide({ company, headingLevel = 'h2', id = 'funds' }: { company: string; headingLevel?: 'h2' | 'h3'; id?: string }) {
  const Heading = headingLevel
  const Subheading = headingLevel === 'h2' ? 'h3' : 'h4'
  const { t, i18n } = useTranslation()
  // The steps and programs are kept as data in English (app/utils/fund-voting.ts).
  const dataLang = i18n.language === 'en' ? undefined : 'en'
  return (
    <section className="guide-section" aria-labelledby={`${id}-heading`} id={id}>
      <Heading id={`${id}-heading`}>{t('funds.heading')}</Heading>
      <p>{t('funds.text', { company })}</p>
      <ol lang={dataLang}>
        {FUND_HOLDER_STEPS.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <Subheading>{t('funds.programs')}</Subheading>
      <ul lang={dataLang}>
        {PASS_THROUGH_PROGRAMS.map((p) => (
          <li key={p.program}>
            <strong>{p.program}</strong> ({p.manager}): {p.covers}
          </li>
        ))}
      </ul>
      <p className="muted">{t('funds.programsChange')}</p>
    </section>
  )
}
