import type { Db } from '../../db/schema'
import type { BatchResult, MailTransport, OutgoingEmail, SendResult } from './transport'

/**
 * The development transport (no RESEND_API_KEY): every message is kept in the outbox table,
 * shown in the organizer area, and its links are logged so a developer can click through.
 * Idempotency keys are honoured as Resend does: the same key is stored once.
 */
export function createOutboxTransport(db: Db, options: { log: boolean }): MailTransport {
  async function store(email: OutgoingEmail, key: string | null): Promise<string> {
    const row = await db
      .insertInto('outbox_messages')
      .values({ to_email: email.to, from_email: email.from, subject: email.subject, html: email.html, text: email.text, headers: JSON.stringify(email.headers), idempotency_key: key, campaign_id: email.campaignId ?? null })
      .onConflict((oc) => oc.column('idempotency_key').doUpdateSet({ idempotency_key: key }))
      .returning('id')
      .executeTakeFirstOrThrow()
    if (options.log) {
      const links = [...new Set(email.text.match(/https?:\/\/\S+/g) ?? [])].filter((l) => /\/(confirm|me|u|organizer\/invite|organizer\/reset)\//.test(l))
      console.log(`[outbox] to ${email.to}: ${email.subject}${links.map((l) => `\n  ${l}`).join('')}`)
    }
    return `outbox-${row.id}`
  }

  return {
    name: 'outbox',
    async send(email: OutgoingEmail): Promise<SendResult> {
      return { ok: true, providerId: await store(email, email.idempotencyKey ?? null) }
    },
    async sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult> {
      const providerIds: string[] = []
      for (const [i, email] of emails.entries()) providerIds.push(await store(email, `${idempotencyKey}:${i}`))
      return { ok: true, providerIds, headers: {} }
    },
  }
}
