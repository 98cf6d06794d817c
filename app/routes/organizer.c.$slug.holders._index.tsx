import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { ColumnHeads } from '~/components/column-heads'
import { FilterActions } from '~/components/filter-actions'
import { CampaignPageHeading } from '~/components/organizer-headings'
import { PlainInput, PlainSelect, Shares } from '~/components/plain-field'
import { filterBoard, loadHolderBoard } from '~/models/targeting.server'
import { BoardFiltersSchema } from '~/schemas/vote-model'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'
import { ENGAGEMENT_STATUSES, EXPECTED_VOTES, HOLDER_CLASSES, leanLabel, shortDate } from '~/utils/vote-labels'
import { voteModelLinks } from '~/utils/vote-model-links'

// The targeting board: who holds the company, how they voted on this proposal before, and
// where each engagement stands. Filters are a GET form (they work without JavaScript).

export const links = voteModelLinks
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Holders · ${data?.campaign.title ?? 'Campaign'} · Quorum` }]

const SHOWN = 200

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'viewer')
  const url = new URL(request.url)
  const filters = BoardFiltersSchema.parse(Object.fromEntries(url.searchParams))
  const all = await loadHolderBoard(context.db, { campaign })
  const rows = filterBoard(all, filters)
  const held = all.reduce((n, r) => n + BigInt(r.shares), 0n)
  return json(
    {
      campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, cusip: campaign.cusip, role },
      filters,
      search: url.search,
      total: all.length,
      matching: rows.length,
      held: held.toString(),
      heldPercent: all.length ? ((Number(held) / Number(campaign.shares_outstanding)) * 100).toFixed(1) : '0',
      illustrative: all.some((r) => r.isDemo),
      classes: Object.fromEntries(Object.keys(HOLDER_CLASSES).map((c) => [c, all.filter((r) => r.class === c).length])),
      rows: rows.slice(0, SHOWN),
    },
    { headers: PRIVATE_NO_STORE },
  )
}

export default function HoldersBoard() {
  const data = useLoaderData<typeof loader>()
  const { campaign, filters, rows } = data
  const base = `/organizer/c/${campaign.slug}`
  const filtering = Boolean(filters.q || filters.class || filters.status || filters.kind)
  return (
    <>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      <CampaignPageHeading campaign={campaign} title="Holders">
        <p className="pledge-downloads">
          <a href={`${base}/holders.csv${data.search}`} className="button" download>
            Holders CSV
          </a>
          {campaign.role !== 'viewer' ? (
            <Link to={`${base}/imports`} className="button button--primary">
              Import filings
            </Link>
          ) : null}
        </p>
      </CampaignPageHeading>
      {data.illustrative ? (
        <p className="notice notice--demo">
          <strong>Illustrative holders.</strong> The demo’s holder names, stakes and fund votes are made up to show how the board works; they are not
          anyone’s real filings.
        </p>
      ) : null}
      <p className="board-summary">
        {data.total === 0 ? (
          <>
            No holders yet.{' '}
            {campaign.cusip ? 'Import a 13F filing or the quarter’s 13F data set, and add affiliated holders from the proxy statement.' : 'Set the company’s CUSIP in the campaign editor, then import 13F filings.'}
          </>
        ) : (
          <>
            {data.total.toLocaleString('en-US')} holders with <Shares value={data.held} /> shares ({data.heldPercent}% of outstanding). On this proposal:{' '}
            {Object.entries(HOLDER_CLASSES)
              .map(([key, label]) => `${label.toLowerCase()} ${data.classes[key] ?? 0}`)
              .join(' · ')}
            . <Link to={`${base}/fund-votes`}>Fund votes and matches</Link> · <Link to={`${base}/projection`}>Projection</Link>
          </>
        )}
      </p>

      <Form method="get" className="pledge-filters form--row" role="search" aria-label="Filter holders" key={JSON.stringify(filters)}>
        <PlainInput id="holders-q" name="q" type="search" label="Search" defaultValue={filters.q ?? ''} maxLength={100} placeholder="Name or CIK" className="pledge-filters__search" />
        <PlainSelect id="holders-class" name="class" label="Recorded vote" defaultValue={filters.class ?? ''} options={{ '': 'Any', ...HOLDER_CLASSES }} />
        <PlainSelect id="holders-status" name="status" label="Engagement" defaultValue={filters.status ?? ''} options={{ '': 'Any', ...ENGAGEMENT_STATUSES }} />
        <PlainSelect id="holders-kind" name="kind" label="Holder type" defaultValue={filters.kind ?? ''} options={{ '': 'Any', institutional: 'Institution (13F)', affiliated: 'Affiliated' }} />
        <FilterActions label="Show holders" clearTo={filtering ? `${base}/holders` : null} />
      </Form>

      <div className="table-scroll" role="region" aria-labelledby="holders-caption" tabIndex={0}>
        <table className="data-table holder-table">
          <caption id="holders-caption">
            {filtering ? 'Matching holders' : 'Holders'}, largest stake first
            {data.matching > rows.length ? ` (the first ${rows.length} of ${data.matching.toLocaleString('en-US')}; the CSV has them all)` : ''}
          </caption>
          <ColumnHeads columns={['Holder', { heading: 'Shares', className: 'num' }, { heading: '% out.', className: 'num' }, 'Voting authority', 'Votes on this proposal', 'Class', 'Engagement', 'Expected']} />
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="pledge-table__empty">
                  {filtering ? 'No holders match these filters.' : 'No holders yet.'}
                </td>
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`${base}/holders/${r.id}`}>{r.name}</Link>
                  <span className="holder-table__meta">
                    {r.kind === 'affiliated' ? 'Affiliated' : `CIK ${r.cik}`}
                    {r.reportPeriod ? ` · as of ${shortDate(r.reportPeriod)}` : ''}
                    {r.isDemo ? ' · illustrative' : ''}
                  </span>
                </th>
                <td className="num">
                  <Shares value={r.shares} />
                </td>
                <td className="num">{r.percentOfOutstanding}%</td>
                <td>
                  {r.voting.sole === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <span className="holder-table__voting">
                      sole <Shares value={r.voting.sole} />, shared <Shares value={r.voting.shared} />, none <Shares value={r.voting.none} />
                    </span>
                  )}
                </td>
                <td>
                  {r.history.length === 0 ? (
                    <span className="muted">none on record</span>
                  ) : (
                    <ul className="plain-list vote-years">
                      {r.history.slice(0, 3).map((h) => (
                        <li key={h.year}>
                          {h.year}: {Object.entries(h.records).map(([how, n]) => `${how} ${n > 1 ? `×${n}` : ''}`.trim()).join(', ')}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <span className={`chip chip--class-${r.class}`}>{HOLDER_CLASSES[r.class]}</span>
                </td>
                <td>
                  <span className={`chip chip--status-${r.engagement.status}`}>{ENGAGEMENT_STATUSES[r.engagement.status]}</span>
                  {r.engagement.nextStepOn ? <span className="holder-table__meta">next: {shortDate(r.engagement.nextStepOn)}</span> : null}
                </td>
                <td>
                  {leanLabel(r.lean)}
                  <span className="holder-table__meta">{r.leanSource === 'organizer' ? 'set by an organizer' : r.leanSource === 'record' ? 'last recorded vote' : r.leanSource === 'affiliated' ? 'affiliated' : ''}</span>
                  {r.engagement.expectedVote ? <span className="visually-hidden">{EXPECTED_VOTES[r.engagement.expectedVote]}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
