import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { FormOutcome } from '~/components/form-outcome'
import { PlainInput, PlainSelect, PlainTextarea, Shares } from '~/components/plain-field'
import { removeAffiliatedHolder, saveEngagement } from '~/models/holders.server'
import { loadHolderBoard } from '~/models/targeting.server'
import { EngagementSchema } from '~/schemas/vote-model'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'
import { readForm } from '~/utils/read-form.server'
import { ENGAGEMENT_STATUSES, EXPECTED_VOTES, HOLDER_CLASSES, leanLabel, shortDate } from '~/utils/vote-labels'
import { voteModelLinks } from '~/utils/vote-model-links'

// One holder: its stake, its recorded votes on the proposal, and the engagement an organizer
// keeps with it (editors change it; every change is audited).

export const links = voteModelLinks
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.holder.name ?? 'Holder'} · Quorum` }]

async function findHolder(args: LoaderFunctionArgs, needed: 'viewer' | 'editor') {
  const access = await requireCampaignRole(args.request, args.context, args.params.slug, needed)
  const rows = await loadHolderBoard(args.context.db, { campaign: access.campaign })
  const holder = rows.find((r) => r.id === args.params.id)
  if (!holder) throw new Response('Holder not found', { status: 404, headers: PRIVATE_NO_STORE })
  return { ...access, holder, rank: rows.indexOf(holder) + 1 }
}

export async function loader(args: LoaderFunctionArgs) {
  const { campaign, role, holder, rank } = await findHolder(args, 'viewer')
  return json({ campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, role }, holder, rank }, { headers: PRIVATE_NO_STORE })
}

export async function action(args: ActionFunctionArgs) {
  const { organizer, campaign, holder } = await findHolder(args, 'editor')
  const form = await readForm(args.request)
  const back = `/organizer/c/${campaign.slug}/holders`
  if (form.get('intent') === 'remove') {
    const removed = await removeAffiliatedHolder(args.context.db, { campaignId: campaign.id, organizerId: organizer.id, holderId: holder.id })
    if (!removed.ok) return json({ errors: {} as Record<string, string>, formError: removed.formError ?? 'Not removed.' }, { status: 422, headers: PRIVATE_NO_STORE })
    return redirect(`${back}?removed=1`)
  }
  const parsed = EngagementSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]))
    return json({ errors, formError: null }, { status: 400, headers: PRIVATE_NO_STORE })
  }
  const saved = await saveEngagement(args.context.db, { campaignId: campaign.id, organizerId: organizer.id, holderId: holder.id, values: parsed.data })
  if (!saved.ok) return json({ errors: {} as Record<string, string>, formError: saved.formError ?? 'Not saved.' }, { status: 422, headers: PRIVATE_NO_STORE })
  return redirect(`${back}/${holder.id}?saved=${saved.changed ? 'yes' : 'unchanged'}`)
}

export default function HolderPage() {
  const { campaign, holder, rank } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  const errors: Record<string, string> = actionData?.errors ?? {}
  const editable = campaign.role !== 'viewer'
  const base = `/organizer/c/${campaign.slug}`
  const e = holder.engagement
  return (
    <>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      <BackLink to={`${base}/holders`} className="breadcrumb">← All holders</BackLink>
      <header className="organizer-heading">
        <div>
          <p className="eyebrow">
            {campaign.company} · holder no. {rank} by stake{holder.isDemo ? ' · illustrative' : ''}
          </p>
          <h1>{holder.name}</h1>
        </div>
      </header>
      <FormOutcome done={search.get('saved') ? (search.get('saved') === 'yes' ? 'Engagement saved.' : 'Nothing had changed, so nothing was saved.') : null} error={actionData?.formError} />
      <div className="holder-layout">
        <section className="panel" aria-labelledby="stake-heading">
          <h2 id="stake-heading">Stake</h2>
          <dl className="facts">
            <dt>Shares</dt>
            <dd>
              <Shares value={holder.shares} /> ({holder.percentOfOutstanding}% of outstanding)
            </dd>
            <dt>Source</dt>
            <dd>
              {holder.kind === 'affiliated'
                ? `Affiliated holder entered by hand${holder.note ? `: ${holder.note}` : ''}`
                : `Form 13F (${holder.source === '13f_dataset' ? 'data set' : 'filing'}), CIK ${holder.cik}${holder.reportPeriod ? `, as of ${shortDate(holder.reportPeriod)}` : ''}`}
            </dd>
            {holder.voting.sole !== null ? (
              <>
                <dt>Voting authority</dt>
                <dd>
                  sole <Shares value={holder.voting.sole} />, shared <Shares value={holder.voting.shared} />, none <Shares value={holder.voting.none} />
                </dd>
              </>
            ) : null}
            <dt>Recorded votes on this proposal</dt>
            <dd>
              {holder.history.length === 0
                ? 'None: no N-PX record of its funds is matched to this proposal.'
                : holder.history.map((h) => `${h.year}: ${Object.entries(h.records).map(([how, n]) => `${n} record(s) ${how}`).join(', ')} (${BigInt(h.votedFor).toLocaleString('en-US')} shares for, ${BigInt(h.votedAgainst).toLocaleString('en-US')} against)`).join('; ')}
            </dd>
            <dt>Class</dt>
            <dd>{HOLDER_CLASSES[holder.class]}</dd>
            <dt>Expected in the projection</dt>
            <dd>
              {leanLabel(holder.lean)} ({holder.leanSource === 'organizer' ? 'set below' : holder.leanSource === 'record' ? 'its last recorded vote' : holder.leanSource === 'affiliated' ? 'as entered' : 'no record: counted with everyone else'})
            </dd>
          </dl>
          {editable && holder.kind === 'affiliated' ? (
            <Form method="post">
              <button type="submit" name="intent" value="remove" className="button button--danger">
                Remove this affiliated holder
              </button>
            </Form>
          ) : null}
        </section>
        <section className="panel" aria-labelledby="engagement-heading">
          <h2 id="engagement-heading">Engagement</h2>
          {editable ? (
            <Form method="post" className="form" key={JSON.stringify(e)}>
              <PlainSelect id="status" name="status" label="Status" defaultValue={e.status} options={ENGAGEMENT_STATUSES} error={errors.status} />
              <PlainSelect id="expectedVote" name="expectedVote" label="Expected vote" hint="Overrides the recorded vote in the projection." defaultValue={e.expectedVote ?? ''} options={{ '': 'As recorded', ...EXPECTED_VOTES }} error={errors.expectedVote} />
              <PlainInput id="contact" name="contact" label="Contact" hint="A name, an email address or a phone number." defaultValue={e.contact ?? ''} maxLength={300} error={errors.contact} />
              <PlainInput id="nextStepOn" name="nextStepOn" type="date" label="Next step on" defaultValue={e.nextStepOn ?? ''} error={errors.nextStepOn} />
              <PlainTextarea id="notes" name="notes" label="Notes" rows={4} maxLength={4000} defaultValue={e.notes ?? ''} error={errors.notes} />
              <button type="submit" name="intent" value="engagement" className="button button--primary">
                Save engagement
              </button>
            </Form>
          ) : (
            <dl className="facts">
              <dt>Status</dt>
              <dd>{ENGAGEMENT_STATUSES[e.status]}</dd>
              <dt>Contact</dt>
              <dd>{e.contact ?? '—'}</dd>
              <dt>Next step</dt>
              <dd>{e.nextStepOn ? shortDate(e.nextStepOn) : '—'}</dd>
              <dt>Notes</dt>
              <dd className="pre-line">{e.notes ?? '—'}</dd>
            </dl>
          )}
          <p className="panel__footnote">
            Changes are recorded in the <Link to={`/organizer/audit?campaign=${campaign.slug}`}>audit log</Link>.
          </p>
        </section>
      </div>
    </>
  )
}
