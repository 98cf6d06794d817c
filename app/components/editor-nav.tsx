// Finding one's way in the long editor form: a list of its sections beside it on wide screens,
// and, after a refused save, a summary of what needs fixing at the top, each linked to its
// field (without JavaScript the page reloads at the top, far from most fields).

export const EDITOR_SECTIONS = [
  ['section-company', 'Company and meeting'],
  ['section-proposal', 'The proposal'],
  ['section-dates', 'Key dates'],
  ['section-meeting', 'Meeting and sources'],
  ['section-emails', 'Emails to supporters'],
] as const

/** In the order the form shows them. */
const FIELD_LABELS: Record<string, string> = {
  company: 'Company', ticker: 'Ticker', exchange: 'Exchange', agmYear: 'Year of the annual meeting', status: 'Status', slug: 'Page address',
  proposalKey: 'Proposal', title: 'Title', summary: 'Summary', proxyItem: 'Proxy item', resolved: 'Resolved clause', supportingStatement: 'Supporting statement',
  legend: 'Legend', timeZone: 'Time zone', recordDate: 'Record date', voteDeadline: 'Broker voting deadline', agmAt: 'Meeting starts',
  meetingFormat: 'Meeting format', sharesOutstanding: 'Shares outstanding', meetingUrl: 'Meeting web address', meetingLocation: 'Meeting location',
  proxyStatementUrl: 'Proxy statement web address', senderName: 'Sender name', senderEmail: 'Reply-to address', postalAddress: 'Postal address',
}

export function EditorToc({ extra = [] }: { extra?: ReadonlyArray<readonly [id: string, label: string]> }) {
  return (
    <nav className="editor-toc" aria-label="Sections of this page">
      <p className="editor-toc__title">On this page</p>
      <ol>
        {[...EDITOR_SECTIONS, ...extra].map(([id, label]) => (
          <li key={id}>
            <a href={`#${id}`}>{label}</a>
          </li>
        ))}
      </ol>
    </nav>
  )
}

/** `errors` as conform gives them (field name → messages); `fieldId` maps a name to its input's id. */
export function ErrorSummary({ errors, fieldId }: { errors: Record<string, string[] | undefined>; fieldId: (name: string) => string }) {
  const order = Object.keys(FIELD_LABELS)
  const fields = Object.entries(errors)
    .filter(([name, messages]) => messages?.length && FIELD_LABELS[name])
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
  if (fields.length === 0) return null
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title">
      <p id="error-summary-title" className="error-summary__title">
        {fields.length === 1 ? 'One field needs' : `${fields.length} fields need`} your attention before saving:
      </p>
      <ul>
        {fields.map(([name, messages]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{FIELD_LABELS[name]}</a>: {messages![0]}
          </li>
        ))}
      </ul>
    </div>
  )
}
