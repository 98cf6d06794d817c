import { Resend } from 'resend'
import type { BatchResult, MailTransport, OutgoingEmail, SendResult } from './transport'

// The one module that calls the Resend SDK. Everything else asks app/models/mail.server.ts.

export function createResendTransport(options: { apiKey: string; baseUrl?: string }): MailTransport {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined)

  function payload(email: OutgoingEmail) {
    return { from: email.from, to: [email.to], subject: email.subject, html: email.html, text: email.text, headers: email.headers }
  }

  function failure(error: { message?: string; statusCode?: number | null } | null, headers: Record<string, string> | null) {
    return { ok: false as const, error: error?.message ?? 'Resend gave no answer', status: error?.statusCode ?? null, headers: headers ?? {} }
  }

  return {
    name: 'resend',
    async send(email: OutgoingEmail): Promise<SendResult> {
      const { data, error, headers } = await resend.emails.send(payload(email), email.idempotencyKey ? { idempotencyKey: email.idempotencyKey } : {})
      if (error || !data) return failure(error as { message?: string; statusCode?: number | null } | null, headers)
      return { ok: true, providerId: data.id, headers: headers ?? {} }
    },
    async sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult> {
      const { data, error, headers } = await resend.batch.send(emails.map(payload), { idempotencyKey })
      if (error || !data) return failure(error as { message?: string; statusCode?: number | null } | null, headers)
      return { ok: true, providerIds: data.data.map((d) => d.id), headers: headers ?? {} }
    },
  }
}
