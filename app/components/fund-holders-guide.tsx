import { FUND_HOLDER_STEPS, PASS_THROUGH_PROGRAMS } from '~/utils/fund-voting'

// For a shareholder who holds the company only through a fund: the plain truth (the fund votes,
// not you) and what can still be done. On the voting guide, and on a fund holder's own page.

export function FundHoldersGuide({ company, headingLevel = 'h2', id = 'funds' }: { company: string; headingLevel?: 'h2' | 'h3'; id?: string }) {
  const Heading = headingLevel
  const Subheading = headingLevel === 'h2' ? 'h3' : 'h4'
  return (
    <section className="guide-section" aria-labelledby={`${id}-heading`} id={id}>
      <Heading id={`${id}-heading`}>Only through a fund?</Heading>
      <p>
        If you hold {company} only through an ETF, a mutual fund or a retirement plan, the fund owns the shares and its manager votes them: you will
        not receive a proxy card or a control number for them, and you cannot vote them yourself. Your pledge still counts as a voice, apart from
        the shares pledged by holders who vote.
      </p>
      <ol>
        {FUND_HOLDER_STEPS.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <Subheading>Voting choice programs</Subheading>
      <ul>
        {PASS_THROUGH_PROGRAMS.map((p) => (
          <li key={p.program}>
            <strong>{p.program}</strong> ({p.manager}): {p.covers}
          </li>
        ))}
      </ul>
      <p className="muted">Programs change: check with your fund’s manager which funds and investors they cover.</p>
    </section>
  )
}
