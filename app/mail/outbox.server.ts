import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { MailTransport, OutgoingEmail, SendResult } from './transport'

/**
 * The development transport (no RESEND_API_KEY): every message is kept in the outbox table,
 * shown in the organizer area, and its links are logged so a developer can click through.
 */
export function createOutboxTransport(db: Kysely<Database>, options: { log: boolean }): MailTransport {
  return {
    name: 'outbox',
    async send(email: OutgoingEmail): Promise<SendResult> {
      const row = await db
        .insertInto('outbox_messages')
        .values({
          to_email: email.to,
          from_email: email.from,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: JSON.stringify(email.headers),
          idempotency_key: email.idempotencyKey ?? null,
        })
        .onConflict((oc) => oc.column('idempotency_key').doUpdateSet({ idempotency_key: email.idempotencyKey ?? null }))
        .returning('id')
        .executeTakeFirstOrThrow()
      if (options.log) {
        const links = [...new Set(email.text.match(/https?:\/\/\S+/g) ?? [])].filter((l) => /\/(confirm|me|u)\//.test(l))
        console.log(`[outbox] to ${email.to}: ${email.subject}${links.map((l) => `\n  ${l}`).join('')}`)
      }
      return { ok: true, providerId: `outbox-${row.id}` }
    },
  }
}
