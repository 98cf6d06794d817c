import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CampaignForm } from '~/components/campaign-form'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { EditorToc } from '~/components/editor-nav'
import { PreviewNotice } from '~/components/editor-preview'
import { EMPTY_ROW, Item507PasteForm, VoteHistoryForm } from '~/components/editor-vote-history'
import { FormOutcome } from '~/components/form-outcome'
import { EditorHeading } from '~/components/organizer-headings'
import { StatusBadge } from '~/components/status-badge'
import { campaignFormValues, getVoteHistory, previewCampaignText, saveVoteHistory, updateCampaign } from '~/models/campaign-editor.server'
import { fetchItem507Text } from '~/models/edgar-import.server'
import { parseFilingRef } from '~/sec/edgar-client.server'
import { parseItem507 } from '~/sec/item-507'
import { CampaignPreviewSchema, CampaignSchema, Item507PasteSchema, VoteHistorySchema } from '~/schemas/campaign'
import editorStylesHref from '~/styles/organizer-editor.css'
import { readCampaignForm } from '~/utils/campaign-action.server'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'
import { replyWithFailure } from '~/utils/result'

// Editors and owners edit a campaign here, and its proposal's vote history (a second form on
// the same page, told apart by the submit button's `intent`).

export const links = () => [{ rel: 'stylesheet', href: editorStylesHref }]
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.campaign.title} ${data.campaign.agmYear} · Quorum` : 'Edit campaign · Quorum' }]

const NOTICES: Record<string, string> = {
  created: 'Campaign created: you are its owner. It stays a draft, seen only by its organizers, until you set its status to live.',
  campaign: 'Changes saved. The public page shows them within seconds.',
  unchanged: 'Nothing had changed, so nothing was saved.',
  votes: 'Vote history saved.',
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'editor')
  const history = await getVoteHistory(context.db, { proposalKey: campaign.proposal_key, campaignId: campaign.id })
  const count = (value: string | null) => value ?? ''
  return json(
    {
      campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, status: campaign.status, isDemo: campaign.is_demo, role },
      values: campaignFormValues(campaign),
      votes: history.votes.map((v) => ({
        meetingYear: String(v.meeting_year),
        meetingDate: v.meeting_date ?? '',
        supportPercent: v.recorded_percent === null ? '' : String(Number(v.recorded_percent)),
        votesFor: count(v.votes_for),
        votesAgainst: count(v.votes_against),
        abstentions: count(v.abstentions),
        brokerNonVotes: count(v.broker_non_votes),
        sharesOutstanding: count(v.shares_outstanding),
        sourceUrl: v.source_url ?? '',
      })),
      derived: history.votes.map((v) => (v.votes_for !== null && v.votes_against !== null ? v.support_percent : null)),
      sharedWith: history.sharedWith.map((c) => ({ slug: c.slug, agmYear: c.agm_year })),
    },
    { headers: PRIVATE_NO_STORE },
  )
}

export async function action(args: ActionFunctionArgs) {
  const { organizer, campaign, form } = await readCampaignForm(args, 'editor')
  const intent = form.get('intent')
  const base = `/organizer/c/${campaign.slug}/edit`

  if (intent === 'votes') {
    const submission = parseWithZod(form, { schema: VoteHistorySchema })
    if (submission.status !== 'success') return json({ form: 'votes' as const, result: submission.reply(), preview: null }, { status: 400, headers: PRIVATE_NO_STORE })
    const saved = await saveVoteHistory(args.context.db, { organizerId: organizer.id, campaignId: campaign.id, rows: submission.value.votes })
    if (!saved.ok) return json({ form: 'votes' as const, result: replyWithFailure(submission, saved), preview: null }, { status: 422, headers: PRIVATE_NO_STORE })
    return redirect(`${base}?saved=${saved.changedYears.length ? 'votes' : 'unchanged'}#vote-history`)
  }
  if (intent === 'paste-507' || intent === 'fetch-507') {
    let text = ''
    if (intent === 'fetch-507') {
      const ref = parseFilingRef({ url: String(form.get('address') ?? '').slice(0, 500) })
      const fetched = ref ? await fetchItem507Text({ ref }) : { ok: false as const, message: 'Paste the filing’s EDGAR address (…/Archives/edgar/data/CIK/ACCESSION/…).' }
      if (!fetched.ok) return json({ form: 'paste' as const, error: null, fetchError: fetched.message, pasted: null, found: null }, { status: 422, headers: PRIVATE_NO_STORE })
      text = fetched.text
    }
    const parsed = Item507PasteSchema.safeParse({ pasted: intent === 'fetch-507' ? text : (form.get('pasted') ?? '') })
    const read = parsed.success ? parseItem507(parsed.data.pasted, { title: campaign.title }) : { ok: false as const, message: parsed.error.issues[0]!.message }
    if (!read.ok) return json({ form: 'paste' as const, error: intent === 'paste-507' ? read.message : null, fetchError: intent === 'fetch-507' ? read.message : null, pasted: null, found: null }, { status: 422, headers: PRIVATE_NO_STORE })
    const row = read.rows[read.best]!
    const pasted = { ...EMPTY_ROW, votesFor: row.votesFor, votesAgainst: row.votesAgainst, abstentions: row.abstentions ?? '', brokerNonVotes: row.brokerNonVotes ?? '' }
    const found = `Read ${read.rows.length === 1 ? 'one row' : `${read.rows.length} rows; took line ${row.line}`}${row.label ? ` (“${row.label.slice(0, 120)}”)` : ''}: ${Number(row.votesFor).toLocaleString('en-US')} for, ${Number(row.votesAgainst).toLocaleString('en-US')} against. Check the figures in the vote history below, add the year, and save.`
    return json({ form: 'paste' as const, error: null, fetchError: null, pasted, found }, { headers: PRIVATE_NO_STORE })
  }
  if (intent === 'preview') {
    const submission = parseWithZod(form, { schema: CampaignPreviewSchema })
    return json({ form: 'campaign' as const, result: submission.reply(), preview: submission.status === 'success' ? previewCampaignText(submission.value) : null }, { headers: PRIVATE_NO_STORE })
  }
  const submission = parseWithZod(form, { schema: CampaignSchema })
  if (submission.status !== 'success') return json({ form: 'campaign' as const, result: submission.reply(), preview: null }, { status: 400, headers: PRIVATE_NO_STORE })
  const updated = await updateCampaign(args.context.db, { organizerId: organizer.id, campaignId: campaign.id, values: submission.value, version: submission.value.version })
  if (!updated.ok) return json({ form: 'campaign' as const, result: replyWithFailure(submission, updated), preview: null }, { status: 422, headers: PRIVATE_NO_STORE })
  return redirect(`${base}?saved=${updated.changed.length ? 'campaign' : 'unchanged'}`)
}

