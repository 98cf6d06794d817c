import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { ColumnHeads } from '~/components/column-heads'
import { FilterActions } from '~/components/filter-actions'
import { CampaignPageHeading } from '~/components/organizer-headings'
import { PublicNameCell } from '~/components/public-name-cell'
import { listPledgePage } from '~/models/pledge-table.server'
import { setPublicNameHidden } from '~/models/public-names.server'
import { parsePledgeTableQuery, type PledgeSort, pledgeTableSearch } from '~/schemas/pledge-table'
import pledgeStylesHref from '~/styles/organizer-pledges.css'
import { readCampaignForm } from '~/utils/campaign-action.server'
import { formatCount } from '~/utils/format'
import { HOLDER_TYPE_NAMES, INTENTION_NAMES } from '~/utils/public-figures'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'

// The campaign's pledges as a table: a GET form filters and sorts (it works without
// JavaScript), and "next"/"previous" links carry keyset cursors in the query string.

export const links = () => [{ rel: 'stylesheet', href: pledgeStylesHref }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'viewer')
  const { query, errors } = parsePledgeTableQuery(new URL(request.url).searchParams)
  const page = await listPledgePage(context.db, { campaignId: campaign.id, query })
  // Dates as the campaign's organizers read them: in the campaign's own time zone.
  const when = new Intl.DateTimeFormat('en-US', { timeZone: campaign.time_zone, dateStyle: 'medium', timeStyle: 'short' })
  const day = new Intl.DateTimeFormat('en-US', { timeZone: campaign.time_zone, month: 'short', day: 'numeric' })
  const { after: _after, before: _before, ...filters } = query
  return json(
    {
      campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, role },
      filters,
      paged: Boolean(query.after || query.before),
      errors,
      next: page.next,
      previous: page.previous,
      rows: page.rows.map((p) => ({
        id: p.id,
        email: p.email,
        name: p.name,
        intention: p.intention,
        shares: p.shares === null ? null : formatCount(p.shares),
        holderType: p.holder_type,
        broker: p.broker,
        status: p.status,
        showName: p.show_name,
        nameHidden: p.name_hidden,
        votedAt: p.voted_at?.toISOString() ?? null,
        votedOn: p.voted_at ? day.format(p.voted_at) : null,
        createdAt: p.created_at.toISOString(),
        created: when.format(p.created_at),
      })),
    },
    { headers: PRIVATE_NO_STORE },
  )
}

const NameModerationSchema = z.object({ intent: z.enum(['hide-name', 'show-name']), pledgeId: z.string().regex(/^\d{1,18}$/) })

/** Editors take a supporter's name off the public list (or put it back); the table stays as it was filtered. */
export async function action(args: ActionFunctionArgs) {
  const { campaign, organizer, form } = await readCampaignForm(args, 'editor')
  const parsed = NameModerationSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return json({ ok: false, message: 'Choose a name to hide or show.' }, { status: 400, headers: PRIVATE_NO_STORE })
  const hidden = parsed.data.intent === 'hide-name'
  const done = await setPublicNameHidden(args.context.db, { campaignId: campaign.id, pledgeId: parsed.data.pledgeId, organizerId: organizer.id, hidden })
  if (!done.ok) return json({ ok: false, message: done.formError }, { status: 404, headers: PRIVATE_NO_STORE })
  const message = hidden ? 'The name is hidden from the public list of supporters.' : 'The name is back on the public list (if its supporter is confirmed and pledged for).'
  return json({ ok: true, message }, { headers: PRIVATE_NO_STORE })
}

