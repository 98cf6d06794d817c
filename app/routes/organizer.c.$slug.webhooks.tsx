import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { EditorHeading } from '~/components/organizer-headings'
import { NewSecretNotice, NewWebhookEndpointForm, WebhookDeliveryTable, WebhookEndpointTable } from '~/components/webhooks'
import { config } from '~/config.server'
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listRecentWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
  rotateWebhookSecret,
  setWebhookEndpointEnabled,
} from '~/models/webhook-endpoints.server'
import { NewWebhookEndpointSchema, ResendWebhookSchema, WebhookEndpointActionSchema } from '~/schemas/webhooks'
import editorStylesHref from '~/styles/organizer-editor.css'
import { readCampaignForm } from '~/utils/campaign-action.server'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'
import { failureMessage, replyWithFailure } from '~/utils/result'

// Outgoing webhooks, for a campaign's owners only: endpoints (each with a secret shown once),
// and the latest deliveries with every attempt and a "Resend" button.

export const links = () => [{ rel: 'stylesheet', href: editorStylesHref }]
export const headers: HeadersFunction = () => PRIVATE_NO_STORE
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Webhooks: ${data.campaign.title} · Quorum` : 'Webhooks · Quorum' }]

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })
const formatUtc = (date: Date) => `${dateFormat.format(date)} UTC`

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'owner')
  const [endpoints, deliveries] = await Promise.all([listWebhookEndpoints(context.db, { campaignId: campaign.id }), listRecentWebhookDeliveries(context.db, { campaignId: campaign.id })])
  return json(
    {
      campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, status: campaign.status, role },
      endpoints: endpoints.map((e) => ({
        id: e.id,
        url: e.url,
        description: e.description,
        events: e.event_types,
        enabled: e.disabled_at === null,
        rotatingUntil: e.rotating && e.previous_secret_expires_at ? formatUtc(e.previous_secret_expires_at) : null,
      })),
      deliveries: deliveries.map((d) => ({
        id: d.id,
        messageId: d.message_id,
        event: d.event_type,
        url: d.url,
        status: d.status,
        nextAttempt: d.status === 'queued' ? formatUtc(d.next_attempt_at) : null,
        lastError: d.last_error,
        attempts: d.attempts_log.map((a) => ({ id: a.id, at: formatUtc(a.attempted_at), outcome: a.status_code === null ? (a.error ?? 'no answer') : `HTTP ${a.status_code}`, durationMs: a.duration_ms })),
      })),
    },
    { headers: PRIVATE_NO_STORE },
  )
}

const noStore = { headers: PRIVATE_NO_STORE }

export async function action(args: ActionFunctionArgs) {
  const { organizer, campaign, form } = await readCampaignForm(args, 'owner')
  const db = args.context.db
  const actor = { actorId: organizer.id, campaignId: campaign.id }
  const back = (done: string) => redirect(`/organizer/c/${campaign.slug}/webhooks?done=${done}`)
  const intent = form.get('intent')

  if (intent === 'resend') {
    const submission = parseWithZod(form, { schema: ResendWebhookSchema })
    if (submission.status !== 'success') return json({ kind: 'row' as const, delivery: null, endpoint: null }, { status: 400, ...noStore })
    const resent = await resendWebhookDelivery(db, { ...actor, deliveryId: submission.value.deliveryId })
    if (!resent.ok) return json({ kind: 'row' as const, delivery: { deliveryId: submission.value.deliveryId, message: failureMessage(resent) }, endpoint: null }, { status: 422, ...noStore })
    return back('resent')
  }

  if (intent === 'create') {
    const submission = parseWithZod(form, { schema: NewWebhookEndpointSchema })
    if (submission.status !== 'success') return json({ kind: 'create' as const, result: submission.reply(), secret: null }, { status: 400, ...noStore })
    const created = await createWebhookEndpoint(db, { ...actor, ...submission.value, rules: config.webhooks })
    if (!created.ok) return json({ kind: 'create' as const, result: replyWithFailure(submission, created), secret: null }, { status: 422, ...noStore })
    // Shown in this answer only: never in an address, a cookie or the page's later loads.
    return json({ kind: 'create' as const, result: submission.reply({ resetForm: true }), secret: { value: created.secret, url: submission.value.url, rotated: false } }, noStore)
  }

  const submission = parseWithZod(form, { schema: WebhookEndpointActionSchema })
  if (submission.status !== 'success') return json({ kind: 'row' as const, delivery: null, endpoint: null }, { status: 400, ...noStore })
  const { endpointId } = submission.value
  const rowError = (message: string) => json({ kind: 'row' as const, delivery: null, endpoint: { endpointId, message } }, { status: 422, ...noStore })
  switch (submission.value.intent) {
    case 'rotate': {
      const rotated = await rotateWebhookSecret(db, { ...actor, endpointId })
      if (!rotated.ok) return rowError(failureMessage(rotated))
      const endpoint = (await listWebhookEndpoints(db, { campaignId: campaign.id })).find((e) => e.id === endpointId)
      return json({ kind: 'create' as const, result: null, secret: { value: rotated.secret, url: endpoint?.url ?? '', rotated: true } }, noStore)
    }
    case 'disable':
    case 'enable': {
      const changed = await setWebhookEndpointEnabled(db, { ...actor, endpointId, enabled: submission.value.intent === 'enable' })
      return changed.ok ? back(submission.value.intent === 'enable' ? 'enabled' : 'disabled') : rowError(failureMessage(changed))
    }
    case 'delete': {
      const deleted = await deleteWebhookEndpoint(db, { ...actor, endpointId })
      return deleted.ok ? back('deleted') : rowError(failureMessage(deleted))
    }
  }
}

const DONE_MESSAGES: Record<string, string> = {
  resent: 'Queued again: it goes out within a few seconds, under the same webhook-id.',
  enabled: 'Endpoint enabled: new events go to it again.',
  disabled: 'Endpoint disabled: it gets no new events, and what was waiting for it was cancelled.',
  deleted: 'Endpoint deleted, with its deliveries.',
}

export default function WebhooksPage() {
  const { campaign, endpoints, deliveries } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  const done = !actionData ? DONE_MESSAGES[search.get('done') ?? ''] : undefined
  const secret = actionData?.kind === 'create' ? actionData.secret : null
  return (
    <div className="editor-page">
      <EditorHeading campaign={campaign}>Webhooks: {campaign.title}</EditorHeading>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      {secret ? <NewSecretNotice secret={secret.value} url={secret.url} rotated={secret.rotated} /> : null}
      <section className="editor-section editor-section--standalone" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">Endpoints</h2>
        <p>
          Quorum POSTs each event to these addresses as JSON, signed as the <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> specification says: check the{' '}
          <code>webhook-signature</code> header with the endpoint’s secret, and use <code>webhook-id</code> to ignore an event you already have. An event that is not answered with a 2xx is
          tried again, waiting longer each time, for about nine hours.
        </p>
        <WebhookEndpointTable endpoints={endpoints} error={actionData?.kind === 'row' ? (actionData.endpoint ?? undefined) : undefined} />
        <h3>New endpoint</h3>
        <NewWebhookEndpointForm lastResult={actionData?.kind === 'create' ? actionData.result : null} />
      </section>
      <section className="editor-section editor-section--standalone" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">Latest deliveries</h2>
        <WebhookDeliveryTable deliveries={deliveries} error={actionData?.kind === 'row' ? (actionData.delivery ?? undefined) : undefined} />
      </section>
    </div>
  )
}
