import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { ColumnHeads } from '~/components/column-heads'
import { FormOutcome } from '~/components/form-outcome'
import { PlainSelect, Shares } from '~/components/plain-field'
import { holderChoices, listFundLinks, listFundVotes, unlinkedFunds } from '~/models/fund-votes.server'
import { correctMatch, linkFund } from '~/models/holders.server'
import { FundLinkSchema, MatchSchema } from '~/schemas/vote-model'
import { readCampaignForm } from '~/utils/campaign-action.server'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'
import { shortDate } from '~/utils/vote-labels'
import { voteModelLinks } from '~/utils/vote-model-links'

// N-PX records of the company and how each was matched to this proposal (by CUSIP, meeting
// date and wording). Editors correct a match, and tie a fund to its 13F holder.

export const links = voteModelLinks
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Fund votes · ${data?.campaign.title ?? 'Campaign'} · Quorum` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'viewer')
  const all = new URL(request.url).searchParams.get('show') === 'all'
  const [votes, unlinked, linked, holders] = await Promise.all([
    listFundVotes(context.db, { campaignId: campaign.id, onlyMatched: !all }),
    unlinkedFunds(context.db, { campaignId: campaign.id }),
    listFundLinks(context.db, { campaignId: campaign.id }),
    role === 'viewer' ? Promise.resolve([]) : holderChoices(context.db, { campaignId: campaign.id }),
  ])
  return json({ campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, role }, all, votes, unlinked, linked, holders }, { headers: PRIVATE_NO_STORE })
}

export async function action(args: ActionFunctionArgs) {
  const { organizer, campaign, form: posted } = await readCampaignForm(args, 'editor')
  const form = Object.fromEntries(posted)
  const here = `/organizer/c/${campaign.slug}/fund-votes${form.show === 'all' ? '?show=all&' : '?'}`
  if (form.intent === 'match') {
    const parsed = MatchSchema.safeParse(form)
    if (!parsed.success) return json({ formError: 'Choose a vote record and whether it is this proposal.' }, { status: 400, headers: PRIVATE_NO_STORE })
    const result = await correctMatch(args.context.db, { campaignId: campaign.id, organizerId: organizer.id, fundVoteId: parsed.data.fundVoteId, matches: parsed.data.matches === 'yes' })
    if (!result.ok) return json({ formError: result.formError ?? 'Not saved.' }, { status: 422, headers: PRIVATE_NO_STORE })
    return redirect(`${here}saved=match`)
  }
  if (form.intent === 'link') {
    const parsed = FundLinkSchema.safeParse(form)
    if (!parsed.success) return json({ formError: 'Choose a holder for the fund.' }, { status: 400, headers: PRIVATE_NO_STORE })
    const result = await linkFund(args.context.db, { campaignId: campaign.id, organizerId: organizer.id, ...parsed.data })
    if (!result.ok) return json({ formError: result.formError ?? 'Not saved.' }, { status: 422, headers: PRIVATE_NO_STORE })
    return redirect(`${here}saved=link`)
  }
  return json({ formError: 'Send one of the forms on this page.' }, { status: 400, headers: PRIVATE_NO_STORE })
}

const HOW: Record<string, string> = { for: 'For', against: 'Against', abstain: 'Abstain', withhold: 'Withhold', none: 'Did not vote' }

export default function FundVotesPage() {
  const { campaign, all, votes, unlinked, linked, holders } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  const editable = campaign.role !== 'viewer'
  const base = `/organizer/c/${campaign.slug}`
  return (
    <>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      <BackLink to={`${base}/holders`} className="breadcrumb">← Holders</BackLink>
      <h1>Fund votes</h1>
      <p className="lede">
        Form N-PX records of {campaign.company}. A record counts as a vote on this proposal when its meeting is one of the proposal’s and its wording shares the
        title’s distinctive words; correct any match below. N-PX’s “for or against management” says whether the fund voted with management: what management
        recommended is read from it.
      </p>
      <FormOutcome done={search.get('saved') ? (search.get('saved') === 'link' ? 'Fund tied to its holder.' : 'Match corrected.') : null} error={actionData?.formError} />

      {unlinked.length > 0 || linked.length > 0 ? (
        <section className="panel" aria-labelledby="links-heading">
          <h2 id="links-heading">Funds and their 13F holders</h2>
          <p className="field-hint">A fund’s votes count for the 13F holder with its CIK. Funds that file under another CIK are tied here.</p>
          <ul className="plain-list fund-links">
            {[...unlinked.map((f) => ({ key: f.fund_key, name: f.fund_name, holderId: '', note: `${f.records} matched record(s), no holder` })), ...linked.map((l) => ({ key: l.fund_key, name: l.fund_name ?? l.fund_key, holderId: String(l.holder_id), note: `tied to ${l.holder_name}` }))].map((f) => (
              <li key={f.key}>
                <strong>{f.name}</strong> <span className="muted">({f.note})</span>
                {editable ? (
                  <Form method="post" className="form--inline fund-links__form">
                    <input type="hidden" name="fundKey" value={f.key} />
                    <PlainSelect id={`link-${f.key}`} name="holderId" label={`Holder for ${f.name}`} defaultValue={f.holderId} options={{ '': 'No holder', ...Object.fromEntries(holders.map((h) => [String(h.id), h.name])) }} />
                    <button type="submit" name="intent" value="link" className="button">
                      Save
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p>
        {all ? <Link to={`${base}/fund-votes`}>Show only records matched to this proposal</Link> : <Link to={`${base}/fund-votes?show=all`}>Show every record of the company</Link>}
      </p>
      <div className="table-scroll" role="region" aria-labelledby="fund-votes-caption" tabIndex={0}>
        <table className="data-table fund-table">
          <caption id="fund-votes-caption">{all ? 'Every N-PX record of the company' : 'Records matched to this proposal'}, newest meeting first</caption>
          <ColumnHeads columns={['Fund', 'Meeting', 'Item voted on', 'Vote', { heading: 'Shares', className: 'num' }, 'Management recommended', 'This proposal?']} />
          <tbody>
            {votes.length === 0 ? (
              <tr>
                <td colSpan={7}>{all ? 'No N-PX records yet: import some from the import page.' : 'No record is matched to this proposal yet.'}</td>
              </tr>
            ) : null}
            {votes.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  {v.fund_name}
                  <span className="holder-table__meta">{v.holder_name ? `holder: ${v.holder_name}` : 'no holder tied'}{v.is_demo ? ' · illustrative' : ''}</span>
                </th>
                <td>{shortDate(v.meeting_date)}</td>
                <td className="fund-table__item">{v.vote_description}</td>
                <td>
                  <span className={`chip chip--${v.how_voted === 'none' ? 'undecided' : v.how_voted === 'withhold' ? 'against' : v.how_voted}`}>{HOW[v.how_voted]}</span>
                </td>
                <td className="num">
                  <Shares value={v.shares_voted} />
                </td>
                <td>{v.management ? `${v.management === 'for' ? 'For' : 'Against'} (fund voted ${v.with_management ? 'with' : 'against'} it)` : <span className="muted">not said</span>}</td>
                <td>
                  {v.matched_year ? `Yes, ${v.matched_year}` : 'No'}
                  <span className="holder-table__meta">
                    {v.match_source === 'organizer' ? 'set by an organizer' : `automatic, wording ${Math.round(v.match_score * 100)}%`}
                  </span>
                  {editable ? (
                    <Form method="post" className="form--inline">
                      <input type="hidden" name="fundVoteId" value={v.id} />
                      {all ? <input type="hidden" name="show" value="all" /> : null}
                      <button type="submit" name="matches" value={v.matched_year ? 'no' : 'yes'} className="link-button">
                        {v.matched_year ? 'Not this proposal' : 'This proposal'}
                      </button>
                      <input type="hidden" name="intent" value="match" />
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