export const headers: HeadersFunction = () => PRIVATE_NO_STORE

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Pledges · ${data?.campaign.title ?? 'Campaign'} · Quorum` }]

const STATUSES = { pending: 'Pending', confirmed: 'Confirmed', withdrawn: 'Withdrawn' } as const
const SORTS: Record<PledgeSort, string> = { newest: 'Newest first', oldest: 'Oldest first', 'most-shares': 'Most shares', 'fewest-shares': 'Fewest shares' }

function Choice({ name, label, value, options, any }: { name: string; label: string; value: string | undefined; options: Record<string, string>; any?: string }) {
  return (
    <div className="field">
      <label htmlFor={`pledges-${name}`}>{label}</label>
      <select id={`pledges-${name}`} name={name} defaultValue={value ?? ''}>
        {any ? <option value="">{any}</option> : null}
        {Object.entries(options).map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  )
}

export default function CampaignPledges() {
  const { campaign, filters, paged, errors, rows, next, previous } = useLoaderData<typeof loader>()
  const moderated = useActionData<typeof action>()
  const canModerate = campaign.role !== 'viewer'
  const base = `/organizer/c/${campaign.slug}`
  const here = `${base}/pledges`
  const messages = Object.values(errors)
  const filtering = Boolean(filters.q || filters.intention || filters.status || filters.voted || filters.holder)
  return (
    <>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      <CampaignPageHeading campaign={campaign} title="Pledges">
        <p className="pledge-downloads">
          <a href={`${base}/pledges.csv`} className="button" download>
            Pledges CSV
          </a>
          <a href={`${base}/subscribers.csv`} className="button" download>
            Subscribers CSV
          </a>
        </p>
      </CampaignPageHeading>
      <p className="muted pledge-downloads__note">
        Downloads leave out people who asked for no email or whose address bounced; each download is recorded in the audit log.
      </p>

      {moderated ? (
        <p className={moderated.ok ? 'notice notice--strong' : 'form-error'} role={moderated.ok ? 'status' : 'alert'}>
          {moderated.message}
        </p>
      ) : null}

      {messages.length > 0 ? (
        <div className="form-error pledge-errors" role="alert">
          {messages.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      ) : null}

      <Form method="get" className="pledge-filters form--row" role="search" aria-label="Filter pledges" key={JSON.stringify(filters)}>
        <div className="field pledge-filters__search">
          <label htmlFor="pledges-q">Search</label>
          <input id="pledges-q" type="search" name="q" defaultValue={filters.q ?? ''} maxLength={100} placeholder="Start of an email or a name" aria-describedby="pledges-q-hint" />
          <p id="pledges-q-hint" className="visually-hidden">
            Matches email addresses and names that begin with what you type.
          </p>
        </div>
        <Choice name="intention" label="Intention" value={filters.intention} options={INTENTION_NAMES} any="Any intention" />
        <Choice name="status" label="Status" value={filters.status} options={STATUSES} any="Any status" />
        <Choice name="voted" label="Voted" value={filters.voted} options={{ yes: 'Voted', no: 'Not yet' }} any="Either" />
        <Choice name="holder" label="Holder type" value={filters.holder} options={HOLDER_TYPE_NAMES} any="Any holder" />
        <Choice name="sort" label="Sort" value={filters.sort} options={SORTS} />
        <FilterActions label="Show pledges" clearTo={filtering || filters.sort !== 'newest' ? here : null} />
      </Form>

      <div className="table-scroll pledge-table-scroll" role="region" aria-labelledby="pledges-caption" tabIndex={0}>
        <table className="data-table pledge-table">
          <caption id="pledges-caption">
            <span>
              {filtering ? 'Matching pledges' : 'All pledges'}, {SORTS[filters.sort].toLowerCase()}
              {rows.length > 0 ? ` (${rows.length} on this page)` : ''}
            </span>
          </caption>
          <ColumnHeads columns={['Supporter email', 'Name', 'Intention', { heading: 'Shares', className: 'num' }, 'Holder type', 'Broker', 'Status', 'Voted', 'Created']} />
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={9} className="pledge-table__empty">
                  {filtering ? 'No pledges match these filters.' : paged ? 'No pledges on this page.' : 'No pledges yet.'}
                </td>
              </tr>
            ) : null}
            {rows.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.email}</th>
                <td className="pledge-table__wrap">
                  <PublicNameCell pledge={p} canModerate={canModerate} />
                </td>
                <td>
                  <span className={`chip chip--${p.intention}`}>{INTENTION_NAMES[p.intention]}</span>
                </td>
                <td className="num">
                  {p.shares ?? (
                    <>
                      <span className="muted" aria-hidden="true">
                        —
                      </span>
                      <span className="visually-hidden">not given</span>
                    </>
                  )}
                </td>
                <td>{HOLDER_TYPE_NAMES[p.holderType]}</td>
                <td className="pledge-table__wrap pledge-table__broker">{p.broker ?? <span className="muted">—</span>}</td>
                <td>
                  <span className={`chip chip--${p.status}`}>{STATUSES[p.status]}</span>
                </td>
                <td>
                  {p.votedAt ? (
                    <>
                      Yes <span className="muted">· <time dateTime={p.votedAt}>{p.votedOn}</time></span>
                    </>
                  ) : (
                    'No'
                  )}
                </td>
                <td>
                  <time dateTime={p.createdAt}>{p.created}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <nav className="pager" aria-label="Pages of pledges">
        {previous ? (
          <Link to={here + pledgeTableSearch(filters, { before: previous })} rel="prev">
            ← Previous page
          </Link>
        ) : (
          <span aria-disabled="true">← Previous page</span>
        )}
        {paged ? <Link to={here + pledgeTableSearch(filters)}>First page</Link> : null}
        {next ? (
          <Link to={here + pledgeTableSearch(filters, { after: next })} rel="next">
            Next page →
          </Link>
        ) : (
          <span aria-disabled="true">Next page →</span>
        )}
      </nav>
    </>
  )
}
