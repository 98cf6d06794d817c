import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { AuditEntry, describeChanges } from '~/components/audit-entry'
import { listAudit } from '~/models/audit.server'
import { listOrganizerCampaigns } from '~/models/organizers.server'
import { isCampaignSlug } from '~/schemas/fields'
import auditStylesHref from '~/styles/organizer-audit.css'
import { auditSentence, SENTENCE_ONLY } from '~/utils/audit-sentences'
import { formatInstantIn } from '~/utils/dates'
import { PRIVATE_NO_STORE, requireOrganizer } from '~/utils/organizer-auth.server'

// What changed, who changed it and when: the entries of the campaigns the organizer works on,
// and their own account's. Newest first, 50 at a time, paged by id (stable while entries arrive).

export const links = () => [{ rel: 'stylesheet', href: auditStylesHref }]
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction = () => [{ title: 'Audit log · Quorum' }]

const PAGE_SIZE = 50

export async function loader({ request, context }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request, context)
  const url = new URL(request.url)
  const campaignSlug = url.searchParams.get('campaign') || undefined
  if (campaignSlug !== undefined && !isCampaignSlug(campaignSlug)) {
    throw json({ error: 'invalid_campaign', message: 'The campaign filter takes a campaign’s page address, e.g. amazon-customer-due-diligence: choose one from the list.' }, { status: 400, headers: PRIVATE_NO_STORE })
  }
  const beforeParam = url.searchParams.get('before')
  const before = beforeParam && /^\d{1,18}$/.test(beforeParam) ? beforeParam : undefined
  const [rows, campaigns] = await Promise.all([
    // One extra row tells whether there is an older page, without counting.
    listAudit(context.db, { organizerId: organizer.id, campaignSlug, before, limit: PAGE_SIZE + 1 }),
    listOrganizerCampaigns(context.db, { organizerId: organizer.id }),
  ])
  const page = rows.slice(0, PAGE_SIZE)
  // Every year of a proposal has the same title: name the campaigns with their year.
  const labels = new Map(campaigns.map((c) => [c.slug, `${c.title} ${c.agm_year}`]))
  const entries = page.map((row) => {
    // Times in the campaign's own time zone; entries without a campaign (an account, every campaign) in UTC.
    const timeZone = row.campaign_time_zone ?? 'UTC'
    const campaign = row.campaign_slug ? { slug: row.campaign_slug, title: labels.get(row.campaign_slug) ?? row.campaign_title ?? row.campaign_slug } : null
    return {
      id: row.id,
      when: formatInstantIn(row.created_at, timeZone),
      whenIso: row.created_at.toISOString(),
      sentence: auditSentence({
        action: row.action,
        who: row.organizer_email ?? 'A deleted account',
        campaign: campaign?.title ?? null,
        updateSubject: row.update_subject,
        entityType: row.entity_type,
        entityId: row.entity_id,
        before: row.before,
        after: row.after,
        timeZone,
      }),
      campaign,
      changes: SENTENCE_ONLY.test(row.action) ? [] : describeChanges(row.before, row.after, timeZone),
    }
  })
  const older = rows.length > PAGE_SIZE ? `?${new URLSearchParams({ ...(campaignSlug ? { campaign: campaignSlug } : {}), before: page.at(-1)!.id })}` : null
  return json(
    { entries, older, campaignSlug: campaignSlug ?? '', paged: Boolean(before), campaigns: campaigns.map((c) => ({ slug: c.slug, label: labels.get(c.slug)! })) },
    { headers: PRIVATE_NO_STORE },
  )
}

export default function AuditLogPage() {
  const { entries, older, campaignSlug, paged, campaigns } = useLoaderData<typeof loader>()
  const filtered = campaigns.find((c) => c.slug === campaignSlug)
  return (
    <div className="editor-page">
      <div className="organizer-heading">
        <h1>Audit log</h1>
        <Form method="get" className="audit-filter">
          <label htmlFor="audit-campaign">Campaign</label>
          <select id="audit-campaign" name="campaign" defaultValue={campaignSlug} className="control control--compact">
            <option value="">All your campaigns</option>
            {campaigns.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.label}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small">
            Show
          </button>
        </Form>
      </div>
      <p className="lede">
        {filtered ? `Changes to ${filtered.label}` : 'Changes to the campaigns you work on, and to your own account'}, newest first. Times are in each campaign’s own time zone (UTC for changes to your account or to every campaign).
      </p>
      {entries.length === 0 ? <p className="notice">{paged ? 'There are no older entries.' : 'Nothing has been changed yet.'}</p> : null}
      <ol className="audit-list" aria-label="Audit entries">
        {entries.map((entry) => (
          <AuditEntry key={entry.id} entry={entry} />
        ))}
      </ol>
      <nav className="audit-pager" aria-label="More entries">
        {paged ? <Link to={campaignSlug ? `/organizer/audit?campaign=${encodeURIComponent(campaignSlug)}` : '/organizer/audit'}>← Newest entries</Link> : null}
        {older ? <Link to={older}>Older entries →</Link> : null}
      </nav>
    </div>
  )
}