export default function EditCampaignPage() {
  const { campaign, values, votes, derived, sharedWith } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  const notice = NOTICES[search.has('created') ? 'created' : (search.get('saved') ?? '')]
  const campaignResult = actionData?.form === 'campaign' ? actionData : null
  return (
    <div className="editor-page">
      <EditorHeading campaign={campaign} after={<StatusBadge status={campaign.status} isDemo={campaign.isDemo} />}>
        Edit {campaign.title}
      </EditorHeading>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      <FormOutcome done={actionData ? null : notice} />
      {campaignResult?.preview ? <PreviewNotice /> : null}
      <div className="editor-layout">
        <div className="editor-main">
          {/* Keyed by version: after a save the form starts again from what was stored. */}
          <CampaignForm key={values.version} mode="edit" version={values.version} defaultValue={values} lastResult={campaignResult?.result} preview={campaignResult?.preview} />
          <section id="vote-history" className="editor-section editor-section--standalone" aria-labelledby="vote-history-heading" tabIndex={-1}>
            <h2 id="vote-history-heading">Vote history</h2>
            <Item507PasteForm
              error={actionData?.form === 'paste' ? actionData.error : null}
              fetchError={actionData?.form === 'paste' ? actionData.fetchError : null}
              found={actionData?.form === 'paste' ? actionData.found : null}
            />
            <VoteHistoryForm
              key={JSON.stringify([votes, actionData?.form === 'paste' ? actionData.pasted : null])}
              rows={votes}
              derived={derived}
              pasted={actionData?.form === 'paste' ? actionData.pasted : null}
              sharedWith={sharedWith}
              lastResult={actionData?.form === 'votes' ? actionData.result : null}
            />
          </section>
        </div>
        <aside className="editor-aside">
          <EditorToc extra={[['vote-history', 'Vote history']]} />
        </aside>
      </div>
    </div>
  )
}
