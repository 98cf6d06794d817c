import { Resend } from 'resend'
import type { MailTransport, OutgoingEmail, SendResult } from './transport'

// The one module that calls the Resend SDK. Everything else asks app/models/mail.server.ts.

export function createResendTransport(options: { apiKey: string; baseUrl?: string }): MailTransport {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined)

  function payload(email: OutgoingEmail) {
    return { from: email.from, to: [email.to], subject: email.subject, html: email.html, text: email.text, headers: email.headers }
  }

  return {
    name: 'resend',
    async send(email: OutgoingEmail): Promise<SendResult> {
      const { data, error, headers } = await resend.emails.send(payload(email), email.idempotencyKey ? { idempotencyKey: email.idempotencyKey } : {})
      if (error || !data) return { ok: false, error: error?.message ?? 'Resend gave no answer', status: error && 'statusCode' in error ? (error.statusCode as number | null) : null, headers: headers ?? {} }
      return { ok: true, providerId: data.id }
    },
  }
}
