import { Resend } from 'resend'
import { singleLine } from '../utils/single-line'
import type { BatchResult, MailTransport, OutgoingEmail, SendResult } from './transport'

// The one module that calls the Resend SDK. Everything else reaches it through a MailTransport (default-transport.server.ts).

export function createResendTransport(options: { apiKey: string; baseUrl?: string; timeoutMs?: number }): MailTransport {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined)

  // The last line of defence for headers: whatever a builder let through, nothing leaves here
  // that could start a header of its own (and the same input always gives the same bytes).
  function payload(email: OutgoingEmail) {
    const headers = Object.fromEntries(Object.entries(email.headers).map(([name, value]) => [name, singleLine(value)]))
    return { from: singleLine(email.from), to: [singleLine(email.to)], subject: singleLine(email.subject), html: email.html, text: email.text, headers }
  }

  function failure(error: { message?: string; statusCode?: number | null } | null, headers: Record<string, string> | null) {
    return { ok: false as const, error: error?.message ?? 'Resend gave no answer', status: error?.statusCode ?? null, headers: headers ?? {} }
  }

  return {
    name: 'resend',
    async send(email: OutgoingEmail): Promise<SendResult> {
      // The same timeout as a batch: a request that outlives it is retried under the same key.
      const signal = AbortSignal.timeout(options.timeoutMs ?? 30_000)
      const { data, error, headers } = await resend.emails.send(payload(email), { ...(email.idempotencyKey ? { idempotencyKey: email.idempotencyKey } : {}), signal } as { idempotencyKey?: string })
      if (error || !data) return failure(error as { message?: string; statusCode?: number | null } | null, headers)
      return { ok: true, providerId: data.id, headers: headers ?? {} }
    },
    async sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult> {
      // A request that outlives the timeout may still have reached Resend: the batch is retried
      // later under the same key, so it is delivered at most once either way.
      const signal = AbortSignal.timeout(options.timeoutMs ?? 30_000)
      const { data, error, headers } = await resend.batch.send(emails.map(payload), { idempotencyKey, signal } as { idempotencyKey: string })
      if (error || !data) return failure(error as { message?: string; statusCode?: number | null } | null, headers)
      return { ok: true, providerIds: data.data.map((d) => d.id), headers: headers ?? {} }
    },
  }
}

/**
 * Checks a webhook's Svix signature with the SDK; returns the parsed event, or null when the
 * signature, the timestamp (five minutes' tolerance) or the secret does not match.
 */
export function verifyResendWebhook(input: { payload: string; headers: { id: string; timestamp: string; signature: string }; secret: string }): unknown {
  try {
    // Verification needs no API key; the SDK's constructor wants one anyway.
    return new Resend('re_verify_only').webhooks.verify({ payload: input.payload, headers: input.headers, webhookSecret: input.secret })
  } catch {
    return null
  }
}
