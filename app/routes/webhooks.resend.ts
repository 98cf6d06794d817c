import type { ActionFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { config } from '~/config.server'
import { verifyResendWebhook } from '~/mail/index.server'
import { recordResendEvent } from '~/models/webhooks.server'
import { MAX_BODY_BYTES } from '~/utils/http-guards.server'

// Resend's webhook: Svix-signed (verified with the SDK), deduplicated on svix-id.
export async function action({ request, context }: ActionFunctionArgs) {
  if (!config.resendWebhookSecret) return json({ error: 'not_configured', message: 'Set RESEND_WEBHOOK_SECRET to receive Resend webhooks.' }, { status: 503 })
  const payload = await request.text()
  if (Buffer.byteLength(payload) > MAX_BODY_BYTES) return json({ error: 'body_too_large' }, { status: 413 })
  const headers = { id: request.headers.get('svix-id') ?? '', timestamp: request.headers.get('svix-timestamp') ?? '', signature: request.headers.get('svix-signature') ?? '' }
  const event = verifyResendWebhook({ payload, headers, secret: config.resendWebhookSecret })
  if (!event) return json({ error: 'invalid_signature', message: 'The webhook signature does not verify.' }, { status: 400 })
  const { duplicate, ignored } = await recordResendEvent(context.db, { svixId: headers.id, event })
  return json(ignored ? { ok: true, duplicate, ignored } : { ok: true, duplicate })
}

export async function loader() {
  return json({ error: 'method_not_allowed', message: 'Resend posts events here.' }, { status: 405, headers: { Allow: 'POST' } })
}
