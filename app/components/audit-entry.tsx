import { Link } from '@remix-run/react'
import { formatInstantIn } from '~/utils/dates'
import { AUDIENCE_LABELS, KIND_LABELS } from '~/utils/update-labels'
import { ColumnHeads } from './column-heads'

// One audit log entry, readable: who did what, when, and for each changed field its value
// before and after. Long texts show only the changed passage with a little context.

export type Shown = { text: string } | { lead: string; mark: string; trail: string }
export interface FieldChange {
  key: string
  label: string
  before: Shown | null
  after: Shown | null
}
export interface AuditEntryView {
  id: string
  /** "Tuesday, June 3, 2025, 10:00 a.m. EDT", in the campaign's time zone (UTC without one). */
  when: string
  whenIso: string
  /** Who, what and which item, as one sentence (app/utils/audit-sentences.ts). */
  sentence: string
  campaign: { slug: string; title: string } | null
  changes: FieldChange[]
}

const LABELS: Record<string, string> = {
  slug: 'Page address', proposal_key: 'Proposal', company: 'Company', ticker: 'Ticker', exchange: 'Exchange', agm_year: 'Meeting year',
  title: 'Title', summary: 'Summary', proxy_item: 'Proxy item', resolved: 'Resolved clause', supporting_statement: 'Supporting statement',
  legend: 'Legend', record_date: 'Record date', vote_deadline: 'Broker voting deadline', agm_at: 'Meeting starts', time_zone: 'Time zone',
  meeting_format: 'Meeting format', meeting_url: 'Meeting web address', meeting_location: 'Meeting location', proxy_statement_url: 'Proxy statement',
  shares_outstanding: 'Shares outstanding', status: 'Status', sender_name: 'Sender name', sender_email: 'Reply-to address', postal_address: 'Postal address',
  email: 'Organizer', role: 'Role', support_percent: 'support', recorded_percent: 'support', meeting_date: 'meeting date', cusip: 'CUSIP', expected_turnout_percent: 'Expected turnout (%)', votes_for: 'for', votes_against: 'against', abstentions: 'abstentions',
  broker_non_votes: 'broker non-votes', source_url: 'source', subject: 'Subject', body: 'Message', sendAt: 'Send time', audience: 'Audience',
  name: 'Broker', aliases: 'Other names', cutoff_note: 'Broker’s cut-off', steps: 'Steps',
}

/** Stored keys shown as people read them. */
const VALUE_LABELS: Record<string, Record<string, string>> = { audience: AUDIENCE_LABELS, kind: KIND_LABELS }

const KEY_ORDER = Object.keys(LABELS)
/** Field order as the editor shows them; meeting years in order; unknown keys last. */
const order = (key: string) => (/^\d{4}$/.test(key) ? Number(key) : KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : 10_000)

const LONG = 160
const CONTEXT = 60
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
/** A stored value as one line of text: instants in the campaign's time zone, counts with separators, vote rows spelled out. */
function asText(value: unknown, timeZone: string, key = ''): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatInstantIn(new Date(value), timeZone) : (VALUE_LABELS[key]?.[value] ?? value)
  if (typeof value === 'object') {
    // jsonb keeps keys in its own order: show them in the editor's.
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== '')
      .sort(([a], [b]) => order(a) - order(b))
      .map(([k, v]) => (k === 'support_percent' || k === 'recorded_percent' ? `${Number(v)}% support` : `${LABELS[k] ?? k} ${/^\d+$/.test(String(v)) ? Number(v).toLocaleString('en-US') : String(v)}`))
      .join(' · ')
  }
  return String(value)
}

/** Long texts: only the passage that differs, between the longest common start and end. */
function excerpts(before: string, after: string): [Shown, Shown] {
  if (before.length <= LONG && after.length <= LONG) return [{ text: before }, { text: after }]
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start++
  let end = 0
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++
  const cut = (s: string): Shown => ({
    lead: (start > CONTEXT ? '…' : '') + s.slice(Math.max(0, start - CONTEXT), start),
    mark: s.slice(start, s.length - end).length > LONG * 3 ? `${s.slice(start, start + LONG * 3)}…` : s.slice(start, s.length - end),
    trail: s.slice(s.length - end, s.length - end + CONTEXT) + (end > CONTEXT ? '…' : ''),
  })
  return [cut(before), cut(after)]
}

/** The fields that differ between an entry's `before` and `after` (either may be null). */
export function describeChanges(before: unknown, after: unknown, timeZone = 'UTC'): FieldChange[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
  return keys.sort((x, y) => order(x) - order(y)).map((key) => {
    const [shownBefore, shownAfter] = excerpts(asText(b[key], timeZone, key), asText(a[key], timeZone, key))
    return {
      key,
      label: LABELS[key] ?? (/^\d{4}$/.test(key) ? `${key} meeting` : key.replace(/_/g, ' ')),
      before: before === null || b[key] === null || b[key] === undefined ? null : shownBefore,
      after: after === null || a[key] === null || a[key] === undefined ? null : shownAfter,
    }
  })
}

function Value({ shown, kind }: { shown: Shown | null; kind: 'before' | 'after' }) {
  if (!shown) return <span className="audit-empty">(none)</span>
  if ('text' in shown) return <span className={`audit-value audit-value--${kind}`}>{shown.text || '(empty)'}</span>
  const Mark = kind === 'before' ? 'del' : 'ins'
  return (
    <span className={`audit-value audit-value--${kind}`}>
      {shown.lead}
      <Mark>{shown.mark}</Mark>
      {shown.trail}
    </span>
  )
}

export function AuditEntry({ entry }: { entry: AuditEntryView }) {
  return (
    <li className="audit-entry">
      <div className="audit-entry__head">
        <p className="audit-entry__what">{entry.sentence}</p>
        <p className="audit-entry__meta">
          <time dateTime={entry.whenIso}>{entry.when}</time>
          {entry.campaign ? (
            <>
              {' · '}
              <Link to={`/organizer/audit?campaign=${entry.campaign.slug}`}>{entry.campaign.title}</Link>
            </>
          ) : null}
        </p>
      </div>
      {entry.changes.length > 0 ? (
        <table className="audit-changes">
          <caption className="visually-hidden">Changed fields</caption>
          <ColumnHeads columns={['Field', 'Before', 'After']} />
          <tbody>
            {entry.changes.map((change) => (
              <tr key={change.key}>
                <th scope="row">{change.label}</th>
                <td data-label="Before">
                  <Value shown={change.before} kind="before" />
                </td>
                <td data-label="After">
                  <Value shown={change.after} kind="after" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  )
}
